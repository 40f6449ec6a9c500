// Merging tickets: a customer wrote twice about one problem, so the conversation continues on one ticket. The
// source's messages and attachments move to the target (keeping their times), tags join, both tickets get a private
// note and a history entry, and the source is closed and read-only for good (`mergedIntoId`).
//
// Decisions: any two tickets of the workspace may merge, also of different customers or products (as Zendesk allows
// different requesters; the target keeps its own customer and product). Refused: a ticket into itself, a source
// that was already merged, a target that was merged (merge into the ticket it went to instead), and a CLOSED target
// (a finished ticket would hide the conversation that continues; reopen it first).
// Several sources (Zendesk's merge from the list) are the same merge once per source, in one transaction: all of
// them or none. Attachments move with their messages and no cap applies to the target: the limit of 5 is per
// message (storeUploads), and a merge writes no new message with files.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict } from '../errors.js';
import { type EventDraft, transactionTime, type Tx, writeTransaction } from '../events/write.js';
import { afterTicketChange, applyTicketRules } from '../rules/engine.js';
import { closedStatusOf } from './bulk.js';
import { recordHistory, refreshSearchVector, ticketOfWorkspace, viaOf } from './service.js';

/** At most this many tickets merge into one target in one call (one transaction, every row locked). */
export const MERGE_SOURCE_LIMIT = 50;
/** Merging many sources runs rules and writes notes per source: more than Prisma's 5 s default on a busy database. */
const MERGE_MANY_TIMEOUT_MS = 30_000;

export interface MergeTicketsInput {
  /** Merged away, in the order given; their notes and events follow that order. */
  sourceTicketIds: string[];
  targetTicketId: string;
  /**
   * How errors name a source: `input.sourceTicketIds` names each by position (`input.sourceTicketIds.2`),
   * `input.sourceTicketId` is the single source of the original input.
   */
  sourceField: 'input.sourceTicketId' | 'input.sourceTicketIds';
}

/** The note both tickets get, for agents reading either one later. */
export const mergeNote = (sourceNumber: number, targetNumber: number) => `Merged #${sourceNumber} into #${targetNumber}`;

type Principal = ReturnType<typeof principalOf>;
type Emit = (event: EventDraft) => void;
type TicketRow = Awaited<ReturnType<typeof ticketOfWorkspace>>;

/**
 * Merges every source into the target in ONE transaction, all or nothing: every source is checked before anything is
 * written, and the first one that cannot merge is named by its field (`input.sourceTicketIds.<position>`).
 */
export async function mergeTickets(ctx: Context, input: MergeTicketsInput) {
  const principal = principalOf(ctx);
  const workspaceId = principal.workspaceId;
  const { sourceTicketIds, targetTicketId } = input;
  const fieldOf = (index: number) => (input.sourceField === 'input.sourceTicketIds' ? `input.sourceTicketIds.${index}` : input.sourceField);
  if (sourceTicketIds.length === 0 || sourceTicketIds.length > MERGE_SOURCE_LIMIT) {
    throw badInput(input.sourceField, `Give between 1 and ${MERGE_SOURCE_LIMIT} tickets to merge.`);
  }
  sourceTicketIds.forEach((id, index) => {
    if (id === targetTicketId) {
      // The single-source input always named the target here; a list names the position that repeats it.
      const field = input.sourceField === 'input.sourceTicketId' ? 'input.targetTicketId' : fieldOf(index);
      throw badInput(field, 'A ticket cannot be merged into itself.');
    }
    const earlier = sourceTicketIds.indexOf(id);
    if (earlier !== index) throw badInput(fieldOf(index), `Each ticket may be listed once: position ${index} repeats position ${earlier}.`);
  });

  return writeTransaction(
    ctx.app,
    principal,
    async (tx, emit) => {
      // Every row locked, in id order like bulk actions: two merges of the same source cannot both pass the checks.
      await tx.$queryRaw`
        SELECT "id" FROM "Ticket" WHERE "workspaceId" = ${workspaceId}::uuid
           AND "id" = ANY(${[...sourceTicketIds, targetTicketId]}::uuid[]) ORDER BY "id" FOR UPDATE`;
      // All sources checked before the first write, so the error names the first bad one, not the first reached.
      const sources: TicketRow[] = [];
      for (const [index, id] of sourceTicketIds.entries()) {
        const source = await ticketOfWorkspace(tx, workspaceId, id, fieldOf(index));
        if (source.mergedIntoId) {
          throw conflict(fieldOf(index), `Ticket #${source.number} was already merged into another ticket.`);
        }
        sources.push(source);
      }
      const target = await ticketOfWorkspace(tx, workspaceId, targetTicketId, 'input.targetTicketId');
      if (target.mergedIntoId) {
        throw conflict('input.targetTicketId', `Ticket #${target.number} was merged into another ticket; merge into that ticket instead.`);
      }
      if (target.status.category === 'CLOSED') {
        throw conflict('input.targetTicketId', `Ticket #${target.number} is closed; reopen it before merging into it.`);
      }
      const closed = await closedStatusOf(tx, workspaceId);
      if (!closed) throw conflict(fieldOf(0), 'This workspace has no status in the CLOSED category to close the merged ticket with.');

      for (const source of sources) {
        // The target as the previous merge left it: its tags and latest message include the sources before this one.
        const current = await ticketOfWorkspace(tx, workspaceId, targetTicketId, 'input.targetTicketId');
        // A ticket rule that ran after the previous source may have closed the target: refuse all of it, as for a
        // target closed from the start, instead of merging the rest into a finished ticket.
        if (current.status.category === 'CLOSED') {
          throw conflict('input.targetTicketId', `A ticket rule closed #${target.number} while merging; nothing was merged. Change the rule or reopen the ticket.`);
        }
        await mergeOne(tx, emit, principal, source, current, closed);
      }
      return { sourceTicketIds: sources.map((source) => source.id), targetTicketId: target.id };
    },
    sourceTicketIds.length > 1 ? { timeoutMs: MERGE_MANY_TIMEOUT_MS } : {},
  );
}

/** One source into the target, inside the caller's transaction, after the checks: what a single merge always did. */
async function mergeOne(tx: Tx, emit: Emit, principal: Principal, source: TicketRow, target: TicketRow, closed: { id: string }) {
  const workspaceId = principal.workspaceId;
  const actor = { ...principal, via: viaOf(principal) };
  const now = transactionTime(tx);
  // updateMany changes only ticketId: every message keeps its createdAt, so the target reads in the order written.
  const movedMessages = await tx.ticketMessage.updateMany({ where: { ticketId: source.id }, data: { ticketId: target.id } });
  const movedAttachments = await tx.attachment.updateMany({ where: { ticketId: source.id }, data: { ticketId: target.id } });

  const targetTagIds = target.tags.map((tag) => tag.tagId);
  const addedTagIds = source.tags.map((tag) => tag.tagId).filter((tagId) => !targetTagIds.includes(tagId));
  if (addedTagIds.length > 0) {
    await tx.ticketTag.createMany({ data: addedTagIds.map((tagId) => ({ ticketId: target.id, tagId })), skipDuplicates: true });
  }

  const body = mergeNote(source.number, target.number);
  const note = (ticketId: string) =>
    tx.ticketMessage.create({
      data: {
        workspaceId,
        ticketId,
        visibility: 'PRIVATE',
        authorKind: 'AGENT',
        author: principal.actor,
        authorUserId: principal.userId,
        body,
        channel: 'INTERNAL',
        createdAt: now,
      },
    });
  const targetNote = await note(target.id);
  const sourceNote = await note(source.id);

  // The target's conversation now includes the source's: its latest message may be the latest of both.
  const sourceIsLater = source.lastMessageAt && (!target.lastMessageAt || source.lastMessageAt > target.lastMessageAt);
  await tx.ticket.update({
    where: { id: target.id },
    data: { updatedAt: now, ...(sourceIsLater ? { lastMessageAt: source.lastMessageAt, lastMessageBy: source.lastMessageBy } : {}) },
  });
  await tx.ticket.update({
    where: { id: source.id },
    data: {
      mergedIntoId: target.id,
      statusId: closed.id,
      resolvedAt: source.resolvedAt ?? now,
      closedAt: source.closedAt ?? now,
      updatedAt: now,
    },
  });

  const targetChanges = [
    {
      field: 'merge',
      from: null,
      to: { sourceTicketId: source.id, sourceNumber: source.number, movedMessages: movedMessages.count, movedAttachments: movedAttachments.count, noteId: targetNote.id },
    },
    ...(addedTagIds.length > 0 ? [{ field: 'tags', from: [...targetTagIds].sort(), to: [...targetTagIds, ...addedTagIds].sort() }] : []),
  ];
  const sourceChanges = [
    { field: 'merge', from: null, to: { targetTicketId: target.id, targetNumber: target.number, noteId: sourceNote.id } },
    ...(source.statusId !== closed.id ? [{ field: 'status', from: source.statusId, to: closed.id }] : []),
  ];
  await recordHistory(tx, actor, target.id, targetChanges);
  await recordHistory(tx, actor, source.id, sourceChanges);
  // Rules run on the target only: the source is read-only from now on, and a rule changing it would be refused.
  await applyTicketRules(tx, {
    workspaceId,
    ticketId: target.id,
    trigger: 'TICKET_UPDATED',
    changedFields: targetChanges.map((change) => change.field),
    emit,
  });
  // The source's rules do not run, but what follows every change (its SLA clocks stop at the close) does.
  await afterTicketChange(tx, { workspaceId, ticketId: source.id, trigger: 'TICKET_UPDATED', changedFields: sourceChanges.map((change) => change.field), emit });
  await refreshSearchVector(tx, [target.id, source.id]);

  emit({
    type: 'ticket.merged',
    entityType: 'Ticket',
    entityId: source.id,
    payload: { sourceTicketId: source.id, targetTicketId: target.id, sourceNumber: source.number, targetNumber: target.number },
  });
  emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: source.id, payload: { fields: sourceChanges.map((change) => change.field) } });
  emit({
    type: 'ticket.updated',
    entityType: 'Ticket',
    entityId: target.id,
    payload: { fields: [...targetChanges.map((change) => change.field), 'messages'] },
  });
}
