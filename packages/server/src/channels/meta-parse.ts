// Reads Meta webhook payloads (WhatsApp Cloud API, Messenger, Instagram messaging) into a few plain events the bridge
// acts on: a customer message, a delivery status, a watermark, an unsend, an echo of our own send. Pure: no database,
// no GraphQL. Anything it does not know (a new message type, an extra field) is named in `unknown`, never thrown.

export type MetaSource = 'WHATSAPP' | 'MESSENGER' | 'INSTAGRAM';
export type DeliveryState = 'SENT' | 'DELIVERED' | 'READ' | 'FAILED';

export interface MediaRef {
  type: string;
  /** WhatsApp: the media id to download with the Graph API; absent on Messenger/Instagram (they give a URL). */
  id?: string;
  url?: string;
  mimeType?: string;
  sha256?: string;
  caption?: string;
  fileName?: string;
}

export interface InboundMessage {
  kind: 'message';
  /** The provider's message id (wamid / mid), or a synthetic key for events without one (Messenger reactions). */
  externalId: string;
  /** The customer's handle: WhatsApp number (wa_id), page-scoped id, Instagram-scoped id. */
  handle: string;
  name: string | null;
  sentAt: Date;
  /** What an agent reads; never empty. */
  body: string;
  /** TEXT for words, reactions and locations; ATTACHMENT for media. */
  messageKind: 'TEXT' | 'ATTACHMENT';
  /** Media of the message (WhatsApp: one, by id; Messenger/Instagram: one or more, by URL). */
  files: MediaRef[];
  /** Extra provider details as normalised: location, reaction, sticker, storyReply, replyTo... */
  metadata: Record<string, unknown>;
}

export interface StatusUpdate {
  kind: 'status';
  externalId: string;
  state: DeliveryState;
  at: Date;
  /** "131047 Re-engagement message" for failures: the provider's code first. */
  error: string | null;
}

export interface Watermark {
  kind: 'watermark';
  /** The customer whose client reports it. */
  handle: string;
  state: 'DELIVERED' | 'READ';
  /** Everything we sent up to this instant has reached that state. */
  upTo: Date;
  at: Date;
}

export interface Unsend {
  kind: 'deleted';
  externalId: string;
  at: Date;
}

export interface Echo {
  kind: 'echo';
  externalId: string;
  handle: string;
  at: Date;
}

export type MetaEvent = InboundMessage | StatusUpdate | Watermark | Unsend | Echo;

export interface ParsedDelivery {
  events: MetaEvent[];
  /** What was not understood and therefore ignored ("message type order", "field message_template_status_update"). */
  unknown: string[];
  /** Whole parts skipped on purpose ("phone number 123 is not this channel's"). */
  skipped: string[];
}

/** The account a channel's endpoint accepts events for (settings.phoneNumberId / pageId / instagramAccountId). */
export interface ChannelAccount {
  source: MetaSource;
  accountId: string | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null);

/** WhatsApp sends epoch seconds as strings; Messenger and Instagram epoch milliseconds as numbers. Unusable → `fallback`. */
export function epochToDate(value: unknown, unit: 's' | 'ms', fallback: Date): Date {
  const number = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(number) || number <= 0) return fallback;
  // Some senders mix units; a seconds value is < 1e11 until the year 5138, a milliseconds value is > 1e11 since 1973.
  const ms = unit === 's' ? (number > 1e11 ? number : number * 1000) : number < 1e11 ? number * 1000 : number;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? fallback : date;
}

export function parseMetaPayload(payload: unknown, account: ChannelAccount, receivedAt: Date): ParsedDelivery {
  const result: ParsedDelivery = { events: [], unknown: [], skipped: [] };
  if (!isObject(payload)) {
    result.unknown.push('payload is not a JSON object');
    return result;
  }
  const expected = account.source === 'WHATSAPP' ? 'whatsapp_business_account' : account.source === 'INSTAGRAM' ? 'instagram' : 'page';
  if (payload.object !== expected) {
    result.unknown.push(`object ${JSON.stringify(payload.object ?? null)} (expected ${expected})`);
    return result;
  }
  for (const entry of list(payload.entry)) {
    if (!isObject(entry)) continue;
    if (account.source === 'WHATSAPP') parseWhatsAppEntry(entry, account, receivedAt, result);
    else parseMessagingEntry(entry, account, receivedAt, result);
  }
  return result;
}

// ---------------------------------------------------------------- WhatsApp Cloud API

const STATUS_STATES: Record<string, DeliveryState> = { sent: 'SENT', delivered: 'DELIVERED', read: 'READ', failed: 'FAILED' };
const WHATSAPP_MEDIA = ['image', 'audio', 'video', 'document', 'sticker'] as const;

function parseWhatsAppEntry(entry: Json, account: ChannelAccount, receivedAt: Date, result: ParsedDelivery) {
  for (const change of list(entry.changes)) {
    if (!isObject(change)) continue;
    if (change.field !== 'messages') {
      result.unknown.push(`field ${String(change.field)}`);
      continue;
    }
    const value = isObject(change.value) ? change.value : {};
    const phoneNumberId = isObject(value.metadata) ? text(value.metadata.phone_number_id) : null;
    if (account.accountId && phoneNumberId && phoneNumberId !== account.accountId) {
      result.skipped.push(`phone number ${phoneNumberId} is not this channel's`);
      continue;
    }
    const names = new Map<string, string>();
    for (const contact of list(value.contacts)) {
      if (!isObject(contact)) continue;
      const waId = text(contact.wa_id);
      const name = isObject(contact.profile) ? text(contact.profile.name) : null;
      if (waId && name) names.set(waId, name);
    }
    for (const message of list(value.messages)) {
      if (!isObject(message)) continue;
      const parsed = whatsAppMessage(message, names, receivedAt);
      if (typeof parsed === 'string') result.unknown.push(parsed);
      else result.events.push(parsed);
    }
    for (const status of list(value.statuses)) {
      if (!isObject(status)) continue;
      const externalId = text(status.id);
      const state = STATUS_STATES[String(status.status)];
      if (!externalId || !state) {
        result.unknown.push(`status ${JSON.stringify(status.status ?? null)}`);
        continue;
      }
      const errors = list(status.errors).filter(isObject);
      const error = errors.length > 0 ? errors.map((e) => [text(e.code), text(e.title) ?? text(e.message)].filter(Boolean).join(': ')).join('; ') : null;
      result.events.push({ kind: 'status', externalId, state, at: epochToDate(status.timestamp, 's', receivedAt), error: state === 'FAILED' ? (error ?? 'failed') : error });
    }
  }
}

function whatsAppMessage(message: Json, names: Map<string, string>, receivedAt: Date): InboundMessage | string {
  const externalId = text(message.id);
  const handle = text(message.from);
  const type = text(message.type) ?? 'none';
  if (!externalId || !handle) return `message without id or sender (type ${type})`;
  const base = {
    kind: 'message' as const,
    externalId,
    handle,
    name: names.get(handle) ?? null,
    sentAt: epochToDate(message.timestamp, 's', receivedAt),
    files: [] as MediaRef[],
    metadata: { provider: 'whatsapp', type } as Record<string, unknown>,
  };
  if (isObject(message.context) && text(message.context.id)) {
    base.metadata.replyTo = { externalId: text(message.context.id), from: text(message.context.from) };
  }
  const part = isObject(message[type]) ? (message[type] as Json) : {};
  switch (type) {
    case 'text': {
      const body = text(part.body);
      return body ? { ...base, body, messageKind: 'TEXT' } : `text message ${externalId} without a body`;
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker': {
      const media: MediaRef = {
        type,
        id: text(part.id) ?? undefined,
        mimeType: text(part.mime_type) ?? undefined,
        sha256: text(part.sha256) ?? undefined,
        caption: text(part.caption) ?? undefined,
        fileName: text(part.filename) ?? undefined,
      };
      const label = type === 'sticker' ? '[sticker]' : media.fileName ? `[${type}: ${media.fileName}]` : `[${type}]`;
      const metadata = { ...base.metadata, media, ...(type === 'sticker' ? { sticker: { id: media.id, animated: part.animated === true } } : {}) };
      return { ...base, files: [media], metadata, body: media.caption ?? label, messageKind: 'ATTACHMENT' };
    }
    case 'location': {
      const location = {
        latitude: typeof part.latitude === 'number' ? part.latitude : Number(part.latitude),
        longitude: typeof part.longitude === 'number' ? part.longitude : Number(part.longitude),
        name: text(part.name),
        address: text(part.address),
        url: text(part.url),
      };
      const where = [location.name, location.address].filter(Boolean).join(', ');
      const body = `📍 ${where ? `${where} ` : ''}(${location.latitude}, ${location.longitude})`;
      return { ...base, metadata: { ...base.metadata, location }, body, messageKind: 'TEXT' };
    }
    case 'reaction': {
      const emoji = text(part.emoji);
      const reaction = { emoji, messageExternalId: text(part.message_id), action: emoji ? 'react' : 'unreact' };
      return { ...base, metadata: { ...base.metadata, reaction }, body: emoji ? `Reacted ${emoji} to a message` : 'Removed a reaction', messageKind: 'TEXT' };
    }
    case 'button': {
      const body = text(part.text) ?? text(part.payload);
      return body ? { ...base, metadata: { ...base.metadata, button: { payload: text(part.payload) } }, body, messageKind: 'TEXT' } : `button message ${externalId} without text`;
    }
    case 'interactive': {
      const reply = isObject(part.button_reply) ? part.button_reply : isObject(part.list_reply) ? part.list_reply : null;
      const body = reply ? text(reply.title) : null;
      return body && reply
        ? { ...base, metadata: { ...base.metadata, interactive: { type: text(part.type), id: text(reply.id) } }, body, messageKind: 'TEXT' }
        : `interactive message type ${String(part.type)}`;
    }
    case 'unsupported': {
      // WhatsApp could not show it to us either (a poll, a view-once message...): the agent learns something came.
      const errors = list(message.errors).filter(isObject).map((e) => ({ code: e.code, title: e.title }));
      return { ...base, metadata: { ...base.metadata, unsupported: errors }, body: '[a message type WhatsApp does not deliver to businesses]', messageKind: 'TEXT' };
    }
    default:
      return `message type ${type}`;
  }
}

// ---------------------------------------------------------------- Messenger and Instagram

const MESSAGING_KEYS = new Set(['sender', 'recipient', 'timestamp', 'message', 'reaction', 'delivery', 'read', 'postback']);

function parseMessagingEntry(entry: Json, account: ChannelAccount, receivedAt: Date, result: ParsedDelivery) {
  const entryId = text(entry.id);
  if (account.accountId && entryId && entryId !== account.accountId) {
    result.skipped.push(`account ${entryId} is not this channel's`);
    return;
  }
  for (const key of Object.keys(entry)) {
    if (!['id', 'time', 'messaging'].includes(key)) result.unknown.push(`entry field ${key}`);
  }
  for (const event of list(entry.messaging)) {
    if (!isObject(event)) continue;
    const sender = isObject(event.sender) ? text(event.sender.id) : null;
    const recipient = isObject(event.recipient) ? text(event.recipient.id) : null;
    const at = epochToDate(event.timestamp, 'ms', receivedAt);
    const known = Object.keys(event).filter((key) => MESSAGING_KEYS.has(key));
    if (!known.some((key) => !['sender', 'recipient', 'timestamp'].includes(key))) {
      const names = Object.keys(event).filter((key) => !MESSAGING_KEYS.has(key));
      result.unknown.push(`messaging event ${names.join(', ') || '(empty)'}`);
      continue;
    }
    if (isObject(event.message)) {
      const parsed = messagingMessage(event.message, sender, recipient, at, account.source);
      if (typeof parsed === 'string') result.unknown.push(parsed);
      else result.events.push(parsed);
    }
    if (isObject(event.reaction) && sender) {
      const mid = text(event.reaction.mid);
      const action = text(event.reaction.action) ?? 'react';
      const emoji = text(event.reaction.emoji);
      const reaction = { emoji, kind: text(event.reaction.reaction), messageExternalId: mid, action };
      result.events.push({
        kind: 'message',
        // Reactions carry no id of their own; the reacted message, who, when and what make one.
        externalId: `reaction:${mid}:${sender}:${action}:${at.getTime()}`,
        handle: sender,
        name: null,
        sentAt: at,
        body: action === 'unreact' ? 'Removed a reaction' : `Reacted ${emoji ?? text(event.reaction.reaction) ?? ''} to a message`.replace('  ', ' '),
        messageKind: 'TEXT',
        files: [],
        metadata: { provider: account.source.toLowerCase(), type: 'reaction', reaction },
      });
    }
    if (isObject(event.delivery) && sender) {
      for (const mid of list(event.delivery.mids)) {
        const externalId = text(mid);
        if (externalId) result.events.push({ kind: 'status', externalId, state: 'DELIVERED', at, error: null });
      }
      if (event.delivery.watermark !== undefined) {
        result.events.push({ kind: 'watermark', handle: sender, state: 'DELIVERED', upTo: epochToDate(event.delivery.watermark, 'ms', at), at });
      }
    }
    if (isObject(event.read) && sender) {
      // Messenger reads come as a watermark; Instagram's messaging_seen names the message read.
      const mid = text(event.read.mid);
      if (mid) result.events.push({ kind: 'status', externalId: mid, state: 'READ', at, error: null });
      if (event.read.watermark !== undefined) {
        result.events.push({ kind: 'watermark', handle: sender, state: 'READ', upTo: epochToDate(event.read.watermark, 'ms', at), at });
      }
    }
    if (isObject(event.postback) && sender) {
      const title = text(event.postback.title) ?? text(event.postback.payload);
      const mid = text(event.postback.mid) ?? `postback:${sender}:${at.getTime()}`;
      if (title) {
        result.events.push({
          kind: 'message',
          externalId: mid,
          handle: sender,
          name: null,
          sentAt: at,
          body: title,
          messageKind: 'TEXT',
          files: [],
          metadata: { provider: account.source.toLowerCase(), type: 'postback', postback: { payload: text(event.postback.payload) } },
        });
      }
    }
  }
}

const ATTACHMENT_TYPES = new Set(['image', 'audio', 'video', 'file']);

function messagingMessage(message: Json, sender: string | null, recipient: string | null, at: Date, source: MetaSource): MetaEvent | string {
  const mid = text(message.mid);
  if (!mid) return 'message without mid';
  if (message.is_deleted === true) return { kind: 'deleted', externalId: mid, at };
  if (message.is_echo === true) {
    // Our own send coming back (the page or account is the sender): never a customer message.
    return { kind: 'echo', externalId: mid, handle: recipient ?? '', at };
  }
  if (!sender) return `message ${mid} without sender`;
  const metadata: Record<string, unknown> = { provider: source.toLowerCase(), type: 'message' };
  const words = text(message.text);
  let body = words ?? '';
  const unknownParts: string[] = [];
  if (isObject(message.reply_to)) {
    if (isObject(message.reply_to.story)) {
      metadata.type = 'story_reply';
      metadata.storyReply = { id: text(message.reply_to.story.id), url: text(message.reply_to.story.url) };
      if (!body) body = 'Replied to your story';
    } else if (text(message.reply_to.mid)) {
      metadata.replyTo = { externalId: text(message.reply_to.mid) };
    }
  }
  if (isObject(message.quick_reply)) metadata.quickReply = { payload: text(message.quick_reply.payload) };
  const attachments = list(message.attachments).filter(isObject);
  const stickerId = text(message.sticker_id) ?? attachments.map((a) => (isObject(a.payload) ? text(a.payload.sticker_id) : null)).find(Boolean) ?? null;
  if (stickerId) {
    metadata.type = 'sticker';
    metadata.sticker = { id: stickerId };
  }
  const files: MediaRef[] = [];
  for (const attachment of attachments) {
    const type = text(attachment.type) ?? 'unknown';
    const payload = isObject(attachment.payload) ? attachment.payload : {};
    if (ATTACHMENT_TYPES.has(type)) {
      files.push({ type, url: text(payload.url) ?? undefined, fileName: text(payload.title) ?? text(attachment.name) ?? undefined });
    } else if (type === 'location' && isObject(payload.coordinates)) {
      metadata.location = { latitude: payload.coordinates.lat, longitude: payload.coordinates.long, name: text(attachment.title) };
      if (!body) body = `📍 ${text(attachment.title) ? `${text(attachment.title)} ` : ''}(${String(payload.coordinates.lat)}, ${String(payload.coordinates.long)})`;
    } else if (type === 'story_mention') {
      metadata.type = 'story_mention';
      metadata.storyMention = { url: text(payload.url) };
      if (!body) body = 'Mentioned you in their story';
    } else if (type === 'share' || type === 'ig_reel' || type === 'reel' || type === 'fallback' || type === 'template') {
      metadata.share = { type, url: text(payload.url) ?? text(attachment.url), title: text(payload.title) ?? text(attachment.title) };
      if (!body) body = `[shared ${type === 'fallback' ? 'link' : type.replace('ig_', '')}${text(payload.url) ? `: ${text(payload.url)}` : ''}]`;
    } else {
      unknownParts.push(`attachment type ${type}`);
    }
  }
  if (files.length > 0) {
    metadata.media = files.length === 1 ? files[0] : files;
    if (!body) body = stickerId ? '[sticker]' : files.map((file) => `[${file.type}]`).join(' ');
  }
  if (!body) return unknownParts.length > 0 ? `message ${mid}: ${unknownParts.join(', ')}` : `message ${mid} without content`;
  if (unknownParts.length > 0) metadata.ignoredParts = unknownParts;
  return {
    kind: 'message',
    externalId: mid,
    handle: sender,
    name: null,
    sentAt: at,
    body,
    messageKind: files.length > 0 ? 'ATTACHMENT' : 'TEXT',
    files,
    metadata,
  };
}
