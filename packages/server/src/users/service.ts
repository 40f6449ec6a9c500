// Agents, supervisors and admins of a workspace. A workspace always keeps at least one active admin.
import { releaseAgentConversations } from '../chats/assign.js';
import { hashPassword, verifyPassword } from '../auth/secrets.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, forbidden, notFound, taken } from '../errors.js';
import type { Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { Role } from '../generated/prisma/enums.js';
import { normaliseEmail } from '../schema/inputs.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUser(ctx: Context, input: CreateUserInput) {
  const principal = principalOf(ctx);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    if (await tx.user.findUnique({ where: { email } })) throw taken('input.email', 'A user with this e-mail already exists.');
    const user = await tx.user.create({
      data: { workspaceId: principal.workspaceId, email, name: input.name, role: input.role, passwordHash },
    });
    emit({ type: 'user.created', entityType: 'User', entityId: user.id, payload: { role: user.role } });
    return user;
  });
}

async function findUserOfWorkspace(tx: Tx, workspaceId: string, id: string) {
  const user = await tx.user.findFirst({ where: { id, workspaceId } });
  if (!user) throw notFound('User', 'input.id');
  return user;
}

async function assertAnotherActiveAdmin(tx: Tx, workspaceId: string, exceptUserId: string, field: string) {
  const admins = await tx.user.count({
    where: { workspaceId, role: 'ADMIN', deactivatedAt: null, id: { not: exceptUserId } },
  });
  if (admins === 0) throw badInput(field, 'The workspace must keep at least one active admin.');
}

export interface UpdateUserInput {
  id: string;
  name?: string | null;
  email?: string | null;
  role?: Role | null;
}

export async function updateUser(ctx: Context, input: UpdateUserInput) {
  const principal = principalOf(ctx);
  const isAdmin = principal.role === 'ADMIN';
  const isSelf = principal.userId === input.id;
  if (!isAdmin && !(isSelf && input.role == null)) throw forbidden('Only admins may change other users or roles.');
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await findUserOfWorkspace(tx, principal.workspaceId, input.id);
    if (before.role === 'ADMIN' && input.role && input.role !== 'ADMIN') {
      await assertAnotherActiveAdmin(tx, principal.workspaceId, before.id, 'input.role');
    }
    const email = input.email ? normaliseEmail(input.email) : undefined;
    if (email && email !== before.email && (await tx.user.findUnique({ where: { email } }))) {
      throw taken('input.email', 'A user with this e-mail already exists.');
    }
    const user = await tx.user.update({
      where: { id: before.id },
      data: { name: input.name ?? undefined, email, role: input.role ?? undefined },
    });
    emit({ type: 'user.updated', entityType: 'User', entityId: user.id, payload: { role: user.role } });
    return user;
  });
}

export async function setUserActive(ctx: Context, id: string, active: boolean) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await findUserOfWorkspace(tx, principal.workspaceId, id);
    if (!active && before.role === 'ADMIN') await assertAnotherActiveAdmin(tx, principal.workspaceId, before.id, 'id');
    const now = transactionTime(tx);
    const user = await tx.user.update({ where: { id }, data: { deactivatedAt: active ? null : (before.deactivatedAt ?? now) } });
    if (!active) {
      // A deactivated user is signed out everywhere at once.
      await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now } });
      // ...and leaves live chat: their conversations go to other agents or back to the queue.
      await releaseAgentConversations(tx, emit, principal.workspaceId, id);
    }
    emit({ type: active ? 'user.reactivated' : 'user.deactivated', entityType: 'User', entityId: id });
    return user;
  });
}

export async function changeMyPassword(ctx: Context, currentPassword: string, newPassword: string) {
  const principal = principalOf(ctx);
  if (!principal.userId) throw forbidden('Only a signed-in user has a password.');
  const user = await ctx.app.db.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw badInput('currentPassword', 'The current password is wrong.');
  }
  const passwordHash = await hashPassword(newPassword);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Other sessions may belong to whoever knew the old password.
    await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null, id: { not: principal.sessionId ?? undefined } },
      data: { revokedAt: transactionTime(tx) },
    });
    emit({
      type: 'user.passwordChanged',
      entityType: 'User',
      entityId: user.id,
      payload: { keptSessionId: principal.sessionId },
    });
    return true;
  });
}
