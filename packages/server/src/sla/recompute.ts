// Live SLA state: after the ticket rules of every ticket change, in the change's transaction, the SLA rules choose
// the ticket's policy and its targets are recomputed from the timeline. The clocks are therefore always what the
// timeline says as of the change; the scheduler (scheduler.ts) only adds what time alone changes (breaches,
// warnings). Registered on import (src/sla/schema.ts imports this module).
import { type EventDraft, transactionTime, type Tx } from '../events/write.js';
import type { BusinessCalendar as CalendarRow, Prisma, SlaPolicy, SlaTarget } from '../generated/prisma/client.js';
import { registerAfterTicketChange, type RuleRun, ruleActor } from '../rules/engine.js';
import { conditionsHold, factsNeeded, type StoredAction, type StoredCondition } from '../rules/evaluate.js';
import type { ExtraFacts } from '../rules/facts.js';
import { loadTicketFacts } from '../rules/ticket-facts.js';
import { recordHistory } from '../tickets/service.js';
import { type ComputedTarget, computeSlaTargets } from './clock.js';
import { termsOf } from './terms.js';
import { loadTicketTimeline } from './timeline.js';

type PolicyWithCalendar = SlaPolicy & { calendar: CalendarRow | null };

interface TicketRow {
  id: string;
  workspaceId: string;
  productId: string;
  channel: SlaTarget['channel'];
  priority: SlaTarget['priority'];
  assigneeUserId: string | null;
  assigneeTeamId: string | null;
  customerId: string;
  isInternal: boolean;
  createdAt: Date;
  slaPolicyId: string | null;
  slaNextDueAt: Date | null;
  status: { category: 'NEW' | 'OPEN' | 'PENDING' | 'RESOLVED' | 'CLOSED' };
}

const SLA_ACTION = 'setSlaPolicy';

/** The policy a stored SLA rule action sets (null: none), or undefined for an action of another kind. */
function policyOfAction(action: StoredAction): string | null | undefined {
  if (action.kind !== SLA_ACTION) return undefined;
  const policyId = (action.config as { policyId?: unknown } | null)?.policyId;
  return typeof policyId === 'string' ? policyId : null;
}

/** Whether the policy may apply to this ticket at all (empty lists: anywhere). */
export function policyCovers(policy: Pick<SlaPolicy, 'productIds' | 'channels' | 'priorities'>, ticket: Pick<TicketRow, 'productId' | 'channel' | 'priority'>) {
  return (
    (policy.productIds.length === 0 || policy.productIds.includes(ticket.productId)) &&
    (policy.channels.length === 0 || policy.channels.includes(ticket.channel)) &&
    (policy.priorities.length === 0 || policy.priorities.includes(ticket.priority))
  );
}

export async function recomputeTicketSla(tx: Tx, run: RuleRun): Promise<void> {
  // One statement for the common case (no SLA rule for this moment, no policy on the ticket): the ticket as the
  // targets denormalise it, and whether any SLA rule runs now.
  const [row] = await tx.$queryRaw<(Omit<TicketRow, 'status'> & { statusCategory: TicketRow['status']['category']; hasSlaRules: boolean })[]>`
    SELECT t."id", t."workspaceId", t."productId", t."channel"::text AS "channel", t."priority"::text AS "priority",
           t."assigneeUserId", t."assigneeTeamId", t."customerId", t."isInternal", t."createdAt", t."slaPolicyId",
           t."slaNextDueAt", s."category"::text AS "statusCategory",
           EXISTS (SELECT 1 FROM "Rule" r WHERE r."workspaceId" = t."workspaceId" AND r."ruleSet" = 'SLA' AND r."enabled"
                      AND ${run.trigger} = ANY(r."triggers")) AS "hasSlaRules"
      FROM "Ticket" t JOIN "TicketStatus" s ON s."id" = t."statusId"
     WHERE t."id" = ${run.ticketId}::uuid AND t."workspaceId" = ${run.workspaceId}::uuid`;
  if (!row || (!row.hasSlaRules && row.slaPolicyId === null)) return;
  const { statusCategory, hasSlaRules, ...rest } = row;
  const ticket: TicketRow = { ...rest, status: { category: statusCategory } };
  const rules = hasSlaRules
    ? await tx.rule.findMany({
        where: { workspaceId: run.workspaceId, ruleSet: 'SLA', enabled: true, triggers: { has: run.trigger } },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      })
    : [];

  const unsent: EventDraft[] = [];
  const emit = run.emit ?? ((event: EventDraft) => unsent.push(event));

  let policy: PolicyWithCalendar | null;
  if (rules.length === 0) {
    // No SLA rule runs on this moment: the policy chosen earlier stays.
    policy = await tx.slaPolicy.findFirst({ where: { id: ticket.slaPolicyId!, workspaceId: run.workspaceId }, include: { calendar: true } });
  } else {
    const chosen = await chooseSlaPolicy(tx, run, rules, ticket);
    policy = chosen.policy;
    if ((policy?.id ?? null) !== ticket.slaPolicyId) {
      await tx.ticket.update({ where: { id: ticket.id }, data: { slaPolicyId: policy?.id ?? null } });
      const writer = chosen.ruleId ? ruleActor(chosen.ruleId) : { actor: 'system', via: 'RULE' };
      await recordHistory(tx, { ...writer, workspaceId: run.workspaceId }, ticket.id, [
        { field: 'slaPolicy', from: ticket.slaPolicyId, to: policy?.id ?? null },
      ]);
      emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: ticket.id, payload: { fields: ['slaPolicy'] } });
    }
  }

  // No policy before or after: nothing to measure. Rows left by a deleted policy stay for the reports of the past.
  if (policy || ticket.slaPolicyId !== null) await writeTargets(tx, emit, ticket, policy);
  if (unsent.length > 0) {
    await tx.event.createMany({
      data: unsent.map(({ workspaceId, payload, ...event }) => ({ ...event, workspaceId: workspaceId ?? run.workspaceId, actor: 'system', payload: payload ?? {} })),
    });
  }
}

/**
 * One ordered pass over the SLA rules: each matching rule's `setSlaPolicy` sets the candidate (later rules override
 * earlier ones), a matching rule with stopOtherRules ends the pass. A rule naming a policy that does not cover the
 * ticket (product, channel, priority) does not count. No matching rule: no policy, so the policy follows the ticket
 * as it is now (an URGENT ticket lowered to LOW leaves the URGENT policy).
 */
async function chooseSlaPolicy(
  tx: Tx,
  run: RuleRun,
  rules: { id: string; conditions: Prisma.JsonValue; actions: Prisma.JsonValue; stopOtherRules: boolean }[],
  ticket: TicketRow,
): Promise<{ policy: PolicyWithCalendar | null; ruleId: string | null }> {
  const needed = new Set<keyof ExtraFacts>();
  const policyIds = new Set<string>();
  for (const rule of rules) {
    for (const name of factsNeeded(rule.conditions as unknown as StoredCondition[])) needed.add(name);
    for (const action of rule.actions as unknown as StoredAction[]) {
      const policyId = policyOfAction(action);
      if (policyId) policyIds.add(policyId);
    }
  }
  const moment = { trigger: run.trigger, changedFields: run.changedFields, now: run.now ?? transactionTime(tx) };
  const facts = await loadTicketFacts(tx, run.workspaceId, run.ticketId, moment, needed);
  if (!facts) return { policy: null, ruleId: null };
  const policies = policyIds.size
    ? await tx.slaPolicy.findMany({ where: { workspaceId: run.workspaceId, id: { in: [...policyIds] } }, include: { calendar: true } })
    : [];
  const policyById = new Map(policies.map((policy) => [policy.id, policy]));

  let chosen: { policy: PolicyWithCalendar | null; ruleId: string | null } = { policy: null, ruleId: null };
  for (const rule of rules) {
    if (!conditionsHold(rule.conditions as unknown as StoredCondition[], facts)) continue;
    let counts = false;
    for (const action of rule.actions as unknown as StoredAction[]) {
      const policyId = policyOfAction(action);
      if (policyId === undefined) continue;
      const policy = policyId === null ? null : policyById.get(policyId);
      // A deleted policy, or one whose scope excludes the ticket: this rule does not apply.
      if (policy === undefined || (policy && !policyCovers(policy, ticket))) continue;
      chosen = { policy, ruleId: rule.id };
      counts = true;
    }
    if (counts && rule.stopOtherRules) break;
  }
  return chosen;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

async function writeTargets(tx: Tx, emit: (event: EventDraft) => void, ticket: TicketRow, policy: PolicyWithCalendar | null) {
  const now = transactionTime(tx);
  const existing = await tx.slaTarget.findMany({ where: { ticketId: ticket.id } });
  const computed: ComputedTarget[] = policy
    ? computeSlaTargets(
        await loadTicketTimeline(tx, { ...ticket, statusCategory: ticket.status.category }),
        termsOf(policy, policy.calendar),
        now,
      )
    : [];

  const keyOf = (target: { metric: string; cycle: number }) => `${target.metric}:${target.cycle}`;
  const before = new Map(existing.map((row) => [keyOf(row), row]));
  const denormalised = {
    workspaceId: ticket.workspaceId,
    productId: ticket.productId,
    channel: ticket.channel,
    priority: ticket.priority,
    assigneeUserId: ticket.assigneeUserId,
    assigneeTeamId: ticket.assigneeTeamId,
    customerId: ticket.customerId,
    policyId: policy?.id ?? null,
    policyName: policy?.name ?? '',
    targetRate: policy?.targetRate ?? 0,
    computedAt: now,
  };
  let clocksMoved = false;
  const created: Prisma.SlaTargetCreateManyInput[] = [];
  for (const target of computed) {
    const values = {
      ...denormalised,
      metric: target.metric,
      cycle: target.cycle,
      status: target.status,
      targetMinutes: target.targetMinutes,
      startedAt: target.startedAt,
      dueAt: target.dueAt,
      warnAt: target.warnAt,
      completedAt: target.completedAt,
      breachedAt: target.breachedAt,
      elapsedSeconds: Math.round(target.elapsedSeconds),
    };
    const row = before.get(keyOf(target));
    before.delete(keyOf(target));
    if (!row) {
      created.push({ ...values, ticketId: ticket.id });
      clocksMoved = true;
      continue;
    }
    // Alerts already sent stay sent while the promise is the same one; a new policy or target time starts afresh.
    const samePromise = row.policyId === values.policyId && row.targetMinutes === values.targetMinutes;
    const moved = row.status !== values.status || !sameTime(row.dueAt, values.dueAt);
    if (moved) clocksMoved = true;
    // Nothing but the passing of time: no write. A running target's stored elapsed time stays paired with its
    // computedAt (elapsed up to then), which is as true as a fresh pair; readers add the time since (schema.ts).
    const unchanged =
      samePromise &&
      !moved &&
      (Object.keys(values) as (keyof typeof values)[]).every((key) => {
        if (key === 'computedAt' || (key === 'elapsedSeconds' && values.status === 'ACTIVE')) return true;
        const [a, b] = [row[key], values[key]];
        return a instanceof Date || b instanceof Date ? sameTime(a as Date | null, b as Date | null) : a === b;
      });
    if (unchanged) continue;
    await tx.slaTarget.update({
      where: { id: row.id },
      // The alert flags are only ever reset here, never written back as read: the scheduler may have set them
      // since this transaction read the row, and writing the old value would send the alert twice.
      data: samePromise ? values : { ...values, warnedAt: null, breachAlertedAt: null },
    });
  }
  if (created.length > 0) await tx.slaTarget.createMany({ data: created });
  if (before.size > 0) {
    await tx.slaTarget.deleteMany({ where: { id: { in: [...before.values()].map((row) => row.id) } } });
    clocksMoved = true;
  }

  const nextDueAt = nextDueOf(computed);
  if (!sameTime(nextDueAt, ticket.slaNextDueAt)) await tx.ticket.update({ where: { id: ticket.id }, data: { slaNextDueAt: nextDueAt } });
  if (clocksMoved) emit({ type: 'sla.updated', entityType: 'Ticket', entityId: ticket.id, payload: {} });
}

/** The earliest due time of the running targets: what the list sorts by. */
export function nextDueOf(targets: readonly { status: string; dueAt: Date | null }[]): Date | null {
  let next: Date | null = null;
  for (const target of targets) {
    if (target.status === 'ACTIVE' && target.dueAt && (!next || target.dueAt < next)) next = target.dueAt;
  }
  return next;
}

registerAfterTicketChange(recomputeTicketSla);

/** How many open tickets a policy or calendar change re-measures at once; the rest follow at their next change. */
export const REMEASURE_LIMIT = 500;

/**
 * After a policy's terms or a calendar's hours change: the open targets of the tickets under these policies are
 * measured again by the new terms (oldest due first, at most REMEASURE_LIMIT in the change's transaction). The
 * policy choice itself stays: the rules did not run, the ticket did not change. Returns how many were re-measured.
 */
export async function remeasureOpenTickets(tx: Tx, workspaceId: string, policyIds: readonly string[], emit: (event: EventDraft) => void) {
  if (policyIds.length === 0) return 0;
  const policies = await tx.slaPolicy.findMany({ where: { workspaceId, id: { in: [...policyIds] } }, include: { calendar: true } });
  const open = await tx.ticket.findMany({
    where: { workspaceId, slaPolicyId: { in: policies.map((policy) => policy.id) }, slaTargets: { some: { status: { in: ['ACTIVE', 'PAUSED'] } } } },
    include: { status: { select: { category: true } } },
    orderBy: [{ slaNextDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: REMEASURE_LIMIT,
  });
  for (const ticket of open) {
    const policy = policies.find((candidate) => candidate.id === ticket.slaPolicyId)!;
    await writeTargets(tx, emit, ticket as unknown as TicketRow, policy);
  }
  return open.length;
}
