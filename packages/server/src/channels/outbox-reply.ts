// An agent's reply on a WhatsApp, Messenger or Instagram conversation, inside the reply's own transaction: checks the
// product's channel, the customer's handle and the provider's reply window, and writes the outbox row the worker
// (src/channels/outbox.ts) delivers. A refusal is a typed error and the whole reply is rolled back.
import { DeskgraphError } from '../errors.js';
import type { Tx } from '../events/write.js';
import type { Conversation, Customer, Prisma } from '../generated/prisma/client.js';
import {
  approvedTemplates,
  CHANNEL_NAMES,
  type MetaChannel,
  planMessengerReply,
  planWhatsAppReply,
  type ReplyFile,
  type ReplyProblem,
  type TemplateRef,
  whatsappRecipient,
} from './outbox-payload.js';

/** The settings keys a channel needs before anything can be sent on it (see the bridges contract). */
export const SEND_SETTINGS: Record<MetaChannel, readonly string[]> = {
  WHATSAPP: ['phoneNumberId', 'accessToken'],
  FACEBOOK: ['pageId', 'accessToken'],
  INSTAGRAM: ['accessToken'],
};

/** A refusal a client can act on: `code` + `field`, and `reason` (plus `windowClosedAt`) to tell the cases apart. */
function refusal(code: ReplyProblem['code'], field: string, reason: string, message: string, windowClosedAt?: Date) {
  const error = new DeskgraphError(code, message, field);
  Object.assign(error.extensions, { reason, ...(windowClosedAt ? { windowClosedAt: windowClosedAt.toISOString() } : {}) });
  return error;
}

export const settingsOf = (settings: Prisma.JsonValue): Record<string, unknown> =>
  settings && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};

export function missingSendSettings(channel: MetaChannel, settings: Record<string, unknown>) {
  return SEND_SETTINGS[channel].filter((key) => typeof settings[key] !== 'string' || !(settings[key] as string).trim());
}

function recipientOf(channel: MetaChannel, customer: Customer): string | null {
  if (channel === 'WHATSAPP') return customer.whatsappNumber ? whatsappRecipient(customer.whatsappNumber) || null : null;
  return (channel === 'FACEBOOK' ? customer.facebookId : customer.instagramId)?.trim() || null;
}

const HANDLE_NAMES: Record<MetaChannel, string> = { WHATSAPP: 'WhatsApp number', FACEBOOK: 'Facebook id', INSTAGRAM: 'Instagram id' };

export interface ChannelReply {
  body: string;
  files: readonly ReplyFile[];
  template: TemplateRef | null;
}

export interface PlannedChannelReply {
  productChannelId: string;
  channel: MetaChannel;
  recipient: string;
  payload: Record<string, unknown>;
}

/** Everything the outbox row needs, or a typed refusal. Runs before the message is written. */
export async function planChannelReplyInTx(tx: Tx, conversation: Conversation, channel: MetaChannel, reply: ChannelReply, now: Date): Promise<PlannedChannelReply> {
  const name = CHANNEL_NAMES[channel];
  const productChannel = await tx.productChannel.findUnique({
    where: { productId_channel: { productId: conversation.productId, channel } },
  });
  const settings = settingsOf(productChannel?.settings ?? {});
  const missing = missingSendSettings(channel, settings);
  if (!productChannel || !productChannel.enabled || missing.length > 0) {
    const what = !productChannel ? 'is not set up' : !productChannel.enabled ? 'is switched off' : `lacks ${missing.join(' and ')} in its settings`;
    throw refusal(
      'CONFLICT',
      'input.conversationId',
      'CHANNEL_NOT_CONFIGURED',
      `${name} ${what} for this conversation's product, so the reply cannot be delivered. An admin configures it with configureProductChannel (${SEND_SETTINGS[channel].join(', ')}).`,
    );
  }
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: conversation.customerId } });
  const recipient = recipientOf(channel, customer);
  if (!recipient) {
    throw refusal('CONFLICT', 'input.conversationId', 'NO_CUSTOMER_HANDLE', `The customer has no ${HANDLE_NAMES[channel]}, so ${name} cannot deliver a reply to them.`);
  }
  if (reply.template && channel !== 'WHATSAPP') {
    throw refusal('BAD_USER_INPUT', 'input.template', 'TEMPLATE_NOT_ON_CHANNEL', `Templates are sent on WhatsApp only; ${name} takes text or a file.`);
  }
  const plan =
    channel === 'WHATSAPP'
      ? planWhatsAppReply({
          to: recipient,
          body: reply.body,
          files: reply.files,
          template: reply.template,
          approved: approvedTemplates(settings),
          lastCustomerMessageAt: conversation.lastCustomerMessageAt,
          now,
        })
      : planMessengerReply({ channel, recipientId: recipient, body: reply.body, files: reply.files, lastCustomerMessageAt: conversation.lastCustomerMessageAt, now });
  if (plan.problem) throw refusal(plan.code, plan.field, plan.reason, plan.message, plan.windowClosedAt);
  return { productChannelId: productChannel.id, channel, recipient, payload: plan.payload };
}

/** The outbox row, written with the message (same transaction); the worker picks it up on its next poll. */
export async function writeChannelReplyInTx(tx: Tx, workspaceId: string, conversationMessageId: string, planned: PlannedChannelReply) {
  return tx.outboundChannelMessage.create({
    data: {
      workspaceId,
      productChannelId: planned.productChannelId,
      channel: planned.channel,
      conversationMessageId,
      recipient: planned.recipient,
      payload: planned.payload as Prisma.InputJsonObject,
    },
  });
}
