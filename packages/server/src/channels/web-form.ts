// `POST /forms/<product id>`: the public contact form of a product's website and the in-app inbox of its mobile app
// (JSON or a plain HTML form post). A valid submission opens a ticket on WEB_FORM or IN_APP; each bad field is named
// in the answer; a filled honeypot field looks like success and opens nothing; each client address may submit a few
// times a minute per product, counted in the database so every server instance sees the same count.
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import { clientAddress } from '../chats/visitor-limits.js';
import type { AppServices } from '../context.js';
import { DeskgraphError } from '../errors.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { Channel } from '../generated/prisma/enums.js';
import { log } from '../log.js';
import { emailRule, nameRule, storableText } from '../schema/inputs.js';
import { createCustomerTicketInTx } from '../tickets/customer-messages.js';
import { claimInboundMessage, type DeliveryProcessor, linkInboundMessage, registerDeliveryProcessor } from '../webhooks/deliveries.js';
import { readLimitedBody } from '../webhooks/http.js';
import { rowIdOfPathSegment } from './email-webhook.js';

const ROUTE = /^\/forms\/([^/]+)\/?$/;
/** A contact form is a few kB; anything much larger is not a person typing. */
const MAX_FORM_BYTES = 64 * 1024;
const FORM_CHANNELS = ['WEB_FORM', 'IN_APP'] as const satisfies readonly Channel[];
type FormChannel = (typeof FORM_CHANNELS)[number];

const text = (rule: z.ZodType<string, string>) => z.string({ error: 'Must be text.' }).pipe(rule);
const FIELD_RULES = {
  name: text(nameRule),
  email: text(emailRule),
  subject: text(z.string().trim().min(1, 'Must not be empty.').max(250, 'At most 250 characters.').refine(storableText, 'Must not contain NUL characters.')),
  message: text(
    z
      .string()
      .refine((body) => body.trim().length > 0, 'Must not be empty.')
      .refine((body) => body.length <= 50_000, 'At most 50,000 characters.')
      .refine(storableText, 'Must not contain NUL characters.'),
  ),
};

export interface FormSubmission {
  name: string;
  email: string;
  subject: string;
  message: string;
  channel: FormChannel;
  /** The honeypot: hidden from people, so only a bot fills it in. */
  honeypotFilled: boolean;
}

export type FieldError = { field: string; message: string };

/** Checks every field at once, so a person fixes the whole form in one go. Pure: no I/O. */
export function validateSubmission(fields: Record<string, unknown>): { ok: true; submission: FormSubmission } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  for (const [field, rule] of Object.entries(FIELD_RULES)) {
    if (fields[field] === undefined || fields[field] === null) {
      errors.push({ field, message: 'Required.' });
      continue;
    }
    const result = rule.safeParse(fields[field]);
    if (result.success) values[field] = result.data;
    else errors.push({ field, message: result.error.issues[0]?.message ?? 'Invalid.' });
  }
  const channel = fields.channel ?? 'WEB_FORM';
  if (!FORM_CHANNELS.includes(channel as FormChannel)) errors.push({ field: 'channel', message: 'Must be WEB_FORM or IN_APP.' });
  const website = fields.website;
  if (website !== undefined && website !== null && typeof website !== 'string') errors.push({ field: 'website', message: 'Must be text.' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    submission: {
      name: values.name,
      email: values.email,
      subject: values.subject,
      message: values.message,
      channel: channel as FormChannel,
      honeypotFilled: typeof website === 'string' && website.trim() !== '',
    },
  };
}

export type FormFields = { ok: true; fields: Record<string, unknown> } | { ok: false; status: 400 | 415; message: string };

/** The fields of a JSON object or a url-encoded form (what an HTML form posts). */
export function formFieldsOf(contentType: string, body: Buffer): FormFields {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return { ok: true, fields: Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
  if (type !== 'application/json') {
    return { ok: false, status: 415, message: 'Send the form as application/json or application/x-www-form-urlencoded.' };
  }
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ok: true, fields: parsed as Record<string, unknown> };
  } catch {
    // answered below
  }
  return { ok: false, status: 400, message: 'The body must be a JSON object with the form fields.' };
}

/** Whether the product takes this channel: a product whose channels were never configured takes every channel (as
 * a fresh product should, and as live chat does); once it lists channels, this one must be listed and enabled. */
function channelOpen(rows: { channel: Channel; enabled: boolean }[], channel: Channel) {
  return rows.length === 0 || rows.some((row) => row.channel === channel && row.enabled);
}

/**
 * A stored submission → a ticket, in the caller's transaction: right after the request (useWebForms) and again when an
 * admin replays it. The submission's own delivery id is its de-duplication key, so a replay never opens a second ticket.
 */
export const processWebFormDelivery: DeliveryProcessor = async (tx, emit, delivery) => {
  const workspaceId = delivery.workspaceId;
  const form = formFieldsOf(delivery.headers['content-type'] ?? '', delivery.rawBody);
  if (!form.ok) return { status: 'IGNORED', outcome: form.message };
  const validated = validateSubmission(form.fields);
  if (!validated.ok) return { status: 'IGNORED', outcome: `invalid: ${validated.errors.map((error) => `${error.field}: ${error.message}`).join('; ')}` };
  const submission = validated.submission;
  if (submission.honeypotFilled) return { status: 'IGNORED', outcome: 'honeypot field filled in: spam, no ticket' };
  const product = await tx.product.findFirst({ where: { id: String(delivery.headers.productId ?? ''), workspaceId }, select: { id: true } });
  if (!product) return { status: 'IGNORED', outcome: 'the product of this form no longer exists' };
  const key = { workspaceId, source: 'WEB_FORM' as const, externalId: delivery.id };
  if (!(await claimInboundMessage(tx, key))) return { status: 'IGNORED', outcome: 'duplicate: this submission was processed before' };
  const { ticket, message } = await createCustomerTicketInTx(tx, emit, { workspaceId, actor: 'system', via: submission.channel }, {
    productId: product.id,
    channel: submission.channel,
    customer: { name: submission.name, email: submission.email },
    subject: submission.subject,
    body: submission.message,
  });
  await linkInboundMessage(tx, key, { ticketId: ticket.id, ticketMessageId: message.id });
  return { status: 'PROCESSED', outcome: `new ticket #${ticket.number}` };
};

class TooManySubmissions extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many submissions');
  }
}

export function useWebForms(app: AppServices): Plugin {
  registerDeliveryProcessor('WEB_FORM', processWebFormDelivery);
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      const match = ROUTE.exec(url.pathname);
      if (!match) return;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));
      const refuse = (status: number, message: string, headers: Record<string, string> = {}) => answer(status, { errors: [{ message }] }, headers);
      if (request.method !== 'POST') return refuse(405, 'Post the form here.', { allow: 'POST' });

      const read = await readLimitedBody(request, MAX_FORM_BYTES);
      if (!read.ok) return refuse(413, `The form is larger than ${MAX_FORM_BYTES} bytes.`);
      const form = formFieldsOf(request.headers.get('content-type') ?? '', read.body);
      if (!form.ok) return refuse(form.status, form.message);
      const validated = validateSubmission(form.fields);
      if (!validated.ok) return answer(400, { errors: validated.errors });
      const submission = validated.submission;

      try {
        const productId = rowIdOfPathSegment(match[1], 'Product');
        const product = productId
          ? await app.db.prisma.product.findUnique({ where: { id: productId }, select: { id: true, workspaceId: true, channels: { select: { id: true, channel: true, enabled: true } } } })
          : null;
        // Unknown product or a form that is switched off: one answer, so products cannot be probed.
        if (!product || !channelOpen(product.channels, submission.channel)) return refuse(404, 'This form is not available.');

        const peer = (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket?.remoteAddress;
        const address = clientAddress(request.headers, peer, app.config.trustProxy);
        const limit = app.config.channels.webFormSubmissionsPerMinute;
        const productChannelId = product.channels.find((row) => row.channel === submission.channel)?.id ?? null;
        const outcome = await writeTransaction(app, { workspaceId: product.workspaceId, actor: 'system' }, async (tx, emit) => {
          // One lock per product and address: concurrent submissions (on any instance) count one after another.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`web-form:${product.id}:${address}`}))`;
          const now = transactionTime(tx);
          const since = new Date(now.getTime() - 60_000);
          const [{ count, oldest }] = await tx.$queryRaw<{ count: number; oldest: Date | null }[]>`
            SELECT count(*)::int AS "count", min("receivedAt") AS "oldest" FROM "WebhookDelivery"
             WHERE "workspaceId" = ${product.workspaceId}::uuid AND "source" = 'WEB_FORM' AND "receivedAt" > ${since}
               AND "headers"->>'productId' = ${product.id} AND "headers"->>'clientAddress' = ${address}`;
          if (count >= limit) {
            throw new TooManySubmissions(Math.max(1, Math.ceil(((oldest?.getTime() ?? now.getTime()) + 60_000 - now.getTime()) / 1000)));
          }
          // The submission is kept like a provider's delivery (inspection, and the count above); a bot's too.
          const headers = {
            productId: product.id,
            clientAddress: address,
            'content-type': request.headers.get('content-type')?.slice(0, 200) ?? '',
            'user-agent': request.headers.get('user-agent')?.slice(0, 500) ?? '',
          };
          const delivery = await tx.webhookDelivery.create({
            data: {
              workspaceId: product.workspaceId,
              productChannelId,
              source: 'WEB_FORM',
              receivedAt: now,
              headers,
              rawBody: Uint8Array.from(read.body),
              signatureValid: null,
              status: 'RECEIVED',
            },
            select: { id: true },
          });
          // Processed at once, in this transaction: the visitor is waiting, and the ticket and its record commit together.
          const result = await processWebFormDelivery(
            tx,
            emit,
            { id: delivery.id, workspaceId: product.workspaceId, productChannelId, source: 'WEB_FORM', headers, rawBody: read.body, receivedAt: now },
            app,
          );
          await tx.webhookDelivery.update({
            where: { id: delivery.id },
            data: { ...result, attempts: 1, processedAt: now },
          });
          return result;
        });
        if (outcome.status === 'IGNORED') log.info('web form spam dropped (honeypot)', { productId: product.id, clientAddress: address });
        // The same answer with or without the honeypot: a bot learns nothing from it.
        return answer(200, { received: true });
      } catch (error) {
        if (error instanceof TooManySubmissions) {
          const wait = error.retryAfterSeconds;
          return refuse(429, `Too many submissions from your address; try again in ${wait} seconds.`, { 'retry-after': String(wait) });
        }
        if (error instanceof DeskgraphError && error.extensions.code === 'BAD_USER_INPUT') {
          return answer(400, { errors: [{ field: String(error.extensions.field ?? 'form'), message: error.message }] });
        }
        log.warn('web form not stored', { error: (error as Error).message });
        return refuse(503, 'The form could not be sent right now; try again shortly.');
      }
    },
  };
}
