// Teams: named groups of users of one workspace (routing and assignment target).
import { lockRouting, routeQueuedOfProduct } from '../chats/assign.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, notFound, taken } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { writeTransaction } from '../events/write.js';

async function assertUsersOfWorkspace(tx: Tx, workspaceId: string, userIds: string[], field: string) {
  const unique = [...new Set(userIds)];
  const found = await tx.user.count({ where: { workspaceId, id: { in: unique } } });
  if (found !== unique.length) throw badInput(field, 'Every member must be a user of this workspace.');
  return unique;
}

async function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
  const clash = await tx.team.findFirst({ where: { workspaceId, name, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw taken('input.name', 'A team with this name already exists.');
}

/** Products that list the team among their assignees: who may take their chats changes with the team. */
async function productsListing(tx: Tx, teamId: string) {
  return (await tx.productTeam.findMany({ where: { teamId }, select: { productId: true } })).map((row) => row.productId);
}

/**
 * A product whose assignee list held only this team would fall back to "everyone may work on it" once the team is
 * gone: an admin must choose its new assignees first instead of opening it silently.
 */
async function assertNotOnlyAssignee(tx: Tx, teamId: string, productIds: string[]) {
  if (productIds.length === 0) return;
  const onlyThisTeam = await tx.product.findMany({
    where: { id: { in: productIds }, allowedUsers: { none: {} }, allowedTeams: { every: { teamId } } },
    select: { name: true },
    orderBy: { name: 'asc' },
  });
  if (onlyThisTeam.length === 0) return;
  const names = onlyThisTeam.map((product) => product.name).join(', ');
  throw conflict('id', `This team is the only assignee of ${names}; choose their assignees before deleting it (an empty list would open them to everyone).`);
}

/** Their queued chats go to whoever may take them now (the routing lock is held). */
async function rerouteProducts(tx: Tx, emit: (event: EventDraft) => void, workspaceId: string, productIds: string[]) {
  for (const productId of productIds) await routeQueuedOfProduct(tx, emit, workspaceId, productId);
}

export async function createTeam(ctx: Context, input: { name: string; memberIds: string[] }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await assertNameFree(tx, principal.workspaceId, input.name);
    const memberIds = await assertUsersOfWorkspace(tx, principal.workspaceId, input.memberIds, 'input.memberIds');
    const team = await tx.team.create({
      data: {
        workspaceId: principal.workspaceId,
        name: input.name,
        members: { create: memberIds.map((userId) => ({ userId })) },
      },
    });
    emit({ type: 'team.created', entityType: 'Team', entityId: team.id, payload: { memberIds } });
    return team;
  });
}

export async function updateTeam(ctx: Context, input: { id: string; name?: string | null; memberIds?: string[] | null }) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // New members of a team a product lists may take its queued chats: changed and routed as one step.
    if (input.memberIds) await lockRouting(tx, principal.workspaceId);
    const before = await tx.team.findFirst({ where: { id: input.id, workspaceId: principal.workspaceId } });
    if (!before) throw notFound('Team', 'input.id');
    if (input.name) await assertNameFree(tx, principal.workspaceId, input.name, before.id);
    if (input.memberIds) {
      const memberIds = await assertUsersOfWorkspace(tx, principal.workspaceId, input.memberIds, 'input.memberIds');
      await tx.teamMember.deleteMany({ where: { teamId: before.id, userId: { notIn: memberIds } } });
      await tx.teamMember.createMany({ data: memberIds.map((userId) => ({ teamId: before.id, userId })), skipDuplicates: true });
    }
    const team = await tx.team.update({ where: { id: before.id }, data: { name: input.name ?? undefined } });
    emit({ type: 'team.updated', entityType: 'Team', entityId: team.id, payload: { memberIds: input.memberIds ?? null } });
    if (input.memberIds) await rerouteProducts(tx, emit, principal.workspaceId, await productsListing(tx, team.id));
    return team;
  });
}

export async function deleteTeam(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const tickets = await tx.ticket.count({ where: { assigneeTeamId: id, workspaceId: principal.workspaceId } });
    if (tickets > 0) throw conflict('id', `${tickets} ticket(s) are assigned to this team; reassign them first.`);
    await lockRouting(tx, principal.workspaceId);
    const listedBy = await productsListing(tx, id);
    await assertNotOnlyAssignee(tx, id, listedBy);
    const { count } = await tx.team.deleteMany({ where: { id, workspaceId: principal.workspaceId } });
    if (count === 0) throw notFound('Team');
    emit({ type: 'team.deleted', entityType: 'Team', entityId: id });
    await rerouteProducts(tx, emit, principal.workspaceId, listedBy);
    return id;
  });
}
