// The routing rules on their own (src/chats/routing.ts, pure): who gets a new conversation, and which queued
// conversations an agent with room takes next.
import { describe, expect, it } from 'vitest';
import { assignQueue, chooseAgent, type ProductAccess, queuedForAgent, type RoutingAgent } from '../src/chats/routing.js';

const agent = (userId: string, overrides: Partial<RoutingAgent> = {}): RoutingAgent => ({
  userId,
  status: 'ONLINE',
  maxConcurrentChats: 3,
  chatChannels: [],
  lastAssignedAt: null,
  active: 0,
  ...overrides,
});
const open: ProductAccess = new Map();
const chat = { productId: 'p1', channel: 'LIVE_CHAT' as const };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));

describe('choosing an agent for a new conversation', () => {
  it('takes the least-loaded ONLINE agent', () => {
    expect(chooseAgent(chat, [agent('a', { active: 2 }), agent('b', { active: 1 }), agent('c', { active: 1, status: 'BREAK' })], open)).toBe('b');
  });

  it('breaks a tie by who was assigned longest ago (never first), then by id', () => {
    expect(chooseAgent(chat, [agent('a', { lastAssignedAt: at(5) }), agent('b', { lastAssignedAt: at(1) })], open)).toBe('b');
    expect(chooseAgent(chat, [agent('a', { lastAssignedAt: at(5) }), agent('b', { lastAssignedAt: null })], open)).toBe('b');
    expect(chooseAgent(chat, [agent('b'), agent('a')], open)).toBe('a');
  });

  it('never goes over capacity, and queues when nobody has room', () => {
    expect(chooseAgent(chat, [agent('a', { active: 3 }), agent('b', { active: 1, maxConcurrentChats: 1 })], open)).toBeNull();
  });

  it('only BREAK, INVISIBLE or OFFLINE agents: queued', () => {
    expect(chooseAgent(chat, ['BREAK', 'INVISIBLE', 'OFFLINE'].map((status, i) => agent(`a${i}`, { status: status as RoutingAgent['status'] })), open)).toBeNull();
  });

  it('respects product access and the agent’s channels', () => {
    const access: ProductAccess = new Map([['p1', new Set(['b'])]]);
    expect(chooseAgent(chat, [agent('a'), agent('b', { active: 2 })], access)).toBe('b');
    expect(chooseAgent(chat, [agent('a', { chatChannels: ['WHATSAPP'] }), agent('b', { active: 2 })], open)).toBe('b');
    expect(chooseAgent({ ...chat, productId: 'p2' }, [agent('a')], access)).toBe('a');
  });

  it('deactivated users never get chats', () => {
    expect(chooseAgent(chat, [agent('a', { deactivated: true })], open)).toBeNull();
  });
});

describe('draining the queue to an agent', () => {
  const queue = [
    { id: 'q3', productId: 'p1', channel: 'LIVE_CHAT' as const, queuedAt: at(3) },
    { id: 'q1', productId: 'p1', channel: 'WHATSAPP' as const, queuedAt: at(1) },
    { id: 'q2', productId: 'p2', channel: 'LIVE_CHAT' as const, queuedAt: at(2) },
    { id: 'q0', productId: 'p1', channel: 'LIVE_CHAT' as const, queuedAt: at(3) },
  ];

  it('takes the oldest first (same instant: by id), up to free capacity', () => {
    expect(queuedForAgent(agent('a', { active: 1 }), queue, open)).toEqual(['q1', 'q2']);
    expect(queuedForAgent(agent('a', { maxConcurrentChats: 10 }), queue, open)).toEqual(['q1', 'q2', 'q0', 'q3']);
  });

  it('passes over what the agent may not take', () => {
    expect(queuedForAgent(agent('a', { chatChannels: ['LIVE_CHAT'] }), queue, new Map([['p2', new Set(['z'])]]))).toEqual(['q0', 'q3']);
  });

  it('gives nothing to an agent who is not ONLINE or is full', () => {
    expect(queuedForAgent(agent('a', { status: 'BREAK' }), queue, open)).toEqual([]);
    expect(queuedForAgent(agent('a', { active: 3 }), queue, open)).toEqual([]);
  });
});

describe('sharing out the queue when who may take it changes', () => {
  const now = at(30);
  const queue = [
    { id: 'q2', productId: 'p1', channel: 'LIVE_CHAT' as const, queuedAt: at(2) },
    { id: 'q1', productId: 'p1', channel: 'WHATSAPP' as const, queuedAt: at(1) },
    { id: 'q3', productId: 'p1', channel: 'LIVE_CHAT' as const, queuedAt: at(3) },
  ];

  it('oldest first, each to the best agent counting what they were just given', () => {
    expect(assignQueue(queue, [agent('a', { maxConcurrentChats: 1 }), agent('b', { maxConcurrentChats: 1 })], open, now)).toEqual([
      ['q1', 'a'],
      ['q2', 'b'],
    ]);
  });

  it('skips what nobody may take and keeps giving the rest', () => {
    const access: ProductAccess = new Map([['p1', new Set(['a'])]]);
    expect(assignQueue(queue, [agent('a', { chatChannels: ['LIVE_CHAT'] }), agent('z')], access, now)).toEqual([
      ['q2', 'a'],
      ['q3', 'a'],
    ]);
  });
});
