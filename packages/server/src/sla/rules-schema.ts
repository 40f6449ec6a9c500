// GraphQL for SLA rules: the SlaRule node (rows of the rule table with ruleSet SLA), `slaRules` in order, and the
// mutations supervisors and admins use to decide which tickets get which SLA policy.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { hasRoleAtLeast } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { encodeCondition, type StoredCondition } from '../rules/evaluate.js';
import { itemsOf, positionRule, RuleConditionInput, RuleTriggerEnum, triggersOfRule } from '../rules/schema.js';
import { builder } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { policyIdOfActions } from './rule-kinds.js';
import { createSlaRule, deleteSlaRule, reorderSlaRules, updateSlaRule } from './rules-service.js';

const LIST_LIMIT = 500;

const supervisorOfWorkspace = (parent: { workspaceId: string }, ctx: Context) =>
  !!ctx.principal && parent.workspaceId === ctx.principal.workspaceId && hasRoleAtLeast(ctx.principal, 'SUPERVISOR');

const inOrder = [{ position: 'asc' as const }, { createdAt: 'asc' as const }, { id: 'asc' as const }];

export const SlaRuleRef = builder.prismaNode('Rule', {
  variant: 'SlaRule',
  id: { field: 'id' },
  runScopesOnType: true,
  authScopes: supervisorOfWorkspace,
  findUnique: (id, ctx) => ({ ...nodeWhere(id, ctx), ruleSet: 'SLA' }),
  nullable: true,
  description:
    'Chooses the SLA policy of tickets. After the ticket rules of every change, the enabled SLA rules are checked in ' +
    'position order; each one whose conditions hold sets its policy (a later one overrides an earlier one) and ' +
    'stopOtherRules ends the pass. No matching rule: the ticket has no SLA.',
  fields: (t) => ({
    name: t.exposeString('name'),
    position: t.exposeInt('position', { description: 'Place in the order SLA rules are checked in, from 0.' }),
    enabled: t.exposeBoolean('enabled'),
    triggers: t.field({ type: [RuleTriggerEnum], resolve: triggersOfRule }),
    conditions: t.field({
      type: 'JSON',
      description: 'All must hold (none: always): [{ kind, config }], the condition kinds of ticket rules (see `ruleKinds`).',
      resolve: (rule) => (rule.conditions as unknown as StoredCondition[]).map(encodeCondition),
    }),
    policy: t.prismaField({
      type: 'SlaPolicy',
      nullable: true,
      description: 'The policy it gives matching tickets; null = no SLA.',
      resolve: (query, rule, _args, ctx) => {
        const policyId = policyIdOfActions(rule.actions);
        return policyId ? ctx.app.db.prisma.slaPolicy.findFirst({ ...query, where: { id: policyId, workspaceId: rule.workspaceId } }) : null;
      },
    }),
    stopOtherRules: t.exposeBoolean('stopOtherRules', { description: 'When it matches, the SLA rules after it are not checked.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('slaRules', (t) =>
  t.prismaField({
    type: [SlaRuleRef],
    description: "The workspace's SLA rules in the order they are checked.",
    authScopes: { supervisor: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.rule.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId, ruleSet: 'SLA' },
        orderBy: inOrder,
        take: LIST_LIMIT,
      }),
  }),
);

// ---------------------------------------------------------------- mutations

const CreateSlaRuleInput = builder.inputType('CreateSlaRuleInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule, description: 'Unique among the SLA rules of the workspace.' }),
    triggers: t.field({ type: [RuleTriggerEnum], required: false, description: 'When it is checked; defaults to both.' }),
    enabled: t.boolean({ required: false, description: 'Defaults to true.' }),
    position: t.int({ required: false, validate: positionRule, description: '0 = checked first; omitted = last.' }),
    conditions: t.field({ type: [RuleConditionInput], required: false, description: 'As in ticket rules; all must hold, none = always.' }),
    policyId: t.id({ required: false, description: 'The SLA policy matching tickets get; omitted or null = no SLA.' }),
    stopOtherRules: t.boolean({ required: false, description: 'When it matches, skip the SLA rules after it. Defaults to false.' }),
  }),
});

const policyIdOf = (policyId: string | number | null | undefined) =>
  policyId === undefined ? undefined : policyId === null ? null : idOf(String(policyId), 'SlaPolicy', 'input.policyId');

builder.mutationField('createSlaRule', (t) =>
  t.prismaField({
    type: SlaRuleRef,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: CreateSlaRuleInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.rule,
        query,
        createSlaRule(ctx, {
          name: input.name,
          triggers: input.triggers,
          enabled: input.enabled,
          position: input.position,
          conditions: itemsOf(input.conditions ?? []),
          policyId: policyIdOf(input.policyId) ?? null,
          stopOtherRules: input.stopOtherRules,
        }),
      ),
  }),
);

const UpdateSlaRuleInput = builder.inputType('UpdateSlaRuleInput', {
  description: 'Omitted fields stay as they are; conditions are replaced as a whole; policyId: null = no SLA.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    triggers: t.field({ type: [RuleTriggerEnum], required: false }),
    enabled: t.boolean({ required: false }),
    position: t.int({ required: false, validate: positionRule, description: 'Move it to this place (0 = first).' }),
    conditions: t.field({ type: [RuleConditionInput], required: false }),
    policyId: t.id({ required: false }),
    stopOtherRules: t.boolean({ required: false }),
  }),
});

builder.mutationField('updateSlaRule', (t) =>
  t.prismaField({
    type: SlaRuleRef,
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: UpdateSlaRuleInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.rule,
        query,
        updateSlaRule(ctx, {
          id: idOf(String(input.id), 'SlaRule', 'input.id'),
          name: input.name,
          triggers: input.triggers,
          enabled: input.enabled,
          position: input.position,
          conditions: input.conditions ? itemsOf(input.conditions) : undefined,
          policyId: policyIdOf(input.policyId),
          stopOtherRules: input.stopOtherRules,
        }),
      ),
  }),
);

builder.mutationField('deleteSlaRule', (t) =>
  t.id({
    description: 'Deletes an SLA rule; the rules after it move up. Returns its id.',
    authScopes: { supervisor: true },
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) => encodeGlobalID('SlaRule', await deleteSlaRule(ctx, idOf(String(args.id), 'SlaRule'))),
  }),
);

builder.mutationField('reorderSlaRules', (t) =>
  t.prismaField({
    type: [SlaRuleRef],
    description: 'Puts the SLA rules in this order (the order they are checked in); list every SLA rule once.',
    authScopes: { supervisor: true },
    args: { ids: t.arg.idList() },
    resolve: async (query, _root, args, ctx) => {
      await reorderSlaRules(
        ctx,
        args.ids.map((id, index) => idOf(String(id), 'SlaRule', `ids.${index}`)),
      );
      return ctx.app.db.prisma.rule.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId, ruleSet: 'SLA' },
        orderBy: inOrder,
        take: LIST_LIMIT,
      });
    },
  }),
);
