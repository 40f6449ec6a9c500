// Custom field values on a ticket being created or changed, inside the ticket's transaction: each value checked
// against its field's definition, required fields enforced where asked, and the changes for the ticket's history.
import { badInput } from '../errors.js';
import type { Tx } from '../events/write.js';
import type { TicketFieldType } from '../generated/prisma/enums.js';
import {
  type CustomFieldChange,
  type CustomFieldValues,
  diffCustomFields,
  FIELD_KEY,
  FIELD_KEY_MESSAGE,
  type FieldDefinition,
  MAX_FIELDS,
  valueOf,
} from './fields.js';

/** One value a client sets: the field's key, and its value (null clears). */
export interface CustomFieldInput {
  key: string;
  value?: unknown;
}

export interface CustomFieldsOutcome {
  values: CustomFieldValues;
  changes: CustomFieldChange[];
}

/**
 * `current` with `inputs` applied. `field` is where the list sits in the input (`input.customFields`); a problem
 * with a value names its key (`input.customFields.plan`). With `requireAll` (an agent creating a ticket), every
 * required field must end up with a value.
 */
export async function customFieldValuesInTx(
  tx: Tx,
  workspaceId: string,
  current: CustomFieldValues,
  inputs: readonly CustomFieldInput[] | null | undefined,
  { field, requireAll = false }: { field: string; requireAll?: boolean },
): Promise<CustomFieldsOutcome> {
  const given = inputs ?? [];
  if (given.length === 0 && !requireAll) return { values: current, changes: [] };
  if (given.length > MAX_FIELDS) throw badInput(field, `At most ${MAX_FIELDS} values.`);
  const keys: string[] = [];
  for (const [index, input] of given.entries()) {
    if (!FIELD_KEY.test(input.key)) throw badInput(`${field}.${index}.key`, FIELD_KEY_MESSAGE);
    if (keys.includes(input.key)) throw badInput(`${field}.${input.key}`, 'Each field may be given only once.');
    keys.push(input.key);
  }
  // FOR SHARE: an admin deleting the field, or removing the option a value uses, waits for this change and then
  // sees it (src/ticket-fields/service.ts), so no value of a field that no longer allows it slips in.
  const rows = await tx.$queryRaw<{ key: string; type: TicketFieldType; options: string[]; required: boolean }[]>`
    SELECT "key", "type"::text AS "type", "options", "required" FROM "TicketField"
     WHERE "workspaceId" = ${workspaceId}::uuid AND ("key" = ANY(${keys}::text[]) OR (${requireAll}::boolean AND "required"))
     ORDER BY "key" FOR SHARE`;
  const definitions = new Map<string, FieldDefinition>(rows.map((row) => [row.key, row]));

  const values: CustomFieldValues = { ...current };
  for (const input of given) {
    const definition = definitions.get(input.key);
    if (!definition) throw badInput(`${field}.${input.key}`, `This workspace has no custom field "${input.key}" (see ticketFields).`);
    const parsed = valueOf(definition, input.value);
    if ('problem' in parsed) throw badInput(`${field}.${input.key}`, parsed.problem);
    if (parsed.value === null) {
      if (definition.required && current[input.key] !== undefined) throw badInput(`${field}.${input.key}`, 'This field is required: change it, but do not clear it.');
      delete values[input.key];
    } else {
      values[input.key] = parsed.value;
    }
  }
  if (requireAll) {
    const missing = rows.find((row) => row.required && values[row.key] === undefined);
    if (missing) throw badInput(`${field}.${missing.key}`, `This field is required.`);
  }
  return { values, changes: diffCustomFields(current, values) };
}
