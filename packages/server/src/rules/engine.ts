// Rule engine hook: the ticket service calls it inside its transaction after a ticket is created or changed.
// Filled in by the rules work; until then no rule runs.
import type { Tx } from '../events/write.js';

export type RuleTrigger = 'TICKET_CREATED' | 'TICKET_UPDATED';

export interface RuleRun {
  workspaceId: string;
  ticketId: string;
  trigger: RuleTrigger;
  /** Fields the triggering change touched (empty on create). */
  changedFields: string[];
}

export async function applyTicketRules(_tx: Tx, _run: RuleRun): Promise<void> {}
