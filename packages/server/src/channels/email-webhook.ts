// `POST /webhooks/email/<product channel id>`: raw MIME as inbound-mail providers post it, authenticated by the
// channel's shared secret (X-Deskgraph-Inbound-Secret or ?secret=). The e-mail is stored raw and answered 200 at once;
// email-processor.ts turns it into a ticket change afterwards, in its own transaction.
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Plugin } from 'graphql-yoga';
import type { AppServices } from '../context.js';
import { log } from '../log.js';
import { acceptDelivery, registerDeliveryProcessor } from '../webhooks/deliveries.js';
import { keptHeaders, problemResponse, readLimitedBody } from '../webhooks/http.js';
import { processInboundEmail } from './email-processor.js';

const ROUTE = /^\/webhooks\/email\/([^/]+)\/?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const INBOUND_SECRET_HEADER = 'x-deskgraph-inbound-secret';
const EMAIL_PROCESSING_TIMEOUT_MS = 60_000;

/** The database id in a path segment: the ProductChannel's global id (what the API shows) or its plain uuid. */
export function rowIdOfPathSegment(segment: string, typename: string): string | null {
  const decoded = decodeURIComponent(segment);
  if (UUID.test(decoded)) return decoded.toLowerCase();
  try {
    const global = decodeGlobalID(decoded);
    return global.typename === typename && UUID.test(global.id) ? global.id.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Compares digests, so neither the secret's length nor its content leaks through timing. */
function secretMatches(expected: unknown, given: string | null): boolean {
  if (typeof expected !== 'string' || expected.length === 0 || !given) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export function useEmailWebhook(app: AppServices): Plugin {
  // An e-mail near the size limit takes seconds to read back, parse and store its files: more than Prisma's 5 s.
  registerDeliveryProcessor('EMAIL', processInboundEmail, { timeoutMs: EMAIL_PROCESSING_TIMEOUT_MS });
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = ROUTE.exec(url.pathname);
      if (!match) return;
      const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(problemResponse(fetchAPI, status, code, message, headers));
      if (request.method !== 'POST') return problem(405, 'METHOD_NOT_ALLOWED', 'Post the raw e-mail (MIME) here.', { allow: 'POST' });
      try {
        const channelId = rowIdOfPathSegment(match[1], 'ProductChannel');
        const channel = channelId
          ? await app.db.prisma.productChannel.findFirst({
              where: { id: channelId, channel: 'EMAIL', enabled: true },
              select: { id: true, settings: true, product: { select: { workspaceId: true } } },
            })
          : null;
        // Unknown, not e-mail, or switched off: the same answer, so ids cannot be probed.
        if (!channel) return problem(404, 'NOT_FOUND', 'Not found.');
        const workspaceId = channel.product.workspaceId;
        const settings = (channel.settings ?? {}) as Record<string, unknown>;
        const given = request.headers.get(INBOUND_SECRET_HEADER) ?? url.searchParams.get('secret');
        if (!secretMatches(settings.inboundSecret, given)) {
          await request.body?.cancel().catch(() => undefined);
          log.warn('inbound e-mail refused: wrong or missing secret', { productChannelId: channel.id, secretGiven: !!given });
          // Kept for inspection without its body: whoever does not know the secret cannot fill the database.
          await acceptDelivery(app, {
            workspaceId,
            productChannelId: channel.id,
            source: 'EMAIL',
            headers: keptHeaders(request.headers),
            rawBody: Buffer.alloc(0),
            signatureValid: false,
          });
          return problem(401, 'UNAUTHENTICATED', `Send the channel's inbound secret in ${INBOUND_SECRET_HEADER}.`);
        }
        const maxBytes = app.config.channels.emailMaxBodyBytes;
        const read = await readLimitedBody(request, maxBytes);
        if (!read.ok) return problem(413, 'PAYLOAD_TOO_LARGE', `The e-mail is larger than ${maxBytes} bytes.`);
        await acceptDelivery(app, {
          workspaceId,
          productChannelId: channel.id,
          source: 'EMAIL',
          headers: keptHeaders(request.headers),
          rawBody: read.body,
          signatureValid: true,
        });
        endResponse(new fetchAPI.Response(JSON.stringify({ received: true }), { status: 200, headers: { 'content-type': 'application/json' } }));
      } catch (error) {
        // Not stored: the provider gets a 503 and retries, so the e-mail is not lost.
        log.warn('inbound e-mail not stored', { error: (error as Error).message });
        return problem(503, 'SERVICE_UNAVAILABLE', 'The e-mail could not be stored right now; try again shortly.');
      }
    },
  };
}
