// GraphQL for ticket rules: the Rule node, `rules(trigger)` in order, `ruleKinds`, the admin mutations and the dry
// run `testRule`. Rules are an admin's tool: every field here, and the Rule type itself, is for admins only. SLA rules
// live in the same table (ruleSet SLA) but are another type (SlaRule, src/sla/rules-schema.ts): none of this shows them.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { hasRoleAtLeast } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { builder } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import {
  actionKindDescriptions,
  type ConditionResult,
  conditionKindDescriptions,
  encodeAction,
  encodeCondition,
  type KindDescription,
  type StoredAction,
  type StoredCondition,
} from './evaluate.js';
import { RULE_TRIGGERS } from './facts.js';
import { type ActionResult, createRule, deleteRule, reorderRules, type RuleTestResult, testRule, updateRule } from './service.js';

const LIST_LIMIT = 500;

/** The `triggers` column as the enum (values it does not know are left out). */
export const triggersOfRule = (rule: { triggers: string[] }) =>
  rule.triggers.filter((trigger): trigger is (typeof RULE_TRIGGERS)[number] => (RULE_TRIGGERS as readonly string[]).includes(trigger));

export const RuleTriggerEnum = builder.enumType('RuleTrigger', {
  values: {
    TICKET_CREATED: { description: 'A ticket was created.' },
    TICKET_UPDATED: { description: 'A ticket changed, or got a reply or a note (not by a rule).' },
  } as const,
});

const RuleConditionRef = builder.objectRef<StoredCondition>('RuleCondition').implement({
  description: 'A condition: `kind` names what it checks (see `ruleKinds`), `config` its settings.',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    config: t.field({ type: 'JSON', resolve: (condition) => condition.config ?? {} }),
  }),
});

const RuleActionRef = builder.objectRef<StoredAction>('RuleAction').implement({
  description: 'An action: `kind` names what it does (see `ruleKinds`), `config` its settings.',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    config: t.field({ type: 'JSON', resolve: (action) => action.config ?? {} }),
  }),
});

const adminOfWorkspace = (parent: { workspaceId: string }, ctx: Context) =>
  !!ctx.principal && parent.workspaceId === ctx.principal.workspaceId && hasRoleAtLeast(ctx.principal, 'ADMIN');

export const RuleRef = builder.prismaNode('Rule', {
  id: { field: 'id' },
  runScopesOnType: true,
  authScopes: adminOfWorkspace,
  findUnique: (id, ctx) => ({ ...nodeWhere(id, ctx), ruleSet: 'TICKET' }),
  nullable: true,
  description:
    'A condition → action rule. On each trigger the enabled rules run once, in position order; a rule acts when all ' +
    'its conditions hold on the ticket as the rules before it left it. Changes made by rules do not trigger rules.',
  fields: (t) => ({
    name: t.exposeString('name'),
    triggers: t.field({
      type: [RuleTriggerEnum],
      resolve: triggersOfRule,
    }),
    position: t.exposeInt('position', { description: 'Place in the order rules run in, from 0.' }),
    enabled: t.exposeBoolean('enabled'),
    stopOtherRules: t.exposeBoolean('stopOtherRules', { description: 'One of its actions is stopOtherRules.' }),
    conditions: t.field({
      type: [RuleConditionRef],
      description: 'All must hold (none: always).',
      resolve: (rule) => (rule.conditions as unknown as StoredCondition[]).map(encodeCondition),
    }),
    actions: t.field({
      type: [RuleActionRef],
      description: 'Applied in this order.',
      resolve: (rule) => (rule.actions as unknown as StoredAction[]).map(encodeAction),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

// ---------------------------------------------------------------- queries

builder.queryField('rules', (t) =>
  t.prismaField({
    type: ['Rule'],
    description: "The workspace's rules in the order they run; with `trigger`, only the rules that run on it.",
    authScopes: { admin: true },
    args: { trigger: t.arg({ type: RuleTriggerEnum, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.rule.findMany({
        ...query,
        where: {
          workspaceId: principalOf(ctx).workspaceId,
          ruleSet: 'TICKET',
          ...(args.trigger ? { triggers: { has: args.trigger } } : {}),
        },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        take: LIST_LIMIT,
      }),
  }),
);

const RuleKindRef = builder.objectRef<KindDescription>('RuleKind').implement({
  fields: (t) => ({
    kind: t.exposeString('kind'),
    description: t.exposeString('description', { description: 'What it does and the shape of its config.' }),
  }),
});

const RuleKindsRef = builder.objectRef<{ conditions: KindDescription[]; actions: KindDescription[] }>('RuleKinds').implement({
  fields: (t) => ({
    conditions: t.field({ type: [RuleKindRef], resolve: (kinds) => kinds.conditions }),
    actions: t.field({ type: [RuleKindRef], resolve: (kinds) => kinds.actions }),
  }),
});

builder.queryField('ruleKinds', (t) =>
  t.field({
    type: RuleKindsRef,
    description:
      'The condition and action kinds ticket rules can use, with the config each expects (SLA rules take the same ' +
      'conditions).',
    authScopes: { admin: true },
    resolve: () => ({
      conditions: conditionKindDescriptions(),
      // Choosing the SLA policy is what SLA rules do; ticket rules refuse it.
      actions: actionKindDescriptions().filter((kind) => kind.kind !== 'setSlaPolicy'),
    }),
  }),
);

const RuleConditionResultRef = builder.objectRef<ConditionResult>('RuleConditionResult');
RuleConditionResultRef.implement({
  fields: (t) => ({
    kind: t.exposeString('kind'),
    config: t.field({ type: 'JSON', resolve: (result) => encodeCondition(result).config ?? {} }),
    matched: t.exposeBoolean('matched'),
    conditions: t.field({
      type: [RuleConditionResultRef],
      description: 'For `all` and `any` groups: how each member fared.',
      resolve: (result) => result.conditions,
    }),
  }),
});

const RuleActionResultRef = builder.objectRef<ActionResult>('RuleActionResult').implement({
  fields: (t) => ({
    kind: t.exposeString('kind'),
    config: t.field({ type: 'JSON', resolve: (result) => encodeAction(result).config ?? {} }),
    wouldApply: t.exposeBoolean('wouldApply', { description: 'The rule matches and this action would change the ticket.' }),
    summary: t.exposeString('summary'),
    problem: t.exposeString('problem', {
      nullable: true,
      description: "Why it would be skipped even though the rule matches (an assignee not allowed on the ticket's product…).",
    }),
    pickedUser: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'The user the action assigns: assignUser\'s user, or the member round robin would pick now.',
      resolve: (query, result, _args, ctx) =>
        result.pickedUserId ? ctx.app.db.prisma.user.findUnique({ ...query, where: { id: result.pickedUserId } }) : null,
    }),
  }),
});

const RuleTestResultRef = builder.objectRef<RuleTestResult>('RuleTestResult').implement({
  fields: (t) => ({
    matched: t.exposeBoolean('matched', { description: 'All conditions hold.' }),
    trigger: t.field({ type: RuleTriggerEnum, resolve: (result) => result.trigger }),
    conditions: t.field({ type: [RuleConditionResultRef], resolve: (result) => result.conditions }),
    actions: t.field({ type: [RuleActionResultRef], resolve: (result) => result.actions }),
    rule: t.prismaField({
      type: 'Rule',
      resolve: (query, result, _args, ctx) => ctx.app.db.prisma.rule.findUniqueOrThrow({ ...query, where: { id: result.ruleId } }),
    }),
    ticket: t.prismaField({
      type: 'Ticket',
      resolve: (query, result, _args, ctx) => ctx.app.db.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: result.ticketId } }),
    }),
  }),
});

builder.queryField('testRule', (t) =>
  t.field({
    type: RuleTestResultRef,
    description:
      'Dry run: how the rule would treat the ticket now, on its own — each condition with its outcome, each action ' +
      'with what it would do. Changes nothing.',
    authScopes: { admin: true },
    args: {
      ruleId: t.arg.id(),
      ticketId: t.arg.id(),
      trigger: t.arg({ type: RuleTriggerEnum, required: false, description: "Defaults to the rule's first trigger." }),
    },
    resolve: (_root, args, ctx) =>
      testRule(ctx, idOf(String(args.ruleId), 'Rule', 'ruleId'), idOf(String(args.ticketId), 'Ticket', 'ticketId'), args.trigger),
  }),
);

// ---------------------------------------------------------------- mutations

export const positionRule = z.number().int().min(0, 'Must be 0 or more.');

export const RuleConditionInput = builder.inputType('RuleConditionInput', {
  description: 'A condition: one of the kinds `ruleKinds` lists, with its config. Ids in configs are global ids.',
  fields: (t) => ({
    kind: t.string({ description: 'A condition kind, or `any` / `all` with config { conditions: [...] }.' }),
    config: t.field({ type: 'JSON', required: false }),
  }),
});

const RuleActionInput = builder.inputType('RuleActionInput', {
  description: 'An action: one of the kinds `ruleKinds` lists, with its config. Ids in configs are global ids.',
  fields: (t) => ({
    kind: t.string(),
    config: t.field({ type: 'JSON', required: false }),
  }),
});

export const itemsOf = (items: readonly { kind: string; config?: unknown }[]) => items.map(({ kind, config }) => ({ kind, config }));

const CreateRuleInput = builder.inputType('CreateRuleInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule, description: 'Unique in the workspace.' }),
    triggers: t.field({ type: [RuleTriggerEnum], description: 'When it runs.' }),
    enabled: t.boolean({ required: false, description: 'Defaults to true.' }),
    position: t.int({ required: false, validate: positionRule, description: '0 = runs first; omitted = last.' }),
    conditions: t.field({ type: [RuleConditionInput], required: false, description: 'All must hold; none = always.' }),
    actions: t.field({ type: [RuleActionInput], description: 'At least one; applied in this order.' }),
  }),
});

builder.mutationField('createRule', (t) =>
  t.prismaField({
    type: 'Rule',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateRuleInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.rule,
        query,
        createRule(ctx, {
          name: input.name,
          triggers: input.triggers,
          enabled: input.enabled,
          position: input.position,
          conditions: itemsOf(input.conditions ?? []),
          actions: itemsOf(input.actions),
        }),
      ),
  }),
);

const UpdateRuleInput = builder.inputType('UpdateRuleInput', {
  description: 'Omitted fields stay as they are; conditions and actions are replaced as a whole.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    triggers: t.field({ type: [RuleTriggerEnum], required: false }),
    enabled: t.boolean({ required: false }),
    position: t.int({ required: false, validate: positionRule, description: 'Move it to this place (0 = first).' }),
    conditions: t.field({ type: [RuleConditionInput], required: false }),
    actions: t.field({ type: [RuleActionInput], required: false }),
  }),
});

builder.mutationField('updateRule', (t) =>
  t.prismaField({
    type: 'Rule',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateRuleInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.rule,
        query,
        updateRule(ctx, {
          id: idOf(String(input.id), 'Rule', 'input.id'),
          name: input.name,
          triggers: input.triggers,
          enabled: input.enabled,
          position: input.position,
          conditions: input.conditions ? itemsOf(input.conditions) : undefined,
          actions: input.actions ? itemsOf(input.actions) : undefined,
        }),
      ),
  }),
);

builder.mutationField('deleteRule', (t) =>
  t.id({
    description: 'Deletes a rule; the rules after it move up. Returns its id.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) => encodeGlobalID('Rule', await deleteRule(ctx, idOf(String(args.id), 'Rule'))),
  }),
);

builder.mutationField('reorderRules', (t) =>
  t.prismaField({
    type: ['Rule'],
    description: 'Puts the rules in this order (the order they run in); list every rule of the workspace once.',
    authScopes: { admin: true },
    args: { ids: t.arg.idList() },
    resolve: async (query, _root, args, ctx) => {
      await reorderRules(
        ctx,
        args.ids.map((id, index) => idOf(String(id), 'Rule', `ids.${index}`)),
      );
      return ctx.app.db.prisma.rule.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId, ruleSet: 'TICKET' },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        take: LIST_LIMIT,
      });
    },
  }),
);
