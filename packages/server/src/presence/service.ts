// Agent presence (ONLINE, BREAK, INVISIBLE, OFFLINE) and chat capacity. Coming ONLINE or getting more room hands
// the agent queued conversations at once; any other status keeps the chats they hold but routes no new ones.
import type { Principal } from '../auth/principal.js';
import { hasRoleAtLeast } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime, writeTransaction } from '../events/write.js';
import type { AgentPresence, User } from '../generated/prisma/client.js';
import type { Channel, PresenceStatus } from '../generated/prisma/enums.js';
import { drainQueueToAgent, lockRouting } from '../chats/assign.js';

type Emit = (event: EventDraft) => void;

export const DEFAULT_MAX_CONCURRENT_CHATS = 5;

/** What the API shows for an agent: their row, or the OFFLINE they are in before their first change. */
export interface PresenceView {
  userId: string;
  workspaceId: string;
  status: PresenceStatus;
  changedAt: Date;
  maxConcurrentChats: number;
  chatChannels: Channel[];
}

export function presenceView(user: Pick<User, 'id' | 'workspaceId' | 'createdAt'>, row: AgentPresence | null): PresenceView {
  return row
    ? { userId: row.userId, workspaceId: row.workspaceId, status: row.status, changedAt: row.changedAt, maxConcurrentChats: row.maxConcurrentChats, chatChannels: row.chatChannels }
    : { userId: user.id, workspaceId: user.workspaceId, status: 'OFFLINE', changedAt: user.createdAt, maxConcurrentChats: DEFAULT_MAX_CONCURRENT_CHATS, chatChannels: [] };
}

async function agentOfWorkspace(tx: Tx, workspaceId: string, userId: string, field: string) {
  const user = await tx.user.findFirst({ where: { id: userId, workspaceId }, include: { presence: true } });
  if (!user) throw notFound('User', field);
  return user;
}

function emitPresence(emit: Emit, row: AgentPresence) {
  emit({
    type: 'presence.changed',
    entityType: 'AgentPresence',
    entityId: row.userId,
    payload: { userId: row.userId, status: row.status, changedAt: row.changedAt.toISOString() },
  });
}

/**
 * Agents change their own status. Supervisors and admins may change another agent's, except an OFFLINE agent's:
 * only the agent can come back (a supervisor must not put someone who left on the queue).
 */
export function assertMaySetPresence(principal: Principal, target: { id: string; name: string }, current: PresenceStatus) {
  if (principal.userId === target.id) return;
  if (!hasRoleAtLeast(principal, 'SUPERVISOR')) throw forbidden('Agents change only their own status; a supervisor or admin may change another agent’s.');
  if (current === 'OFFLINE') {
    throw conflict('input.userId', `${target.name} is OFFLINE; only ${target.name} can come back. Supervisors may change the status of agents who are signed in.`);
  }
}

export async function setPresence(ctx: Context, userId: string | null | undefined, status: PresenceStatus) {
  const principal = principalOf(ctx);
  const targetId = userId ?? principal.userId;
  if (!targetId) throw badInput('input.userId', 'An API token has no presence of its own: name the agent in input.userId.');
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    // Presence decides routing: the change and the queue drain it causes are one step for every instance.
    await lockRouting(tx, principal.workspaceId);
    const user = await agentOfWorkspace(tx, principal.workspaceId, targetId, 'input.userId');
    if (user.deactivatedAt) throw badInput('input.userId', `${user.name} is deactivated.`);
    assertMaySetPresence(principal, user, user.presence?.status ?? 'OFFLINE');
    const now = transactionTime(tx);
    // Time in status restarts at every change, also when the status stays the same.
    const row = await tx.agentPresence.upsert({
      where: { userId: user.id },
      create: { userId: user.id, workspaceId: user.workspaceId, status, changedAt: now, changedBy: principal.actor, maxConcurrentChats: DEFAULT_MAX_CONCURRENT_CHATS, chatChannels: [] },
      update: { status, changedAt: now, changedBy: principal.actor },
    });
    emitPresence(emit, row);
    if (status === 'ONLINE') await drainQueueToAgent(tx, emit, principal.workspaceId, user.id);
    return presenceView(user, row);
  });
}

export interface ChatSettings {
  maxConcurrentChats?: number | null;
  chatChannels?: Channel[] | null;
}

/** Supervisors set an agent's capacity and channels; more room (or more channels) drains the queue to them. */
export async function updateAgentChatSettings(ctx: Context, userId: string, settings: ChatSettings) {
  const principal = principalOf(ctx);
  if (!hasRoleAtLeast(principal, 'SUPERVISOR')) throw forbidden('Only supervisors and admins change chat settings.');
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    await lockRouting(tx, principal.workspaceId);
    const user = await agentOfWorkspace(tx, principal.workspaceId, userId, 'input.userId');
    const data = {
      ...(settings.maxConcurrentChats != null ? { maxConcurrentChats: settings.maxConcurrentChats } : {}),
      ...(settings.chatChannels != null ? { chatChannels: [...new Set(settings.chatChannels)] } : {}),
    };
    // The row is created OFFLINE since the user's creation, as the API showed it before.
    const row = await tx.agentPresence.upsert({
      where: { userId: user.id },
      create: {
        userId: user.id,
        workspaceId: user.workspaceId,
        status: 'OFFLINE',
        changedAt: user.createdAt,
        changedBy: principal.actor,
        maxConcurrentChats: DEFAULT_MAX_CONCURRENT_CHATS,
        chatChannels: [],
        ...data,
      },
      update: data,
    });
    // Capacity and channels are part of what the cockpit and the queue show, so they count as a presence change.
    emitPresence(emit, row);
    if (row.status === 'ONLINE') await drainQueueToAgent(tx, emit, principal.workspaceId, user.id);
    return presenceView(user, row);
  });
}
