// A stand-in for Meta's Graph API on the loopback interface: a real HTTP server that answers the WhatsApp Cloud API
// and the Messenger/Instagram Send API the way Meta documents, records every request it received, and can be told
// to fail (status codes, Retry-After, hanging without an answer) or be switched off (connections refused). It also
// serves customers' media: WhatsApp's `GET /{media-id}` (the URL to download) and the bytes behind such URLs (also
// used as Messenger/Instagram attachment URLs), with the same scripted failures per media id.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: any;
  /** The customer it was for: WhatsApp's `to`, Messenger/Instagram's `recipient.id`. */
  recipient: string;
  at: number;
  /** What the provider answered (0 when it never answered). */
  answeredStatus: number;
  /** The message id it handed out when it accepted the request. */
  messageId?: string;
}

/** One scripted answer: a status (with Meta's error body, and headers), or 'hang' (never answer). */
export type ScriptedAnswer = { status: number; code?: number; message?: string; headers?: Record<string, string> } | 'hang';

export interface FakeMetaProvider {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Requests for one recipient, in arrival order. */
  to(recipient: string): ReceivedRequest[];
  /** The next answers for a recipient (then 200s again). */
  script(recipient: string, answers: ScriptedAnswer[]): void;
  /**
   * Serves a medium: `GET {url}/{id}` answers WhatsApp's media JSON, `mediaUrl(id)` the bytes. `undeclaredSize`:
   * sent in chunks, without Content-Length or file_size (a client must count the bytes itself).
   */
  addMedia(id: string, bytes: Buffer, options?: { mimeType?: string; undeclaredSize?: boolean }): void;
  /** Where a medium's bytes are downloaded (a Messenger/Instagram attachment URL, or WhatsApp's media URL). */
  mediaUrl(id: string): string;
  /** The next answers to GET requests about this medium (its WhatsApp lookup or its bytes), then 200s again. */
  scriptMedia(id: string, answers: ScriptedAnswer[]): void;
  /** GET requests for a medium's bytes so far. */
  downloadsOf(id: string): ReceivedRequest[];
  /** Every answer waits this long (so that instances overlap in multi-instance tests). */
  setLatency(ms: number): void;
  /** Stop listening (clients get connection refused) until `resume()`. */
  goDown(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const recipientOf = (body: any): string => String(body?.to ?? body?.recipient?.id ?? '');

function metaError(status: number, code: number, message: string) {
  return { error: { message, type: status === 401 ? 'OAuthException' : 'GraphMethodException', code, fbtrace_id: randomBytes(8).toString('hex') } };
}

export async function startFakeMetaProvider(): Promise<FakeMetaProvider> {
  const received: ReceivedRequest[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const media = new Map<string, { bytes: Buffer; mimeType: string; undeclaredSize: boolean }>();
  const mediaScripts = new Map<string, ScriptedAnswer[]>();
  let base = '';
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  let latencyMs = 0;

  // Signed-looking, like Meta's CDN URLs; the signature is not checked.
  const mediaUrlOf = (id: string) => `${base}/media-bytes/${encodeURIComponent(id)}?oh=${randomBytes(6).toString('hex')}&oe=6750A1B2`;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void answer());
    const answer = async () => {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      let body: any = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      const recipient = recipientOf(body);
      const entry: ReceivedRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
        recipient,
        at: Date.now(),
        answeredStatus: 0,
      };
      received.push(entry);
      const mediaMatch = request.method === 'GET' ? /^\/(?:v[\d.]+\/|media-bytes\/)([^/?]+)/.exec(entry.path) : null;
      const mediaId = mediaMatch ? decodeURIComponent(mediaMatch[1]) : null;
      const scripted = mediaId !== null ? mediaScripts.get(mediaId)?.shift() : scripts.get(recipient)?.shift();
      if (scripted === 'hang') {
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      }
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        entry.answeredStatus = status;
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      if (scripted && scripted.status !== 200) {
        send(scripted.status, metaError(scripted.status, scripted.code ?? (scripted.status >= 500 ? 2 : 100), scripted.message ?? 'Scripted failure'), scripted.headers);
        return;
      }
      if (mediaId !== null) {
        const medium = media.get(mediaId);
        if (!medium) {
          send(400, metaError(400, 100, `Unsupported get request. Object with ID '${mediaId}' does not exist`));
        } else if (entry.path.startsWith('/media-bytes/')) {
          entry.answeredStatus = 200;
          if (medium.undeclaredSize) {
            response.writeHead(200, { 'content-type': medium.mimeType });
            for (let at = 0; at < medium.bytes.length; at += 64 * 1024) response.write(medium.bytes.subarray(at, at + 64 * 1024));
            response.end();
          } else {
            response.writeHead(200, { 'content-type': medium.mimeType, 'content-length': String(medium.bytes.length) });
            response.end(medium.bytes);
          }
        } else if (!entry.authorization?.startsWith('Bearer ')) {
          send(401, metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token'));
        } else {
          send(200, {
            messaging_product: 'whatsapp',
            id: mediaId,
            url: mediaUrlOf(mediaId),
            mime_type: medium.mimeType,
            sha256: createHash('sha256').update(medium.bytes).digest('hex'),
            ...(medium.undeclaredSize ? {} : { file_size: medium.bytes.length }),
          });
        }
        return;
      }
      if (request.method !== 'POST' || !/\/messages$/.test(entry.path) || !body) {
        send(400, metaError(400, 100, 'Invalid parameter'));
        return;
      }
      if (!entry.authorization?.startsWith('Bearer ')) {
        send(401, metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token'));
        return;
      }
      if (body.messaging_product === 'whatsapp') {
        entry.messageId = `wamid.${randomBytes(12).toString('base64url')}`;
        send(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: entry.messageId }] });
      } else {
        entry.messageId = `m_${randomBytes(12).toString('base64url')}`;
        send(200, { recipient_id: recipient, message_id: entry.messageId });
      }
    };
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/v21.0`,
    port,
    received,
    to: (recipient) => received.filter((entry) => entry.recipient === recipient),
    script: (recipient, answers) => scripts.set(recipient, [...answers]),
    addMedia: (id, bytes, options = {}) => {
      media.set(id, { bytes, mimeType: options.mimeType ?? 'application/octet-stream', undeclaredSize: options.undeclaredSize === true });
    },
    mediaUrl: (id) => mediaUrlOf(id),
    scriptMedia: (id, answers) => mediaScripts.set(id, [...answers]),
    downloadsOf: (id) => received.filter((entry) => entry.path.startsWith(`/media-bytes/${encodeURIComponent(id)}`)),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    goDown: shut,
    resume: () => listen(port),
    close: shut,
  };
}
