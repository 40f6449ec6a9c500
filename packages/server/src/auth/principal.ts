// Who is asking: a signed-in user (session token) or an integrator (API token), always inside one workspace; or a
// chat visitor (visitor token), who is never a principal and reaches only the visitor fields.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ApiTokenScope, Channel, Role } from '../generated/prisma/enums.js';
import { hashSecret, secretKind } from './secrets.js';

export interface Principal {
  kind: 'user' | 'token';
  workspaceId: string;
  /** Users have their role; a token acts as ADMIN with the ADMIN scope and as AGENT otherwise. */
  role: Role;
  /** Users may always write (within their role); tokens only with the WRITE or ADMIN scope. */
  canWrite: boolean;
  userId: string | null;
  tokenId: string | null;
  sessionId: string | null;
  /** Recorded on events and history: `user:<id>` or `token:<id>`. */
  actor: string;
}

/** A customer chatting through the web widget or an in-app SDK, bound to one product and channel. */
export interface Visitor {
  id: string;
  workspaceId: string;
  productId: string;
  customerId: string;
  channel: Channel;
  /** Recorded on events and messages: `visitor:<id>`. */
  actor: string;
}

export type AuthResult = { principal: Principal | null; visitor?: Visitor | null; problem: string | null };

/** A visitor token unused for this long stops working (the widget starts a new session). */
export const VISITOR_IDLE_DAYS = 30;

const roleRank: Record<Role, number> = { AGENT: 1, SUPERVISOR: 2, ADMIN: 3 };
export const hasRoleAtLeast = (principal: Principal | null, role: Role) =>
  !!principal && roleRank[principal.role] >= roleRank[role];

export function roleOfToken(scopes: ApiTokenScope[]): Role {
  return scopes.includes('ADMIN') ? 'ADMIN' : 'AGENT';
}

export function bearerToken(authorization: string | null | undefined) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}

// lastUsedAt is informative; writing it on every request would turn each read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

export function userPrincipal(user: { id: string; workspaceId: string; role: Role }, sessionId: string): Principal {
  return {
    kind: 'user',
    workspaceId: user.workspaceId,
    role: user.role,
    canWrite: true,
    userId: user.id,
    tokenId: null,
    sessionId,
    actor: `user:${user.id}`,
  };
}

export async function authenticate(prisma: PrismaClient, token: string | null, now = new Date()): Promise<AuthResult> {
  if (!token) return { principal: null, problem: null };
  const kind = secretKind(token);
  const tokenHash = hashSecret(token);
  const invalid = { principal: null, problem: 'The token is invalid, expired or revoked. Sign in again.' };

  if (kind === 'session') {
    // One round trip on every request: the session and just the user fields a principal needs.
    const [session] = await prisma.$queryRaw<
      { sessionId: string; id: string; workspaceId: string; role: Role }[]
    >`SELECT s."id" AS "sessionId", u."id", u."workspaceId", u."role"::text AS "role"
        FROM "Session" s JOIN "User" u ON u."id" = s."userId"
       WHERE s."tokenHash" = ${tokenHash} AND s."revokedAt" IS NULL AND s."expiresAt" > ${now}
         AND u."deactivatedAt" IS NULL`;
    return session ? { principal: userPrincipal(session, session.sessionId), problem: null } : invalid;
  }
  if (kind === 'visitor') {
    const visitor = await prisma.chatVisitor.findUnique({ where: { tokenHash } });
    if (!visitor || now.getTime() - visitor.lastSeenAt.getTime() > VISITOR_IDLE_DAYS * 86_400_000) {
      return { principal: null, visitor: null, problem: 'The visitor session is invalid or expired. Start a new one.' };
    }
    if (now.getTime() - visitor.lastSeenAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await prisma.chatVisitor.update({ where: { id: visitor.id }, data: { lastSeenAt: now } });
    }
    const { id, workspaceId, productId, customerId, channel } = visitor;
    return { principal: null, visitor: { id, workspaceId, productId, customerId, channel, actor: `visitor:${id}` }, problem: null };
  }
  if (kind === 'api') {
    const apiToken = await prisma.apiToken.findUnique({ where: { tokenHash } });
    if (!apiToken || apiToken.revokedAt || (apiToken.expiresAt && apiToken.expiresAt <= now)) return invalid;
    if (!apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await prisma.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: now } });
    }
    return {
      principal: {
        kind: 'token',
        workspaceId: apiToken.workspaceId,
        role: roleOfToken(apiToken.scopes),
        canWrite: apiToken.scopes.includes('WRITE') || apiToken.scopes.includes('ADMIN'),
        userId: null,
        tokenId: apiToken.id,
        sessionId: null,
        actor: `token:${apiToken.id}`,
      },
      problem: null,
    };
  }
  return invalid;
}
