// Merging tickets: a customer wrote twice about one problem, so the conversation continues on one ticket. The
// source's messages and attachments move to the target (keeping their times), tags join, both tickets get a private
// note and a history entry, and the source is closed and read-only for good (`mergedIntoId`).
//
// Decisions: any two tickets of the workspace may merge, also of different customers or products (as Zendesk allows
// different requesters; the target keeps its own customer and product). Refused: a ticket into itself, a source
// that was already merged, a target that was merged (merge into the ticket it went to instead), and a CLOSED target
// (a finished ticket would hide the conversation that continues; reopen it first).
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict } from '../errors.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import { afterTicketChange, applyTicketRules } from '../rules/engine.js';
import { closedStatusOf } from './bulk.js';
import { recordHistory, refreshSearchVector, ticketOfWorkspace, viaOf } from './service.js';

export interface MergeTicketsInput {
  sourceTicketId: string;
  targetTicketId: string;
}

/** The note both tickets get, for agents reading either one later. */
export const mergeNote = (sourceNumber: number, targetNumber: number) => `Merged #${sourceNumber} into #${targetNumber}`;

export async function mergeTickets(ctx: Context, input: MergeTicketsInput) {
  const principal = principalOf(ctx);
  const workspaceId = principal.workspaceId;
  const actor = { ...principal, via: viaOf(principal) };
  if (input.sourceTicketId === input.targetTicketId) {
    throw badInput('input.targetTicketId', 'A ticket cannot be merged into itself.');
  }
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // Both rows locked, in id order like bulk actions: two merges of the same source cannot both pass the checks.
    await tx.$queryRaw`
      SELECT "id" FROM "Ticket" WHERE "workspaceId" = ${workspaceId}::uuid
         AND "id" = ANY(${[input.sourceTicketId, input.targetTicketId]}::uuid[]) ORDER BY "id" FOR UPDATE`;
    const source = await ticketOfWorkspace(tx, workspaceId, input.sourceTicketId, 'input.sourceTicketId');
    const target = await ticketOfWorkspace(tx, workspaceId, input.targetTicketId, 'input.targetTicketId');
    if (source.mergedIntoId) {
      throw conflict('input.sourceTicketId', `Ticket #${source.number} was already merged into another ticket.`);
    }
    if (target.mergedIntoId) {
      throw conflict('input.targetTicketId', `Ticket #${target.number} was merged into another ticket; merge into that ticket instead.`);
    }
    if (target.status.category === 'CLOSED') {
      throw conflict('input.targetTicketId', `Ticket #${target.number} is closed; reopen it before merging into it.`);
    }
    const closed = await closedStatusOf(tx, workspaceId);
    if (!closed) throw conflict('input.sourceTicketId', 'This workspace has no status in the CLOSED category to close the merged ticket with.');

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
    return { sourceTicketId: source.id, targetTicketId: target.id };
  });
}
