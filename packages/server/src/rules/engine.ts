// Rule engine hook: the ticket service calls it inside its transaction after a ticket is created or changed. The
// workspace's enabled rules for that moment run once, in position order; each rule whose conditions hold on the
// ticket as it is then (after the rules before it) applies its actions through the ticket core, as `rule:<id>` via
// RULE, so validation, history and events are the same as for a person's change.
//
// Changes made by rules do not run the rules again. Every action goes through `updateTicketInTx`, which calls this
// hook with TICKET_UPDATED; re-running there would let two rules undo each other forever inside one transaction
// (one sets URGENT when tagged vip, another drops vip when URGENT …), and an endless loop would block the very
// ticket change that triggered it. One ordered pass already lets every rule see what earlier rules did, so a second
// pass could only add surprises: what happens is what the list says, top to bottom.
import { DeskgraphError } from '../errors.js';
import { type EventDraft, transactionTime, type Tx } from '../events/write.js';
import { log } from '../log.js';
import { addSystemReplyInTx, resolveAssignee, updateTicketInTx } from '../tickets/service.js';
import { conditionsHold, factsNeeded, planAction, type StoredAction, type StoredCondition } from './evaluate.js';
import type { ExtraFacts, RuleTrigger, TicketFacts } from './facts.js';
import type { ActionPlan } from './kinds.js';
import { roundRobinOrder } from './round-robin.js';
import { loadTicketFacts } from './ticket-facts.js';

export type { RuleTrigger } from './facts.js';

export interface RuleRun {
  workspaceId: string;
  ticketId: string;
  trigger: RuleTrigger;
  /** Fields the triggering change touched (empty on create). */
  changedFields: string[];
  /**
   * The caller's event sink, so events of the rules' changes go out with the change that triggered them. Without
   * it they are written to the outbox directly (as `rule:<id>`), and the relay picks them up on its next poll.
   */
  emit?: (event: EventDraft) => void;
  /** The moment business-hours conditions are read at (default: now). */
  now?: Date;
}

/** The tickets whose rules are running, per transaction: the loop guard (see the top of this file). */
const running = new WeakMap<Tx, Set<string>>();

/**
 * The enabled ticket rules of a workspace for a trigger, read once per transaction: a bulk update or a merge runs the
 * rules for every ticket it touches, and no rule can change inside a ticket transaction.
 */
const rulesRead = new WeakMap<Tx, Map<string, ReturnType<typeof readTicketRules>>>();

function readTicketRules(tx: Tx, workspaceId: string, trigger: RuleTrigger) {
  return tx.rule.findMany({
    where: { workspaceId, ruleSet: 'TICKET', enabled: true, triggers: { has: trigger } },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
}

function ticketRulesOf(tx: Tx, workspaceId: string, trigger: RuleTrigger) {
  const read = rulesRead.get(tx) ?? new Map<string, ReturnType<typeof readTicketRules>>();
  rulesRead.set(tx, read);
  const key = `${workspaceId}:${trigger}`;
  let rules = read.get(key);
  if (!rules) {
    rules = readTicketRules(tx, workspaceId, trigger);
    read.set(key, rules);
  }
  return rules;
}

export const ruleActor = (ruleId: string) => ({ actor: `rule:${ruleId}`, via: 'RULE' });

/**
 * What runs after the rules of every ticket change, in its transaction (SLA: choose the policy, recompute the
 * clocks). Registered by other domains, so the ticket core needs to know none of them.
 */
export type TicketChangeHook = (tx: Tx, run: RuleRun) => Promise<void>;
const afterChangeHooks: TicketChangeHook[] = [];
export function registerAfterTicketChange(hook: TicketChangeHook) {
  afterChangeHooks.push(hook);
}

/** Runs the after-change hooks alone (for a ticket whose rules must not run, such as the source of a merge). */
export async function afterTicketChange(tx: Tx, run: RuleRun) {
  for (const hook of afterChangeHooks) await hook(tx, run);
}

export async function applyTicketRules(tx: Tx, run: RuleRun): Promise<void> {
  // Inside a rule's own change (see the top of this file): the outer run finishes the work, hooks included.
  if (running.get(tx)?.has(run.ticketId)) return;
  await runTicketRules(tx, run);
  await afterTicketChange(tx, run);
}

/** One ordered pass over the ticket rules (SLA rules only choose a policy: src/sla/recompute.ts evaluates them). */
async function runTicketRules(tx: Tx, run: RuleRun): Promise<void> {
  const rules = await ticketRulesOf(tx, run.workspaceId, run.trigger);
  if (rules.length === 0) return;

  const guard = running.get(tx) ?? new Set<string>();
  running.set(tx, guard);
  guard.add(run.ticketId);
  try {
    const needed = new Set<keyof ExtraFacts>();
    for (const rule of rules) for (const name of factsNeeded(rule.conditions as unknown as StoredCondition[])) needed.add(name);
    const moment = { trigger: run.trigger, changedFields: run.changedFields, now: run.now ?? transactionTime(tx) };
    const reload = () => loadTicketFacts(tx, run.workspaceId, run.ticketId, moment, needed);
    let facts = await reload();
    const unsent: (EventDraft & { actor: string })[] = [];

    for (const rule of rules) {
      if (!facts) break;
      if (!conditionsHold(rule.conditions as unknown as StoredCondition[], facts)) continue;
      const principal = { workspaceId: run.workspaceId, ...ruleActor(rule.id) };
      const emit = run.emit ?? ((event: EventDraft) => unsent.push({ ...event, actor: principal.actor }));
      let stop = false;
      for (const [index, action] of (rule.actions as unknown as StoredAction[]).entries()) {
        // Planned on the ticket as the previous action left it.
        const plan = planAction(action, facts);
        if (plan.effect === 'stopOtherRules') stop = true;
        try {
          if (await carryOut(tx, emit, principal, facts, plan)) facts = (await reload()) ?? facts;
        } catch (error) {
          // A typed refusal (an assignee no longer allowed on the product, a deleted folder) skips the action: a
          // stale rule must not block the ticket change that triggered it. Typed refusals are raised before any
          // write, so the transaction is still usable.
          if (!(error instanceof DeskgraphError)) throw error;
          log.warn('rule action skipped', { ruleId: rule.id, ticketId: run.ticketId, action: index, kind: action.kind, reason: error.message });
        }
      }
      if (stop) break;
    }

    if (unsent.length > 0) {
      await tx.event.createMany({
        data: unsent.map(({ workspaceId, payload, ...event }) => ({ ...event, workspaceId: workspaceId ?? run.workspaceId, payload: payload ?? {} })),
      });
    }
  } finally {
    guard.delete(run.ticketId);
  }
}

type RulePrincipal = { workspaceId: string; actor: string; via: string };

/** Carries a plan out through the ticket core; true when the ticket changed. */
async function carryOut(tx: Tx, emit: (event: EventDraft) => void, principal: RulePrincipal, facts: TicketFacts, plan: ActionPlan) {
  const ticketId = facts.ticket.id;
  switch (plan.effect) {
    case 'change': {
      const { changed } = await updateTicketInTx(tx, emit, principal, ticketId, plan.changes, 'rule');
      return changed.length > 0;
    }
    case 'roundRobin': {
      const userId = await roundRobinAssignee(tx, principal.workspaceId, facts.ticket.productId, plan.teamId, { lock: true });
      if (!userId) {
        log.warn('round robin found nobody to assign', { actor: principal.actor, ticketId, teamId: plan.teamId });
        return false;
      }
      const { changed } = await updateTicketInTx(tx, emit, principal, ticketId, { assignee: { kind: 'USER', id: userId } }, 'rule');
      return changed.length > 0;
    }
    case 'reply':
      await addSystemReplyInTx(tx, emit, principal, ticketId, plan.body);
      return true;
    case 'none':
    case 'stopOtherRules':
      return false;
  }
}

/**
 * The team's member to assign next: active, allowed on the product, and assigned a ticket least recently (by
 * anyone). With `lock`, concurrent picks for the same team wait for each other, so two tickets created at the same
 * moment do not both go to the same person.
 */
export async function roundRobinAssignee(
  tx: Tx,
  workspaceId: string,
  productId: string,
  teamId: string,
  { lock }: { lock: boolean },
): Promise<string | null> {
  if (lock) await tx.$queryRaw`SELECT "id" FROM "Team" WHERE "id" = ${teamId}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
  // When someone was last assigned: their latest `assignee` history entry, or the creation of a ticket that still
  // has them (an assignee chosen at creation is part of the `created` entry, not an `assignee` one).
  const candidates = await tx.$queryRaw<{ userId: string; joinedAt: Date; lastAssignedAt: Date | null }[]>`
    SELECT m."userId", m."createdAt" AS "joinedAt", GREATEST(
        (SELECT max(h."createdAt") FROM "TicketHistoryEntry" h
          WHERE h."workspaceId" = ${workspaceId}::uuid AND h."field" = 'assignee'
            AND h."toValue"->>'kind' = 'USER' AND h."toValue"->>'id' = m."userId"::text),
        (SELECT max(t."createdAt") FROM "Ticket" t
          WHERE t."workspaceId" = ${workspaceId}::uuid AND t."assigneeUserId" = m."userId")) AS "lastAssignedAt"
      FROM "TeamMember" m JOIN "User" u ON u."id" = m."userId" JOIN "Team" team ON team."id" = m."teamId"
     WHERE m."teamId" = ${teamId}::uuid AND team."workspaceId" = ${workspaceId}::uuid AND u."deactivatedAt" IS NULL`;
  for (const userId of roundRobinOrder(candidates)) {
    try {
      await resolveAssignee(tx, workspaceId, productId, { kind: 'USER', id: userId }, 'teamId');
      return userId;
    } catch (error) {
      if (!(error instanceof DeskgraphError)) throw error;
    }
  }
  return null;
}
