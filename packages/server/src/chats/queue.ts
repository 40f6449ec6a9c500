// The chat queue as supervisors see it: how many wait, how many agents are ONLINE (for a product: allowed on it),
// and the oldest waiting conversations.
import type { PrismaClient } from '../generated/prisma/client.js';

export const QUEUE_LIST_LIMIT = 100;

export interface ChatQueueState {
  workspaceId: string;
  productId: string | null;
  waiting: number;
  onlineAgents: number;
  queuedIds: string[];
}

export async function chatQueueState(prisma: PrismaClient, workspaceId: string, productId: string | null): Promise<ChatQueueState> {
  const where = { workspaceId, status: 'QUEUED' as const, ...(productId ? { productId } : {}) };
  const [waiting, queued, online] = await Promise.all([
    prisma.conversation.count({ where }),
    prisma.conversation.findMany({ where, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }], take: QUEUE_LIST_LIMIT, select: { id: true } }),
    prisma.user.findMany({
      where: { workspaceId, deactivatedAt: null, presence: { status: 'ONLINE' } },
      select: { id: true, teams: { select: { teamId: true } } },
    }),
  ]);
  let onlineAgents = online.length;
  if (productId) {
    const [users, teams] = await Promise.all([
      prisma.productUser.findMany({ where: { productId }, select: { userId: true } }),
      prisma.productTeam.findMany({ where: { productId }, select: { teamId: true } }),
    ]);
    if (users.length > 0 || teams.length > 0) {
      const listedUsers = new Set(users.map((entry) => entry.userId));
      const listedTeams = new Set(teams.map((entry) => entry.teamId));
      onlineAgents = online.filter((user) => listedUsers.has(user.id) || user.teams.some((team) => listedTeams.has(team.teamId))).length;
    }
  }
  return { workspaceId, productId, waiting, onlineAgents, queuedIds: queued.map((row) => row.id) };
}
