// Signing in and out. Sessions are opaque tokens (only their hash is stored), so revoking one is a row update.
import type { AppServices, Context } from '../context.js';
import { principalOf } from '../context.js';
import { DeskgraphError } from '../errors.js';
import type { Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import { normaliseEmail } from '../schema/inputs.js';
import type { Role } from '../generated/prisma/enums.js';
import { userPrincipal } from './principal.js';
import { decoyPasswordHash, hashSecret, newSecret, verifyPassword } from './secrets.js';

export async function startSession(tx: Tx, userId: string, ttlHours: number) {
  const token = newSecret('session');
  const expiresAt = new Date(transactionTime(tx).getTime() + ttlHours * 3_600_000);
  const session = await tx.session.create({ data: { userId, tokenHash: hashSecret(token), expiresAt } });
  return { token, expiresAt, sessionId: session.id };
}

export async function login(app: AppServices, emailInput: string, password: string) {
  const email = normaliseEmail(emailInput);
  const user = await app.db.prisma.user.findUnique({ where: { email } });
  // Same work and same answer whether the e-mail is unknown, the password wrong or the account deactivated.
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !ok || user.deactivatedAt) {
    throw new DeskgraphError('UNAUTHENTICATED', 'Wrong e-mail or password.');
  }
  return writeTransaction(app, { workspaceId: user.workspaceId, actor: `user:${user.id}` }, async (tx, emit) => {
    const session = await startSession(tx, user.id, app.config.sessionTtlHours);
    emit({ type: 'session.started', entityType: 'User', entityId: user.id, payload: { sessionId: session.sessionId } });
    return { user, ...session };
  });
}

/**
 * After signing in or up, the rest of the same response (the payload's `user`) is read as the new session, since
 * the request itself came without one.
 */
export function actAsNewSession<T extends { user: { id: string; workspaceId: string; role: Role }; sessionId: string }>(
  ctx: Context,
  session: T,
) {
  ctx.principal = userPrincipal(session.user, session.sessionId);
  ctx.authProblem = null;
  return session;
}

export async function logout(ctx: Context) {
  const principal = principalOf(ctx);
  if (!principal.sessionId) return false;
  const sessionId = principal.sessionId;
  await writeTransaction(ctx.app, principal, async (tx, emit) => {
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: transactionTime(tx) } });
    emit({ type: 'session.revoked', entityType: 'User', entityId: principal.userId!, payload: { sessionId } });
  });
  return true;
}
