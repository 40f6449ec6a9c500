// GraphQL for attachments: the `Upload` scalar (see schema-scalar.ts) and where to download a file. The Attachment
// node itself is declared with the tickets it belongs to (src/tickets/schema.ts).
import { builder } from '../schema/builder.js';
import { attachmentPath } from './download.js';
import './schema-scalar.js';

builder.prismaObjectFields('Attachment', (t) => ({
  url: t.string({
    description:
      'Where to download the file: a path on this API (`/attachments/<id>`), read with GET and the same ' +
      '`Authorization: Bearer` token as the GraphQL API. Always served as a download, with the detected type.',
    resolve: (attachment) => attachmentPath(attachment.id),
  }),
}));
