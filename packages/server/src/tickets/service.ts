// The ticket workflow: create on a customer's behalf, reply, note, change fields. Every change runs in one
// transaction with its history entries, its events and the rules it triggers; nothing about a ticket changes
// without a history entry.
import { recordAttachments, withStoredUploads } from '../attachments/service.js';
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, notFound } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AssigneeKind, Channel, Priority, StatusCategory } from '../generated/prisma/enums.js';
import { subjectWithTicketToken } from '../mail/threading.js';
import { applyTicketRules } from '../rules/engine.js';
import { normaliseEmail } from '../schema/inputs.js';
import { storedValues } from '../ticket-fields/fields.js';
import { type CustomFieldInput, customFieldValuesInTx } from '../ticket-fields/ticket-values.js';
import { type FieldChange, diffTicket, type TrackedTicket } from './history.js';
import { defaultTicketSubject } from './texts.js';

type Emit = (event: EventDraft) => void;

export interface AssigneeInput {
  kind: AssigneeKind;
  id: string;
}

/** How a change arrived, for history: the agent app, the API (tokens), or a channel. */
export const viaOf = (principal: Principal) => (principal.kind === 'token' ? 'API' : 'APP');

// ---------------------------------------------------------------- checks

export async function ticketOfWorkspace(tx: Tx, workspaceId: string, id: string, field = 'input.id') {
  const ticket = await tx.ticket.findFirst({ where: { id, workspaceId }, include: { tags: true, status: true } });
  if (!ticket) throw notFound('Ticket', field);
  return ticket;
}

export function assertNotMerged(ticket: { mergedIntoId: string | null; number: number }) {
  if (ticket.mergedIntoId) {
    throw conflict('input.id', `Ticket #${ticket.number} was merged into another ticket and can no longer change.`);
  }
}

export async function productOf(tx: Tx, workspaceId: string, productId: string, field: string) {
  const product = await tx.product.findFirst({ where: { id: productId, workspaceId } });
  if (!product) throw notFound('Product', field);
  return product;
}

export async function statusOf(tx: Tx, workspaceId: string, statusId: string | null | undefined, field: string) {
  const status = statusId
    ? await tx.ticketStatus.findFirst({ where: { id: statusId, workspaceId } })
    : await tx.ticketStatus.findFirst({ where: { workspaceId, isDefault: true } });
  if (!status) throw notFound('TicketStatus', field);
  return status;
}

async function assertTopic(tx: Tx, workspaceId: string, productId: string, topicId: string, field: string) {
  const topic = await tx.ticketTopic.findFirst({ where: { id: topicId, workspaceId } });
  if (!topic) throw notFound('TicketTopic', field);
  if (topic.productId !== productId) throw badInput(field, 'This topic belongs to another product.');
}

async function assertType(tx: Tx, workspaceId: string, typeId: string, field: string) {
  if (!(await tx.ticketType.findFirst({ where: { id: typeId, workspaceId } }))) throw notFound('TicketType', field);
}

async function assertFolder(tx: Tx, workspaceId: string, folderId: string, field: string) {
  if (!(await tx.folder.findFirst({ where: { id: folderId, workspaceId } }))) throw notFound('Folder', field);
}

/** Tags must exist already: agents pick from the workspace's vocabulary, they do not invent tags on a ticket. */
export async function assertTags(tx: Tx, workspaceId: string, tagIds: string[], field: string) {
  const unique = [...new Set(tagIds)];
  const found = await tx.tag.count({ where: { workspaceId, id: { in: unique } } });
  if (found !== unique.length) throw badInput(field, 'Every tag must be an existing tag of this workspace.');
  return unique;
}

/**
 * Who may be assigned a product's tickets: the users and teams listed on the product (a user also through a listed
 * team). A product with no list at all is open to every active user and team of the workspace.
 */
export async function resolveAssignee(
  tx: Tx,
  workspaceId: string,
  productId: string,
  assignee: AssigneeInput | null,
  field: string,
): Promise<{ assigneeUserId: string | null; assigneeTeamId: string | null }> {
  if (!assignee) return { assigneeUserId: null, assigneeTeamId: null };
  const [listedUsers, listedTeams] = await Promise.all([
    tx.productUser.findMany({ where: { productId }, select: { userId: true } }),
    tx.productTeam.findMany({ where: { productId }, select: { teamId: true } }),
  ]);
  const open = listedUsers.length === 0 && listedTeams.length === 0;
  if (assignee.kind === 'USER') {
    const user = await tx.user.findFirst({
      where: { id: assignee.id, workspaceId },
      include: { teams: { select: { teamId: true } } },
    });
    if (!user) throw notFound('User', field);
    if (user.deactivatedAt) throw badInput(field, 'This user is deactivated.');
    const allowed =
      open ||
      listedUsers.some((entry) => entry.userId === user.id) ||
      user.teams.some((membership) => listedTeams.some((entry) => entry.teamId === membership.teamId));
    if (!allowed) throw badInput(field, 'This user may not be assigned tickets of this product.');
    return { assigneeUserId: user.id, assigneeTeamId: null };
  }
  const team = await tx.team.findFirst({ where: { id: assignee.id, workspaceId } });
  if (!team) throw notFound('Team', field);
  if (!open && !listedTeams.some((entry) => entry.teamId === team.id)) {
    throw badInput(field, 'This team may not be assigned tickets of this product.');
  }
  return { assigneeUserId: null, assigneeTeamId: team.id };
}

// ---------------------------------------------------------------- shared steps

export async function nextTicketNumber(tx: Tx, workspaceId: string) {
  // The row lock on the workspace serialises numbering; numbers never repeat, even across instances.
  const [{ ticketCounter }] = await tx.$queryRaw<{ ticketCounter: number }[]>`
    UPDATE "Workspace" SET "ticketCounter" = "ticketCounter" + 1 WHERE "id" = ${workspaceId}::uuid RETURNING "ticketCounter"`;
  return ticketCounter;
}

/** Keeps full-text search current: subject plus every message, in the same transaction as the change. */
export async function refreshSearchVector(tx: Tx, ticketIds: string[]) {
  if (ticketIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Ticket" t SET "searchVector" = to_tsvector('simple', t."subject" || ' ' || coalesce(
      (SELECT string_agg(m."body", ' ' ORDER BY m."createdAt") FROM "TicketMessage" m WHERE m."ticketId" = t."id"), ''))
     WHERE t."id" = ANY(${ticketIds}::uuid[])`;
}

export async function recordHistory(
  tx: Tx,
  principal: Pick<Principal, 'actor' | 'workspaceId'> & { via: string },
  ticketId: string,
  changes: FieldChange[] | { field: string; from: unknown; to: unknown }[],
) {
  if (changes.length === 0) return;
  const now = transactionTime(tx);
  await tx.ticketHistoryEntry.createMany({
    data: changes.map((change) => ({
      createdAt: now,
      workspaceId: principal.workspaceId,
      ticketId,
      actor: principal.actor,
      via: principal.via,
      field: change.field,
      fromValue: (change.from ?? undefined) as Prisma.InputJsonValue | undefined,
      toValue: (change.to ?? undefined) as Prisma.InputJsonValue | undefined,
    })),
  });
}

/** resolvedAt/closedAt follow the status category; reopening clears them (so a resolution clock can resume). */
export function categoryTimestamps(category: StatusCategory, now: Date, current?: { resolvedAt: Date | null; closedAt: Date | null }) {
  return {
    resolvedAt: category === 'RESOLVED' || category === 'CLOSED' ? (current?.resolvedAt ?? now) : null,
    closedAt: category === 'CLOSED' ? (current?.closedAt ?? now) : null,
  };
}

const trackedOf = (ticket: {
  subject: string;
  statusId: string;
  priority: Priority;
  typeId: string | null;
  topicId: string | null;
  folderId: string | null;
  assigneeUserId: string | null;
  assigneeTeamId: string | null;
  tags: { tagId: string }[];
}): TrackedTicket => ({
  subject: ticket.subject,
  statusId: ticket.statusId,
  priority: ticket.priority,
  typeId: ticket.typeId,
  topicId: ticket.topicId,
  folderId: ticket.folderId,
  assigneeUserId: ticket.assigneeUserId,
  assigneeTeamId: ticket.assigneeTeamId,
  tagIds: ticket.tags.map((tag) => tag.tagId),
});

// ---------------------------------------------------------------- create

export interface CreateTicketFields {
  productId: string;
  topicId?: string | null;
  statusId?: string | null;
  typeId?: string | null;
  customer: { name: string; email: string };
  subject?: string | null;
  /** Kept as a private note: the customer never sees it. */
  description?: string | null;
  priority?: Priority | null;
  assignee?: AssigneeInput | null;
  tagIds?: string[] | null;
  /** Uploads (src/attachments); checked and stored by `createTicket`, not by `createTicketInTx`. */
  attachments?: readonly unknown[] | null;
  /** Custom field values (src/ticket-fields); null values are left out. */
  customFields?: readonly CustomFieldInput[] | null;
  /**
   * Every required custom field must get a value: an agent filling in the form (`createTicket`). Tickets from
   * templates and channels cannot carry custom fields yet, so they are not held to it.
   */
  requireCustomFields?: boolean;
}

/** Creates an internal ticket (an agent on the customer's behalf) inside a caller's transaction. */
export async function createTicketInTx(tx: Tx, emit: Emit, principal: Principal, fields: CreateTicketFields) {
  const workspaceId = principal.workspaceId;
  const product = await productOf(tx, workspaceId, fields.productId, 'input.productId');
  const status = await statusOf(tx, workspaceId, fields.statusId, 'input.statusId');
  if (fields.topicId) await assertTopic(tx, workspaceId, product.id, fields.topicId, 'input.topicId');
  if (fields.typeId) await assertType(tx, workspaceId, fields.typeId, 'input.typeId');
  const tagIds = await assertTags(tx, workspaceId, fields.tagIds ?? [], 'input.tagIds');
  const assignee = await resolveAssignee(tx, workspaceId, product.id, fields.assignee ?? null, 'input.assignee.id');
  const custom = await customFieldValuesInTx(tx, workspaceId, {}, fields.customFields, {
    field: 'input.customFields',
    requireAll: fields.requireCustomFields,
  });

  // An existing customer is matched by e-mail within the workspace; otherwise the ticket brings a new one.
  const email = normaliseEmail(fields.customer.email);
  let customer = await tx.customer.findFirst({ where: { workspaceId, email } });
  if (!customer) {
    customer = await tx.customer.create({ data: { workspaceId, email, name: fields.customer.name } });
    emit({ type: 'customer.created', entityType: 'Customer', entityId: customer.id });
  }

  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { language: true } });
  const now = transactionTime(tx);
  const ticket = await tx.ticket.create({
    data: {
      workspaceId,
      number: await nextTicketNumber(tx, workspaceId),
      productId: product.id,
      channel: 'INTERNAL',
      customerId: customer.id,
      subject: fields.subject?.trim() || defaultTicketSubject(workspace.language),
      statusId: status.id,
      typeId: fields.typeId ?? null,
      topicId: fields.topicId ?? null,
      priority: fields.priority ?? 'MEDIUM',
      ...assignee,
      isInternal: true,
      customFields: custom.values,
      createdBy: principal.actor,
      createdAt: now,
      updatedAt: now,
      ...categoryTimestamps(status.category, now),
      tags: { create: tagIds.map((tagId) => ({ tagId })) },
    },
  });
  if (fields.description?.trim()) {
    await tx.ticketMessage.create({
      data: {
        workspaceId,
        ticketId: ticket.id,
        visibility: 'PRIVATE',
        authorKind: 'AGENT',
        author: principal.actor,
        authorUserId: principal.userId,
        body: fields.description,
        channel: 'INTERNAL',
        createdAt: now,
      },
    });
  }
  await recordHistory(tx, { ...principal, via: viaOf(principal) }, ticket.id, [
    {
      field: 'created',
      from: null,
      to: { number: ticket.number, status: status.id, priority: ticket.priority, customer: customer.id },
    },
    ...custom.changes,
  ]);
  await refreshSearchVector(tx, [ticket.id]);
  emit({ type: 'ticket.created', entityType: 'Ticket', entityId: ticket.id, payload: { number: ticket.number } });
  if (assignee.assigneeUserId || assignee.assigneeTeamId) {
    emit({ type: 'ticket.assigned', entityType: 'Ticket', entityId: ticket.id, payload: { ...assignee } });
  }
  // After the ticket's own events, so subscribers hear of the ticket before they hear what rules did to it.
  await applyTicketRules(tx, { workspaceId, ticketId: ticket.id, trigger: 'TICKET_CREATED', changedFields: [], emit });
  return ticket;
}

export async function createTicket(ctx: Context, fields: CreateTicketFields) {
  const principal = principalOf(ctx);
  // Attachments: files are stored first and removed again if the transaction fails (see src/attachments/service.ts).
  return withStoredUploads(ctx.app, fields.attachments, 'input.attachments', (stored) =>
    writeTransaction(ctx.app, principal, async (tx, emit) => {
      const ticket = await createTicketInTx(tx, emit, principal, { ...fields, requireCustomFields: true });
      await recordAttachments(tx, stored, { workspaceId: principal.workspaceId, ticketId: ticket.id });
      return ticket;
    }),
  );
}

// ---------------------------------------------------------------- messages

export interface AddMessageInput {
  ticketId: string;
  body: string;
  /** With a reply, agents usually also move the ticket on (to Pending, Resolved, …). */
  statusId?: string | null;
  /** Uploads (src/attachments); a public reply's files also go out with its e-mail. */
  attachments?: readonly unknown[] | null;
}

async function addMessage(ctx: Context, visibility: 'PUBLIC' | 'PRIVATE', input: AddMessageInput) {
  const principal = principalOf(ctx);
  const via = viaOf(principal);
  // Attachments: files are stored first and removed again if the transaction fails (see src/attachments/service.ts).
  return withStoredUploads(ctx.app, input.attachments, 'input.attachments', (stored) => writeTransaction(ctx.app, principal, async (tx, emit) => {
    const ticket = await ticketOfWorkspace(tx, principal.workspaceId, input.ticketId, 'input.ticketId');
    assertNotMerged(ticket);
    const now = transactionTime(tx);
    const message = await tx.ticketMessage.create({
      data: {
        workspaceId: principal.workspaceId,
        ticketId: ticket.id,
        visibility,
        authorKind: 'AGENT',
        author: principal.actor,
        authorUserId: principal.userId,
        body: input.body,
        channel: visibility === 'PUBLIC' ? replyChannelOf(ticket) : 'INTERNAL',
        createdAt: now,
      },
    });
    await recordAttachments(tx, stored, { workspaceId: principal.workspaceId, ticketId: ticket.id, messageId: message.id });
    const changes: { field: string; from: unknown; to: unknown }[] = [
      { field: visibility === 'PUBLIC' ? 'reply' : 'note', from: null, to: { messageId: message.id } },
    ];
    const update: Prisma.TicketUpdateInput = {};
    if (visibility === 'PUBLIC') {
      Object.assign(update, { lastMessageAt: now, lastMessageBy: 'AGENT', firstReplyAt: ticket.firstReplyAt ?? now });
      await queueReplyEmail(tx, ticket, message);
    }
    if (input.statusId && input.statusId !== ticket.statusId) {
      const status = await statusOf(tx, principal.workspaceId, input.statusId, 'input.statusId');
      Object.assign(update, { status: { connect: { id: status.id } }, ...categoryTimestamps(status.category, now, ticket) });
      changes.push({ field: 'status', from: ticket.statusId, to: status.id });
    }
    await tx.ticket.update({ where: { id: ticket.id }, data: { ...update, updatedAt: now } });
    await recordHistory(tx, { ...principal, via }, ticket.id, changes);
    await refreshSearchVector(tx, [ticket.id]);
    emit({
      type: 'ticket.messageAdded',
      entityType: 'Ticket',
      entityId: ticket.id,
      payload: { messageId: message.id, visibility },
    });
    if (changes.some((change) => change.field === 'status')) {
      emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: ticket.id, payload: { fields: ['status'] } });
    }
    await applyTicketRules(tx, {
      workspaceId: principal.workspaceId,
      ticketId: ticket.id,
      trigger: 'TICKET_UPDATED',
      changedFields: changes.map((change) => change.field),
      emit,
    });
    return message;
  }));
}

export const replyToTicket = (ctx: Context, input: AddMessageInput) => addMessage(ctx, 'PUBLIC', input);

/** The channel a public message goes out on: internal tickets are answered by e-mail. */
const replyChannelOf = (ticket: { channel: Channel }): Channel => (ticket.channel === 'INTERNAL' ? 'EMAIL' : ticket.channel);

/** E-mail goes out through the outbox: a mail server outage delays a public message, it never loses it. */
export async function queueReplyEmail(
  tx: Tx,
  ticket: { id: string; workspaceId: string; customerId: string; channel: Channel; number: number; subject: string },
  message: { id: string; body: string },
) {
  if (ticket.channel !== 'EMAIL' && ticket.channel !== 'INTERNAL' && ticket.channel !== 'WEB_FORM') return;
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: ticket.customerId } });
  if (!customer.email) return;
  await tx.outboundEmail.create({
    data: {
      workspaceId: ticket.workspaceId,
      ticketId: ticket.id,
      messageId: message.id,
      toAddress: customer.email,
      // The token lets a customer's answer find this ticket even without threading headers (src/mail/threading.ts).
      subject: subjectWithTicketToken(ticket.number, ticket.subject),
      textBody: message.body,
    },
  });
}

/**
 * A public message the system sends on its own (a rule's automatic reply): the customer gets it like a reply, but it
 * is nobody's response, so first-reply and last-message fields stay as they are (SLA clocks keep running).
 */
export async function addSystemReplyInTx(
  tx: Tx,
  emit: Emit,
  principal: Pick<Principal, 'actor' | 'workspaceId'> & { via: string },
  ticketId: string,
  body: string,
) {
  const ticket = await ticketOfWorkspace(tx, principal.workspaceId, ticketId, 'ticketId');
  assertNotMerged(ticket);
  const message = await tx.ticketMessage.create({
    data: {
      workspaceId: principal.workspaceId,
      ticketId: ticket.id,
      visibility: 'PUBLIC',
      authorKind: 'SYSTEM',
      author: 'system',
      body,
      channel: replyChannelOf(ticket),
      createdAt: transactionTime(tx),
    },
  });
  await queueReplyEmail(tx, ticket, message);
  await recordHistory(tx, principal, ticket.id, [{ field: 'reply', from: null, to: { messageId: message.id } }]);
  await refreshSearchVector(tx, [ticket.id]);
  emit({ type: 'ticket.messageAdded', entityType: 'Ticket', entityId: ticket.id, payload: { messageId: message.id, visibility: 'PUBLIC' } });
  return message;
}
export const addPrivateNote = (ctx: Context, input: Omit<AddMessageInput, 'statusId'>) => addMessage(ctx, 'PRIVATE', input);

// ---------------------------------------------------------------- update

export interface TicketChanges {
  subject?: string | null;
  statusId?: string | null;
  priority?: Priority | null;
  /** `null` clears; `undefined` leaves as is. */
  typeId?: string | null;
  topicId?: string | null;
  folderId?: string | null;
  assignee?: AssigneeInput | null;
  tagIds?: string[] | null;
  addTagIds?: string[] | null;
  removeTagIds?: string[] | null;
  /** Custom field values to set (null clears); fields not listed stay as they are. */
  customFields?: readonly CustomFieldInput[] | null;
}

/** Applies changes to one ticket inside a caller's transaction (also used by bulk actions and rules). */
export async function updateTicketInTx(
  tx: Tx,
  emit: Emit,
  principal: Pick<Principal, 'actor' | 'workspaceId'> & { via: string },
  ticketId: string,
  changes: TicketChanges,
  fieldPrefix = 'input',
) {
  const workspaceId = principal.workspaceId;
  const ticket = await ticketOfWorkspace(tx, workspaceId, ticketId, `${fieldPrefix}.id`);
  assertNotMerged(ticket);
  const before = trackedOf(ticket);
  const after: TrackedTicket = { ...before };
  const now = transactionTime(tx);
  const data: Prisma.TicketUncheckedUpdateInput = {};

  if (changes.subject != null) after.subject = data.subject = changes.subject.trim();
  if (changes.priority != null) after.priority = data.priority = changes.priority;
  if (changes.statusId != null && changes.statusId !== ticket.statusId) {
    const status = await statusOf(tx, workspaceId, changes.statusId, `${fieldPrefix}.statusId`);
    after.statusId = data.statusId = status.id;
    Object.assign(data, categoryTimestamps(status.category, now, ticket));
  }
  if (changes.typeId !== undefined) {
    if (changes.typeId) await assertType(tx, workspaceId, changes.typeId, `${fieldPrefix}.typeId`);
    after.typeId = data.typeId = changes.typeId;
  }
  if (changes.topicId !== undefined) {
    if (changes.topicId) await assertTopic(tx, workspaceId, ticket.productId, changes.topicId, `${fieldPrefix}.topicId`);
    after.topicId = data.topicId = changes.topicId;
  }
  if (changes.folderId !== undefined) {
    if (changes.folderId) await assertFolder(tx, workspaceId, changes.folderId, `${fieldPrefix}.folderId`);
    after.folderId = data.folderId = changes.folderId;
  }
  if (changes.assignee !== undefined) {
    const assignee = await resolveAssignee(tx, workspaceId, ticket.productId, changes.assignee, `${fieldPrefix}.assignee.id`);
    Object.assign(after, assignee);
    Object.assign(data, assignee);
  }
  if (changes.tagIds || changes.addTagIds || changes.removeTagIds) {
    const next = new Set(changes.tagIds ?? before.tagIds);
    for (const id of changes.addTagIds ?? []) next.add(id);
    for (const id of changes.removeTagIds ?? []) next.delete(id);
    after.tagIds = await assertTags(tx, workspaceId, [...next], `${fieldPrefix}.tagIds`);
  }
  const custom = await customFieldValuesInTx(tx, workspaceId, storedValues(ticket.customFields), changes.customFields, {
    field: `${fieldPrefix}.customFields`,
  });
  if (custom.changes.length > 0) data.customFields = custom.values;

  const diff: (FieldChange | { field: string; from: unknown; to: unknown })[] = [...diffTicket(before, after), ...custom.changes];
  if (diff.length === 0) return { ticket, changed: diff };
  if (diff.some((change) => change.field === 'tags')) {
    await tx.ticketTag.deleteMany({ where: { ticketId: ticket.id, tagId: { notIn: after.tagIds } } });
    await tx.ticketTag.createMany({
      data: after.tagIds.map((tagId) => ({ ticketId: ticket.id, tagId })),
      skipDuplicates: true,
    });
  }
  const updated = await tx.ticket.update({ where: { id: ticket.id }, data: { ...data, updatedAt: now } });
  await recordHistory(tx, principal, ticket.id, diff);
  if (diff.some((change) => change.field === 'subject')) await refreshSearchVector(tx, [ticket.id]);
  emit({
    type: 'ticket.updated',
    entityType: 'Ticket',
    entityId: ticket.id,
    payload: { fields: diff.map((change) => change.field) },
  });
  if (diff.some((change) => change.field === 'assignee')) {
    emit({
      type: 'ticket.assigned',
      entityType: 'Ticket',
      entityId: ticket.id,
      payload: { assigneeUserId: after.assigneeUserId, assigneeTeamId: after.assigneeTeamId },
    });
  }
  await applyTicketRules(tx, {
    workspaceId,
    ticketId: ticket.id,
    trigger: 'TICKET_UPDATED',
    changedFields: diff.map((change) => change.field),
    emit,
  });
  return { ticket: updated, changed: diff };
}

export async function updateTicket(ctx: Context, ticketId: string, changes: TicketChanges) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const { ticket } = await updateTicketInTx(tx, emit, { ...principal, via: viaOf(principal) }, ticketId, changes);
    return ticket;
  });
}
