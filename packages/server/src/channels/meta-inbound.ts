// The bridge from Meta deliveries (WhatsApp, Messenger, Instagram) to live chat: each customer message goes through the
// same service calls as `addCustomerConversationMessage` / `startConversation` (customer found or created by handle,
// their open conversation of this product and channel, else a new one that routing assigns); delivery statuses move
// our outbound messages forward, never back. Every provider message id is claimed first, so a retried or replayed
// delivery never writes a message twice.
import { emitConversation } from '../chats/assign.js';
import {
  addCustomerMessageToConversationInTx,
  type ConversationAttachment,
  customerForContact,
  type CustomerContact,
  startConversationInTx,
} from '../chats/service.js';
import type { Tx } from '../events/write.js';
import type { Conversation, Prisma } from '../generated/prisma/client.js';
import type { Channel, MessageDeliveryStatus } from '../generated/prisma/enums.js';
import { claimInboundMessage, type Emit, registerDeliveryProcessor, RetryLater, type StoredDelivery } from '../webhooks/deliveries.js';
import {
  type ChannelAccount,
  type InboundMessage,
  type MetaEvent,
  type MetaSource,
  parseMetaPayload,
  type StatusUpdate,
  type Watermark,
} from './meta-parse.js';

export const META_SOURCES = ['WHATSAPP', 'MESSENGER', 'INSTAGRAM'] as const satisfies readonly MetaSource[];

/** The product channel each Meta source arrives on (Messenger is the FACEBOOK channel). */
export const CHANNEL_OF_SOURCE: Record<MetaSource, Channel> = { WHATSAPP: 'WHATSAPP', MESSENGER: 'FACEBOOK', INSTAGRAM: 'INSTAGRAM' };
export const SOURCE_OF_CHANNEL: Partial<Record<Channel, MetaSource>> = { WHATSAPP: 'WHATSAPP', FACEBOOK: 'MESSENGER', INSTAGRAM: 'INSTAGRAM' };

/** settings key naming the account a channel's endpoint accepts events for. */
const ACCOUNT_SETTING: Record<MetaSource, string> = { WHATSAPP: 'phoneNumberId', MESSENGER: 'pageId', INSTAGRAM: 'instagramAccountId' };

/** How far delivery got; a status only ever moves to a higher rank (a late "delivered" after "read" changes nothing). */
const RANK: Record<MessageDeliveryStatus, number> = { PENDING: 0, SENT: 1, FAILED: 2, DELIVERED: 3, READ: 4 };

/** How often a delivery whose statuses name unknown messages is tried before those statuses are ignored. */
const UNKNOWN_TARGET_TRIES = 3;

const HANDLE_FIELD: Record<MetaSource, 'whatsappNumber' | 'facebookId' | 'instagramId'> = {
  WHATSAPP: 'whatsappNumber',
  MESSENGER: 'facebookId',
  INSTAGRAM: 'instagramId',
};

interface Tally {
  messages: number;
  duplicates: number;
  statuses: number;
  staleStatuses: number;
  unknownTargets: string[];
  deleted: number;
  echoes: number;
}

interface ChannelContext {
  workspaceId: string;
  productChannelId: string;
  productId: string;
  channel: Channel;
  source: MetaSource;
}

/** WhatsApp ids are numbers without "+"; customers keep them in E.164 (+905321234567), as people type them. */
const handleOf = (source: MetaSource, handle: string) => (source === 'WHATSAPP' ? `+${handle.replace(/^\+/, '')}` : handle);

const customerLabel = (source: MetaSource, handle: string) =>
  source === 'WHATSAPP' ? handle : `${source === 'MESSENGER' ? 'Messenger' : 'Instagram'} user …${handle.slice(-4)}`;

async function openConversationOf(tx: Tx, channel: ChannelContext, customerId: string): Promise<Conversation | null> {
  return tx.conversation.findFirst({
    where: { workspaceId: channel.workspaceId, productId: channel.productId, channel: channel.channel, customerId, status: { in: ['QUEUED', 'ACTIVE'] } },
    orderBy: { createdAt: 'desc' },
  });
}

/**
 * Media Messenger and Instagram hand over as URLs become the message's attachments; WhatsApp media stay ids in
 * metadata. Either way the bytes are fetched into our storage afterwards and shown as the message's `files`.
 */
function attachmentsOf(message: InboundMessage): ConversationAttachment[] {
  return message.files
    .filter((file) => !!file.url)
    .map((file) => ({
      url: file.url!,
      fileName: file.fileName ?? file.type,
      contentType: file.mimeType ?? (file.type === 'file' ? 'application/octet-stream' : `${file.type}/*`),
      size: 0,
    }));
}

async function writeInboundMessage(tx: Tx, emit: Emit, channel: ChannelContext, message: InboundMessage, tally: Tally) {
  const key = { workspaceId: channel.workspaceId, source: channel.source, externalId: message.externalId };
  if (!(await claimInboundMessage(tx, key))) {
    tally.duplicates += 1;
    return;
  }
  const handle = handleOf(channel.source, message.handle);
  const contact: CustomerContact = { name: message.name ?? customerLabel(channel.source, handle), [HANDLE_FIELD[channel.source]]: handle };
  const customer = await customerForContact(tx, emit, channel.workspaceId, contact);
  const writer = { workspaceId: channel.workspaceId, actor: `customer:${customer.id}`, via: channel.channel };
  const fields = { body: message.body, attachments: attachmentsOf(message) };
  const open = await openConversationOf(tx, channel, customer.id);
  let messageId: string;
  if (open) {
    messageId = (await addCustomerMessageToConversationInTx(tx, emit, writer, open.id, fields)).id;
  } else {
    const started = await startConversationInTx(tx, emit, writer, { productId: channel.productId, channel: channel.channel, customerId: customer.id, ...fields });
    const first = await tx.conversationMessage.findFirst({
      where: { conversationId: started.id, authorKind: 'CUSTOMER' },
      orderBy: { sequence: 'desc' },
      select: { id: true },
    });
    messageId = first!.id;
  }
  await tx.conversationMessage.update({
    where: { id: messageId },
    data: {
      externalId: message.externalId,
      kind: message.messageKind,
      metadata: { ...message.metadata, sentAt: message.sentAt.toISOString() } as Prisma.InputJsonObject,
    },
  });
  // Each medium is fetched into attachment storage later (src/channels/media-fetch.ts), queued with the message so a
  // message never lacks its fetch and a replayed delivery (skipped above) never queues a second one.
  const fetchable = message.files.filter((file) => file.id || file.url);
  if (fetchable.length > 0) {
    await tx.inboundMediaFetch.createMany({
      data: fetchable.map((file) => ({
        workspaceId: channel.workspaceId,
        conversationMessageId: messageId,
        productChannelId: channel.productChannelId,
        media: { ...file } as Prisma.InputJsonObject,
      })),
    });
  }
  // No linkInboundMessage here: the message's externalId (indexed with the workspace) already leads from the
  // provider's id to it, and one statement less counts when a busy number floods us.
  tally.messages += 1;
}

async function emitStatus(tx: Tx, emit: Emit, conversationId: string, messageId: string, deliveryStatus: MessageDeliveryStatus) {
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  emit({
    type: 'conversation.message.status',
    entityType: 'Conversation',
    entityId: conversation.id,
    payload: {
      productId: conversation.productId,
      channel: conversation.channel,
      status: conversation.status,
      assigneeUserId: conversation.assigneeUserId,
      messageId,
      deliveryStatus,
    },
  });
}

async function applyStatus(tx: Tx, emit: Emit, channel: ChannelContext, status: StatusUpdate, tally: Tally) {
  const message = await tx.conversationMessage.findFirst({
    where: { workspaceId: channel.workspaceId, externalId: status.externalId, authorKind: { not: 'CUSTOMER' } },
    select: { id: true, conversationId: true, deliveryStatus: true },
  });
  if (!message) {
    tally.unknownTargets.push(status.externalId);
    return;
  }
  if (message.deliveryStatus && RANK[status.state] <= RANK[message.deliveryStatus]) {
    tally.staleStatuses += 1;
    return;
  }
  await tx.conversationMessage.update({
    where: { id: message.id },
    data: {
      deliveryStatus: status.state,
      deliveryUpdatedAt: status.at,
      ...(status.state === 'FAILED' ? { deliveryError: status.error } : {}),
    },
  });
  await emitStatus(tx, emit, message.conversationId, message.id, status.state);
  tally.statuses += 1;
}

/** Messenger's delivery/read watermarks: every reply we sent this customer up to that instant got that far. */
async function applyWatermark(tx: Tx, emit: Emit, channel: ChannelContext, watermark: Watermark, tally: Tally) {
  const customer = await tx.customer.findFirst({
    where: { workspaceId: channel.workspaceId, [HANDLE_FIELD[channel.source]]: handleOf(channel.source, watermark.handle) },
    select: { id: true },
  });
  if (!customer) return;
  // Only replies the provider has taken (SENT): one still in our outbox cannot have been delivered, whatever its time.
  const behind = (['SENT', 'DELIVERED'] as MessageDeliveryStatus[]).filter((state) => RANK[state] < RANK[watermark.state]);
  const messages = await tx.conversationMessage.findMany({
    where: {
      workspaceId: channel.workspaceId,
      authorKind: 'AGENT',
      deliveryStatus: { in: behind },
      createdAt: { lte: watermark.upTo },
      conversation: { customerId: customer.id, productId: channel.productId, channel: channel.channel },
    },
    select: { id: true, conversationId: true },
  });
  if (messages.length === 0) return;
  await tx.conversationMessage.updateMany({
    where: { id: { in: messages.map((message) => message.id) } },
    data: { deliveryStatus: watermark.state, deliveryUpdatedAt: watermark.at },
  });
  for (const message of messages) await emitStatus(tx, emit, message.conversationId, message.id, watermark.state);
  tally.statuses += messages.length;
}

async function applyUnsend(tx: Tx, emit: Emit, channel: ChannelContext, externalId: string, at: Date, tally: Tally) {
  const message = await tx.conversationMessage.findFirst({
    where: { workspaceId: channel.workspaceId, externalId, authorKind: 'CUSTOMER' },
    select: { id: true, deletedAt: true, conversationId: true },
  });
  if (!message) {
    tally.unknownTargets.push(externalId);
    return;
  }
  if (message.deletedAt) return;
  await tx.conversationMessage.update({ where: { id: message.id }, data: { deletedAt: at } });
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
  emitConversation(emit, 'conversation.message.deleted', conversation, { messageId: message.id });
  tally.deleted += 1;
}

async function applyEvent(tx: Tx, emit: Emit, channel: ChannelContext, event: MetaEvent, tally: Tally) {
  switch (event.kind) {
    case 'message':
      return writeInboundMessage(tx, emit, channel, event, tally);
    case 'status':
      return applyStatus(tx, emit, channel, event, tally);
    case 'watermark':
      return applyWatermark(tx, emit, channel, event, tally);
    case 'deleted':
      return applyUnsend(tx, emit, channel, event.externalId, event.at, tally);
    case 'echo':
      // Our own reply (or one sent from Meta's inbox) coming back: the outbox already wrote it; nothing to add.
      tally.echoes += 1;
      return;
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function outcomeOf(tally: Tally, unknown: string[], skipped: string[]) {
  const parts: string[] = [];
  if (tally.messages) parts.push(plural(tally.messages, 'message'));
  if (tally.statuses) parts.push(plural(tally.statuses, 'status update'));
  if (tally.deleted) parts.push(plural(tally.deleted, 'unsent message'));
  if (tally.duplicates) parts.push(`${plural(tally.duplicates, 'duplicate')} skipped`);
  if (tally.staleStatuses) parts.push(`${plural(tally.staleStatuses, 'older status')} skipped`);
  if (tally.echoes) parts.push(`${plural(tally.echoes, 'echo')} of our own sends`);
  if (tally.unknownTargets.length) parts.push(`for unknown messages: ${[...new Set(tally.unknownTargets)].slice(0, 5).join(', ')}`);
  if (skipped.length) parts.push(`skipped: ${skipped.join('; ')}`);
  if (unknown.length) parts.push(`ignored unknown ${[...new Set(unknown)].slice(0, 10).join('; ')}`);
  return parts.join('; ') || 'nothing to do';
}

/**
 * A customer's quick messages arrive as separate deliveries, processed side by side: without this lock both would
 * find no customer (or no open conversation) and create one each. Locks are taken in one order, so two deliveries
 * naming the same customers never wait on each other in a circle.
 */
async function lockContacts(tx: Tx, channel: ChannelContext, events: MetaEvent[]) {
  const handles = [...new Set(events.filter((event): event is InboundMessage => event.kind === 'message').map((event) => handleOf(channel.source, event.handle)))].sort();
  for (const handle of handles) {
    const key = `inbound-contact:${channel.workspaceId}:${channel.source}:${handle}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}::text, 0))`;
  }
}

async function processMetaDelivery(source: MetaSource, tx: Tx, emit: Emit, delivery: StoredDelivery) {
  const productChannel = delivery.productChannelId
    ? await tx.productChannel.findUnique({ where: { id: delivery.productChannelId }, include: { product: { select: { workspaceId: true } } } })
    : null;
  if (!productChannel || productChannel.product.workspaceId !== delivery.workspaceId || SOURCE_OF_CHANNEL[productChannel.channel] !== source) {
    return { status: 'IGNORED' as const, outcome: 'the product channel no longer exists' };
  }
  const settings = (productChannel.settings ?? {}) as Record<string, unknown>;
  const accountId = settings[ACCOUNT_SETTING[source]];
  const account: ChannelAccount = { source, accountId: typeof accountId === 'string' && accountId ? accountId : null };
  let payload: unknown;
  try {
    payload = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    return { status: 'IGNORED' as const, outcome: 'the body is not JSON' };
  }
  const parsed = parseMetaPayload(payload, account, delivery.receivedAt);
  const channel: ChannelContext = { workspaceId: delivery.workspaceId, productChannelId: productChannel.id, productId: productChannel.productId, channel: productChannel.channel, source };
  const tally: Tally = { messages: 0, duplicates: 0, statuses: 0, staleStatuses: 0, unknownTargets: [], deleted: 0, echoes: 0 };
  await lockContacts(tx, channel, parsed.events);
  for (const event of parsed.events) await applyEvent(tx, emit, channel, event, tally);
  // A status may overtake the outbox: the provider reports "sent" before the outbox stored the reply's provider id.
  // Such a delivery is tried again later (all of it: statuses only move forward, so re-applying is harmless); after
  // a few tries the ids are taken for messages sent outside deskgraph (the phone's own app) and ignored.
  if (tally.unknownTargets.length > 0 && tally.messages === 0 && (delivery.attempts ?? 0) + 1 < UNKNOWN_TARGET_TRIES) {
    throw new RetryLater(`waiting for the messages ${[...new Set(tally.unknownTargets)].slice(0, 5).join(', ')} to be known (try ${(delivery.attempts ?? 0) + 1} of ${UNKNOWN_TARGET_TRIES})`);
  }
  const acted = tally.messages + tally.statuses + tally.deleted;
  return { status: acted > 0 ? ('PROCESSED' as const) : ('IGNORED' as const), outcome: outcomeOf(tally, parsed.unknown, parsed.skipped) };
}

for (const source of META_SOURCES) {
  registerDeliveryProcessor(source, (tx, emit, delivery) => processMetaDelivery(source, tx, emit, delivery));
}
