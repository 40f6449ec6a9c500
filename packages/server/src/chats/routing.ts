// Live-chat routing (pure): which ONLINE agent a new conversation goes to, and which queued conversations an agent
// with free capacity takes next. The service loads the state under the workspace routing lock and applies the choice.
import type { Channel, PresenceStatus } from '../generated/prisma/enums.js';

export interface RoutingAgent {
  userId: string;
  status: PresenceStatus;
  maxConcurrentChats: number;
  /** Channels the agent takes chats on; empty = every chat channel. */
  chatChannels: readonly Channel[];
  /** The fair tie-break: whoever was assigned longest ago (or never) goes first. */
  lastAssignedAt: Date | null;
  /** Conversations ACTIVE and assigned to the agent now. */
  active: number;
  /** Deactivated users never get chats. */
  deactivated?: boolean;
}

export interface RoutableConversation {
  id: string;
  productId: string;
  channel: Channel;
  queuedAt: Date;
}

/**
 * Who may take a product's conversations: the users listed on it directly or through a listed team. `null` = the
 * product lists nobody, so every agent may. Products missing from the map count as open.
 */
export type ProductAccess = ReadonlyMap<string, ReadonlySet<string> | null>;

export function allowedOn(agent: Pick<RoutingAgent, 'userId' | 'chatChannels' | 'deactivated'>, conversation: Pick<RoutableConversation, 'productId' | 'channel'>, access: ProductAccess) {
  if (agent.deactivated) return false;
  if (agent.chatChannels.length > 0 && !agent.chatChannels.includes(conversation.channel)) return false;
  const listed = access.get(conversation.productId);
  return !listed || listed.has(agent.userId);
}

/** ONLINE, allowed on the conversation's product and channel, and below capacity. */
export function mayTake(agent: RoutingAgent, conversation: Pick<RoutableConversation, 'productId' | 'channel'>, access: ProductAccess) {
  return agent.status === 'ONLINE' && agent.active < agent.maxConcurrentChats && allowedOn(agent, conversation, access);
}

const time = (date: Date | null) => (date ? date.getTime() : Number.NEGATIVE_INFINITY);

/** Least-loaded first; then who was assigned longest ago (never assigned first); then user id, so the order is total. */
export function compareAgents(a: RoutingAgent, b: RoutingAgent) {
  return a.active - b.active || time(a.lastAssignedAt) - time(b.lastAssignedAt) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

/** The agent a new (or re-queued) conversation goes to, or null when it has to wait in the queue. */
export function chooseAgent(conversation: Pick<RoutableConversation, 'productId' | 'channel'>, agents: readonly RoutingAgent[], access: ProductAccess): string | null {
  const candidates = agents.filter((agent) => mayTake(agent, conversation, access)).sort(compareAgents);
  return candidates[0]?.userId ?? null;
}

/** Arrival order: queuedAt, then id, so two instances reading the same queue agree on it. */
export function compareQueued(a: RoutableConversation, b: RoutableConversation) {
  return a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The queued conversations an agent takes now, oldest first, up to their free capacity. Conversations the agent may
 * not take (another product or channel) are passed over and keep their place for someone else.
 */
export function queuedForAgent(agent: RoutingAgent, queue: readonly RoutableConversation[], access: ProductAccess): string[] {
  if (agent.status !== 'ONLINE') return [];
  const free = agent.maxConcurrentChats - agent.active;
  if (free <= 0) return [];
  return [...queue]
    .sort(compareQueued)
    .filter((conversation) => allowedOn(agent, conversation, access))
    .slice(0, free)
    .map((conversation) => conversation.id);
}

/**
 * Who may take what changed (a product's assignees): hands the waiting conversations, oldest first, each to the agent
 * chooseAgent picks, counting every assignment against that agent's room before the next. Conversations nobody may
 * take keep their place. Returns [conversation id, user id] pairs in assignment order.
 */
export function assignQueue(queue: readonly RoutableConversation[], agents: readonly RoutingAgent[], access: ProductAccess, now: Date): [string, string][] {
  const load = agents.map((agent) => ({ ...agent }));
  const assignments: [string, string][] = [];
  for (const conversation of [...queue].sort(compareQueued)) {
    const userId = chooseAgent(conversation, load, access);
    if (!userId) continue;
    const agent = load.find((candidate) => candidate.userId === userId)!;
    agent.active += 1;
    agent.lastAssignedAt = now;
    assignments.push([conversation.id, userId]);
  }
  return assignments;
}
