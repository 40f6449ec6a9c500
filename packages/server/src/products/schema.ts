// GraphQL for products and their channel settings.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { Channel } from '../generated/prisma/enums.js';
import type { Context } from '../context.js';
import { reload } from '../schema/reload.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere, NO_ROW } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { receivePath, SECRET_SETTING_KEYS, secretsSet, visibleSettings } from './channel-settings.js';
import { configureProductChannel, createProduct, deleteProduct, updateProduct } from './service.js';

export const ChannelEnum = builder.enumType(Channel, { name: 'Channel' });

builder.prismaNode('Product', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    channels: t.relation('channels', { query: { orderBy: { channel: 'asc' } } }),
  }),
});

builder.prismaNode('ProductChannel', {
  id: { field: 'id' },
  // Owned through its product; the check loads the product's workspace with the row.
  select: { product: { select: { workspaceId: true } } },
  runScopesOnType: true,
  authScopes: (row, ctx: Context) => !!ctx.principal && row.product.workspaceId === ctx.principal.workspaceId,
  findUnique: (id, ctx) => ({ id: nodeWhere(id, ctx).id, product: { workspaceId: ctx.principal?.workspaceId ?? NO_ROW } }),
  nullable: true,
  fields: (t) => ({
    channel: t.expose('channel', { type: ChannelEnum }),
    enabled: t.exposeBoolean('enabled'),
    settings: t.field({
      type: 'JSON',
      description: `Channel-specific settings (addresses, provider account ids) without the secrets (${SECRET_SETTING_KEYS.join(', ')}), which are write-only. Visible to admins only.`,
      authScopes: { admin: true },
      select: { settings: true },
      resolve: (row) => visibleSettings(row.settings),
    }),
    secretsSet: t.stringList({
      description: 'Which secret settings have a value; the values themselves are never shown. Visible to admins only.',
      authScopes: { admin: true },
      select: { settings: true },
      resolve: (row) => secretsSet(row.settings),
    }),
    receivePath: t.string({
      nullable: true,
      description: 'The path on this server that receives the channel: the Meta webhook (callback URL), the inbound e-mail webhook, or the contact form / in-app inbox post. Null: nothing arrives by HTTP. Visible to admins only.',
      authScopes: { admin: true },
      select: { id: true, channel: true, productId: true },
      resolve: (row) => receivePath(row.channel, row.id, row.productId),
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    product: t.relation('product'),
  }),
});

builder.queryField('products', (t) =>
  t.prismaConnection({
    type: 'Product',
    cursor: 'id',
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.product.findMany({ ...query, where: { workspaceId: principalOf(ctx).workspaceId }, orderBy: { name: 'asc' } }),
  }),
);

const CreateProductInput = builder.inputType('CreateProductInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    channels: t.field({ type: [ChannelEnum], required: false, defaultValue: [], description: 'Channels to switch on.' }),
  }),
});

builder.mutationField('createProduct', (t) =>
  t.prismaField({
    type: 'Product',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateProductInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.product, query, createProduct(ctx, { name: input.name, channels: input.channels ?? [] })),
  }),
);

const UpdateProductInput = builder.inputType('UpdateProductInput', {
  fields: (t) => ({ id: t.id(), name: t.string({ required: false, validate: nameRule }) }),
});

builder.mutationField('updateProduct', (t) =>
  t.prismaField({
    type: 'Product',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateProductInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.product, query, updateProduct(ctx, { id: idOf(String(input.id), 'Product', 'input.id'), name: input.name })),
  }),
);

builder.mutationField('deleteProduct', (t) =>
  t.id({
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, { id }, ctx) => encodeGlobalID('Product', await deleteProduct(ctx, idOf(String(id), 'Product'))),
  }),
);

const settingsRule = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 10_000, 'At most 10 kB of settings.');

const ConfigureProductChannelInput = builder.inputType('ConfigureProductChannelInput', {
  fields: (t) => ({
    productId: t.id(),
    channel: t.field({ type: ChannelEnum }),
    enabled: t.boolean(),
    settings: t.field({
      type: 'JSON',
      required: false,
      validate: settingsRule,
      description: 'Replaces the settings. A secret left out keeps its value; a secret given as null or "" is removed. Omitted: the settings stay.',
    }),
  }),
});

builder.mutationField('configureProductChannel', (t) =>
  t.prismaField({
    type: 'ProductChannel',
    authScopes: { admin: true },
    args: { input: t.arg({ type: ConfigureProductChannelInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.productChannel, query, configureProductChannel(ctx, {
        productId: idOf(String(input.productId), 'Product', 'input.productId'),
        channel: input.channel,
        enabled: input.enabled,
        settings: (input.settings as Record<string, never> | null | undefined) ?? null,
      })),
  }),
);
