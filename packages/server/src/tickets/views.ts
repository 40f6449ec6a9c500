// Saved views: a user's named ticket filters ("My urgent refunds"). They are personal: only their owner sees,
// runs, changes or deletes them; another agent of the workspace gets NOT_FOUND, as for anything that isn't there.
// The filter is stored in its validated, decoded form (list-filter.ts), never as the JSON a client sent.
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { conflict, forbidden, notFound, taken } from '../errors.js';
import { writeTransaction } from '../events/write.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import {
  compactFilter,
  type TicketListFilter,
  TicketListFilterSchema,
  type TicketSortOrder,
  TicketSortOrderSchema,
} from './list-filter.js';

/** Views are picked from a sidebar; this bounds a runaway client. */
export const SAVED_VIEWS_PER_USER = 100;

export interface SavedViewFields {
  name: string;
  filter: TicketListFilter;
  /** null: the list's default order. */
  sort: TicketSortOrder | null;
}

/** Saved views belong to a person; an integration keeps its filters in its own code. */
function ownerOf(principal: Principal): string {
  if (!principal.userId) throw forbidden('Saved views belong to a user; API tokens have none.');
  return principal.userId;
}

/** The view's filter and sort as stored; refuses a view that is not the caller's. */
export async function savedViewOf(prisma: PrismaClient, principal: Principal, id: string, field: string) {
  const view = await prisma.savedView.findFirst({
    where: { id, workspaceId: principal.workspaceId, userId: ownerOf(principal) },
  });
  if (!view) throw notFound('SavedView', field);
  return { view, ...storedQueryOf(view) };
}

/** Reads a stored filter back through the same schema it was written with. */
export function storedQueryOf(view: { filter: unknown; sort: unknown }): { filter: TicketListFilter; sort: TicketSortOrder | null } {
  const filter = TicketListFilterSchema.safeParse(view.filter);
  const sort = view.sort == null ? null : TicketSortOrderSchema.safeParse(view.sort);
  // Only this module writes these columns, through the same schemas; failing loudly beats showing the wrong tickets.
  if (!filter.success || (sort && !sort.success)) throw new Error('saved view holds a filter this version cannot read');
  return { filter: filter.data, sort: sort?.data ?? null };
}

export async function savedViewsOfCaller(ctx: Context, query: object = {}) {
  const principal = principalOf(ctx);
  return ctx.app.db.prisma.savedView.findMany({
    ...query,
    where: { workspaceId: principal.workspaceId, userId: ownerOf(principal) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: SAVED_VIEWS_PER_USER,
  });
}

const nameTaken = () => taken('input.name', 'You already have a view with this name.');

export async function createSavedView(ctx: Context, fields: SavedViewFields) {
  const principal = principalOf(ctx);
  const userId = ownerOf(principal);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // Locks the owner's row: two creates at once cannot both pass the limit check.
    await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
    const existing = await tx.savedView.findMany({ where: { userId }, select: { name: true } });
    if (existing.length >= SAVED_VIEWS_PER_USER) {
      throw conflict('input', `You have ${SAVED_VIEWS_PER_USER} saved views already; delete one first.`);
    }
    if (existing.some((view) => view.name === fields.name)) throw nameTaken();
    const view = await tx.savedView.create({
      data: {
        workspaceId: principal.workspaceId,
        userId,
        name: fields.name,
        filter: compactFilter(fields.filter) as Prisma.InputJsonObject,
        sort: (fields.sort ?? undefined) as Prisma.InputJsonObject | undefined,
      },
    });
    // Only ids in the payload: views are private, and every agent of the workspace receives workspace events.
    emit({ type: 'savedView.created', entityType: 'SavedView', entityId: view.id, payload: { userId } });
    return view;
  });
}

export async function updateSavedView(ctx: Context, id: string, fields: Partial<SavedViewFields>) {
  const principal = principalOf(ctx);
  const userId = ownerOf(principal);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const view = await tx.savedView.findFirst({ where: { id, workspaceId: principal.workspaceId, userId } });
    if (!view) throw notFound('SavedView', 'input.id');
    if (fields.name != null && fields.name !== view.name) {
      if (await tx.savedView.findFirst({ where: { userId, name: fields.name }, select: { id: true } })) throw nameTaken();
    }
    const updated = await tx.savedView.update({
      where: { id: view.id },
      data: {
        ...(fields.name != null ? { name: fields.name } : {}),
        ...(fields.filter != null ? { filter: compactFilter(fields.filter) as Prisma.InputJsonObject } : {}),
        // `null` goes back to the default order; omitted keeps the stored one.
        ...(fields.sort !== undefined ? { sort: fields.sort ?? Prisma.DbNull } : {}),
      },
    });
    emit({ type: 'savedView.updated', entityType: 'SavedView', entityId: view.id, payload: { userId } });
    return updated;
  });
}

export async function deleteSavedView(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  const userId = ownerOf(principal);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const { count } = await tx.savedView.deleteMany({ where: { id, workspaceId: principal.workspaceId, userId } });
    if (count === 0) throw notFound('SavedView', 'id');
    emit({ type: 'savedView.deleted', entityType: 'SavedView', entityId: id, payload: { userId } });
    return id;
  });
}
