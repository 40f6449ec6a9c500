// Inbound e-mail without the database: what a raw MIME message says (sender, the ids it answers, its text and files),
// whether a machine sent it (auto-replies, bounces, bulk mail: never answered, never a ticket), and which of its files
// a ticket keeps. Parsing is mailparser's (a maintained MIME parser); the decisions on top of it are ours.
import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { outboundEmailIdOfMessageId, ticketIdOfThreadId } from '../mail/threading.js';

export interface InboundAttachment {
  fileName: string | undefined;
  content: Buffer;
  /** Shown inside the HTML (a signature logo): kept only after the real attachments. */
  inline: boolean;
}

export interface InboundEmail {
  /** The Message-ID as "<id>", or null when the sender left it out. */
  messageId: string | null;
  /** The de-duplication key: the Message-ID, or a hash of the raw bytes when there is none (a retry is byte-equal). */
  dedupKey: string;
  from: { name: string; address: string };
  subject: string;
  text: string;
  /** Message-IDs this e-mail answers, nearest first: In-Reply-To, then References from the last to the first. */
  referencedIds: string[];
  attachments: InboundAttachment[];
}

export type AutomatedKind = 'auto-reply' | 'bounce' | 'bulk';

export type ParsedInbound =
  | { ok: true; email: InboundEmail; automated: { kind: AutomatedKind; reason: string } | null }
  | { ok: false; reason: string };

/** The longest text a ticket message keeps (the same limit as messages typed in the app). */
export const MAX_BODY_CHARS = 50_000;
const MAX_SUBJECT_CHARS = 250;
const MAX_ID_CHARS = 500;
const MAX_REFERENCES = 50;
// HTML-only e-mails are turned into text; past this size the HTML is not converted (a crafted e-mail must not make
// the converter the slow part).
const MAX_HTML_TO_CONVERT = 2 * 1024 * 1024;

// PostgreSQL text holds no NUL; other C0 controls (except tab and line breaks) only garble what agents read.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (text: string) => text.replace(CONTROL, '');

const MESSAGE_ID = /<[^<>\s]{1,498}>/g;

/** The "<id>" tokens of a header value, in order (mailparser hands over strings or lists of them). */
function messageIdsIn(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value == null ? [] : [value];
  return values.flatMap((entry) => (typeof entry === 'string' ? (entry.match(MESSAGE_ID) ?? []) : []));
}

/** A Message-ID as "<id>": some senders leave out the angle brackets. */
function normaliseMessageId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const [inBrackets] = messageIdsIn(value);
  if (inBrackets) return inBrackets;
  const bare = value.trim();
  return bare && !/[\s<>]/.test(bare) && bare.length <= MAX_ID_CHARS - 2 ? `<${bare}>` : null;
}

type HeaderValue = string | { value?: unknown; params?: Record<string, string> } | unknown;

/** A header's main value, lower-cased: "auto-replied" of "Auto-Submitted: Auto-Replied; owner=…". */
function headerWord(value: HeaderValue): string | null {
  const raw = typeof value === 'string' ? value : typeof (value as { value?: unknown })?.value === 'string' ? (value as { value: string }).value : null;
  if (raw == null) return null;
  return raw.split(';')[0].trim().toLowerCase();
}

/**
 * Why an e-mail was sent by a machine, or null for a person's e-mail. These are not answered and open no ticket:
 * answering an auto-responder starts a mail loop, a bounce is about our own e-mail, and a mailing list is no customer.
 * `headers` are lower-cased names (mailparser's map); `headerLines` the raw lines (for the empty Return-Path).
 */
export function automatedReason(
  headers: { get(name: string): HeaderValue },
  fromAddress: string | null,
  headerLines: readonly { key: string; line: string }[] = [],
): { kind: AutomatedKind; reason: string } | null {
  const contentType = headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase() === 'multipart/report') {
    const reportType = contentType.params?.['report-type']?.toLowerCase() ?? 'unknown';
    return { kind: 'bounce', reason: `multipart/report (report-type=${reportType})` };
  }
  if (fromAddress && /^(mailer-daemon)@/i.test(fromAddress)) return { kind: 'bounce', reason: `sender ${fromAddress}` };
  if (headerLines.some((line) => line.key === 'return-path' && /^return-path:\s*<\s*>\s*$/i.test(line.line))) {
    return { kind: 'bounce', reason: 'empty Return-Path (null sender)' };
  }
  const autoSubmitted = headerWord(headers.get('auto-submitted'));
  if (autoSubmitted && autoSubmitted !== 'no') return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ['x-autoreply', 'x-autorespond']) {
    const value = headerWord(headers.get(name));
    if (value !== null && value !== 'no' && value !== 'false') return { kind: 'auto-reply', reason: `${name}: ${value || '(empty)'}` };
  }
  const precedence = headerWord(headers.get('precedence'));
  if (precedence === 'auto_reply') return { kind: 'auto-reply', reason: 'Precedence: auto_reply' };
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return { kind: 'bulk', reason: `Precedence: ${precedence}` };
  return null;
}

/** Parses raw MIME. Never throws: what cannot be read as an e-mail comes back as `{ ok: false, reason }`. */
export async function parseInboundEmail(raw: Buffer): Promise<ParsedInbound> {
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(raw, {
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      maxHtmlLengthToParse: MAX_HTML_TO_CONVERT,
    });
  } catch (error) {
    return { ok: false, reason: `malformed MIME: ${String((error as Error)?.message ?? error).slice(0, 200)}` };
  }
  if (mail.headers.size === 0) return { ok: false, reason: 'malformed MIME: no header fields (not an e-mail)' };
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase().startsWith('multipart/') && !contentType.params?.boundary) {
    return { ok: false, reason: `malformed MIME: ${contentType.value} without a boundary` };
  }
  const sender = mail.from?.value.find((address) => address.address && address.address.includes('@'));
  const automated = automatedReason(mail.headers, sender?.address ?? null, mail.headerLines);
  if (!sender?.address) {
    // A bounce may come from the null sender; it is still a bounce, and still not answered.
    if (automated) {
      return { ok: true, automated, email: emailOf(mail, raw, { name: '', address: '' }) };
    }
    return { ok: false, reason: 'malformed MIME: no sender address in From' };
  }
  const address = sender.address.trim().toLowerCase();
  return { ok: true, automated, email: emailOf(mail, raw, { name: clean(sender.name ?? '').trim().slice(0, 200), address }) };
}

function emailOf(mail: Awaited<ReturnType<typeof simpleParser>>, raw: Buffer, from: InboundEmail['from']): InboundEmail {
  const messageId = normaliseMessageId(mail.messageId);
  const referenced = [...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()];
  return {
    messageId,
    dedupKey: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    from,
    subject: clean(mail.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT_CHARS),
    text: clean(mail.text ?? '').replace(/\r\n/g, '\n').trim(),
    referencedIds: [...new Set(referenced)].slice(0, MAX_REFERENCES),
    attachments: mail.attachments.map((attachment) => ({
      fileName: attachment.filename,
      content: attachment.content,
      inline: attachment.contentDisposition === 'inline' || attachment.related === true,
    })),
  };
}

// ---------------------------------------------------------------- threading

/** What the ids an e-mail answers point at: our thread ids, our replies' Message-IDs, or other (customer) e-mails. */
export interface ThreadRefs {
  /** In order of `referencedIds`, each resolved to the first kind that matches. */
  refs: ({ kind: 'thread'; ticketId: string } | { kind: 'reply'; outboundEmailId: string } | { kind: 'other'; messageId: string })[];
}

export function threadRefsOf(email: Pick<InboundEmail, 'referencedIds'>): ThreadRefs {
  return {
    refs: email.referencedIds.map((id) => {
      const ticketId = ticketIdOfThreadId(id);
      if (ticketId) return { kind: 'thread' as const, ticketId };
      const outboundEmailId = outboundEmailIdOfMessageId(id);
      if (outboundEmailId) return { kind: 'reply' as const, outboundEmailId };
      return { kind: 'other' as const, messageId: id };
    }),
  };
}

// ---------------------------------------------------------------- text

/**
 * A reply without the quoted e-mail it answers: trailing "> " lines and the "On … wrote:" line above them. Only a
 * trailing quote goes (an answer written between quoted lines stays whole), and never everything.
 */
export function withoutQuotedReply(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1].trim() === '' || lines[end - 1].trimStart().startsWith('>'))) end -= 1;
  if (end === lines.length) return text;
  // "On Mon, 30 Nov 2026 at 10:00, Support <support@…> wrote:" — Gmail and Apple Mail wrap it onto two lines.
  const attribution = /(wrote|schrieb|écrit|escribió|yazdı)\s*:\s*$/i;
  if (end > 0 && attribution.test(lines[end - 1])) {
    end -= 1;
    if (end > 0 && /^(On|Am|Le|El)\s/.test(lines[end - 1].trim()) && !attribution.test(lines[end - 1])) end -= 1;
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept ? kept : text;
}

/** The stored body: the text, cut to what a message holds, with notes (dropped files, another sender) after it. */
export function messageBodyOf(text: string, notes: readonly string[], hasFiles: boolean): string {
  const notesText = notes.length > 0 ? `\n\n${notes.map((note) => `[${note}]`).join('\n')}` : '';
  let body = text || (hasFiles ? '(no text; see the attachments)' : '(no text)');
  const room = MAX_BODY_CHARS - notesText.length - 40;
  if (body.length > room) body = `${body.slice(0, room)}\n[… the rest of this e-mail was cut]`;
  return body + notesText;
}

// ---------------------------------------------------------------- attachments

/**
 * The order in which files are tried against the per-message limit: real attachments first, then inline ones
 * (signature logos), each group in the order of the e-mail. Files over the size limit are dropped here.
 */
export function attachmentCandidates(attachments: readonly InboundAttachment[], maxBytes: number, formatLimit: (bytes: number) => string) {
  const ordered = [...attachments.filter((file) => !file.inline), ...attachments.filter((file) => file.inline)];
  const candidates: InboundAttachment[] = [];
  const dropped: { fileName: string; reason: string }[] = [];
  for (const file of ordered) {
    if (file.content.length > maxBytes) dropped.push({ fileName: file.fileName ?? 'attachment', reason: `larger than ${formatLimit(maxBytes)}` });
    else candidates.push(file);
  }
  return { candidates, dropped };
}

/** One line for people on the files a message did not keep, e.g. "15 attachments not kept: a.pdf, … (at most 5 …)". */
export function droppedFilesNote(dropped: readonly { fileName: string; reason: string }[]): string | null {
  if (dropped.length === 0) return null;
  const byReason = new Map<string, string[]>();
  for (const file of dropped) byReason.set(file.reason, [...(byReason.get(file.reason) ?? []), file.fileName]);
  const parts = [...byReason].map(([reason, names]) => {
    const shown = names.slice(0, 5).map((name) => `"${name}"`).join(', ');
    const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
    return `${shown}${more} (${reason})`;
  });
  return `${dropped.length} attachment${dropped.length === 1 ? '' : 's'} not kept: ${parts.join('; ')}`;
}
