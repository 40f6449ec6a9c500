// Downloading an attachment: `GET /attachments/<id>` with the same `Authorization: Bearer` token as the GraphQL API.
// Only the workspace that owns the file can read it (another workspace gets the same 404 as a missing id). Always
// served as a download with the type detected at upload and `nosniff`, so nothing uploaded is ever rendered by the
// browser on our origin.
import type { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { authenticate, bearerToken } from '../auth/principal.js';
import type { AppServices } from '../context.js';
import { log } from '../log.js';
import { PLAIN_TEXT } from './content-type.js';
import { attachmentDisposition } from './file-names.js';
import { attachmentStorageOf } from './service.js';
import { AttachmentMissingError } from './storage.js';

const ROUTE = /^\/attachments\/([^/]+)\/?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a client downloads an attachment; relative to the API's origin. */
export const attachmentPath = (attachmentId: string) => `/attachments/${attachmentId}`;

export function useAttachmentDownloads(app: Pick<AppServices, 'config' | 'db' | 'clock'>): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = ROUTE.exec(url.pathname);
      if (!match) return;
      const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json', ...headers },
          }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return problem(405, 'METHOD_NOT_ALLOWED', 'Attachments are read with GET.', { allow: 'GET, HEAD' });
      }
      try {
        const auth = await authenticate(app.db.prisma, bearerToken(request.headers.get('authorization')), app.clock.now());
        if (!auth.principal) {
          return problem(401, 'UNAUTHENTICATED', auth.problem ?? 'Send your token as `Authorization: Bearer <token>`.', {
            'www-authenticate': 'Bearer',
          });
        }
        const id = match[1];
        const attachment = UUID.test(id)
          ? await app.db.prisma.attachment.findFirst({ where: { id, workspaceId: auth.principal.workspaceId } })
          : null;
        if (!attachment) return problem(404, 'NOT_FOUND', 'Attachment not found.');
        const headers = {
          'content-type': attachment.contentType === PLAIN_TEXT ? `${PLAIN_TEXT}; charset=utf-8` : attachment.contentType,
          'content-length': String(attachment.size),
          'content-disposition': attachmentDisposition(attachment.fileName),
          'x-content-type-options': 'nosniff',
          // Should a browser open it anyway, it runs nothing and loads nothing.
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
          etag: `"${attachment.sha256}"`,
        };
        if (request.method === 'HEAD') return endResponse(new fetchAPI.Response(null, { status: 200, headers }));
        const content: Readable = await attachmentStorageOf(app.config).get(attachment.storageKey);
        // The server's Response accepts a Node stream as its body, so the file is streamed, never read whole.
        endResponse(new fetchAPI.Response(content as unknown as BodyInit, { status: 200, headers }));
      } catch (error) {
        if (error instanceof AttachmentMissingError) {
          log.error('attachment row without its file', { error: error.message });
          return problem(404, 'NOT_FOUND', 'Attachment not found.');
        }
        log.warn('attachment download failed', { error: (error as Error).message });
        return problem(503, 'SERVICE_UNAVAILABLE', 'The attachment cannot be read right now; try again shortly.');
      }
    },
  };
}
