// Ticket vocabularies: the statuses, types, topics (per product), tags and folders admins define and agents pick
// from, and who may be assigned a product's tickets. Deleting an entry that tickets use moves them, in the same
// transaction, to a replacement the admin names; without one the deletion is refused.
import type { Principal } from '../auth/principal.js';
import { lockRouting, routeQueuedOfProduct } from '../chats/assign.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, notFound, taken } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import { Prisma } from '../generated/prisma/client.js';
import type { StatusCategory } from '../generated/prisma/enums.js';
import { moveTo, orderProblem, positionChanges } from './positions.js';
import { inUseMessage, replaceTag } from './usage.js';

type Emit = (event: EventDraft) => void;
type Table = 'TicketStatus' | 'TicketType' | 'TicketTopic' | 'Tag' | 'Folder';

interface Lookup<Row> {
  findFirst(args: { where: { id: string; workspaceId: string } }): PromiseLike<Row | null>;
}

async function entryOf<Row>(delegate: Lookup<Row>, typename: Table, workspaceId: string, id: string, field: string) {
  const row = await delegate.findFirst({ where: { id, workspaceId } });
  if (!row) throw notFound(typename, field);
  return row;
}

const except = (id?: string) => (id ? { not: id } : undefined);

function refuseTakenName(clash: object | null, what: string) {
  if (clash) throw taken('input.name', `A ${what} with this name already exists.`);
}

/**
 * Locks the entry being deleted and its replacement (in id order, so two deletions never deadlock). A ticket that
 * takes up the entry meanwhile waits for the deletion and then fails on its foreign key, instead of slipping past
 * the move; one that took it up just before is waited for and moved.
 */
async function lockEntries(tx: Tx, table: Table, workspaceId: string, ids: (string | null | undefined)[]) {
  const present = ids.filter((id): id is string => !!id);
  await tx.$queryRaw`SELECT "id" FROM ${Prisma.raw(`"${table}"`)}
     WHERE "workspaceId" = ${workspaceId}::uuid AND "id" = ANY(${present}::uuid[]) ORDER BY "id" FOR UPDATE`;
}

/** The replacement for a deleted entry: of the same workspace, and not the entry itself. */
async function replacementOf<Row extends { id: string }>(
  delegate: Lookup<Row>,
  typename: Table,
  workspaceId: string,
  deletedId: string,
  replaceWithId: string | null | undefined,
) {
  if (!replaceWithId) return null;
  if (replaceWithId === deletedId) throw badInput('replaceWithId', 'Name another entry to move its tickets to.');
  return entryOf(delegate, typename, workspaceId, replaceWithId, 'replaceWithId');
}

const viaOf = (principal: Principal) => (principal.kind === 'token' ? 'API' : 'APP');

interface Named {
  id: string;
  name: string;
}

type TicketColumn = 'statusId' | 'typeId' | 'topicId' | 'folderId';
const historyFieldOf = { statusId: 'status', typeId: 'type', topicId: 'topic', folderId: 'folder' } as const;

/** Moves every ticket of `from` to `to`: one history entry and one `ticket.updated` event per ticket. */
async function moveTickets(tx: Tx, emit: Emit, principal: Principal, column: TicketColumn, from: Named, to: Named) {
  const where = { workspaceId: principal.workspaceId, [column]: from.id } as Prisma.TicketWhereInput;
  const tickets = await tx.ticket.findMany({ where, select: { id: true } });
  if (tickets.length === 0) return 0;
  const field = historyFieldOf[column];
  await tx.ticket.updateMany({ where, data: { [column]: to.id, updatedAt: transactionTime(tx) } as Prisma.TicketUncheckedUpdateManyInput });
  await tx.ticketHistoryEntry.createMany({
    data: tickets.map((ticket) => ({
      workspaceId: principal.workspaceId,
      ticketId: ticket.id,
      actor: principal.actor,
      via: viaOf(principal),
      field,
      fromValue: from.name,
      toValue: to.name,
    })),
  });
  for (const ticket of tickets) emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: ticket.id, payload: { fields: [field] } });
  return tickets.length;
}

async function countTickets(tx: Tx, workspaceId: string, column: TicketColumn, id: string) {
  return tx.ticket.count({ where: { workspaceId, [column]: id } as Prisma.TicketWhereInput });
}

/** Refuses to delete an entry in use unless there is a replacement to move its tickets to. */
function refuseInUse(what: string, usage: { tickets: number; templates?: number }, replacement: unknown) {
  if (usage.tickets + (usage.templates ?? 0) > 0 && !replacement) throw conflict('id', inUseMessage(what, usage));
}

// ---------------------------------------------------------------- statuses

/** Every status change takes the workspace's statuses in turn: one default, dense positions, even when admins race. */
async function lockStatuses(tx: Tx, workspaceId: string) {
  await tx.$queryRaw`SELECT "id" FROM "TicketStatus" WHERE "workspaceId" = ${workspaceId}::uuid ORDER BY "id" FOR UPDATE`;
}

const statusesInOrder = (tx: Tx, workspaceId: string) =>
  tx.ticketStatus.findMany({
    where: { workspaceId },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true },
  });

async function applyOrder(tx: Tx, rows: { id: string; position: number }[], ordered: string[]) {
  for (const change of positionChanges(rows, ordered)) {
    await tx.ticketStatus.update({ where: { id: change.id }, data: { position: change.position } });
  }
}

async function refuseTakenStatusName(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  refuseTakenName(await tx.ticketStatus.findFirst({ where: { workspaceId, name, id: except(exceptId) } }), 'status');
}

/** resolvedAt and closedAt follow the category of a ticket's status (as the ticket service keeps them). */
async function followCategory(tx: Tx, where: Prisma.TicketWhereInput, category: StatusCategory, now: Date) {
  const resolved = category === 'RESOLVED' || category === 'CLOSED';
  const closed = category === 'CLOSED';
  if (resolved) await tx.ticket.updateMany({ where: { ...where, resolvedAt: null }, data: { resolvedAt: now } });
  if (closed) await tx.ticket.updateMany({ where: { ...where, closedAt: null }, data: { closedAt: now } });
  if (!closed) {
    await tx.ticket.updateMany({ where, data: { ...(resolved ? {} : { resolvedAt: null }), closedAt: null } });
  }
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

export interface TicketStatusInput {
  name: string;
  category: StatusCategory;
  /** 0 = first; omitted = last. */
  position?: number | null;
  isDefault?: boolean | null;
}

export async function createTicketStatus(ctx: Context, input: TicketStatusInput) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockStatuses(tx, workspaceId);
    await refuseTakenStatusName(tx, workspaceId, input.name);
    const rows = await statusesInOrder(tx, workspaceId);
    if (input.isDefault) await tx.ticketStatus.updateMany({ where: { workspaceId, isDefault: true }, data: { isDefault: false } });
    const status = await tx.ticketStatus.create({
      data: { workspaceId, name: input.name, category: input.category, position: rows.length, isDefault: !!input.isDefault },
    });
    if (input.position != null) {
      const all = [...rows, status];
      await applyOrder(tx, all, moveTo(all.map((row) => row.id), status.id, input.position));
    }
    emit({
      type: 'ticketStatus.created',
      entityType: 'TicketStatus',
      entityId: status.id,
      payload: { category: status.category, isDefault: status.isDefault },
    });
    return status;
  });
}

export async function updateTicketStatus(ctx: Context, input: { id: string } & Partial<Nullable<TicketStatusInput>>) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockStatuses(tx, workspaceId);
    const before = await entryOf(tx.ticketStatus, 'TicketStatus', workspaceId, input.id, 'input.id');
    const fields: string[] = [];
    if (input.name != null && input.name !== before.name) {
      await refuseTakenStatusName(tx, workspaceId, input.name, before.id);
      fields.push('name');
    }
    if (input.isDefault === false && before.isDefault) {
      throw badInput('input.isDefault', 'A workspace always has one default status: make another status the default instead.');
    }
    if (input.isDefault && !before.isDefault) {
      await tx.ticketStatus.updateMany({ where: { workspaceId, isDefault: true }, data: { isDefault: false } });
      fields.push('isDefault');
    }
    if (input.category != null && input.category !== before.category) {
      await followCategory(tx, { workspaceId, statusId: before.id }, input.category, transactionTime(tx));
      fields.push('category');
    }
    if (input.position != null) {
      const rows = await statusesInOrder(tx, workspaceId);
      const ordered = moveTo(rows.map((row) => row.id), before.id, input.position);
      if (positionChanges(rows, ordered).length > 0) fields.push('position');
      await applyOrder(tx, rows, ordered);
    }
    const status = await tx.ticketStatus.update({
      where: { id: before.id },
      data: { name: input.name ?? undefined, category: input.category ?? undefined, isDefault: input.isDefault || undefined },
    });
    emit({ type: 'ticketStatus.updated', entityType: 'TicketStatus', entityId: status.id, payload: { fields } });
    return status;
  });
}

/** A complete new order of the workspace's statuses, first to last. */
export async function reorderTicketStatuses(ctx: Context, ids: string[]) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockStatuses(tx, workspaceId);
    const rows = await statusesInOrder(tx, workspaceId);
    const known = new Set(rows.map((row) => row.id));
    if (ids.some((id) => !known.has(id))) throw notFound('TicketStatus', 'ids');
    const problem = orderProblem([...known], ids);
    if (problem) throw badInput('ids', problem);
    await applyOrder(tx, rows, ids);
    emit({ type: 'ticketStatus.reordered', entityType: 'Workspace', entityId: workspaceId, payload: { statusIds: ids } });
    return ids;
  });
}

export async function deleteTicketStatus(ctx: Context, id: string, replaceWithId?: string | null) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockStatuses(tx, workspaceId);
    const status = await entryOf(tx.ticketStatus, 'TicketStatus', workspaceId, id, 'id');
    if (status.isDefault) throw conflict('id', 'The default status cannot be deleted: make another status the default first.');
    const replacement = await replacementOf(tx.ticketStatus, 'TicketStatus', workspaceId, id, replaceWithId);
    const usage = {
      tickets: await countTickets(tx, workspaceId, 'statusId', id),
      templates: await tx.ticketTemplate.count({ where: { workspaceId, statusId: id } }),
    };
    refuseInUse('status', usage, replacement);
    let movedTickets = 0;
    if (replacement) {
      if (replacement.category !== status.category) {
        await followCategory(tx, { workspaceId, statusId: id }, replacement.category, transactionTime(tx));
      }
      movedTickets = await moveTickets(tx, emit, principal, 'statusId', status, replacement);
      await tx.ticketTemplate.updateMany({ where: { workspaceId, statusId: id }, data: { statusId: replacement.id } });
    }
    await tx.ticketStatus.delete({ where: { id } });
    const rows = await statusesInOrder(tx, workspaceId);
    await applyOrder(tx, rows, rows.map((row) => row.id));
    emit({
      type: 'ticketStatus.deleted',
      entityType: 'TicketStatus',
      entityId: id,
      payload: { replacedById: replacement?.id ?? null, movedTickets, movedTemplates: usage.templates },
    });
    return id;
  });
}

// ---------------------------------------------------------------- types

async function refuseTakenTypeName(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  refuseTakenName(await tx.ticketType.findFirst({ where: { workspaceId, name, id: except(exceptId) } }), 'ticket type');
}

export async function createTicketType(ctx: Context, input: { name: string }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await refuseTakenTypeName(tx, principal.workspaceId, input.name);
    const type = await tx.ticketType.create({ data: { workspaceId: principal.workspaceId, name: input.name } });
    emit({ type: 'ticketType.created', entityType: 'TicketType', entityId: type.id });
    return type;
  });
}

export async function updateTicketType(ctx: Context, input: { id: string; name: string }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await entryOf(tx.ticketType, 'TicketType', principal.workspaceId, input.id, 'input.id');
    await refuseTakenTypeName(tx, principal.workspaceId, input.name, before.id);
    const type = await tx.ticketType.update({ where: { id: before.id }, data: { name: input.name } });
    emit({ type: 'ticketType.updated', entityType: 'TicketType', entityId: type.id });
    return type;
  });
}

export async function deleteTicketType(ctx: Context, id: string, replaceWithId?: string | null) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockEntries(tx, 'TicketType', workspaceId, [id, replaceWithId]);
    const type = await entryOf(tx.ticketType, 'TicketType', workspaceId, id, 'id');
    const replacement = await replacementOf(tx.ticketType, 'TicketType', workspaceId, id, replaceWithId);
    refuseInUse('ticket type', { tickets: await countTickets(tx, workspaceId, 'typeId', id) }, replacement);
    const movedTickets = replacement ? await moveTickets(tx, emit, principal, 'typeId', type, replacement) : 0;
    await tx.ticketType.delete({ where: { id } });
    emit({ type: 'ticketType.deleted', entityType: 'TicketType', entityId: id, payload: { replacedById: replacement?.id ?? null, movedTickets } });
    return id;
  });
}

// ---------------------------------------------------------------- topics (per product)

async function refuseTakenTopicName(tx: Tx, productId: string, name: string, exceptId?: string) {
  const clash = await tx.ticketTopic.findFirst({ where: { productId, name, id: except(exceptId) } });
  if (clash) throw taken('input.name', 'This product already has a topic with this name.');
}

export async function createTicketTopic(ctx: Context, input: { productId: string; name: string }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const product = await tx.product.findFirst({ where: { id: input.productId, workspaceId: principal.workspaceId } });
    if (!product) throw notFound('Product', 'input.productId');
    await refuseTakenTopicName(tx, product.id, input.name);
    const topic = await tx.ticketTopic.create({ data: { workspaceId: principal.workspaceId, productId: product.id, name: input.name } });
    emit({ type: 'ticketTopic.created', entityType: 'TicketTopic', entityId: topic.id, payload: { productId: product.id } });
    return topic;
  });
}

export async function updateTicketTopic(ctx: Context, input: { id: string; name: string }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await entryOf(tx.ticketTopic, 'TicketTopic', principal.workspaceId, input.id, 'input.id');
    await refuseTakenTopicName(tx, before.productId, input.name, before.id);
    const topic = await tx.ticketTopic.update({ where: { id: before.id }, data: { name: input.name } });
    emit({ type: 'ticketTopic.updated', entityType: 'TicketTopic', entityId: topic.id, payload: { productId: topic.productId } });
    return topic;
  });
}

export async function deleteTicketTopic(ctx: Context, id: string, replaceWithId?: string | null) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockEntries(tx, 'TicketTopic', workspaceId, [id, replaceWithId]);
    const topic = await entryOf(tx.ticketTopic, 'TicketTopic', workspaceId, id, 'id');
    const replacement = await replacementOf(tx.ticketTopic, 'TicketTopic', workspaceId, id, replaceWithId);
    if (replacement && replacement.productId !== topic.productId) {
      throw badInput('replaceWithId', 'Tickets can only move to a topic of the same product.');
    }
    const usage = {
      tickets: await countTickets(tx, workspaceId, 'topicId', id),
      templates: await tx.ticketTemplate.count({ where: { workspaceId, topicId: id } }),
    };
    refuseInUse('topic', usage, replacement);
    let movedTickets = 0;
    if (replacement) {
      movedTickets = await moveTickets(tx, emit, principal, 'topicId', topic, replacement);
      await tx.ticketTemplate.updateMany({ where: { workspaceId, topicId: id }, data: { topicId: replacement.id } });
    }
    await tx.ticketTopic.delete({ where: { id } });
    emit({
      type: 'ticketTopic.deleted',
      entityType: 'TicketTopic',
      entityId: id,
      payload: { productId: topic.productId, replacedById: replacement?.id ?? null, movedTickets, movedTemplates: usage.templates },
    });
    return id;
  });
}

// ---------------------------------------------------------------- tags

/** Colours are stored as `#rrggbb`, lower-case, so two spellings of one colour compare equal. */
const normaliseColor = (color: string | null | undefined) => (color == null ? color : color.toLowerCase());

async function refuseTakenTagName(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  refuseTakenName(await tx.tag.findFirst({ where: { workspaceId, name, id: except(exceptId) } }), 'tag');
}

export async function createTag(ctx: Context, input: { name: string; color?: string | null }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await refuseTakenTagName(tx, principal.workspaceId, input.name);
    const tag = await tx.tag.create({
      data: { workspaceId: principal.workspaceId, name: input.name, color: normaliseColor(input.color) ?? null },
    });
    emit({ type: 'tag.created', entityType: 'Tag', entityId: tag.id });
    return tag;
  });
}

/** `color: null` clears the colour; an omitted field stays as it is. */
export async function updateTag(ctx: Context, input: { id: string; name?: string | null; color?: string | null }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await entryOf(tx.tag, 'Tag', principal.workspaceId, input.id, 'input.id');
    if (input.name != null) await refuseTakenTagName(tx, principal.workspaceId, input.name, before.id);
    const tag = await tx.tag.update({
      where: { id: before.id },
      data: { name: input.name ?? undefined, color: normaliseColor(input.color) },
    });
    emit({ type: 'tag.updated', entityType: 'Tag', entityId: tag.id });
    return tag;
  });
}

/**
 * Deletes a tag; with a replacement, merges it: every ticket with the tag gets the replacement instead (once, even
 * when it had both), and templates that pre-fill the tag pre-fill the replacement.
 */
export async function deleteTag(ctx: Context, id: string, replaceWithId?: string | null) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockEntries(tx, 'Tag', workspaceId, [id, replaceWithId]);
    const tag = await entryOf(tx.tag, 'Tag', workspaceId, id, 'id');
    const replacement = await replacementOf(tx.tag, 'Tag', workspaceId, id, replaceWithId);
    const tagged = { workspaceId, tags: { some: { tagId: id } } };
    const tickets = await tx.ticket.findMany({
      where: tagged,
      select: { id: true, tags: { select: { tag: { select: { id: true, name: true } } } } },
    });
    refuseInUse('tag', { tickets: tickets.length }, replacement);
    if (replacement && tickets.length > 0) {
      await tx.ticket.updateMany({ where: tagged, data: { updatedAt: transactionTime(tx) } });
      await tx.ticketTag.createMany({
        data: tickets.map((ticket) => ({ ticketId: ticket.id, tagId: replacement.id })),
        skipDuplicates: true,
      });
      await tx.ticketTag.deleteMany({ where: { tagId: id } });
      const via = viaOf(principal);
      await tx.ticketHistoryEntry.createMany({
        data: tickets.map((ticket) => {
          const names = new Map([...ticket.tags.map(({ tag: other }) => [other.id, other.name] as const), [replacement.id, replacement.name]]);
          const before = ticket.tags.map(({ tag: other }) => other.id);
          const nameList = (ids: string[]) => ids.map((tagId) => names.get(tagId)!).sort();
          return {
            workspaceId,
            ticketId: ticket.id,
            actor: principal.actor,
            via,
            field: 'tags',
            fromValue: nameList(before),
            toValue: nameList(replaceTag(before, id, replacement.id)),
          };
        }),
      });
      for (const ticket of tickets) emit({ type: 'ticket.updated', entityType: 'Ticket', entityId: ticket.id, payload: { fields: ['tags'] } });
    }
    // Templates keep tag ids in a list, not by foreign key: without this they would pre-fill a tag that is gone.
    const templates = await tx.ticketTemplate.findMany({ where: { workspaceId, tagIds: { has: id } }, select: { id: true, tagIds: true } });
    for (const template of templates) {
      await tx.ticketTemplate.update({ where: { id: template.id }, data: { tagIds: replaceTag(template.tagIds, id, replacement?.id ?? null) } });
    }
    await tx.tag.delete({ where: { id: tag.id } });
    emit({
      type: 'tag.deleted',
      entityType: 'Tag',
      entityId: id,
      payload: { replacedById: replacement?.id ?? null, movedTickets: replacement ? tickets.length : 0 },
    });
    return id;
  });
}

// ---------------------------------------------------------------- folders

async function refuseTakenFolderName(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  refuseTakenName(await tx.folder.findFirst({ where: { workspaceId, name, id: except(exceptId) } }), 'folder');
}

export async function createFolder(ctx: Context, input: { name: string }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await refuseTakenFolderName(tx, principal.workspaceId, input.name);
    const folder = await tx.folder.create({ data: { workspaceId: principal.workspaceId, name: input.name } });
    emit({ type: 'folder.created', entityType: 'Folder', entityId: folder.id });
    return folder;
  });
}

export async function updateFolder(ctx: Context, input: { id: string; name: string }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await entryOf(tx.folder, 'Folder', principal.workspaceId, input.id, 'input.id');
    await refuseTakenFolderName(tx, principal.workspaceId, input.name, before.id);
    const folder = await tx.folder.update({ where: { id: before.id }, data: { name: input.name } });
    emit({ type: 'folder.updated', entityType: 'Folder', entityId: folder.id });
    return folder;
  });
}

export async function deleteFolder(ctx: Context, id: string, replaceWithId?: string | null) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockEntries(tx, 'Folder', workspaceId, [id, replaceWithId]);
    const folder = await entryOf(tx.folder, 'Folder', workspaceId, id, 'id');
    const replacement = await replacementOf(tx.folder, 'Folder', workspaceId, id, replaceWithId);
    refuseInUse('folder', { tickets: await countTickets(tx, workspaceId, 'folderId', id) }, replacement);
    const movedTickets = replacement ? await moveTickets(tx, emit, principal, 'folderId', folder, replacement) : 0;
    await tx.folder.delete({ where: { id } });
    emit({ type: 'folder.deleted', entityType: 'Folder', entityId: id, payload: { replacedById: replacement?.id ?? null, movedTickets } });
    return id;
  });
}

// ---------------------------------------------------------------- who may be assigned a product's tickets

function assertAllOfWorkspace(found: number, ids: string[], typename: string, field: string) {
  if (found !== ids.length) throw notFound(typename, field);
}

/** Replaces both lists; two empty lists open the product to everyone again. */
export async function setProductAssignees(ctx: Context, input: { productId: string; userIds: string[]; teamIds: string[] }) {
  const principal = principalOf(ctx);
  const { workspaceId } = principal;
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // Who may take the product's chats is routing state: changed and applied to the queue as one step.
    await lockRouting(tx, workspaceId);
    const product = await tx.product.findFirst({ where: { id: input.productId, workspaceId } });
    if (!product) throw notFound('Product', 'input.productId');
    const userIds = [...new Set(input.userIds)];
    const teamIds = [...new Set(input.teamIds)];
    assertAllOfWorkspace(await tx.user.count({ where: { workspaceId, id: { in: userIds } } }), userIds, 'User', 'input.userIds');
    assertAllOfWorkspace(await tx.team.count({ where: { workspaceId, id: { in: teamIds } } }), teamIds, 'Team', 'input.teamIds');
    await tx.productUser.deleteMany({ where: { productId: product.id, userId: { notIn: userIds } } });
    await tx.productUser.createMany({ data: userIds.map((userId) => ({ productId: product.id, userId })), skipDuplicates: true });
    await tx.productTeam.deleteMany({ where: { productId: product.id, teamId: { notIn: teamIds } } });
    await tx.productTeam.createMany({ data: teamIds.map((teamId) => ({ productId: product.id, teamId })), skipDuplicates: true });
    emit({ type: 'product.assigneesChanged', entityType: 'Product', entityId: product.id, payload: { userIds, teamIds } });
    await routeQueuedOfProduct(tx, emit, workspaceId, product.id);
    return product;
  });
}
