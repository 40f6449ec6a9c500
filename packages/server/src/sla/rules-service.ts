// Managing a workspace's SLA rules (supervisors and admins): ordered rules that choose a ticket's SLA policy. They
// live in the rule table as ruleSet SLA, with the ticket rules' conditions and one action, `setSlaPolicy` (plus
// `stopOtherRules` when asked); the SLA hook evaluates them after the ticket rules on every ticket change.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, notFound } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import { assertConditionChecks } from '../rules/config-checks.js';
import { type Parsed, parseConditions, type RuleItemInput, RuleDefinitionError, type StoredCondition } from '../rules/evaluate.js';
import type { RuleTrigger } from '../rules/facts.js';
import { RULE_TRIGGERS } from '../rules/facts.js';
import {
  applyOrder,
  assertNameFree,
  assertReferences,
  deleteRuleOfSet,
  lockRules,
  reorderRuleSet,
  ruleOfWorkspace,
  rulesInOrder,
  triggersOf,
} from '../rules/service.js';
import { moveTo } from '../vocabularies/positions.js';
import { slaRuleActions, policyIdOfActions } from './rule-kinds.js';

/** Conditions as stored, with the references to check; bad input names its field. */
function conditionsOf(conditions: readonly RuleItemInput[]) {
  try {
    return parseConditions(conditions, 'input.conditions');
  } catch (error) {
    if (error instanceof RuleDefinitionError) throw badInput(error.field, error.message);
    throw error;
  }
}

/**
 * Ids in conditions and the policy must be the workspace's (checked under the SLA rules' lock, see deleteSlaPolicy),
 * and configs must fit the workspace's data (a custom field's key and type).
 */
async function assertRuleReferences(tx: Tx, workspaceId: string, conditions: Parsed<StoredCondition> | null, policyId: string | null | undefined) {
  await assertReferences(tx, workspaceId, conditions?.references ?? []);
  if (conditions) await assertConditionChecks(tx, workspaceId, conditions.items, 'input.conditions');
  if (policyId && !(await tx.slaPolicy.findFirst({ where: { id: policyId, workspaceId }, select: { id: true } }))) {
    throw notFound('SlaPolicy', 'input.policyId');
  }
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export interface CreateSlaRuleFields {
  name: string;
  /** Both when omitted: the policy follows the ticket from its creation through every change. */
  triggers?: readonly RuleTrigger[] | null;
  enabled?: boolean | null;
  /** 0 = first; omitted = last. */
  position?: number | null;
  conditions?: readonly RuleItemInput[] | null;
  /** null = the ticket gets no SLA. */
  policyId: string | null;
  stopOtherRules?: boolean | null;
}

export async function createSlaRule(ctx: Context, input: CreateSlaRuleFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  const triggers = triggersOf(input.triggers ?? RULE_TRIGGERS);
  const conditions = conditionsOf(input.conditions ?? []);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockRules(tx, workspaceId, 'SLA');
    await assertRuleReferences(tx, workspaceId, conditions, input.policyId);
    await assertNameFree(tx, workspaceId, 'SLA', input.name);
    const rows = await rulesInOrder(tx, workspaceId, 'SLA');
    const stopOtherRules = input.stopOtherRules ?? false;
    const rule = await tx.rule.create({
      data: {
        workspaceId,
        ruleSet: 'SLA',
        name: input.name,
        triggers,
        enabled: input.enabled ?? true,
        position: rows.length,
        conditions: json(conditions.items),
        actions: json(slaRuleActions(input.policyId, stopOtherRules)),
        stopOtherRules,
      },
    });
    if (input.position != null) {
      const ordered = moveTo([...rows.map((row) => row.id), rule.id], rule.id, input.position);
      await applyOrder(tx, [...rows, { id: rule.id, position: rows.length }], ordered);
    }
    emit({ type: 'slaRule.created', entityType: 'SlaRule', entityId: rule.id, payload: { policyId: input.policyId } });
    return rule;
  });
}

export interface UpdateSlaRuleFields {
  id: string;
  name?: string | null;
  triggers?: readonly RuleTrigger[] | null;
  enabled?: boolean | null;
  position?: number | null;
  /** Replaced as a whole. */
  conditions?: readonly RuleItemInput[] | null;
  /** undefined = unchanged; null = no SLA. */
  policyId?: string | null;
  stopOtherRules?: boolean | null;
}

export async function updateSlaRule(ctx: Context, input: UpdateSlaRuleFields) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  const triggers = input.triggers ? triggersOf(input.triggers) : undefined;
  const conditions = input.conditions ? conditionsOf(input.conditions) : null;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockRules(tx, workspaceId, 'SLA');
    const before = await ruleOfWorkspace(tx, workspaceId, 'SLA', input.id, 'input.id');
    await assertRuleReferences(tx, workspaceId, conditions, input.policyId);
    if (input.name != null) await assertNameFree(tx, workspaceId, 'SLA', input.name, before.id);
    const policyId = input.policyId === undefined ? (policyIdOfActions(before.actions) ?? null) : input.policyId;
    const stopOtherRules = input.stopOtherRules ?? before.stopOtherRules;
    const rule = await tx.rule.update({
      where: { id: before.id },
      data: {
        name: input.name ?? undefined,
        triggers,
        enabled: input.enabled ?? undefined,
        conditions: conditions ? json(conditions.items) : undefined,
        actions: json(slaRuleActions(policyId, stopOtherRules)),
        stopOtherRules,
      },
    });
    if (input.position != null) {
      const rows = await rulesInOrder(tx, workspaceId, 'SLA');
      await applyOrder(tx, rows, moveTo(rows.map((row) => row.id), rule.id, input.position));
    }
    emit({ type: 'slaRule.updated', entityType: 'SlaRule', entityId: rule.id, payload: { policyId } });
    return rule;
  });
}

export async function deleteSlaRule(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const rule = await deleteRuleOfSet(tx, principal.workspaceId, 'SLA', id);
    emit({ type: 'slaRule.deleted', entityType: 'SlaRule', entityId: rule.id });
    return rule.id;
  });
}

/** A complete new order of the workspace's SLA rules, first to last. */
export async function reorderSlaRules(ctx: Context, ids: string[]) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await reorderRuleSet(tx, workspaceId, 'SLA', ids, { typename: 'SlaRule', name: 'SLA rule' });
    emit({ type: 'slaRule.reordered', entityType: 'Workspace', entityId: workspaceId, payload: { ruleIds: ids } });
    return ids;
  });
}
