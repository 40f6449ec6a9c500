// What customers write: a ticket a customer opened on a channel (e-mail, web form, app store, …) and each further
// customer message. Integrators relaying another system call these through GraphQL; the channel bridges call the
// InTx functions with their own principal. A customer message on a resolved ticket reopens it (its resolution SLA
// clock resumes).
import { recordAttachments, withStoredUploads } from '../attachments/service.js';
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { Channel, Priority } from '../generated/prisma/enums.js';
import { applyTicketRules } from '../rules/engine.js';
import { normaliseEmail } from '../schema/inputs.js';
import {
  assertNotMerged,
  categoryTimestamps,
  nextTicketNumber,
  productOf,
  recordHistory,
  refreshSearchVector,
  statusOf,
  ticketOfWorkspace,
  viaOf,
} from './service.js';

type Emit = (event: EventDraft) => void;
type Writer = Pick<Principal, 'actor' | 'workspaceId'> & { via: string };

export interface CustomerTicketFields {
  productId: string;
  channel: Channel;
  customer: { name: string; email?: string | null; phone?: string | null };
  subject: string;
  body: string;
  priority?: Priority | null;
  /** Uploads (src/attachments), checked and stored by `createCustomerTicket`. */
  attachments?: readonly unknown[] | null;
}

/** The customer of a workspace with this e-mail (or phone, when there is no e-mail), created when new. */
async function customerFor(tx: Tx, emit: Emit, workspaceId: string, customer: CustomerTicketFields['customer']) {
  const email = customer.email ? normaliseEmail(customer.email) : null;
  const phone = customer.phone?.trim() || null;
  const existing = email
    ? await tx.customer.findFirst({ where: { workspaceId, email } })
    : phone
      ? await tx.customer.findFirst({ where: { workspaceId, phone }, orderBy: { createdAt: 'asc' } })
      : null;
  if (existing) return existing;
  const created = await tx.customer.create({ data: { workspaceId, email, phone, name: customer.name.trim() } });
  emit({ type: 'customer.created', entityType: 'Customer', entityId: created.id });
  return created;
}

export async function createCustomerTicketInTx(tx: Tx, emit: Emit, writer: Writer, fields: CustomerTicketFields) {
  const workspaceId = writer.workspaceId;
  if (fields.channel === 'INTERNAL') throw badInput('input.channel', 'Tickets on INTERNAL are created by agents with createTicket.');
  if (!fields.customer.email && !fields.customer.phone) {
    throw badInput('input.customer.email', 'Give the customer’s e-mail address or phone number.');
  }
  const product = await productOf(tx, workspaceId, fields.productId, 'input.productId');
  const status = await statusOf(tx, workspaceId, null, 'input.statusId');
  const customer = await customerFor(tx, emit, workspaceId, fields.customer);
  const now = transactionTime(tx);
  const ticket = await tx.ticket.create({
    data: {
      workspaceId,
      number: await nextTicketNumber(tx, workspaceId),
      productId: product.id,
      channel: fields.channel,
      customerId: customer.id,
      subject: fields.subject.trim(),
      statusId: status.id,
      priority: fields.priority ?? 'MEDIUM',
      isInternal: false,
      createdBy: `customer:${customer.id}`,
      createdAt: now,
      updatedAt: now,
      lastMessageAt: now,
      lastMessageBy: 'CUSTOMER',
      ...categoryTimestamps(status.category, now),
    },
  });
  const message = await tx.ticketMessage.create({
    data: {
      workspaceId,
      ticketId: ticket.id,
      visibility: 'PUBLIC',
      authorKind: 'CUSTOMER',
      author: `customer:${customer.id}`,
      body: fields.body,
      channel: fields.channel,
      createdAt: now,
    },
  });
  await recordHistory(tx, writer, ticket.id, [
    { field: 'created', from: null, to: { number: ticket.number, status: status.id, priority: ticket.priority, customer: customer.id } },
  ]);
  await refreshSearchVector(tx, [ticket.id]);
  emit({ type: 'ticket.created', entityType: 'Ticket', entityId: ticket.id, payload: { number: ticket.number } });
  await applyTicketRules(tx, { workspaceId, ticketId: ticket.id, trigger: 'TICKET_CREATED', changedFields: [], emit });
  return { ticket, message };
}

/** The status a customer's message moves a resolved or closed ticket back to: the default one, or the first open one. */
async function reopenStatusOf(tx: Tx, workspaceId: string) {
  const fallback = await tx.ticketStatus.findFirst({ where: { workspaceId, isDefault: true } });
  if (fallback && (fallback.category === 'NEW' || fallback.category === 'OPEN')) return fallback;
  return tx.ticketStatus.findFirst({ where: { workspaceId, category: 'OPEN' }, orderBy: { position: 'asc' } });
}

export async function addCustomerMessageInTx(tx: Tx, emit: Emit, writer: Writer, ticketId: string, body: string) {
  const workspaceId = writer.workspaceId;
  const ticket = await ticketOfWorkspace(tx, workspaceId, ticketId, 'input.ticketId');
  assertNotMerged(ticket);
  const now = transactionTime(tx);
  const message = await tx.ticketMessage.create({
    data: {
      workspaceId,
      ticketId: ticket.id,
      visibility: 'PUBLIC',
      authorKind: 'CUSTOMER',
      author: `customer:${ticket.customerId}`,
      body,
      channel: ticket.channel === 'INTERNAL' ? 'EMAIL' : ticket.channel,
      createdAt: now,
    },
  });
  const changes: { field: string; from: unknown; to: unknown }[] = [{ field: 'customerMessage', from: null, to: { messageId: message.id } }];
  const data: Record<string, unknown> = { lastMessageAt: now, lastMessageBy: 'CUSTOMER', updatedAt: now };
  if (ticket.status.category === 'RESOLVED' || ticket.status.category === 'CLOSED') {
    const reopened = await reopenStatusOf(tx, workspaceId);
    if (reopened) {
      Object.assign(data, { statusId: reopened.id, ...categoryTimestamps(reopened.category, now, ticket) });
      changes.push({ field: 'status', from: ticket.statusId, to: reopened.id });
    }
  }
  await tx.ticket.update({ where: { id: ticket.id }, data });
  await recordHistory(tx, writer, ticket.id, changes);
  await refreshSearchVector(tx, [ticket.id]);
  emit({ type: 'ticket.messageAdded', entityType: 'Ticket', entityId: ticket.id, payload: { messageId: message.id, visibility: 'PUBLIC' } });
  if (changes.some((change) => change.field === 'status')) {
    emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: ticket.id, payload: { fields: ['status'] } });
  }
  await applyTicketRules(tx, {
    workspaceId,
    ticketId: ticket.id,
    trigger: 'TICKET_UPDATED',
    changedFields: changes.map((change) => change.field),
    emit,
  });
  return message;
}

export async function createCustomerTicket(ctx: Context, fields: CustomerTicketFields) {
  const principal = principalOf(ctx);
  return withStoredUploads(ctx.app, fields.attachments, 'input.attachments', (stored) =>
    writeTransaction(ctx.app, principal, async (tx, emit) => {
      const created = await createCustomerTicketInTx(tx, emit, { ...principal, via: viaOf(principal) }, fields);
      await recordAttachments(tx, stored, { workspaceId: principal.workspaceId, ticketId: created.ticket.id, messageId: created.message.id });
      return created;
    }),
  );
}

export async function addCustomerMessage(ctx: Context, ticketId: string, body: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, (tx, emit) => addCustomerMessageInTx(tx, emit, { ...principal, via: viaOf(principal) }, ticketId, body));
}
