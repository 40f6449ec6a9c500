// Managing a workspace's ticket rules (admins): create, change, delete, put in order, and try one on a ticket without
// changing anything. Definitions are checked against the registry of kinds; ids in configs against the workspace.
// The table also holds the SLA rules (ruleSet SLA, src/sla/rules-service.ts): everything here keeps to ruleSet
// TICKET, and the helpers that take a rule set are shared with the SLA rules.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, DeskgraphError, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { RuleSet } from '../generated/prisma/enums.js';
import { resolveAssignee, ticketOfWorkspace } from '../tickets/service.js';
import { moveTo, positionChanges } from '../vocabularies/positions.js';
import { assertConditionChecks } from './config-checks.js';
import { roundRobinAssignee } from './engine.js';
import {
  type ConditionResult,
  explainConditions,
  factsNeeded,
  parseActions,
  parseConditions,
  planAction,
  type RuleItemInput,
  RuleDefinitionError,
  type StoredAction,
  type StoredCondition,
} from './evaluate.js';
import type { RuleTrigger } from './facts.js';
import type { ActionPlan } from './kinds.js';
import type { Reference } from './refs.js';
import { loadTicketFacts, registerFactSource } from './ticket-facts.js';

// The `team` condition asks which teams the assigned user belongs to.
registerFactSource('assigneeTeamIds', async (tx, ticket) => {
  if (!ticket.assigneeUserId) return [];
  const memberships = await tx.teamMember.findMany({ where: { userId: ticket.assigneeUserId }, select: { teamId: true } });
  return memberships.map((membership) => membership.teamId);
});

// The `assigneePresence` condition asks for the assigned user's presence; no presence row means never signed in.
registerFactSource('assigneePresence', async (tx, ticket) => {
  if (!ticket.assigneeUserId) return null;
  const presence = await tx.agentPresence.findUnique({ where: { userId: ticket.assigneeUserId }, select: { status: true } });
  return presence?.status ?? 'OFFLINE';
});

/** Action kinds that belong to another rule set: the SLA hook evaluates them, ticket rules must not carry them. */
const SLA_ONLY_ACTIONS = new Set(['setSlaPolicy']);

export interface RuleDefinitionInput {
  conditions: readonly RuleItemInput[];
  actions: readonly RuleItemInput[];
}

// ---------------------------------------------------------------- checks

/** Every id a config names must be an object of the rule's workspace; the first that is not answers NOT_FOUND. */
export async function assertReferences(tx: Tx, workspaceId: string, references: readonly Reference[]) {
  const found = new Map<string, Set<string>>();
  for (const typename of new Set(references.map((reference) => reference.typename))) {
    // Every referenced model is workspace-owned; its Prisma delegate is named after it (Team → tx.team).
    const delegate = (tx as unknown as Record<string, { findMany(args: object): Promise<{ id: string }[]> }>)[
      typename[0].toLowerCase() + typename.slice(1)
    ];
    if (!delegate) throw new Error(`rule config references unknown model ${typename}`);
    const ids = [...new Set(references.filter((reference) => reference.typename === typename).map((reference) => reference.id))];
    const rows = await delegate.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true } });
    found.set(typename, new Set(rows.map((row) => row.id)));
  }
  const missing = references.find((reference) => !found.get(reference.typename)?.has(reference.id));
  if (missing) throw notFound(missing.typename, missing.path);
}

async function definitionOf(tx: Tx, workspaceId: string, input: Partial<RuleDefinitionInput>) {
  try {
    const conditions = input.conditions ? parseConditions(input.conditions, 'input.conditions') : null;
    const slaAction = input.actions?.findIndex((action) => SLA_ONLY_ACTIONS.has(action.kind)) ?? -1;
    if (slaAction >= 0) throw badInput(`input.actions.${slaAction}.kind`, 'setSlaPolicy belongs in SLA rules.');
    const actions = input.actions ? parseActions(input.actions, 'input.actions') : null;
    await assertReferences(tx, workspaceId, [...(conditions?.references ?? []), ...(actions?.references ?? [])]);
    if (conditions) await assertConditionChecks(tx, workspaceId, conditions.items, 'input.conditions');
    return {
      ...(conditions ? { conditions: conditions.items as unknown as Prisma.InputJsonValue } : {}),
      ...(actions
        ? {
            actions: actions.items as unknown as Prisma.InputJsonValue,
            // Kept on the row so lists can show it without reading the actions.
            stopOtherRules: actions.items.some((action) => action.kind === 'stopOtherRules'),
          }
        : {}),
    };
  } catch (error) {
    if (error instanceof RuleDefinitionError) throw badInput(error.field, error.message);
    throw error;
  }
}

export function triggersOf(triggers: readonly RuleTrigger[]) {
  const unique = [...new Set(triggers)];
  if (unique.length === 0) throw badInput('input.triggers', 'List at least one trigger.');
  return unique;
}

/** Names are unique per rule set: a ticket rule and an SLA rule may share one. */
export async function assertNameFree(tx: Tx, workspaceId: string, ruleSet: RuleSet, name: string, exceptId?: string) {
  const clash = await tx.rule.findFirst({ where: { workspaceId, ruleSet, name, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.name', 'A rule with this name already exists.');
}

/** A rule of the workspace and the rule set; a rule of the other set is as unknown as one of another workspace. */
export async function ruleOfWorkspace(tx: Tx, workspaceId: string, ruleSet: RuleSet, id: string, field: string) {
  const rule = await tx.rule.findFirst({ where: { id, workspaceId, ruleSet } });
  if (!rule) throw notFound(ruleSet === 'SLA' ? 'SlaRule' : 'Rule', field);
  return rule;
}

// ---------------------------------------------------------------- order

/**
 * Rule changes of one workspace and rule set take turns, so positions stay dense (0..n-1) even when admins race.
 * Each set has its own order (ticket rules run first, then SLA rules), so each has its own lock.
 */
export async function lockRules(tx: Tx, workspaceId: string, ruleSet: RuleSet) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rules:${ruleSet}:${workspaceId}`}, 0))`;
}

export const rulesInOrder = (tx: Tx, workspaceId: string, ruleSet: RuleSet) =>
  tx.rule.findMany({
    where: { workspaceId, ruleSet },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true },
  });

export async function applyOrder(tx: Tx, rows: { id: string; position: number }[], ordered: string[]) {
  for (const change of positionChanges(rows, ordered)) {
    await tx.rule.update({ where: { id: change.id }, data: { position: change.position } });
  }
}

// ---------------------------------------------------------------- mutations

export interface CreateRuleFields extends RuleDefinitionInput {
  name: string;
  triggers: readonly RuleTrigger[];
  enabled?: boolean | null;
  /** 0 = first; omitted = last. */
  position?: number | null;
}

export async function createRule(ctx: Context, input: CreateRuleFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const triggers = triggersOf(input.triggers);
    const definition = await definitionOf(tx, workspaceId, input);
    await lockRules(tx, workspaceId, 'TICKET');
    await assertNameFree(tx, workspaceId, 'TICKET', input.name);
    const rows = await rulesInOrder(tx, workspaceId, 'TICKET');
    const rule = await tx.rule.create({
      data: {
        workspaceId,
        ruleSet: 'TICKET',
        name: input.name,
        triggers,
        enabled: input.enabled ?? true,
        position: rows.length,
        conditions: definition.conditions ?? [],
        actions: definition.actions ?? [],
        stopOtherRules: definition.stopOtherRules ?? false,
      },
    });
    if (input.position != null) {
      const ordered = moveTo([...rows.map((row) => row.id), rule.id], rule.id, input.position);
      await applyOrder(tx, [...rows, { id: rule.id, position: rows.length }], ordered);
    }
    emit({ type: 'rule.created', entityType: 'Rule', entityId: rule.id });
    return rule;
  });
}

export interface UpdateRuleFields extends Partial<RuleDefinitionInput> {
  id: string;
  name?: string | null;
  triggers?: readonly RuleTrigger[] | null;
  enabled?: boolean | null;
  position?: number | null;
}

export async function updateRule(ctx: Context, input: UpdateRuleFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await ruleOfWorkspace(tx, workspaceId, 'TICKET', input.id, 'input.id');
    const triggers = input.triggers ? triggersOf(input.triggers) : undefined;
    const definition = await definitionOf(tx, workspaceId, {
      conditions: input.conditions ?? undefined,
      actions: input.actions ?? undefined,
    });
    await lockRules(tx, workspaceId, 'TICKET');
    if (input.name) await assertNameFree(tx, workspaceId, 'TICKET', input.name, before.id);
    const rule = await tx.rule.update({
      where: { id: before.id },
      data: { name: input.name ?? undefined, triggers, enabled: input.enabled ?? undefined, ...definition },
    });
    if (input.position != null) {
      const rows = await rulesInOrder(tx, workspaceId, 'TICKET');
      await applyOrder(tx, rows, moveTo(rows.map((row) => row.id), rule.id, input.position));
    }
    emit({ type: 'rule.updated', entityType: 'Rule', entityId: rule.id });
    return rule;
  });
}

/** Deletes a rule of a set and closes the gap in its order (ticket rules and SLA rules alike). */
export async function deleteRuleOfSet(tx: Tx, workspaceId: string, ruleSet: RuleSet, id: string) {
  await lockRules(tx, workspaceId, ruleSet);
  const rule = await ruleOfWorkspace(tx, workspaceId, ruleSet, id, 'id');
  await tx.rule.delete({ where: { id: rule.id } });
  const rows = await rulesInOrder(tx, workspaceId, ruleSet);
  await applyOrder(tx, rows, rows.map((row) => row.id));
  return rule;
}

/** Puts a set's rules in the given complete order; `noun` names them in refusals ("rule", "SLA rule"). */
export async function reorderRuleSet(tx: Tx, workspaceId: string, ruleSet: RuleSet, ids: string[], noun: { typename: string; name: string }) {
  await lockRules(tx, workspaceId, ruleSet);
  const rows = await rulesInOrder(tx, workspaceId, ruleSet);
  const known = new Set(rows.map((row) => row.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw notFound(noun.typename, `ids.${unknown}`);
  if (new Set(ids).size !== ids.length) throw badInput('ids', 'Each rule may be listed only once.');
  const missing = rows.length - ids.length;
  if (missing > 0) throw badInput('ids', `List every ${noun.name} of the workspace: ${missing} ${missing === 1 ? 'is' : 'are'} missing.`);
  await applyOrder(tx, rows, ids);
}

export async function deleteRule(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const rule = await deleteRuleOfSet(tx, principal.workspaceId, 'TICKET', id);
    emit({ type: 'rule.deleted', entityType: 'Rule', entityId: rule.id });
    return rule.id;
  });
}

export async function reorderRules(ctx: Context, ids: string[]) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await reorderRuleSet(tx, workspaceId, 'TICKET', ids, { typename: 'Rule', name: 'rule' });
    emit({ type: 'rule.reordered', entityType: 'Workspace', entityId: workspaceId, payload: { ruleIds: ids } });
    return ids;
  });
}

// ---------------------------------------------------------------- dry run

export interface ActionResult {
  kind: string;
  config: unknown;
  /** The rule matches and the action would change something. */
  wouldApply: boolean;
  summary: string;
  /** Why it would be skipped although the rule matches (an assignee not allowed on the ticket's product, …). */
  problem: string | null;
  /** The user the action assigns: assignUser's user, or whom round robin would pick now. */
  pickedUserId?: string | null;
}

export interface RuleTestResult {
  ruleId: string;
  ticketId: string;
  trigger: RuleTrigger;
  matched: boolean;
  conditions: ConditionResult[];
  actions: ActionResult[];
}

/**
 * How a rule would treat a ticket now, on its own: each condition with its outcome, each action with what it would
 * do. Reads only. Actions are all planned on the ticket as it is (when the rule really runs, each sees the previous
 * one's change, and earlier rules may have changed the ticket or stopped the run).
 */
export async function testRule(ctx: Context, ruleId: string, ticketId: string, trigger?: RuleTrigger | null): Promise<RuleTestResult> {
  const { workspaceId } = principalOf(ctx);
  const tx = ctx.app.db.prisma;
  const rule = await ruleOfWorkspace(tx, workspaceId, 'TICKET', ruleId, 'ruleId');
  await ticketOfWorkspace(tx, workspaceId, ticketId, 'ticketId');
  const conditions = rule.conditions as unknown as StoredCondition[];
  const moment = { trigger: trigger ?? ((rule.triggers[0] as RuleTrigger | undefined) ?? 'TICKET_UPDATED'), changedFields: [], now: ctx.app.clock.now() };
  const facts = await loadTicketFacts(tx, workspaceId, ticketId, moment, factsNeeded(conditions));
  if (!facts) throw notFound('Ticket', 'ticketId');
  const explained = explainConditions(conditions, facts);
  const matched = explained.every((result) => result.matched);
  const actions: ActionResult[] = [];
  for (const action of rule.actions as unknown as StoredAction[]) {
    const plan = planAction(action, facts);
    const { summary, problem, pickedUserId } = await checkPlan(tx, workspaceId, facts.ticket.productId, plan);
    // assignUser names its user in the stored config (a raw id); round robin's pick comes from checkPlan.
    const assignedUserId = action.kind === 'assignUser' ? ((action.config as { userId?: string } | undefined)?.userId ?? null) : pickedUserId;
    actions.push({ kind: action.kind, config: action.config, wouldApply: matched && plan.effect !== 'none' && !problem, summary, problem, pickedUserId: assignedUserId });
  }
  return { ruleId: rule.id, ticketId, trigger: moment.trigger, matched, conditions: explained, actions };
}

/** Read-only checks of what carrying a plan out would run into. */
async function checkPlan(tx: Tx, workspaceId: string, productId: string, plan: ActionPlan) {
  if (plan.effect === 'roundRobin') {
    const userId = await roundRobinAssignee(tx, workspaceId, productId, plan.teamId, { lock: false });
    if (!userId) return { summary: plan.summary, problem: "No active member of the team may be assigned this product's tickets." };
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    return { summary: `Assign to ${user.name}, the team's least recently assigned active member.`, problem: null, pickedUserId: userId };
  }
  if (plan.effect === 'change' && plan.changes.assignee) {
    try {
      await resolveAssignee(tx, workspaceId, productId, plan.changes.assignee, 'assignee');
    } catch (error) {
      if (error instanceof DeskgraphError) return { summary: plan.summary, problem: error.message };
      throw error;
    }
  }
  return { summary: plan.summary, problem: null };
}
