// HTTP helpers shared by the webhook endpoints (yoga plugins): reading a body up to a limit without holding more than
// the limit, the request headers worth keeping with a delivery, and small plain responses that leak nothing.

/** Headers kept with a stored delivery: enough to inspect and re-verify it, nothing that authenticates us. */
const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'user-agent',
  'x-hub-signature-256',
  'x-hub-signature',
  'x-forwarded-for',
  'x-real-ip',
];

export function keptHeaders(headers: Headers, extra: readonly string[] = []): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [...KEPT_HEADERS, ...extra]) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 1000);
  }
  return kept;
}

export type LimitedBody = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' };

/**
 * The raw bytes of a request body, or 'too-large' as soon as a declared Content-Length or the bytes read so far pass
 * `maxBytes`: the rest is never read (the stream is cancelled), so a 10 MB body costs at most `maxBytes` of memory.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too-large' };
  }
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks, read) };
}

/** A JSON error body in the shape of the GraphQL API's errors, so clients parse one shape everywhere. */
export function problemResponse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
