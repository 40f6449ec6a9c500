// One call to Meta's send APIs (WhatsApp Cloud API, Messenger and Instagram Send API) and what its answer means for
// the outbox: sent with the provider's message id, worth another try later (5xx, time-outs, rate limits, Meta's
// transient errors), or refused for good (other 4xx, with Meta's error code and message).
import type { MetaChannel } from './outbox-payload.js';

export interface MetaSendRequest {
  /** The Graph API base, e.g. https://graph.facebook.com/v21.0 (configuration, so tests point it at loopback). */
  baseUrl: string;
  channel: MetaChannel;
  settings: Record<string, unknown>;
  payload: Record<string, unknown>;
  timeoutMs: number;
}

export type MetaSendResult =
  | { outcome: 'SENT'; externalId: string }
  | { outcome: 'RETRY'; error: string; retryAfterMs?: number }
  | { outcome: 'REFUSED'; error: string };

/** Where a channel's messages are posted: the WhatsApp phone number, the Facebook Page, or the Page behind Instagram. */
export function sendPath(channel: MetaChannel, settings: Record<string, unknown>): string {
  const id = (key: string) => encodeURIComponent(String(settings[key]));
  if (channel === 'WHATSAPP') return `/${id('phoneNumberId')}/messages`;
  if (channel === 'FACEBOOK') return `/${id('pageId')}/messages`;
  // Instagram messaging through a Facebook Page: the Page access token names the account, so /me/messages.
  return typeof settings.pageId === 'string' && settings.pageId ? `/${id('pageId')}/messages` : '/me/messages';
}

// Meta's error codes for throttling and passing trouble (answered with a 4xx status though worth retrying):
// 1/2 unknown or temporary, 4/17/32/613 API call limits, 80007 Messenger/Instagram rate limit, 130429 and 131056
// WhatsApp throughput and pair rate limits, 131016 WhatsApp service unavailable.
const TRANSIENT_META_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131016, 131056]);

interface MetaError {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_data?: { details?: string };
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** "<code>[/<subcode>]: <message>" from Meta's error object, or the HTTP status when the body says nothing. */
function describeError(status: number, body: unknown): { text: string; error: MetaError | null } {
  const error = body && typeof body === 'object' && 'error' in body ? ((body as { error: MetaError }).error ?? null) : null;
  if (!error || typeof error !== 'object') return { text: `HTTP ${status}`, error: null };
  const code = error.code != null ? `${error.code}${error.error_subcode != null ? `/${error.error_subcode}` : ''}` : `HTTP ${status}`;
  const details = error.error_data?.details ? ` (${error.error_data.details})` : '';
  return { text: `${code}: ${String(error.message ?? 'no message')}${details}`.slice(0, 1000), error };
}

/** The provider's id of the sent message: WhatsApp's messages[0].id, Messenger/Instagram's message_id. */
function externalIdOf(channel: MetaChannel, body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  if (channel === 'WHATSAPP') {
    const messages = (body as { messages?: { id?: unknown }[] }).messages;
    const id = Array.isArray(messages) ? messages[0]?.id : undefined;
    return typeof id === 'string' && id ? id : null;
  }
  const id = (body as { message_id?: unknown }).message_id;
  return typeof id === 'string' && id ? id : null;
}

export async function sendToMeta(request: MetaSendRequest): Promise<MetaSendResult> {
  const url = `${request.baseUrl}${sendPath(request.channel, request.settings)}`;
  let response: Response;
  let body: unknown;
  try {
    // The time limit covers the answer's body too: a provider that stalls mid-answer is a time-out like any other.
    const signal = AbortSignal.timeout(request.timeoutMs);
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${String(request.settings.accessToken)}` },
      body: JSON.stringify(request.payload),
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
  } catch (error) {
    const name = (error as Error)?.name;
    const why = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${request.timeoutMs} ms` : `could not reach the provider (${(error as Error)?.message ?? error})`;
    return { outcome: 'RETRY', error: why };
  }
  if (response.ok) {
    const externalId = externalIdOf(request.channel, body);
    // Accepted without an id: it went out, but statuses cannot find it; retrying would send it twice.
    return { outcome: 'SENT', externalId: externalId ?? '' };
  }
  return metaFailure(response, body);
}

/** What a Graph API answer that is not 2xx means: worth another try (5xx, 408, 429, Meta's transient codes) or refused. */
export function metaFailure(response: Pick<Response, 'status' | 'headers'>, body: unknown): Exclude<MetaSendResult, { outcome: 'SENT' }> {
  const { text, error } = describeError(response.status, body);
  if (response.status === 429) {
    return { outcome: 'RETRY', error: text, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) ?? undefined };
  }
  if (response.status >= 500 || response.status === 408) return { outcome: 'RETRY', error: text };
  if (error && (error.is_transient === true || (typeof error.code === 'number' && TRANSIENT_META_CODES.has(error.code)))) {
    return { outcome: 'RETRY', error: text, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) ?? undefined };
  }
  return { outcome: 'REFUSED', error: text };
}
