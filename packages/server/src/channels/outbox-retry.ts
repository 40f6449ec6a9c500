// An agent sends a FAILED reply on WhatsApp, Messenger or Instagram again: the outbox row goes back to PENDING with
// fresh attempts, after the provider's reply window is checked again (it may have closed since the reply was written).
import { hasRoleAtLeast } from '../auth/principal.js';
import { conversationPayload } from '../chats/assign.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { DeskgraphError, forbidden, notFound } from '../errors.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import { isMetaChannel, planRetry } from './outbox-payload.js';

function refusal(code: 'CONFLICT' | 'BAD_USER_INPUT', reason: string, message: string, windowClosedAt?: Date) {
  const error = new DeskgraphError(code, message, 'input.messageId');
  Object.assign(error.extensions, { reason, ...(windowClosedAt ? { windowClosedAt: windowClosedAt.toISOString() } : {}) });
  return error;
}

/** Returns the message (its id, for reload); the worker picks the row up on its next poll. */
export async function retryChannelReply(ctx: Context, messageId: string): Promise<{ id: string }> {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const message = await tx.conversationMessage.findFirst({
      where: { id: messageId, workspaceId: principal.workspaceId },
      include: { conversation: true },
    });
    if (!message) throw notFound('Message', 'input.messageId');
    const { conversation } = message;
    if (!hasRoleAtLeast(principal, 'SUPERVISOR') && !(principal.userId && conversation.assigneeUserId === principal.userId)) {
      throw forbidden("Only the conversation's agent or a supervisor may send a reply again.");
    }
    // Locked: the worker and a second retry wait for this transaction rather than act on a row about to change.
    const [row] = await tx.$queryRaw<{ id: string; status: string; channel: string; payload: Prisma.JsonValue }[]>`
      SELECT "id", "status", "channel", "payload" FROM "OutboundChannelMessage" WHERE "conversationMessageId" = ${message.id}::uuid FOR UPDATE`;
    if (!row || !isMetaChannel(row.channel)) {
      throw refusal('BAD_USER_INPUT', 'NOT_A_CHANNEL_REPLY', 'Only an agent reply on WhatsApp, Messenger or Instagram can be sent again.');
    }
    if (row.status !== 'FAILED') {
      throw refusal('CONFLICT', 'NOT_FAILED', `The reply is ${row.status === 'SENT' ? 'already delivered to the provider' : 'still being delivered'}; only a FAILED reply can be sent again.`);
    }
    const now = transactionTime(tx);
    const payload = row.payload && typeof row.payload === 'object' && !Array.isArray(row.payload) ? (row.payload as Record<string, unknown>) : {};
    const plan = planRetry(row.channel, payload, conversation.lastCustomerMessageAt, now);
    if (plan.problem) throw refusal(plan.code, plan.reason, plan.message, plan.windowClosedAt);
    // Due at the database's now(), the clock the worker claims by (not the app clock, which tests move).
    await tx.$executeRaw`UPDATE "OutboundChannelMessage"
         SET "status" = 'PENDING', "attempts" = 0, "lastError" = NULL, "nextAttemptAt" = now(), "payload" = ${JSON.stringify(plan.payload)}::jsonb
       WHERE "id" = ${row.id}::uuid`;
    await tx.conversationMessage.update({
      where: { id: message.id },
      data: { deliveryStatus: 'PENDING', deliveryError: null, deliveryUpdatedAt: now },
    });
    emit({
      type: 'conversation.message.status',
      entityType: 'Conversation',
      entityId: conversation.id,
      payload: { ...conversationPayload(conversation, { messageId: message.id }), deliveryStatus: 'PENDING' },
    });
    return { id: message.id };
  });
}
