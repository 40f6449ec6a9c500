// One customer callback request: resolve the partner's host, refuse addresses the workspace may not reach, POST the
// signed JSON to exactly the address that was checked (no second DNS lookup that could answer differently), and read
// a bounded answer — all within one deadline. No database, no GraphQL: failures are `CallbackFailure`s with a reason
// and a message fit for an agent's screen (never the secret, never the URL's path or query).
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { z } from 'zod';
import { storableText } from '../schema/inputs.js';
import { classifyAddress, ipLiteralOf } from './callback-address.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureOf } from './callback-signature.js';

export const CALLBACK_TIMEOUT_MS = 3_000;
export const CALLBACK_MAX_RESPONSE_BYTES = 64 * 1024;

export type CallbackFailureReason =
  | 'TIMEOUT'
  | 'HTTP_STATUS'
  | 'BAD_RESPONSE'
  | 'TOO_LARGE'
  | 'DNS'
  | 'PRIVATE_ADDRESS'
  | 'UNREACHABLE'
  | 'TLS';

export class CallbackFailure extends Error {
  constructor(
    readonly reason: CallbackFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackFailure';
  }
}

/** What the partner answers: `{ "fields": [{ "label": "Plan", "value": "Gold" }] }`; other keys are ignored. */
export const CallbackAnswerSchema = z.object({
  fields: z.array(
    z.object({
      label: z.string().refine(storableText, 'Must not contain NUL characters.'),
      value: z.string().refine(storableText, 'Must not contain NUL characters.'),
    }),
  ),
});
export type CallbackAnswer = z.infer<typeof CallbackAnswerSchema>;

export interface CallbackTarget {
  url: string;
  secret: string;
  allowPrivate: boolean;
}

export interface CallbackOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

/** POSTs `payload` to the partner and returns its validated answer, or throws a `CallbackFailure`. */
export async function callCustomerCallback(target: CallbackTarget, payload: unknown, options: CallbackOptions = {}): Promise<CallbackAnswer> {
  const timeoutMs = options.timeoutMs ?? CALLBACK_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? CALLBACK_MAX_RESPONSE_BYTES;
  // One deadline for everything: DNS, connecting, TLS, waiting and reading.
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = () =>
    new CallbackFailure('TIMEOUT', `The customer callback did not answer in time (within ${timeoutMs / 1000} seconds).`);
  const url = new URL(target.url);
  const addresses = await abortable(resolveAllowed(url.hostname, target.allowPrivate), signal, timedOut);
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const raw = await abortable(
    post(url, addresses, body, {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': 'deskgraph-customer-callback/1',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signatureOf(target.secret, timestamp, body),
    }, signal, maxBytes, timedOut),
    signal,
    timedOut,
  );
  return parseAnswer(raw);
}

function abortable<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Every address of the host, all of them allowed — or a failure. One private address among public ones refuses all. */
async function resolveAllowed(hostname: string, allowPrivate: boolean): Promise<LookupAddress[]> {
  const literal = ipLiteralOf(hostname);
  let addresses: LookupAddress[];
  if (literal) {
    addresses = [{ address: literal, family: isIP(literal) }];
  } else {
    try {
      addresses = await dnsLookup(hostname, { all: true, verbatim: true });
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new CallbackFailure('DNS', "The customer callback's host name could not be resolved.");
  }
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== 'public') {
        throw new CallbackFailure(
          'PRIVATE_ADDRESS',
          `The customer callback's host resolves to a ${kind} address, which this workspace does not allow (allowPrivateAddresses is off).`,
        );
      }
    }
  }
  return addresses;
}

/** A `lookup` that answers with the addresses already checked, so the connection goes exactly there. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((entry) => entry.family === family) : addresses;
    if (usable.length === 0) {
      callback(Object.assign(new Error('no address of the requested family'), { code: 'ENOTFOUND' }), '', 0);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

function post(
  url: URL,
  addresses: LookupAddress[],
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  maxBytes: number,
  timedOut: () => CallbackFailure,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const tooLarge = () => new CallbackFailure('TOO_LARGE', `The customer callback answered more than ${maxBytes / 1024} kB.`);
    const client = url.protocol === 'https:' ? https : http;
    // The URL keeps the host name, so the Host header, TLS SNI and certificate check all use it; only the address
    // comes from the pinned lookup. No agent: a pooled connection would skip the check above.
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(addresses),
      agent: false,
      signal,
    });
    const fail = (error: unknown) => reject(signal.aborted ? timedOut() : failureOf(error));
    request.on('error', fail);
    request.on('response', (response) => {
      response.on('error', fail);
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        request.destroy();
        reject(new CallbackFailure('HTTP_STATUS', `The customer callback answered HTTP ${status} instead of a 2xx status.`));
        return;
      }
      if (Number(response.headers['content-length']) > maxBytes) {
        request.destroy();
        reject(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy();
          reject(tooLarge());
        } else {
          chunks.push(chunk);
        }
      });
      response.on('end', () => resolve(Buffer.concat(chunks)));
    });
    request.end(body);
  });
}

function failureOf(error: unknown): CallbackFailure {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code === 'ECONNREFUSED') return new CallbackFailure('UNREACHABLE', 'The customer callback refused the connection.');
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new CallbackFailure('UNREACHABLE', 'The customer callback closed the connection without a complete answer.');
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) {
    return new CallbackFailure('TLS', "The customer callback's TLS certificate could not be verified.");
  }
  if (code.startsWith('HPE_')) return new CallbackFailure('BAD_RESPONSE', 'The customer callback did not answer with valid HTTP.');
  return new CallbackFailure('UNREACHABLE', `The customer callback could not be reached${code ? ` (${code})` : ''}.`);
}

const EXPECTED = 'the expected JSON ({ "fields": [{ "label": "…", "value": "…" }] })';

function parseAnswer(raw: Buffer): CallbackAnswer {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new CallbackFailure('BAD_RESPONSE', `The customer callback answered something that is not JSON; expected ${EXPECTED}.`);
  }
  const parsed = CallbackAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new CallbackFailure(
      'BAD_RESPONSE',
      `The customer callback answered something that is not ${EXPECTED}: ${where}${issue.message}`,
    );
  }
  return parsed.data;
}
