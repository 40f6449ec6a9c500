// The cockpit in one SQL statement: the agents who may take the product's chats (with their presence), today's
// ConversationActivity rows summed per agent, and the live count of ACTIVE conversations they hold, all grouped in
// the database. Filters: product, channel, a folded name substring.
import type { PrismaClient } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Channel } from '../generated/prisma/enums.js';
import { folded } from '../search/turkish-fold.js';
import type { CockpitAggregate, PresenceStatusName } from './metrics.js';

export interface CockpitFilter {
  workspaceId: string;
  /** Today in the workspace's zone (see cockpitDay). */
  from: Date;
  to: Date;
  productId: string | null;
  channel: Channel | null;
  /** A LIKE pattern over the folded name (see namePattern), or null. */
  namePattern: string | null;
}


interface SqlRow {
  user_id: string;
  name: string;
  status: PresenceStatusName;
  status_changed_at: Date;
  avg_first_response: number | null;
  avg_resolution: number | null;
  active_conversations: number;
  resolved: number;
  reactivated: number;
  transferred: number;
}

export async function readCockpit(prisma: Pick<PrismaClient, '$queryRaw'>, filter: CockpitFilter): Promise<CockpitAggregate[]> {
  const { workspaceId, from, to, productId, channel, namePattern } = filter;
  const productCondition = (alias: Prisma.Sql) =>
    productId ? Prisma.sql`AND ${alias}."productId" = ${productId}::uuid` : Prisma.empty;
  const channelCondition = (alias: Prisma.Sql) =>
    channel ? Prisma.sql`AND ${alias}."channel" = ${channel}::"Channel"` : Prisma.empty;
  // As routing decides: a product without allowed users or teams is everyone's; AgentPresence.chatChannels empty = all.
  const mayTakeProduct = productId
    ? Prisma.sql`AND (
        (NOT EXISTS (SELECT 1 FROM "ProductUser" pu WHERE pu."productId" = ${productId}::uuid)
          AND NOT EXISTS (SELECT 1 FROM "ProductTeam" pt WHERE pt."productId" = ${productId}::uuid))
        OR EXISTS (SELECT 1 FROM "ProductUser" pu WHERE pu."productId" = ${productId}::uuid AND pu."userId" = u."id")
        OR EXISTS (SELECT 1 FROM "ProductTeam" pt JOIN "TeamMember" tm ON tm."teamId" = pt."teamId"
                    WHERE pt."productId" = ${productId}::uuid AND tm."userId" = u."id"))`
    : Prisma.empty;
  const mayTakeChannel = channel
    ? Prisma.sql`AND (p."chatChannels" IS NULL OR cardinality(p."chatChannels") = 0 OR ${channel}::"Channel" = ANY(p."chatChannels"))`
    : Prisma.empty;
  const nameMatches = namePattern ? Prisma.sql`AND ${folded(Prisma.sql`u."name"`)} LIKE ${namePattern} ESCAPE '\\'` : Prisma.empty;

  const rows = await prisma.$queryRaw<SqlRow[]>`
    WITH today AS (
      SELECT a."userId",
             avg(a."durationSeconds") FILTER (WHERE a."kind" = 'FIRST_RESPONSE')::float8 AS avg_first_response,
             avg(a."durationSeconds") FILTER (WHERE a."kind" = 'RESOLVED')::float8 AS avg_resolution,
             count(*) FILTER (WHERE a."kind" = 'RESOLVED')::int AS resolved,
             count(*) FILTER (WHERE a."kind" = 'REACTIVATED')::int AS reactivated,
             count(*) FILTER (WHERE a."kind" = 'TRANSFERRED')::int AS transferred
        FROM "ConversationActivity" a
       WHERE a."workspaceId" = ${workspaceId}::uuid AND a."at" >= ${from} AND a."at" < ${to}
             ${productCondition(Prisma.sql`a`)} ${channelCondition(Prisma.sql`a`)}
       GROUP BY a."userId"
    ), live AS (
      SELECT c."assigneeUserId" AS "userId", count(*)::int AS active
        FROM "Conversation" c
       WHERE c."workspaceId" = ${workspaceId}::uuid AND c."status" = 'ACTIVE' AND c."assigneeUserId" IS NOT NULL
             ${productCondition(Prisma.sql`c`)} ${channelCondition(Prisma.sql`c`)}
       GROUP BY c."assigneeUserId"
    )
    SELECT u."id" AS user_id, u."name" AS name,
           coalesce(p."status"::text, 'OFFLINE') AS status,
           coalesce(p."changedAt", u."createdAt") AS status_changed_at,
           today.avg_first_response, today.avg_resolution,
           coalesce(live.active, 0) AS active_conversations,
           coalesce(today.resolved, 0) AS resolved,
           coalesce(today.reactivated, 0) AS reactivated,
           coalesce(today.transferred, 0) AS transferred
      FROM "User" u
      LEFT JOIN "AgentPresence" p ON p."userId" = u."id"
      LEFT JOIN today ON today."userId" = u."id"
      LEFT JOIN live ON live."userId" = u."id"
     WHERE u."workspaceId" = ${workspaceId}::uuid AND u."deactivatedAt" IS NULL
           ${mayTakeProduct} ${mayTakeChannel} ${nameMatches}`;

  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    avgFirstResponseSeconds: row.avg_first_response == null ? null : Number(row.avg_first_response),
    avgResolutionSeconds: row.avg_resolution == null ? null : Number(row.avg_resolution),
    activeConversations: Number(row.active_conversations),
    resolvedToday: Number(row.resolved),
    reactivatedToday: Number(row.reactivated),
    transferredToday: Number(row.transferred),
  }));
}
