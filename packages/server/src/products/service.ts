// Products (brands/apps) and, per product, which channels are on with their settings.
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { conflict, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Channel } from '../generated/prisma/enums.js';
import { mergeSettings } from './channel-settings.js';

async function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const clash = await tx.product.findFirst({ where: { workspaceId, name, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.name', 'A product with this name already exists.');
}

async function productOfWorkspace(tx: Tx, workspaceId: string, id: string, field: string) {
  const product = await tx.product.findFirst({ where: { id, workspaceId } });
  if (!product) throw notFound('Product', field);
  return product;
}

export async function createProduct(ctx: Context, input: { name: string; channels: Channel[] }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await assertNameFree(tx, principal.workspaceId, input.name);
    const product = await tx.product.create({
      data: {
        workspaceId: principal.workspaceId,
        name: input.name,
        channels: { create: [...new Set(input.channels)].map((channel) => ({ channel })) },
      },
    });
    emit({ type: 'product.created', entityType: 'Product', entityId: product.id, payload: { channels: input.channels } });
    return product;
  });
}

export async function updateProduct(ctx: Context, input: { id: string; name?: string | null }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await productOfWorkspace(tx, principal.workspaceId, input.id, 'input.id');
    if (input.name) await assertNameFree(tx, principal.workspaceId, input.name, before.id);
    const product = await tx.product.update({ where: { id: before.id }, data: { name: input.name ?? undefined } });
    emit({ type: 'product.updated', entityType: 'Product', entityId: product.id });
    return product;
  });
}

export async function deleteProduct(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const tickets = await tx.ticket.count({ where: { productId: id, workspaceId: principal.workspaceId } });
    if (tickets > 0) throw conflict('id', `This product has ${tickets} ticket(s); it cannot be deleted.`);
    const { count } = await tx.product.deleteMany({ where: { id, workspaceId: principal.workspaceId } });
    if (count === 0) throw notFound('Product');
    emit({ type: 'product.deleted', entityType: 'Product', entityId: id });
    return id;
  });
}

export interface ConfigureChannelInput {
  productId: string;
  channel: Channel;
  enabled: boolean;
  settings?: Prisma.InputJsonObject | null;
}

export async function configureProductChannel(ctx: Context, input: ConfigureChannelInput) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const product = await productOfWorkspace(tx, principal.workspaceId, input.productId, 'input.productId');
    const where = { productId_channel: { productId: product.id, channel: input.channel } };
    const before = input.settings ? await tx.productChannel.findUnique({ where, select: { settings: true } }) : null;
    const settings = input.settings ? (mergeSettings(before?.settings, input.settings) as Prisma.InputJsonObject) : undefined;
    const productChannel = await tx.productChannel.upsert({
      where,
      create: { productId: product.id, channel: input.channel, enabled: input.enabled, settings: settings ?? {} },
      update: { enabled: input.enabled, settings },
    });
    emit({
      type: 'product.channelConfigured',
      entityType: 'Product',
      entityId: product.id,
      payload: { channel: input.channel, enabled: input.enabled },
    });
    return productChannel;
  });
}
