// Live-chat conversations: start, customer and agent messages, resolve, customer end, transfer, reactivation and
// conversion to a ticket. Each change runs in one transaction; changes of who holds a conversation take the
// workspace routing lock first (src/chats/assign.ts). The InTx functions are shared with the visitor API and the
// channel bridges, which run them inside their own writeTransaction.
import type { Principal } from '../auth/principal.js';
import { hasRoleAtLeast } from '../auth/principal.js';
import { isMetaChannel, templateSummary, type TemplateRef } from '../channels/outbox-payload.js';
import { planChannelReplyInTx, writeChannelReplyInTx } from '../channels/outbox-reply.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { Conversation, Prisma } from '../generated/prisma/client.js';
import type { Channel } from '../generated/prisma/enums.js';
import { normaliseEmail } from '../schema/inputs.js';
import { createCustomerTicketInTx } from '../tickets/customer-messages.js';
import { productOf, viaOf } from '../tickets/service.js';
import {
  assignConversation,
  drainQueueToAgent,
  emitConversation,
  lockRouting,
  productAccess,
  routeConversation,
  routingAgents,
  writeSystemMessage,
} from './assign.js';
import { allowedOn } from './routing.js';
import { conversationTranscript } from './transcript.js';

type Emit = (event: EventDraft) => void;

/** Who writes: the workspace and the actor recorded on events (`user:`, `token:`, `visitor:`, `customer:`). */
export interface ConversationWriter {
  workspaceId: string;
  actor: string;
}

export const CHAT_CHANNELS = ['LIVE_CHAT', 'WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'IN_APP'] as const satisfies readonly Channel[];
export type ChatChannel = (typeof CHAT_CHANNELS)[number];
export const isChatChannel = (channel: Channel): channel is ChatChannel => (CHAT_CHANNELS as readonly Channel[]).includes(channel);

export interface ConversationAttachment {
  url: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** How long after the customer's last message a resolved conversation may be reopened (the providers' reply windows). */
export const REACTIVATION_WINDOW_HOURS: Partial<Record<Channel, number>> = { FACEBOOK: 7 * 24, INSTAGRAM: 7 * 24, WHATSAPP: 24 };

export function reactivatableUntil(conversation: Pick<Conversation, 'status' | 'channel' | 'lastCustomerMessageAt' | 'resolvedAt'>): Date | null {
  const hours = REACTIVATION_WINDOW_HOURS[conversation.channel];
  if (conversation.status !== 'RESOLVED' || !hours) return null;
  const from = conversation.lastCustomerMessageAt ?? conversation.resolvedAt;
  return from ? new Date(from.getTime() + hours * 3_600_000) : null;
}

// ---------------------------------------------------------------- checks

export async function conversationOfWorkspace(tx: Tx, workspaceId: string, id: string, field = 'input.conversationId') {
  const conversation = await tx.conversation.findFirst({ where: { id, workspaceId } });
  if (!conversation) throw notFound('Conversation', field);
  return conversation;
}

/** The assignee, or a supervisor or admin (an ADMIN-scoped token too), may act for the conversation. */
function assertMayHandle(principal: Principal, conversation: Conversation, what: string) {
  if (hasRoleAtLeast(principal, 'SUPERVISOR')) return;
  if (principal.userId && conversation.assigneeUserId === principal.userId) return;
  throw forbidden(`Only the conversation's agent or a supervisor may ${what}.`);
}

function assertActive(conversation: Conversation, what: string) {
  if (conversation.status !== 'ACTIVE') {
    throw conflict('input.conversationId', `The conversation is ${conversation.status}; only an ACTIVE conversation can be ${what}.`);
  }
}

function messageKind(body: string, attachments: readonly ConversationAttachment[]) {
  if (!body.trim() && attachments.length === 0) throw badInput('input.body', 'Write a message or attach a file.');
  return attachments.length > 0 ? ('ATTACHMENT' as const) : ('TEXT' as const);
}

// ---------------------------------------------------------------- customer side (shared with visitors and bridges)

export interface StartConversationFields {
  productId: string;
  channel: Channel;
  customerId: string;
  visitorId?: string | null;
  body?: string | null;
  attachments?: readonly ConversationAttachment[] | null;
}

/** A new conversation, routed at once: assigned to the best ONLINE agent, or QUEUED. */
export async function startConversationInTx(tx: Tx, emit: Emit, writer: ConversationWriter, fields: StartConversationFields) {
  const workspaceId = writer.workspaceId;
  if (!isChatChannel(fields.channel)) {
    throw badInput('input.channel', `Conversations run on ${CHAT_CHANNELS.join(', ')}; ${fields.channel} is a ticket channel.`);
  }
  const product = await productOf(tx, workspaceId, fields.productId, 'input.productId');
  const customer = await tx.customer.findFirst({ where: { id: fields.customerId, workspaceId } });
  if (!customer) throw notFound('Customer', 'input.customerId');
  await lockRouting(tx, workspaceId);
  const now = transactionTime(tx);
  let conversation = await tx.conversation.create({
    data: {
      workspaceId,
      productId: product.id,
      channel: fields.channel,
      customerId: customer.id,
      visitorId: fields.visitorId ?? null,
      status: 'QUEUED',
      queuedAt: now,
      createdBy: writer.actor,
      createdAt: now,
      updatedAt: now,
    },
  });
  emitConversation(emit, 'conversation.created', conversation);
  if (fields.body?.trim() || fields.attachments?.length) {
    await writeCustomerMessage(tx, emit, writer, conversation, { body: fields.body ?? '', attachments: fields.attachments });
    conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
  }
  return routeConversation(tx, emit, conversation);
}

async function writeCustomerMessage(
  tx: Tx,
  emit: Emit,
  writer: ConversationWriter,
  conversation: Conversation,
  { body, attachments }: { body: string; attachments?: readonly ConversationAttachment[] | null },
) {
  const files = attachments ?? [];
  const kind = messageKind(body, files);
  const now = transactionTime(tx);
  const author = /^(visitor|customer):/.test(writer.actor) ? writer.actor : `customer:${conversation.customerId}`;
  const message = await tx.conversationMessage.create({
    data: {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind,
      authorKind: 'CUSTOMER',
      author,
      body,
      attachments: files as unknown as Prisma.InputJsonValue,
      createdAt: now,
    },
  });
  const updated = await tx.conversation.update({
    where: { id: conversation.id },
    data: { lastCustomerMessageAt: now, lastMessageAt: now, updatedAt: now },
  });
  emitConversation(emit, 'conversation.message', updated, { messageId: message.id });
  return message;
}

/** A further message of the customer; a resolved conversation takes none (the customer starts a new one). */
export async function addCustomerMessageToConversationInTx(
  tx: Tx,
  emit: Emit,
  writer: ConversationWriter,
  conversationId: string,
  fields: { body: string; attachments?: readonly ConversationAttachment[] | null },
) {
  // The row lock orders this message against a resolve (or a customer's end) committing at the same moment: either
  // the message lands before the conversation closes, or it sees the conversation closed.
  await tx.$executeRaw`SELECT 1 FROM "Conversation" WHERE "id" = ${conversationId}::uuid AND "workspaceId" = ${writer.workspaceId}::uuid FOR UPDATE`;
  const conversation = await conversationOfWorkspace(tx, writer.workspaceId, conversationId);
  if (conversation.status === 'RESOLVED') {
    throw conflict('input.conversationId', 'This conversation has ended; start a new conversation to write again.');
  }
  return writeCustomerMessage(tx, emit, writer, conversation, fields);
}

/** The customer left: the conversation ends (RESOLVED, no topic) and its agent's freed place goes to the queue. */
export async function endConversationByCustomerInTx(tx: Tx, emit: Emit, writer: ConversationWriter, conversationId: string) {
  await lockRouting(tx, writer.workspaceId);
  const conversation = await conversationOfWorkspace(tx, writer.workspaceId, conversationId);
  if (conversation.status === 'RESOLVED') throw conflict('input.conversationId', 'This conversation has already ended.');
  const now = transactionTime(tx);
  const ended = await tx.conversation.update({
    where: { id: conversation.id },
    data: { status: 'RESOLVED', resolvedAt: now, resolvedBy: writer.actor, endedByCustomerAt: now, updatedAt: now },
  });
  await writeSystemMessage(tx, emit, ended, 'The customer ended the conversation.');
  emitConversation(emit, 'conversation.ended', ended);
  if (conversation.assigneeUserId) await drainQueueToAgent(tx, emit, writer.workspaceId, conversation.assigneeUserId);
  return ended;
}

// ---------------------------------------------------------------- integrator entry points (GraphQL)

export interface CustomerContact {
  name: string;
  email?: string | null;
  phone?: string | null;
  whatsappNumber?: string | null;
  facebookId?: string | null;
  instagramId?: string | null;
}

/** The workspace's customer with this e-mail, else this channel handle, else this phone; created when new. */
export async function customerForContact(tx: Tx, emit: Emit, workspaceId: string, contact: CustomerContact) {
  const email = contact.email ? normaliseEmail(contact.email) : null;
  const handles = {
    whatsappNumber: contact.whatsappNumber?.trim() || null,
    facebookId: contact.facebookId?.trim() || null,
    instagramId: contact.instagramId?.trim() || null,
    phone: contact.phone?.trim() || null,
  };
  if (!email && !Object.values(handles).some(Boolean)) {
    throw badInput('input.customer.email', 'Give the customer’s e-mail, phone, WhatsApp number, Facebook id or Instagram id.');
  }
  const byEmail = email ? await tx.customer.findFirst({ where: { workspaceId, email } }) : null;
  if (byEmail) return byEmail;
  for (const [field, value] of Object.entries(handles)) {
    if (!value) continue;
    const found = await tx.customer.findFirst({ where: { workspaceId, [field]: value }, orderBy: { createdAt: 'asc' } });
    if (found) return found;
  }
  const created = await tx.customer.create({ data: { workspaceId, name: contact.name.trim(), email, ...handles } });
  emit({ type: 'customer.created', entityType: 'Customer', entityId: created.id });
  return created;
}

export async function startConversation(
  ctx: Context,
  fields: Omit<StartConversationFields, 'customerId' | 'visitorId'> & { customer: CustomerContact },
) {
  const principal = principalOf(ctx);
  if (!isChatChannel(fields.channel)) {
    throw badInput('input.channel', `Conversations run on ${CHAT_CHANNELS.join(', ')}; ${fields.channel} is a ticket channel.`);
  }
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await productOf(tx, principal.workspaceId, fields.productId, 'input.productId');
    const customer = await customerForContact(tx, emit, principal.workspaceId, fields.customer);
    return startConversationInTx(tx, emit, principal, { ...fields, customerId: customer.id });
  });
}

export async function addCustomerConversationMessage(
  ctx: Context,
  conversationId: string,
  fields: { body: string; attachments?: readonly ConversationAttachment[] | null },
) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, (tx, emit) => addCustomerMessageToConversationInTx(tx, emit, principal, conversationId, fields));
}

export async function endConversation(ctx: Context, conversationId: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, (tx, emit) => endConversationByCustomerInTx(tx, emit, principal, conversationId));
}

// ---------------------------------------------------------------- agent side

/**
 * An agent's message. On WhatsApp, Messenger and Instagram it also goes out to the customer: the outbox row is written
 * in this transaction (src/channels/outbox-reply.ts checks the channel set-up and the provider's reply window first)
 * and the message starts PENDING until the worker delivers it. `template`: an approved WhatsApp template, the only
 * thing WhatsApp accepts outside its 24-hour customer service window.
 */
export async function sendConversationMessage(
  ctx: Context,
  conversationId: string,
  fields: { body: string; attachments?: readonly ConversationAttachment[] | null; template?: TemplateRef | null },
) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const files = fields.attachments ?? [];
    const template = fields.template ?? null;
    const kind = template ? ('TEXT' as const) : messageKind(fields.body, files);
    const conversation = await conversationOfWorkspace(tx, principal.workspaceId, conversationId);
    assertMayHandle(principal, conversation, 'write in it');
    assertActive(conversation, 'written to');
    const now = transactionTime(tx);
    const channel = conversation.channel;
    if (template && !isMetaChannel(channel)) throw badInput('input.template', 'Templates are sent on WhatsApp conversations only.');
    const outbound = isMetaChannel(channel) ? await planChannelReplyInTx(tx, conversation, channel, { body: fields.body, files, template }, now) : null;
    const message = await tx.conversationMessage.create({
      data: {
        workspaceId: principal.workspaceId,
        conversationId,
        kind,
        authorKind: 'AGENT',
        author: principal.actor,
        authorUserId: principal.userId,
        body: template ? templateSummary(template) : fields.body,
        attachments: files as unknown as Prisma.InputJsonValue,
        createdAt: now,
        ...(outbound ? { deliveryStatus: 'PENDING' as const, deliveryUpdatedAt: now } : {}),
        ...(template ? { metadata: { template: { name: template.name, language: template.language, parameters: [...template.parameters] } } } : {}),
      },
    });
    if (outbound) await writeChannelReplyInTx(tx, principal.workspaceId, message.id, outbound);
    // First response counts only the assignee's own first reply since the assignment (a supervisor's does not).
    const firstResponse = !conversation.firstResponseAt && !!principal.userId && principal.userId === conversation.assigneeUserId;
    const updated = await tx.conversation.update({
      where: { id: conversationId },
      data: { lastMessageAt: now, updatedAt: now, ...(firstResponse ? { firstResponseAt: now } : {}) },
    });
    if (firstResponse && conversation.assignedAt) {
      await tx.conversationActivity.create({
        data: {
          workspaceId: principal.workspaceId,
          conversationId,
          userId: principal.userId!,
          kind: 'FIRST_RESPONSE',
          productId: conversation.productId,
          channel: conversation.channel,
          durationSeconds: Math.max(0, Math.round((now.getTime() - conversation.assignedAt.getTime()) / 1000)),
          at: now,
        },
      });
    }
    emitConversation(emit, 'conversation.message', updated, { messageId: message.id });
    return message;
  });
}

async function assertTopicOfProduct(tx: Tx, workspaceId: string, productId: string, topicId: string) {
  const topic = await tx.ticketTopic.findFirst({ where: { id: topicId, workspaceId } });
  if (!topic) throw notFound('TicketTopic', 'input.topicId');
  if (topic.productId !== productId) throw badInput('input.topicId', "This topic belongs to another product; pick one of the conversation's product.");
}

/**
 * The agent closes the conversation with a topic; their freed place goes at once to the oldest queued conversation
 * they may take. A conversation the customer ended without a topic can be given one afterwards.
 */
export async function resolveConversation(ctx: Context, conversationId: string, topicId: string | null | undefined) {
  const principal = principalOf(ctx);
  if (!topicId) throw badInput('input.topicId', 'Choose a topic to resolve the conversation.');
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockRouting(tx, principal.workspaceId);
    const conversation = await conversationOfWorkspace(tx, principal.workspaceId, conversationId);
    assertMayHandle(principal, conversation, 'resolve it');
    await assertTopicOfProduct(tx, principal.workspaceId, conversation.productId, topicId);
    const now = transactionTime(tx);
    if (conversation.status === 'RESOLVED' && conversation.endedByCustomerAt && !conversation.topicId) {
      const classified = await tx.conversation.update({ where: { id: conversationId }, data: { topicId, updatedAt: now } });
      emitConversation(emit, 'conversation.resolved', classified);
      return classified;
    }
    assertActive(conversation, 'resolved');
    const resolved = await tx.conversation.update({
      where: { id: conversationId },
      data: { status: 'RESOLVED', topicId, resolvedAt: now, resolvedBy: principal.actor, updatedAt: now },
    });
    if (conversation.assigneeUserId) {
      await tx.conversationActivity.create({
        data: {
          workspaceId: principal.workspaceId,
          conversationId,
          userId: conversation.assigneeUserId,
          kind: 'RESOLVED',
          productId: conversation.productId,
          channel: conversation.channel,
          durationSeconds: conversation.assignedAt ? Math.max(0, Math.round((now.getTime() - conversation.assignedAt.getTime()) / 1000)) : null,
          at: now,
        },
      });
    }
    const who = principal.userId ? (await tx.user.findUniqueOrThrow({ where: { id: principal.userId } })).name : 'An integration';
    await writeSystemMessage(tx, emit, resolved, `${who} resolved the conversation.`);
    emitConversation(emit, 'conversation.resolved', resolved);
    if (conversation.assigneeUserId) await drainQueueToAgent(tx, emit, principal.workspaceId, conversation.assigneeUserId);
    return resolved;
  });
}

/** Hands an ACTIVE conversation to another ONLINE agent of the workspace who may take it and has room. */
export async function transferConversation(ctx: Context, conversationId: string, toUserId: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockRouting(tx, principal.workspaceId);
    const conversation = await conversationOfWorkspace(tx, principal.workspaceId, conversationId);
    assertMayHandle(principal, conversation, 'transfer it');
    assertActive(conversation, 'transferred');
    const target = await tx.user.findFirst({ where: { id: toUserId, workspaceId: principal.workspaceId } });
    if (!target) throw notFound('User', 'input.toUserId');
    if (target.id === conversation.assigneeUserId) throw badInput('input.toUserId', `${target.name} already holds this conversation.`);
    const [agent] = await routingAgents(tx, principal.workspaceId, [target.id]);
    if (agent.deactivated) throw badInput('input.toUserId', `${target.name} is deactivated.`);
    if (agent.status !== 'ONLINE') {
      throw badInput('input.toUserId', `${target.name} is ${agent.status}; conversations can only be transferred to an ONLINE agent.`);
    }
    const access = await productAccess(tx, [conversation.productId]);
    if (!allowedOn(agent, conversation, access)) {
      throw badInput('input.toUserId', `${target.name} does not take conversations of this product on ${conversation.channel}.`);
    }
    if (agent.active >= agent.maxConcurrentChats) {
      throw conflict('input.toUserId', `${target.name} already holds ${agent.active} of at most ${agent.maxConcurrentChats} conversations.`);
    }
    const previous = conversation.assigneeUserId;
    const previousName = previous ? (await tx.user.findUniqueOrThrow({ where: { id: previous } })).name : 'the queue';
    if (previous) {
      await tx.conversationActivity.create({
        data: {
          workspaceId: principal.workspaceId,
          conversationId,
          userId: previous,
          kind: 'TRANSFERRED',
          productId: conversation.productId,
          channel: conversation.channel,
          at: transactionTime(tx),
        },
      });
    }
    const transferred = await assignConversation(tx, emit, conversation, target.id, {
      eventType: 'conversation.transferred',
      previousAssigneeUserId: previous,
      systemMessage: (name) => `The conversation was transferred from ${previousName} to ${name}.`,
    });
    if (previous) await drainQueueToAgent(tx, emit, principal.workspaceId, previous);
    return transferred;
  });
}

/** Reopens a resolved conversation for the agent asking, within the channel's reply window. */
export async function reactivateConversation(ctx: Context, conversationId: string) {
  const principal = principalOf(ctx);
  if (!principal.userId) throw forbidden('Reactivation assigns the conversation to you: sign in as an agent.');
  const userId = principal.userId;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockRouting(tx, principal.workspaceId);
    const conversation = await conversationOfWorkspace(tx, principal.workspaceId, conversationId);
    if (conversation.status !== 'RESOLVED') {
      throw conflict('input.conversationId', `The conversation is ${conversation.status}; only a RESOLVED conversation can be reactivated.`);
    }
    const until = reactivatableUntil(conversation);
    const now = transactionTime(tx);
    if (until && now.getTime() > until.getTime()) {
      const hours = REACTIVATION_WINDOW_HOURS[conversation.channel]!;
      const window = hours % 24 === 0 && hours > 24 ? `${hours / 24} days` : `${hours} hours`;
      throw conflict(
        'input.conversationId',
        `${conversation.channel} conversations can be reactivated only within ${window} of the customer's last message; this window ended at ${until.toISOString()}.`,
      );
    }
    const [agent] = await routingAgents(tx, principal.workspaceId, [userId]);
    const access = await productAccess(tx, [conversation.productId]);
    if (!allowedOn(agent, conversation, access)) {
      throw forbidden(`You do not take conversations of this product on ${conversation.channel}.`);
    }
    await tx.conversationActivity.create({
      data: {
        workspaceId: principal.workspaceId,
        conversationId,
        userId,
        kind: 'REACTIVATED',
        productId: conversation.productId,
        channel: conversation.channel,
        at: now,
      },
    });
    return assignConversation(tx, emit, conversation, userId, {
      eventType: 'conversation.reactivated',
      previousAssigneeUserId: conversation.assigneeUserId,
      systemMessage: (name) => `${name} reactivated the conversation.`,
    });
  });
}

/**
 * "Convert to ticket": a customer ticket on the conversation's channel whose first message is the transcript,
 * linked both ways. The ticket belongs to the customer with that e-mail; a conversation customer without an
 * e-mail gets this one (unless another customer already has it).
 */
export async function convertConversationToTicket(
  ctx: Context,
  conversationId: string,
  fields: { customerEmail: string; subject?: string | null },
) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const conversation = await conversationOfWorkspace(tx, principal.workspaceId, conversationId);
    if (conversation.status !== 'RESOLVED') {
      throw conflict('input.conversationId', 'Resolve the conversation first; only a RESOLVED conversation can become a ticket.');
    }
    // A row lock: two concurrent conversions of one conversation cannot both pass the check below.
    await tx.$queryRaw`SELECT 1 FROM "Conversation" WHERE "id" = ${conversationId}::uuid FOR UPDATE`;
    const locked = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { customer: true } });
    if (locked.ticketId) throw conflict('input.conversationId', 'This conversation was already converted to a ticket.');
    const email = normaliseEmail(fields.customerEmail);
    if (!locked.customer.email) {
      const taken = await tx.customer.findFirst({ where: { workspaceId: principal.workspaceId, email } });
      if (!taken) await tx.customer.update({ where: { id: locked.customerId }, data: { email } });
    }
    const transcript = await conversationTranscript(tx, locked);
    const subject = fields.subject?.trim() || `Chat with ${locked.customer.name}`;
    const { ticket } = await createCustomerTicketInTx(tx, emit, { ...principal, via: viaOf(principal) }, {
      productId: locked.productId,
      channel: locked.channel,
      customer: { name: locked.customer.name, email },
      subject: subject.slice(0, 250),
      body: transcript,
    });
    const converted = await tx.conversation.update({ where: { id: conversationId }, data: { ticketId: ticket.id, updatedAt: transactionTime(tx) } });
    emitConversation(emit, 'conversation.converted', converted);
    return { conversation: converted, ticket };
  });
}
