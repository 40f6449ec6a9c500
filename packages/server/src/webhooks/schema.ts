// GraphQL for webhook inspection (admins only): the raw deliveries a workspace's channel endpoints received, with their
// signature result and processing outcome, and replaying one into the bridge.
import { z } from 'zod';
import { principalOf } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { processDelivery } from './deliveries.js';

/** What `body` shows at most: enough to read any Meta delivery; a large raw e-mail is cut (see bodyTruncated). */
const BODY_PREVIEW_BYTES = 64 * 1024;

export const WebhookSourceEnum = builder.enumType('WebhookSource', {
  values: {
    WHATSAPP: { description: 'WhatsApp Cloud API.' },
    MESSENGER: { description: 'Facebook Messenger (the FACEBOOK channel).' },
    INSTAGRAM: { description: 'Instagram messaging.' },
    EMAIL: { description: 'Inbound e-mail (raw MIME).' },
    WEB_FORM: { description: 'The public contact form and in-app inbox.' },
  } as const,
});

export const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  values: {
    RECEIVED: { description: 'Stored, not processed yet.' },
    PROCESSED: { description: 'Turned into messages or status updates.' },
    IGNORED: { description: 'Understood and deliberately not acted on (duplicate, unknown type, echo): see outcome.' },
    FAILED: { description: 'Processing failed (see outcome); retried by the server, or replay it.' },
    REJECTED: { description: 'The signature or secret did not match: kept for inspection, never processed.' },
  } as const,
});

builder.prismaNode('WebhookDelivery', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description: 'One request a channel endpoint received, stored raw before anything else.',
  fields: (t) => ({
    source: t.expose('source', { type: WebhookSourceEnum }),
    productChannel: t.prismaField({
      type: 'ProductChannel',
      nullable: true,
      description: 'The product channel whose endpoint received it.',
      resolve: (query, delivery, _args, ctx) =>
        delivery.productChannelId ? ctx.app.db.prisma.productChannel.findUnique({ ...query, where: { id: delivery.productChannelId } }) : null,
    }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    signatureValid: t.exposeBoolean('signatureValid', {
      nullable: true,
      description: 'false: refused (REJECTED); null: the source is authenticated otherwise (a secret, or public).',
    }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum }),
    outcome: t.exposeString('outcome', { nullable: true, description: 'What processing did, or why it failed.' }),
    attempts: t.exposeInt('attempts'),
    processedAt: t.expose('processedAt', { type: 'DateTime', nullable: true }),
    headers: t.expose('headers', { type: 'JSON', description: 'The request headers kept with it (content type, signature, user agent).' }),
    bodyBytes: t.int({ resolve: (delivery) => delivery.rawBody.byteLength }),
    body: t.string({
      description: `The raw body as text (UTF-8), at most ${BODY_PREVIEW_BYTES} bytes of it.`,
      resolve: (delivery) => Buffer.from(delivery.rawBody.subarray(0, BODY_PREVIEW_BYTES)).toString('utf8'),
    }),
    bodyTruncated: t.boolean({ resolve: (delivery) => delivery.rawBody.byteLength > BODY_PREVIEW_BYTES }),
  }),
});

builder.queryField('webhookDeliveries', (t) =>
  t.prismaConnection({
    type: 'WebhookDelivery',
    cursor: 'id',
    description: 'Recent raw deliveries of the workspace’s channel endpoints, newest first. Admins only.',
    authScopes: { admin: true },
    args: {
      source: t.arg({ type: WebhookSourceEnum, required: false }),
      status: t.arg({ type: WebhookDeliveryStatusEnum, required: false }),
      productChannelId: t.arg.id({ required: false, description: 'Only this product channel’s endpoint.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.webhookDelivery.findMany({
        ...query,
        where: {
          workspaceId: principalOf(ctx).workspaceId,
          ...(args.source ? { source: args.source } : {}),
          ...(args.status ? { status: args.status } : {}),
          ...(args.productChannelId ? { productChannelId: idOf(String(args.productChannelId), 'ProductChannel', 'productChannelId') } : {}),
        },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

const ReplayWebhookDeliveryInput = builder.inputType('ReplayWebhookDeliveryInput', {
  fields: (t) => ({ id: t.id({ validate: z.string().min(1, 'Give the delivery id.') }) }),
});

builder.mutationField('replayWebhookDelivery', (t) =>
  t.prismaField({
    type: 'WebhookDelivery',
    description:
      'Processes a stored delivery again, now (a FAILED one after a fix, or any other to re-check). Messages are de-duplicated by the provider’s message id, so a replay never writes one twice. REJECTED deliveries cannot be replayed. Admins only.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: ReplayWebhookDeliveryInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const principal = principalOf(ctx);
      const id = idOf(String(input.id), 'WebhookDelivery', 'input.id');
      const delivery = await ctx.app.db.prisma.webhookDelivery.findFirst({ where: { id, workspaceId: principal.workspaceId }, select: { status: true } });
      if (!delivery) throw notFound('WebhookDelivery', 'input.id');
      if (delivery.status === 'REJECTED') {
        throw conflict('input.id', 'This delivery was rejected (its signature or secret did not match), so it is never processed.');
      }
      await processDelivery(ctx.app, id, { replay: true });
      return ctx.app.db.prisma.webhookDelivery.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
