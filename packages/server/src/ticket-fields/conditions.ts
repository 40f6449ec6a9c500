// The `customField` rule condition (pure): ticket rules and SLA rules ask about a custom field's value. Its config
// is checked here for shape; that the key names a field of the workspace and the value fits the field's type is
// checked when the rule is saved (src/ticket-fields/service.ts registers that check).
import { z } from 'zod';
import { registerConditionKind } from '../rules/kinds.js';
import { FIELD_KEY, FIELD_KEY_MESSAGE, FIELD_OPERATORS, type FieldConditionConfig, fieldConditionHolds } from './fields.js';

export const CUSTOM_FIELD_CONDITION = 'customField';

export const customFieldConditionConfig = z
  .strictObject({
    key: z.string().regex(FIELD_KEY, FIELD_KEY_MESSAGE),
    operator: z.enum(FIELD_OPERATORS),
    value: z.union([z.string().max(1000, 'At most 1000 characters.'), z.number().finite(), z.boolean()]).optional(),
  })
  .superRefine((config, context) => {
    const needsValue = config.operator !== 'IS_SET' && config.operator !== 'IS_NOT_SET';
    if (needsValue && config.value === undefined) context.addIssue({ code: 'custom', path: ['value'], message: `${config.operator} needs a value.` });
    if (!needsValue && config.value !== undefined) context.addIssue({ code: 'custom', path: ['value'], message: `${config.operator} takes no value.` });
  }) satisfies z.ZodType<FieldConditionConfig>;

registerConditionKind<FieldConditionConfig>({
  kind: CUSTOM_FIELD_CONDITION,
  description:
    "A custom field's value (see `ticketFields`). Config: { key: String, operator: EQUALS | NOT_EQUALS | CONTAINS | " +
    'GREATER_THAN | LESS_THAN | IS_SET | IS_NOT_SET, value?: the field\'s kind of value }. Text compares ignoring case; ' +
    'CONTAINS is for TEXT, GREATER_THAN/LESS_THAN for NUMBER and DATE; an unset value only matches NOT_EQUALS and ' +
    'IS_NOT_SET (an unticked CHECKBOX reads as false).',
  config: customFieldConditionConfig,
  test: (config, { ticket }) => fieldConditionHolds(config, ticket.customFields[config.key]),
});

/** The customField conditions in stored conditions, groups included (for "which rules use this field"). */
export function customFieldConditionsIn(conditions: unknown): FieldConditionConfig[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.flatMap((condition: { kind?: unknown; config?: unknown }) => {
    if (condition?.kind === CUSTOM_FIELD_CONDITION) return [condition.config as FieldConditionConfig];
    if (condition?.kind === 'all' || condition?.kind === 'any') return customFieldConditionsIn((condition.config as { conditions?: unknown })?.conditions);
    return [];
  });
}
