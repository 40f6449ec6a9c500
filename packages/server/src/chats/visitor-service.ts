// The public side of live chat: a web-widget or in-app visitor gets a session token for one product and channel,
// then starts, writes in and ends only their own conversations. The conversation work itself is the chat service's
// (startConversationInTx & co.); this file adds who the visitor is, what they may touch, and their limits.
import { randomUUID } from 'node:crypto';
import type { Principal, Visitor } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { AppServices, Context } from '../context.js';
import { forbidden, notFound, rateLimited, unauthenticated } from '../errors.js';
import { transactionTime, type Tx, writeTransaction } from '../events/write.js';
import type { Channel } from '../generated/prisma/enums.js';
import { normaliseEmail } from '../schema/inputs.js';
import {
  addCustomerMessageToConversationInTx,
  endConversationByCustomerInTx,
  startConversationInTx,
} from './service.js';
import { slidingWindowLimiter, type WindowLimiter } from './visitor-limits.js';

/** The channels a visitor session can be for: the widget and the in-app SDKs. */
export const VISITOR_CHANNELS = ['LIVE_CHAT', 'IN_APP'] as const satisfies readonly Channel[];
export type VisitorChannel = (typeof VISITOR_CHANNELS)[number];

export function visitorOf(ctx: Context): Visitor {
  if (!ctx.visitor || ctx.principal) throw unauthenticated('Start a visitor session first and send its token as `Authorization: Bearer <token>`.');
  return ctx.visitor;
}

/**
 * Whether the product takes chats on this channel: a product whose channels were never configured takes every
 * channel (as a fresh product should); once it lists channels, the channel must be listed and enabled.
 */
async function assertChatOpen(tx: Pick<Tx, 'productChannel'>, productId: string, channel: Channel) {
  const rows = await tx.productChannel.findMany({ where: { productId }, select: { channel: true, enabled: true } });
  if (rows.length === 0) return;
  const row = rows.find((candidate) => candidate.channel === channel);
  if (!row?.enabled) throw forbidden(`This product does not take chats on ${channel}.`);
}

// One limiter per app instance (see slidingWindowLimiter on why that is enough for sessions).
const sessionLimiters = new WeakMap<AppServices, WindowLimiter>();
const sessionLimiterOf = (app: AppServices) => {
  let limiter = sessionLimiters.get(app);
  if (!limiter) {
    limiter = slidingWindowLimiter(app.config.visitors.sessionsPerMinute, 60_000);
    sessionLimiters.set(app, limiter);
  }
  return limiter;
};

export interface StartVisitorSessionFields {
  productId: string;
  channel: VisitorChannel;
  name: string;
  email?: string | null;
}

/**
 * A new visitor (and customer, unless one with this e-mail exists) with a random token stored only as its hash.
 * Anonymous callers are limited per client address; a signed-in caller (an app backend minting sessions for its
 * users) only for its own workspace's products.
 */
export async function startVisitorSession(ctx: Context, fields: StartVisitorSessionFields, clientAddress: string) {
  const principal: Principal | null = ctx.principal;
  if (ctx.visitor && !principal) throw forbidden('A visitor session cannot start another one; start it without the token.');
  const product = await ctx.app.db.prisma.product.findFirst({
    where: { id: fields.productId, ...(principal ? { workspaceId: principal.workspaceId } : {}) },
    select: { id: true, workspaceId: true },
  });
  if (!product) throw notFound('Product', 'input.productId');
  if (!principal) {
    const limiter = sessionLimiterOf(ctx.app);
    const now = Date.now();
    if (!limiter.tryTake(clientAddress, now)) {
      const retryAfter = limiter.retryAfterSeconds(clientAddress, now);
      throw rateLimited(`Too many new chat sessions from your address; try again in ${retryAfter} s.`, retryAfter);
    }
  }
  const token = newSecret('visitor');
  const visitorId = randomUUID();
  const writer = { workspaceId: product.workspaceId, actor: `visitor:${visitorId}` };
  const visitor = await writeTransaction(ctx.app, writer, async (tx, emit) => {
    await assertChatOpen(tx, product.id, fields.channel);
    const email = fields.email ? normaliseEmail(fields.email) : null;
    // An e-mail ties the visitor to the customer the team already knows; the visitor still sees only the
    // conversations they start themselves, so claiming someone's address reveals nothing of theirs.
    let customer = email ? await tx.customer.findFirst({ where: { workspaceId: product.workspaceId, email } }) : null;
    if (!customer) {
      customer = await tx.customer.create({ data: { workspaceId: product.workspaceId, name: fields.name.trim(), email } });
      emit({ type: 'customer.created', entityType: 'Customer', entityId: customer.id });
    }
    const now = transactionTime(tx);
    const created = await tx.chatVisitor.create({
      data: {
        id: visitorId,
        workspaceId: product.workspaceId,
        productId: product.id,
        customerId: customer.id,
        channel: fields.channel,
        tokenHash: hashSecret(token),
        createdAt: now,
        lastSeenAt: now,
      },
    });
    emit({ type: 'chatVisitor.created', entityType: 'ChatVisitor', entityId: created.id, payload: { productId: product.id, channel: fields.channel, customerId: customer.id } });
    return created;
  });
  return { token, visitor };
}

/** The visitor's own conversation; NOT_FOUND for anything else, whether it exists or not. */
export async function visitorConversation(app: AppServices, visitor: Visitor, conversationId: string, field = 'conversationId') {
  const conversation = await app.db.prisma.conversation.findFirst({
    where: { id: conversationId, workspaceId: visitor.workspaceId, visitorId: visitor.id, productId: visitor.productId },
  });
  if (!conversation) throw notFound('Conversation', field);
  return conversation;
}

const writerOf = (visitor: Visitor) => ({ workspaceId: visitor.workspaceId, actor: visitor.actor });

/**
 * Counts the visitor's messages of the window in the database under a lock on the visitor's row, so concurrent
 * sends (on any instance) queue up and exactly `messagesPerWindow` get through. Refuses before anything is written.
 */
async function takeMessageAllowance(tx: Tx, app: AppServices, visitor: Visitor) {
  await tx.$executeRaw`SELECT 1 FROM "ChatVisitor" WHERE "id" = ${visitor.id}::uuid FOR UPDATE`;
  const { messagesPerWindow, messageWindowSeconds } = app.config.visitors;
  const since = new Date(transactionTime(tx).getTime() - messageWindowSeconds * 1000);
  // Through the customer's conversations: (workspaceId, customerId) and (conversationId, createdAt) are indexed.
  const [{ sent }] = await tx.$queryRaw<{ sent: number }[]>`
    SELECT count(*)::int AS sent FROM "ConversationMessage" m
      JOIN "Conversation" c ON c."id" = m."conversationId"
     WHERE c."workspaceId" = ${visitor.workspaceId}::uuid AND c."customerId" = ${visitor.customerId}::uuid
       AND c."visitorId" = ${visitor.id}::uuid AND m."author" = ${visitor.actor} AND m."createdAt" > ${since}`;
  if (sent >= messagesPerWindow) {
    throw rateLimited(
      `At most ${messagesPerWindow} messages per ${messageWindowSeconds} s; wait a moment and send again.`,
      messageWindowSeconds,
    );
  }
}

export async function visitorStartConversation(ctx: Context, body: string) {
  const visitor = visitorOf(ctx);
  return writeTransaction(ctx.app, writerOf(visitor), async (tx, emit) => {
    await assertChatOpen(tx, visitor.productId, visitor.channel);
    await takeMessageAllowance(tx, ctx.app, visitor);
    return startConversationInTx(tx, emit, writerOf(visitor), {
      productId: visitor.productId,
      channel: visitor.channel,
      customerId: visitor.customerId,
      visitorId: visitor.id,
      body,
    });
  });
}

export async function visitorSendMessage(ctx: Context, conversationId: string, body: string) {
  const visitor = visitorOf(ctx);
  await visitorConversation(ctx.app, visitor, conversationId, 'input.conversationId');
  return writeTransaction(ctx.app, writerOf(visitor), async (tx, emit) => {
    await takeMessageAllowance(tx, ctx.app, visitor);
    return addCustomerMessageToConversationInTx(tx, emit, writerOf(visitor), conversationId, { body });
  });
}

export async function visitorEndConversation(ctx: Context, conversationId: string) {
  const visitor = visitorOf(ctx);
  await visitorConversation(ctx.app, visitor, conversationId, 'input.conversationId');
  return writeTransaction(ctx.app, writerOf(visitor), (tx, emit) => endConversationByCustomerInTx(tx, emit, writerOf(visitor), conversationId));
}
