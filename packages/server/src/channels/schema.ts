// GraphQL for the channel bridges as agents meet them: why a customer's media is missing (mediaFetches on a message)
// and sending a FAILED WhatsApp/Messenger/Instagram reply again.
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { reload } from '../schema/reload.js';
import { MediaFetchStatus } from '../generated/prisma/enums.js';
import type { MediaRef } from './meta-parse.js';
import { retryChannelReply } from './outbox-retry.js';
import { safeProviderError } from './provider-errors.js';

const MediaFetchStatusEnum = builder.enumType(MediaFetchStatus, {
  name: 'MediaFetchStatus',
  description: 'PENDING: being fetched (or waiting for a retry); DONE: the file is in `files`; FAILED: given up, see lastError.',
});

const mediaOf = (media: unknown): MediaRef => (media && typeof media === 'object' && !Array.isArray(media) ? (media as MediaRef) : ({ type: '' } as MediaRef));

builder.prismaObject('InboundMediaFetch', {
  name: 'MediaFetch',
  description: "One file a customer sent on WhatsApp, Messenger or Instagram, fetched from the provider into deskgraph's storage.",
  ...workspaceOwned,
  fields: (t) => ({
    status: t.expose('status', { type: MediaFetchStatusEnum }),
    attempts: t.exposeInt('attempts', { description: 'Tries so far (time-outs and provider errors 5xx are retried with backoff).' }),
    lastError: t.string({
      nullable: true,
      description: "Why the last try failed: the provider's error code and message, or the limit the file broke. Null once DONE.",
      resolve: (row) => safeProviderError(row.lastError),
    }),
    mediaType: t.string({ description: 'What the provider called it: image, audio, video, document, sticker...', resolve: (row) => mediaOf(row.media).type || 'file' }),
    fileName: t.string({ nullable: true, description: "The customer's file name when the provider gave one.", resolve: (row) => mediaOf(row.media).fileName ?? null }),
    mimeType: t.string({ nullable: true, resolve: (row) => mediaOf(row.media).mimeType ?? null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    doneAt: t.expose('doneAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObjectFields('ConversationMessage', (t) => ({
  mediaFetches: t.relation('mediaFetches', {
    description:
      "The customer's media on WhatsApp, Messenger or Instagram and how fetching each went: a FAILED one says why it is not among `files`. Empty for other messages.",
    query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  }),
}));

const RetryChannelReplyInput = builder.inputType('RetryChannelReplyInput', {
  fields: (t) => ({ messageId: t.id({ description: 'A FAILED agent reply on WhatsApp, Messenger or Instagram.' }) }),
});

builder.mutationField('retryChannelReply', (t) =>
  t.prismaField({
    type: 'ConversationMessage',
    description:
      "Sends a FAILED reply again (the conversation's agent, or a supervisor): deliveryStatus goes back to PENDING and the outbox tries afresh. " +
      "Refused (CONFLICT, extensions.reason) when the reply is not FAILED (NOT_FAILED) or the provider's reply window has closed meanwhile " +
      '(WHATSAPP_CUSTOMER_SERVICE_WINDOW_CLOSED for text, MESSAGING_WINDOW_CLOSED on Messenger/Instagram).',
    args: { input: t.arg({ type: RetryChannelReplyInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.conversationMessage, query, retryChannelReply(ctx, idOf(String(input.messageId), 'ConversationMessage', 'input.messageId'))),
  }),
);
