// Bulk actions: one change applied to many tickets, all or nothing. Each ticket goes through the same
// `updateTicketInTx` as a single update (validation, history, rules, events); when any ticket cannot take the change,
// the whole transaction rolls back and the caller learns, ticket by ticket, which failed and why.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, DeskgraphError, notFound } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import { assertTags, type TicketChanges, updateTicketInTx, viaOf } from './service.js';

export const BULK_TICKET_LIMIT = 500;
/**
 * 500 tickets take a few seconds (see the bulk test's timing); Prisma's 5 s default would cut a slow database off in
 * the middle, and a longer wait holds the tickets' row locks no longer than the work itself needs.
 */
export const BULK_TIMEOUT_MS = 60_000;

export interface BulkTicketChanges extends Omit<TicketChanges, 'subject'> {
  /** Moves every ticket to the workspace's first CLOSED-category status. */
  close?: boolean | null;
}

export interface BulkTicketError {
  code: string;
  field: string | null;
  message: string;
}

export interface BulkTicketResult {
  /** The ticket's database id; null when the given id was not a ticket id at all. */
  ticketId: string | null;
  ok: boolean;
  error: BulkTicketError | null;
}

export interface BulkOutcome {
  /** True when the change committed for every ticket; false when nothing changed. */
  ok: boolean;
  /** In the order the ids were given. */
  results: BulkTicketResult[];
  /** Tickets that actually changed (a ticket that already had every value counts as ok, not as updated). */
  updatedCount: number;
}

/** Carries the per-ticket results out of the transaction it rolls back. */
class BulkRollback extends Error {
  constructor(readonly results: BulkTicketResult[]) {
    super('bulk update rolled back');
  }
}

const errorOf = (error: DeskgraphError): BulkTicketError => ({
  code: String(error.extensions.code),
  field: typeof error.extensions.field === 'string' ? error.extensions.field : null,
  message: error.message,
});

/** The status "close" means: the first CLOSED-category status in the workspace's order. */
export async function closedStatusOf(tx: Tx, workspaceId: string) {
  return tx.ticketStatus.findFirst({
    where: { workspaceId, category: 'CLOSED' },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
}

/**
 * Checks what does not depend on the ticket once, up front, so a bad status or tag is one clear error on the
 * change instead of 500 identical per-ticket errors. What depends on the ticket (its product's allowed assignees,
 * a topic of its product, being merged) is left to each ticket.
 */
async function assertChangeValues(tx: Tx, workspaceId: string, changes: BulkTicketChanges) {
  const exists = async (found: Promise<unknown>, what: string, field: string) => {
    if (!(await found)) throw notFound(what, field);
  };
  if (changes.statusId) await exists(tx.ticketStatus.findFirst({ where: { id: changes.statusId, workspaceId } }), 'TicketStatus', 'input.changes.statusId');
  if (changes.typeId) await exists(tx.ticketType.findFirst({ where: { id: changes.typeId, workspaceId } }), 'TicketType', 'input.changes.typeId');
  if (changes.topicId) await exists(tx.ticketTopic.findFirst({ where: { id: changes.topicId, workspaceId } }), 'TicketTopic', 'input.changes.topicId');
  if (changes.folderId) await exists(tx.folder.findFirst({ where: { id: changes.folderId, workspaceId } }), 'Folder', 'input.changes.folderId');
  if (changes.tagIds) await assertTags(tx, workspaceId, changes.tagIds, 'input.changes.tagIds');
  if (changes.addTagIds) await assertTags(tx, workspaceId, changes.addTagIds, 'input.changes.addTagIds');
  // Removing a tag that does not exist changes nothing, so removeTagIds needs no check.
  const assignee = changes.assignee;
  if (assignee?.kind === 'USER') {
    const user = await tx.user.findFirst({ where: { id: assignee.id, workspaceId }, select: { deactivatedAt: true } });
    if (!user) throw notFound('User', 'input.changes.assignee.id');
    if (user.deactivatedAt) throw badInput('input.changes.assignee.id', 'This user is deactivated.');
  }
  if (assignee?.kind === 'TEAM') await exists(tx.team.findFirst({ where: { id: assignee.id, workspaceId } }), 'Team', 'input.changes.assignee.id');
}

const hasAnyChange = (changes: BulkTicketChanges) =>
  changes.close === true ||
  changes.statusId != null ||
  changes.priority != null ||
  changes.typeId !== undefined ||
  changes.topicId !== undefined ||
  changes.folderId !== undefined ||
  changes.assignee !== undefined ||
  changes.tagIds != null ||
  (changes.addTagIds?.length ?? 0) > 0 ||
  (changes.removeTagIds?.length ?? 0) > 0;

/**
 * `ticketIds` in the order given; null stands for an id that was not a ticket id (reported as NOT_FOUND for that
 * position, like a ticket of another workspace, so a client learns nothing about what exists elsewhere).
 */
export async function bulkUpdateTickets(
  ctx: Context,
  ticketIds: (string | null)[],
  changes: BulkTicketChanges,
): Promise<BulkOutcome> {
  const principal = principalOf(ctx);
  const workspaceId = principal.workspaceId;
  if (ticketIds.length === 0 || ticketIds.length > BULK_TICKET_LIMIT) {
    throw badInput('input.ticketIds', `Give between 1 and ${BULK_TICKET_LIMIT} tickets.`);
  }
  const firstPosition = new Map<string, number>();
  ticketIds.forEach((id, index) => {
    if (id == null) return;
    const earlier = firstPosition.get(id);
    if (earlier !== undefined) {
      throw badInput('input.ticketIds', `Each ticket may be listed once: position ${index} repeats position ${earlier}.`);
    }
    firstPosition.set(id, index);
  });
  if (changes.close && changes.statusId) {
    throw badInput('input.changes.close', 'Either close the tickets or give a statusId, not both.');
  }
  if (!hasAnyChange(changes)) throw badInput('input.changes', 'Say what to change: at least one field.');

  const via = viaOf(principal);
  try {
    return await writeTransaction(
      ctx.app,
      principal,
      async (tx, emit) => {
        await assertChangeValues(tx, workspaceId, changes);
        const { close, ...ticketChanges } = changes;
        if (close) {
          const closed = await closedStatusOf(tx, workspaceId);
          if (!closed) throw conflict('input.changes.close', 'This workspace has no status in the CLOSED category to close tickets with.');
          ticketChanges.statusId = closed.id;
        }

        // Locking every row first, in one order, keeps two bulk actions (or a merge) over the same tickets from
        // deadlocking, and no merge can slip in between the check below and the update.
        const known = [...firstPosition.keys()];
        const rows = known.length > 0
          ? await tx.$queryRaw<{ id: string; number: number; mergedIntoId: string | null }[]>`
              SELECT "id", "number", "mergedIntoId" FROM "Ticket"
               WHERE "workspaceId" = ${workspaceId}::uuid AND "id" = ANY(${known}::uuid[])
               ORDER BY "id" FOR UPDATE`
          : [];
        const found = new Map(rows.map((row) => [row.id, row]));

        const results: BulkTicketResult[] = [];
        let updatedCount = 0;
        for (const [index, ticketId] of ticketIds.entries()) {
          const field = `input.ticketIds.${index}`;
          const row = ticketId == null ? undefined : found.get(ticketId);
          if (!row) {
            results.push({ ticketId, ok: false, error: errorOf(notFound('Ticket', field)) });
            continue;
          }
          if (row.mergedIntoId) {
            const error = conflict(field, `Ticket #${row.number} was merged into another ticket and can no longer change.`);
            results.push({ ticketId, ok: false, error: errorOf(error) });
            continue;
          }
          try {
            // Every check in updateTicketInTx reads before it writes, so a typed refusal leaves the transaction
            // usable and the remaining tickets are still checked. A database error is not caught: it aborts the
            // transaction, and everything rolls back with it.
            const { changed } = await updateTicketInTx(tx, emit, { ...principal, via }, row.id, ticketChanges, 'input.changes');
            if (changed.length > 0) updatedCount++;
            results.push({ ticketId, ok: true, error: null });
          } catch (error) {
            if (!(error instanceof DeskgraphError)) throw error;
            results.push({ ticketId, ok: false, error: errorOf(error) });
          }
        }
        if (results.some((result) => !result.ok)) throw new BulkRollback(results);
        return { ok: true, results, updatedCount };
      },
      { timeoutMs: BULK_TIMEOUT_MS },
    );
  } catch (error) {
    if (error instanceof BulkRollback) return { ok: false, results: error.results, updatedCount: 0 };
    throw error;
  }
}
