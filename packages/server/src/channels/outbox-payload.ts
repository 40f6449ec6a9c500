// What an agent's reply becomes on WhatsApp, Messenger and Instagram: the provider's reply windows, the approved
// WhatsApp templates, and the exact request body each send API receives. Pure: no Prisma, no GraphQL, no network.

export type MetaChannel = 'WHATSAPP' | 'FACEBOOK' | 'INSTAGRAM';
export const META_CHANNELS: readonly MetaChannel[] = ['WHATSAPP', 'FACEBOOK', 'INSTAGRAM'];
export const isMetaChannel = (channel: string): channel is MetaChannel => (META_CHANNELS as readonly string[]).includes(channel);

export const CHANNEL_NAMES: Record<MetaChannel, string> = { WHATSAPP: 'WhatsApp', FACEBOOK: 'Messenger', INSTAGRAM: 'Instagram' };

const HOUR_MS = 3_600_000;
/** WhatsApp's customer service window and Messenger/Instagram's standard messaging window. */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** Messenger/Instagram accept a human agent's reply (HUMAN_AGENT tag) this long after the customer's last message. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export interface ReplyFile {
  url: string;
  fileName: string;
  contentType: string;
}

export interface TemplateRef {
  name: string;
  language: string;
  parameters: readonly string[];
}

/** Why a reply cannot go out as asked; the caller turns it into a typed GraphQL error. */
export interface ReplyProblem {
  problem: true;
  code: 'BAD_USER_INPUT' | 'CONFLICT';
  field: string;
  reason: string;
  message: string;
  windowClosedAt?: Date;
}

export interface ReplyPlan {
  problem: false;
  payload: Record<string, unknown>;
}

const problem = (code: ReplyProblem['code'], field: string, reason: string, message: string, extra: Partial<ReplyProblem> = {}): ReplyProblem => ({
  problem: true,
  code,
  field,
  reason,
  message,
  ...extra,
});

// Text limits of the send APIs (WhatsApp text body and media caption; Messenger characters; Instagram UTF-8 bytes).
const WHATSAPP_TEXT_MAX = 4096;
const WHATSAPP_CAPTION_MAX = 1024;
const MESSENGER_TEXT_MAX = 2000;
const INSTAGRAM_TEXT_MAX_BYTES = 1000;

/** A WhatsApp number as the Cloud API's `to` takes it: digits with the country code, no "+", spaces or dashes. */
export const whatsappRecipient = (number: string) => number.replace(/\D/g, '');

/** The templates an admin listed as approved in the WhatsApp channel's settings (`templates: [{ name, language }]`). */
export function approvedTemplates(settings: Record<string, unknown>): { name: string; language: string }[] {
  const list = Array.isArray(settings.templates) ? settings.templates : [];
  return list.flatMap((entry) =>
    entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string' && typeof (entry as { language?: unknown }).language === 'string'
      ? [{ name: (entry as { name: string }).name, language: (entry as { language: string }).language }]
      : [],
  );
}

/** Kinds of media WhatsApp sends by link; anything else goes as a document. */
function whatsappMediaType(contentType: string): 'image' | 'video' | 'audio' | 'document' {
  const type = contentType.toLowerCase();
  if (/^image\/(jpeg|png)$/.test(type)) return 'image';
  if (/^video\/(mp4|3gpp)$/.test(type)) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'document';
}

function messengerAttachmentType(contentType: string): 'image' | 'video' | 'audio' | 'file' {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

export interface WhatsAppReply {
  to: string;
  body: string;
  files: readonly ReplyFile[];
  template: TemplateRef | null;
  approved: readonly { name: string; language: string }[];
  lastCustomerMessageAt: Date | null;
  now: Date;
}

/**
 * A WhatsApp reply: free text (or one file with a caption) inside the 24-hour customer service window, else only an
 * approved template. A template may also be sent inside the window.
 */
export function planWhatsAppReply(reply: WhatsAppReply): ReplyPlan | ReplyProblem {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: reply.to };
  if (reply.template) {
    const { name, language, parameters } = reply.template;
    if (reply.body.trim() || reply.files.length > 0) {
      return problem('BAD_USER_INPUT', 'input.body', 'TEMPLATE_WITH_TEXT', 'A template message carries only its parameters: leave body and attachments empty.');
    }
    if (!reply.approved.some((entry) => entry.name === name && entry.language === language)) {
      const known = reply.approved.map((entry) => `${entry.name} (${entry.language})`).join(', ') || 'none';
      return problem(
        'BAD_USER_INPUT',
        'input.template.name',
        'TEMPLATE_NOT_APPROVED',
        `"${name}" (${language}) is not an approved template of this WhatsApp number. Approved: ${known}.`,
      );
    }
    return {
      problem: false,
      payload: {
        ...base,
        type: 'template',
        template: {
          name,
          language: { code: language },
          ...(parameters.length > 0 ? { components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] } : {}),
        },
      },
    };
  }
  const closesAt = reply.lastCustomerMessageAt ? new Date(reply.lastCustomerMessageAt.getTime() + STANDARD_WINDOW_MS) : null;
  if (!closesAt || reply.now.getTime() >= closesAt.getTime()) {
    const when = closesAt ? `closed at ${closesAt.toISOString()}, 24 hours after the customer's last message` : 'is not open: the customer has not written yet';
    return problem(
      'CONFLICT',
      'input.template',
      'WHATSAPP_CUSTOMER_SERVICE_WINDOW_CLOSED',
      `WhatsApp's 24-hour customer service window ${when}. Outside it only an approved template can be sent: give input.template.`,
      closesAt ? { windowClosedAt: closesAt } : {},
    );
  }
  if (reply.files.length > 1) {
    return problem('BAD_USER_INPUT', 'input.attachments', 'ONE_FILE_PER_MESSAGE', 'WhatsApp takes one file per message: send the files one by one.');
  }
  if (reply.files.length === 1) {
    const [file] = reply.files;
    const type = whatsappMediaType(file.contentType);
    const caption = reply.body.trim() ? reply.body : null;
    if (caption && type === 'audio') {
      return problem('BAD_USER_INPUT', 'input.body', 'AUDIO_WITHOUT_CAPTION', 'WhatsApp audio carries no text: send the text as its own message.');
    }
    if (caption && caption.length > WHATSAPP_CAPTION_MAX) {
      return problem('BAD_USER_INPUT', 'input.body', 'TEXT_TOO_LONG', `A WhatsApp caption is at most ${WHATSAPP_CAPTION_MAX} characters.`);
    }
    const media: Record<string, unknown> = { link: file.url };
    if (caption) media.caption = caption;
    if (type === 'document') media.filename = file.fileName;
    return { problem: false, payload: { ...base, type, [type]: media } };
  }
  if (reply.body.length > WHATSAPP_TEXT_MAX) {
    return problem('BAD_USER_INPUT', 'input.body', 'TEXT_TOO_LONG', `A WhatsApp message is at most ${WHATSAPP_TEXT_MAX} characters.`);
  }
  return { problem: false, payload: { ...base, type: 'text', text: { preview_url: false, body: reply.body } } };
}

export interface MessengerReply {
  channel: 'FACEBOOK' | 'INSTAGRAM';
  recipientId: string;
  body: string;
  files: readonly ReplyFile[];
  lastCustomerMessageAt: Date | null;
  now: Date;
}

/**
 * A Messenger or Instagram reply: `RESPONSE` within 24 hours of the customer's last message; from 24 hours to 7 days
 * the HUMAN_AGENT tag (a person is answering: the app needs Meta's Human Agent permission); later, refused.
 */
export function planMessengerReply(reply: MessengerReply): ReplyPlan | ReplyProblem {
  const name = CHANNEL_NAMES[reply.channel];
  const since = reply.lastCustomerMessageAt ? reply.now.getTime() - reply.lastCustomerMessageAt.getTime() : Number.POSITIVE_INFINITY;
  if (since >= HUMAN_AGENT_WINDOW_MS) {
    const closesAt = reply.lastCustomerMessageAt ? new Date(reply.lastCustomerMessageAt.getTime() + HUMAN_AGENT_WINDOW_MS) : null;
    return problem(
      'CONFLICT',
      'input.conversationId',
      'MESSAGING_WINDOW_CLOSED',
      closesAt
        ? `${name} accepts an agent's reply up to 7 days after the customer's last message; that window closed at ${closesAt.toISOString()}.`
        : `${name} accepts replies only after the customer has written.`,
      closesAt ? { windowClosedAt: closesAt } : {},
    );
  }
  const window = since < STANDARD_WINDOW_MS ? { messaging_type: 'RESPONSE' } : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  if (reply.files.length > 0 && reply.body.trim()) {
    return problem('BAD_USER_INPUT', 'input.attachments', 'TEXT_AND_FILE', `${name} sends text and files as separate messages: send the text, then the file.`);
  }
  if (reply.files.length > 1) {
    return problem('BAD_USER_INPUT', 'input.attachments', 'ONE_FILE_PER_MESSAGE', `${name} takes one file per message: send the files one by one.`);
  }
  const recipient = { id: reply.recipientId };
  if (reply.files.length === 1) {
    const [file] = reply.files;
    return {
      problem: false,
      payload: { recipient, ...window, message: { attachment: { type: messengerAttachmentType(file.contentType), payload: { url: file.url, is_reusable: false } } } },
    };
  }
  const tooLong =
    reply.channel === 'INSTAGRAM' ? Buffer.byteLength(reply.body, 'utf8') > INSTAGRAM_TEXT_MAX_BYTES : reply.body.length > MESSENGER_TEXT_MAX;
  if (tooLong) {
    const limit = reply.channel === 'INSTAGRAM' ? `${INSTAGRAM_TEXT_MAX_BYTES} bytes (UTF-8)` : `${MESSENGER_TEXT_MAX} characters`;
    return problem('BAD_USER_INPUT', 'input.body', 'TEXT_TOO_LONG', `A ${name} message is at most ${limit}.`);
  }
  return { problem: false, payload: { recipient, ...window, message: { text: reply.body } } };
}

/** What the transcript shows for a template message (the customer sees the provider's rendering of it). */
export function templateSummary(template: TemplateRef) {
  const parameters = template.parameters.length > 0 ? `: ${template.parameters.join(' | ')}` : '';
  return `[WhatsApp template ${template.name} (${template.language})${parameters}]`;
}

/**
 * A FAILED reply sent again later: the provider's windows may have moved since it was written. WhatsApp free text
 * (or a file) needs the 24-hour window still open (a template goes any time); Messenger/Instagram need the 7-day
 * human agent window and, past 24 hours, the HUMAN_AGENT tag instead of RESPONSE. Returns the payload to send.
 */
export function planRetry(channel: MetaChannel, payload: Record<string, unknown>, lastCustomerMessageAt: Date | null, now: Date): ReplyPlan | ReplyProblem {
  const field = 'input.messageId';
  const since = lastCustomerMessageAt ? now.getTime() - lastCustomerMessageAt.getTime() : Number.POSITIVE_INFINITY;
  if (channel === 'WHATSAPP') {
    if (payload.type === 'template' || since < STANDARD_WINDOW_MS) return { problem: false, payload };
    const closesAt = lastCustomerMessageAt ? new Date(lastCustomerMessageAt.getTime() + STANDARD_WINDOW_MS) : null;
    return problem(
      'CONFLICT',
      field,
      'WHATSAPP_CUSTOMER_SERVICE_WINDOW_CLOSED',
      `WhatsApp's 24-hour customer service window ${closesAt ? `closed at ${closesAt.toISOString()}` : 'is not open'}, so this text cannot be sent again. Send an approved template instead.`,
      closesAt ? { windowClosedAt: closesAt } : {},
    );
  }
  if (since >= HUMAN_AGENT_WINDOW_MS) {
    const closesAt = lastCustomerMessageAt ? new Date(lastCustomerMessageAt.getTime() + HUMAN_AGENT_WINDOW_MS) : null;
    return problem(
      'CONFLICT',
      field,
      'MESSAGING_WINDOW_CLOSED',
      `${CHANNEL_NAMES[channel]} accepts an agent's reply up to 7 days after the customer's last message${closesAt ? `; that window closed at ${closesAt.toISOString()}` : ''}.`,
      closesAt ? { windowClosedAt: closesAt } : {},
    );
  }
  const { messaging_type: _type, tag: _tag, ...rest } = payload;
  const window = since < STANDARD_WINDOW_MS ? { messaging_type: 'RESPONSE' } : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  return { problem: false, payload: { ...rest, ...window } };
}
