// How a partner knows a customer callback request comes from deskgraph (and is not replayed).
//
// Every request carries two headers:
//   x-deskgraph-timestamp: <unix time in seconds when the request was signed>
//   x-deskgraph-signature: sha256=<hex of HMAC-SHA256(key = the workspace's callback secret, message = "<timestamp>.<body>")>
// where <body> is the raw request body, byte for byte. To verify: recompute the HMAC over the timestamp header, a dot
// and the raw body, compare it in constant time, and refuse timestamps more than 5 minutes from your clock (replay).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-deskgraph-signature';
export const TIMESTAMP_HEADER = 'x-deskgraph-timestamp';
/** How far a partner should accept a timestamp from its own clock; documented for partners, used by `verifySignature`. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new callback secret: 256 random bits, prefixed so a leaked one is recognisable. */
export const newCallbackSecret = () => `dgcb_${randomBytes(32).toString('base64url')}`;

/** `sha256=<hex>` for a body signed at `timestamp` (unix seconds). */
export function signatureOf(secret: string, timestamp: number, body: string) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a partner does: true only for a matching signature of a recent timestamp. */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
) {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !/^\d{1,12}$/.test(headers.timestamp ?? '')) return false;
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
