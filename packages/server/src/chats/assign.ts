// Applies routing inside a transaction: takes the workspace routing lock, loads agents and the queue, and assigns
// (conversation row, ASSIGNED activity, "joined" system message, events). Every change of who holds which
// conversation goes through here, so two server instances never assign one conversation twice or skip one.
import type { EventDraft, Tx } from '../events/write.js';
import { transactionTime } from '../events/write.js';
import type { Conversation } from '../generated/prisma/client.js';
import type { Channel } from '../generated/prisma/enums.js';
import { assignQueue, chooseAgent, type ProductAccess, queuedForAgent, type RoutingAgent } from './routing.js';

type Emit = (event: EventDraft) => void;

/** Serialises routing per workspace until the transaction ends (PostgreSQL and PGlite alike). */
export async function lockRouting(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('chat-routing:' || ${workspaceId}::text, 0))`;
}

/** The conversation payload every `conversation.*` event carries (see the chat contract). */
export function conversationPayload(conversation: Conversation, extra: { messageId?: string; previousAssigneeUserId?: string | null } = {}) {
  return {
    productId: conversation.productId,
    channel: conversation.channel,
    status: conversation.status,
    assigneeUserId: conversation.assigneeUserId,
    ...(extra.messageId ? { messageId: extra.messageId } : {}),
    ...(extra.previousAssigneeUserId !== undefined ? { previousAssigneeUserId: extra.previousAssigneeUserId } : {}),
  };
}

export function emitConversation(emit: Emit, type: string, conversation: Conversation, extra: Parameters<typeof conversationPayload>[1] = {}) {
  emit({ type, entityType: 'Conversation', entityId: conversation.id, payload: conversationPayload(conversation, extra) });
}

/** A server-written EVENT message (joined, transferred, resolved, ended); it is part of the transcript. */
export async function writeSystemMessage(tx: Tx, emit: Emit, conversation: Conversation, body: string) {
  const message = await tx.conversationMessage.create({
    data: {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      kind: 'EVENT',
      authorKind: 'SYSTEM',
      author: 'system',
      body,
      createdAt: transactionTime(tx),
    },
  });
  emitConversation(emit, 'conversation.message', conversation, { messageId: message.id });
  return message;
}

/** Who may take conversations of these products (ProductUser, members of ProductTeam teams; none listed = open). */
export async function productAccess(tx: Tx, productIds: readonly string[]): Promise<ProductAccess> {
  const unique = [...new Set(productIds)];
  // One after another: a transaction has one connection, and the pg driver deprecates overlapping queries on it.
  const users = await tx.productUser.findMany({ where: { productId: { in: unique } }, select: { productId: true, userId: true } });
  const teams = await tx.productTeam.findMany({
    where: { productId: { in: unique } },
    select: { productId: true, team: { select: { members: { select: { userId: true } } } } },
  });
  const access = new Map<string, Set<string> | null>(unique.map((id) => [id, null]));
  const listOf = (productId: string) => {
    let list = access.get(productId);
    if (!list) access.set(productId, (list = new Set()));
    return list;
  };
  for (const entry of users) listOf(entry.productId).add(entry.userId);
  for (const entry of teams) {
    const list = listOf(entry.productId);
    for (const member of entry.team.members) list.add(member.userId);
  }
  return access;
}

/** Routing state of the workspace's active agents (or just `userIds`); users without a presence row are OFFLINE. */
export async function routingAgents(tx: Tx, workspaceId: string, userIds?: readonly string[]): Promise<RoutingAgent[]> {
  const users = await tx.user.findMany({
    where: { workspaceId, ...(userIds ? { id: { in: [...userIds] } } : { presence: { status: 'ONLINE' } }) },
    select: { id: true, deactivatedAt: true, presence: true },
  });
  if (users.length === 0) return [];
  const counts = await tx.conversation.groupBy({
    by: ['assigneeUserId'],
    where: { workspaceId, status: 'ACTIVE', assigneeUserId: { in: users.map((user) => user.id) } },
    _count: { _all: true },
  });
  const active = new Map(counts.map((row) => [row.assigneeUserId, row._count._all]));
  return users.map((user) => ({
    userId: user.id,
    status: user.presence?.status ?? 'OFFLINE',
    maxConcurrentChats: user.presence?.maxConcurrentChats ?? 5,
    chatChannels: user.presence?.chatChannels ?? [],
    lastAssignedAt: user.presence?.lastAssignedAt ?? null,
    active: active.get(user.id) ?? 0,
    deactivated: user.deactivatedAt !== null,
  }));
}

export interface AssignOptions {
  /** The event to emit: conversation.assigned (routing), conversation.transferred, conversation.reactivated. */
  eventType: string;
  /** The system message written to the transcript. */
  systemMessage: (agentName: string) => string;
  previousAssigneeUserId?: string | null;
}

/** Makes `userId` the conversation's assignee now: ACTIVE, new assignedAt, first response pending, ASSIGNED row. */
export async function assignConversation(tx: Tx, emit: Emit, conversation: Conversation, userId: string, options: AssignOptions) {
  const now = transactionTime(tx);
  const assigned = await tx.conversation.update({
    where: { id: conversation.id },
    data: {
      status: 'ACTIVE',
      assigneeUserId: userId,
      assignedAt: now,
      firstResponseAt: null,
      resolvedAt: null,
      resolvedBy: null,
      endedByCustomerAt: null,
      updatedAt: now,
    },
  });
  await tx.conversationActivity.create({
    data: {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      userId,
      kind: 'ASSIGNED',
      productId: conversation.productId,
      channel: conversation.channel,
      at: now,
    },
  });
  // No presence row means the agent never went ONLINE (reactivation by an OFFLINE agent): nothing to tie-break on.
  await tx.agentPresence.updateMany({ where: { userId }, data: { lastAssignedAt: now } });
  const agent = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  emitConversation(emit, options.eventType, assigned, { previousAssigneeUserId: options.previousAssigneeUserId });
  await writeSystemMessage(tx, emit, assigned, options.systemMessage(agent.name));
  return assigned;
}

const joined = (name: string) => `${name} joined the conversation.`;

/** A conversation waiting for an agent: assign it to the best one now, or leave it QUEUED and say so. Lock held. */
export async function routeConversation(tx: Tx, emit: Emit, conversation: Conversation) {
  const agents = await routingAgents(tx, conversation.workspaceId);
  const access = await productAccess(tx, [conversation.productId]);
  const userId = chooseAgent(conversation, agents, access);
  if (!userId) {
    emitConversation(emit, 'conversation.queued', conversation);
    return conversation;
  }
  return assignConversation(tx, emit, conversation, userId, { eventType: 'conversation.assigned', systemMessage: joined });
}

/**
 * Capacity freed or an agent came ONLINE: the queued conversations they may take, oldest first, up to capacity.
 * Lock held. Returns the conversations assigned.
 */
export async function drainQueueToAgent(tx: Tx, emit: Emit, workspaceId: string, userId: string) {
  const [agent] = await routingAgents(tx, workspaceId, [userId]);
  if (!agent || agent.deactivated || agent.status !== 'ONLINE' || agent.active >= agent.maxConcurrentChats) return [];
  const products = await tx.product.findMany({ where: { workspaceId }, select: { id: true } });
  const access = await productAccess(tx, products.map((product) => product.id));
  const allowedProducts = products.map((product) => product.id).filter((id) => {
    const listed = access.get(id);
    return !listed || listed.has(userId);
  });
  if (allowedProducts.length === 0) return [];
  const queue = await tx.conversation.findMany({
    where: {
      workspaceId,
      status: 'QUEUED',
      productId: { in: allowedProducts },
      ...(agent.chatChannels.length > 0 ? { channel: { in: [...agent.chatChannels] as Channel[] } } : {}),
    },
    orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
    take: agent.maxConcurrentChats - agent.active,
  });
  const chosen = new Set(queuedForAgent(agent, queue, access));
  const assigned: Conversation[] = [];
  for (const conversation of queue) {
    if (chosen.has(conversation.id)) {
      assigned.push(await assignConversation(tx, emit, conversation, userId, { eventType: 'conversation.assigned', systemMessage: joined }));
    }
  }
  return assigned;
}

/**
 * A product's assignees changed: its queued conversations go to the ONLINE agents with room who may take them now,
 * oldest first. Lock held. Returns the conversations assigned.
 */
export async function routeQueuedOfProduct(tx: Tx, emit: Emit, workspaceId: string, productId: string) {
  const queue = await tx.conversation.findMany({
    where: { workspaceId, productId, status: 'QUEUED' },
    select: { id: true, productId: true, channel: true, queuedAt: true },
    orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
  });
  if (queue.length === 0) return [];
  const agents = await routingAgents(tx, workspaceId);
  const access = await productAccess(tx, [productId]);
  const assigned: Conversation[] = [];
  for (const [conversationId, userId] of assignQueue(queue, agents, access, transactionTime(tx))) {
    const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    assigned.push(await assignConversation(tx, emit, conversation, userId, { eventType: 'conversation.assigned', systemMessage: joined }));
  }
  return assigned;
}

/**
 * A deactivated agent can answer nobody: their presence goes OFFLINE and their active conversations go back to the
 * queue at their original place (queuedAt is kept, so they come before newer arrivals) and are routed at once.
 */
export async function releaseAgentConversations(tx: Tx, emit: Emit, workspaceId: string, userId: string) {
  await lockRouting(tx, workspaceId);
  const now = transactionTime(tx);
  const presence = await tx.agentPresence.findUnique({ where: { userId } });
  if (presence && presence.status !== 'OFFLINE') {
    await tx.agentPresence.update({ where: { userId }, data: { status: 'OFFLINE', changedAt: now, changedBy: 'system' } });
    emit({ type: 'presence.changed', entityType: 'AgentPresence', entityId: userId, payload: { userId, status: 'OFFLINE', changedAt: now.toISOString() } });
  }
  const held = await tx.conversation.findMany({
    where: { workspaceId, status: 'ACTIVE', assigneeUserId: userId },
    orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
  });
  for (const conversation of held) {
    const requeued = await tx.conversation.update({
      where: { id: conversation.id },
      data: { status: 'QUEUED', assigneeUserId: null, assignedAt: null, firstResponseAt: null, updatedAt: now },
    });
    await writeSystemMessage(tx, emit, requeued, 'The agent left; the conversation is waiting for the next available agent.');
    await routeConversation(tx, emit, requeued);
  }
  return held.length;
}
