// Meta's webhook endpoint, one per product channel: `GET /webhooks/meta/<productChannelId>` answers the subscription
// handshake, `POST` takes WhatsApp / Messenger / Instagram deliveries. A POST is verified over its raw bytes
// (X-Hub-Signature-256, HMAC-SHA256 with the app secret, compared in constant time), stored as one row and answered
// 200 at once; processing follows (src/webhooks/deliveries.ts). A bad signature is stored REJECTED for inspection,
// logged and answered 401; a body over the limit is answered 413 without being read to the end.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { AppServices } from '../context.js';
import { log } from '../log.js';
import { acceptDelivery } from '../webhooks/deliveries.js';
import { keptHeaders, problemResponse, readLimitedBody } from '../webhooks/http.js';
import { SOURCE_OF_CHANNEL } from './meta-inbound.js';

const ROUTE = /^\/webhooks\/meta\/([^/]+)\/?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How much of a refused (unsigned or wrongly signed) body is stored for inspection. */
const REJECTED_BODY_KEPT_BYTES = 64 * 1024;

/** Equal strings in time independent of where they differ (hashing first makes the lengths equal too). */
function sameSecret(given: string, expected: string) {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** `sha256=<hex HMAC-SHA256(appSecret, rawBody)>`, checked over the bytes exactly as received. */
export function checkMetaSignature(rawBody: Buffer, header: string | null, appSecret: string | null): SignatureCheck {
  if (!appSecret) return { valid: false, reason: 'the channel has no appSecret configured' };
  if (!header) return { valid: false, reason: 'X-Hub-Signature-256 is missing' };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return { valid: false, reason: 'X-Hub-Signature-256 is not sha256=<64 hex digits>' };
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return timingSafeEqual(given, expected) ? { valid: true } : { valid: false, reason: 'X-Hub-Signature-256 does not match the body' };
}

type App = Pick<AppServices, 'config' | 'db' | 'events' | 'clock'>;

export function useMetaWebhooks(app: AppServices): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = ROUTE.exec(url.pathname);
      if (!match) return;
      const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(problemResponse(fetchAPI, status, code, message, headers));
      if (request.method !== 'GET' && request.method !== 'POST') {
        return problem(405, 'METHOD_NOT_ALLOWED', 'Meta webhooks use GET (handshake) and POST (deliveries).', { allow: 'GET, POST' });
      }
      try {
        const productChannel = await channelOf(app, match[1]);
        // Unknown, switched off or not a Meta channel: the same answer, so ids cannot be probed.
        if (!productChannel) {
          await request.body?.cancel().catch(() => undefined);
          return problem(404, 'NOT_FOUND', 'Not found.');
        }
        const settings = (productChannel.settings ?? {}) as Record<string, unknown>;
        const secretOf = (key: string) => (typeof settings[key] === 'string' && settings[key] ? (settings[key] as string) : null);
        if (request.method === 'GET') {
          const params = url.searchParams;
          const verifyToken = secretOf('verifyToken');
          const challenge = params.get('hub.challenge');
          if (params.get('hub.mode') === 'subscribe' && verifyToken && challenge !== null && sameSecret(params.get('hub.verify_token') ?? '', verifyToken)) {
            return endResponse(new fetchAPI.Response(challenge, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
          }
          log.warn('meta webhook handshake refused', { productChannelId: productChannel.id });
          return problem(403, 'FORBIDDEN', 'The verify token does not match.');
        }
        const limit = app.config.webhooks.maxBodyBytes;
        const read = await readLimitedBody(request, limit);
        if (!read.ok) return problem(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`);
        const source = SOURCE_OF_CHANNEL[productChannel.channel]!;
        const check = checkMetaSignature(read.body, request.headers.get('x-hub-signature-256'), secretOf('appSecret'));
        // Anyone can send unsigned bodies: a refused one is kept only as far as a person inspecting it needs.
        const kept = check.valid ? read.body : read.body.subarray(0, REJECTED_BODY_KEPT_BYTES);
        const headers = keptHeaders(request.headers);
        if (kept.byteLength < read.body.byteLength) headers['x-deskgraph-truncated-from-bytes'] = String(read.body.byteLength);
        const delivery = await acceptDelivery(app, {
          workspaceId: productChannel.product.workspaceId,
          productChannelId: productChannel.id,
          source,
          headers,
          rawBody: kept,
          signatureValid: check.valid,
        });
        if (!check.valid) {
          log.warn('meta webhook signature rejected', { productChannelId: productChannel.id, deliveryId: delivery.id, reason: check.reason });
          return problem(401, 'UNAUTHENTICATED', 'The X-Hub-Signature-256 signature is missing or does not match the body.');
        }
        return endResponse(new fetchAPI.Response('EVENT_RECEIVED', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
      } catch (error) {
        // Nothing was stored: 503 makes Meta deliver it again later.
        log.warn('meta webhook could not be stored', { error: (error as Error).message });
        return problem(503, 'SERVICE_UNAVAILABLE', 'The delivery could not be stored right now; send it again shortly.');
      }
    },
  };
}

async function channelOf(app: App, id: string) {
  if (!UUID.test(id)) return null;
  const productChannel = await app.db.prisma.productChannel.findUnique({
    where: { id },
    include: { product: { select: { workspaceId: true } } },
  });
  if (!productChannel || !productChannel.enabled || !SOURCE_OF_CHANNEL[productChannel.channel]) return null;
  return productChannel;
}
