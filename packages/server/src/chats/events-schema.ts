// Live chat over subscriptions: `conversationEvents` (what happens in conversations, for a chat screen or a list)
// and `chatQueue` (the queue counters, recomputed when a conversation or a presence changes). Both are built on the
// workspace topic of the event bus, so an event committed on any instance reaches every instance's subscribers.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { filter, map, pipe } from 'graphql-yoga';
import { principalOf } from '../context.js';
import { notFound } from '../errors.js';
import type { PublishedEvent } from '../events/bus.js';
import { sharedRead } from '../events/shared-reads.js';
import { log } from '../log.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { chatQueueState, type ChatQueueState } from './queue.js';
import { ChatQueueStateRef, productIdOrNull } from './schema.js';

const EVENT_KINDS = {
  'conversation.created': 'CREATED',
  'conversation.queued': 'QUEUED',
  'conversation.assigned': 'ASSIGNED',
  'conversation.message': 'MESSAGE',
  'conversation.resolved': 'RESOLVED',
  'conversation.transferred': 'TRANSFERRED',
  'conversation.reactivated': 'REACTIVATED',
  'conversation.ended': 'ENDED',
  'conversation.converted': 'CONVERTED',
  'conversation.message.status': 'MESSAGE_STATUS',
  'conversation.message.deleted': 'MESSAGE_DELETED',
  'conversation.message.files': 'MESSAGE_FILES',
} as const;
type ConversationEventKind = (typeof EVENT_KINDS)[keyof typeof EVENT_KINDS];

const ConversationEventKindEnum = builder.enumType('ConversationEventKind', {
  values: {
    CREATED: {},
    QUEUED: { description: 'No agent could take it: it waits in the queue.' },
    ASSIGNED: { description: 'Routing gave it to an agent.' },
    MESSAGE: { description: 'A message (customer, agent or system): see message.' },
    RESOLVED: {},
    TRANSFERRED: { description: 'Handed to another agent.' },
    REACTIVATED: {},
    ENDED: { description: 'The customer ended it.' },
    CONVERTED: { description: 'Converted to a ticket: see conversation.ticket.' },
    MESSAGE_STATUS: { description: "A reply's delivery on WhatsApp, Messenger or Instagram moved on: see message.deliveryStatus." },
    MESSAGE_DELETED: { description: 'The customer withdrew a message on their channel (unsend): see message.deletedAt.' },
    MESSAGE_FILES: { description: "A customer's media on WhatsApp, Messenger or Instagram was fetched: see message.files." },
  } as const,
});

interface ConversationEventItem {
  eventId: string;
  type: ConversationEventKind;
  workspaceId: string;
  conversationId: string;
  messageId: string | null;
  occurredAt: string;
}

const ConversationEventRef = builder.objectRef<ConversationEventItem>('ConversationEvent');
ConversationEventRef.implement({
  description: 'One committed change of a conversation.',
  fields: (t) => ({
    eventId: t.exposeID('eventId'),
    type: t.expose('type', { type: ConversationEventKindEnum }),
    conversation: t.prismaField({
      type: 'Conversation',
      description: 'The conversation as it is now (read when the event is delivered).',
      resolve: (query, item, _args, ctx) =>
        sharedRead(`${item.workspaceId}:${item.eventId}:conversation:${JSON.stringify(query)}`, () =>
          ctx.app.db.prisma.conversation.findFirstOrThrow({ ...query, where: { id: item.conversationId, workspaceId: item.workspaceId } }),
        ),
    }),
    message: t.prismaField({
      type: 'ConversationMessage',
      nullable: true,
      description: 'The new message, for MESSAGE; the message whose delivery moved on, for MESSAGE_STATUS.',
      resolve: (query, item, _args, ctx) =>
        item.messageId
          ? sharedRead(`${item.workspaceId}:${item.eventId}:message:${JSON.stringify(query)}`, () =>
              ctx.app.db.prisma.conversationMessage.findFirst({ ...query, where: { id: item.messageId!, workspaceId: item.workspaceId } }),
            )
          : null,
    }),
    messageId: t.id({ nullable: true, resolve: (item) => (item.messageId ? encodeGlobalID('ConversationMessage', item.messageId) : null) }),
    occurredAt: t.field({ type: 'DateTime', resolve: (item) => new Date(item.occurredAt) }),
  }),
});

const payloadOf = (event: PublishedEvent) => (event.payload ?? {}) as { productId?: string; messageId?: string };

builder.subscriptionField('conversationEvents', (t) =>
  t.field({
    type: ConversationEventRef,
    description: "Conversation changes of your workspace as they commit; narrow to one conversation or one product.",
    args: { conversationId: t.arg.id({ required: false }), productId: t.arg.id({ required: false }) },
    subscribe: async (_root, args, ctx) => {
      const principal = principalOf(ctx);
      let conversationId: string | null = null;
      if (args.conversationId != null) {
        conversationId = idOf(String(args.conversationId), 'Conversation', 'conversationId');
        const found = await ctx.app.db.prisma.conversation.findFirst({ where: { id: conversationId, workspaceId: principal.workspaceId }, select: { id: true } });
        if (!found) throw notFound('Conversation', 'conversationId');
      }
      const productId = await productIdOrNull(ctx, args.productId);
      const visible = (event: PublishedEvent) =>
        event.workspaceId === principal.workspaceId &&
        event.entityType === 'Conversation' &&
        event.type in EVENT_KINDS &&
        (!conversationId || event.entityId === conversationId) &&
        (!productId || payloadOf(event).productId === productId);
      return pipe(
        ctx.app.events.subscribe(principal.workspaceId),
        filter(visible),
        map(
          (event): ConversationEventItem => ({
            eventId: event.id,
            type: EVENT_KINDS[event.type as keyof typeof EVENT_KINDS],
            workspaceId: event.workspaceId,
            conversationId: event.entityId,
            messageId: payloadOf(event).messageId ?? null,
            occurredAt: event.occurredAt,
          }),
        ),
      );
    },
    resolve: (item) => item as ConversationEventItem,
  }),
);

/** Events that can move the queue counters: anything but messages, their delivery and conversions, and every presence change. */
const movesQueue = (event: PublishedEvent) =>
  (event.entityType === 'Conversation' && !event.type.startsWith('conversation.message') && event.type !== 'conversation.converted') ||
  event.type === 'presence.changed';

const sameState = (a: ChatQueueState, b: ChatQueueState) =>
  a.waiting === b.waiting && a.onlineAgents === b.onlineAgents && a.queuedIds.join() === b.queuedIds.join();

builder.subscriptionField('chatQueue', (t) =>
  t.field({
    type: ChatQueueStateRef,
    description: 'The queue counters now, then again whenever they change (conversations queued or taken, agents coming and going).',
    args: { productId: t.arg.id({ required: false }) },
    subscribe: async (_root, args, ctx) => {
      const principal = principalOf(ctx);
      const productId = await productIdOrNull(ctx, args.productId);
      const prisma = ctx.app.db.prisma;
      const live = ctx.app.events.subscribe(principal.workspaceId)[Symbol.asyncIterator]();
      // A burst of changes (a queue draining) becomes one recount: events only mark the state dirty, and the
      // generator recounts once per wake-up, however many events arrived meanwhile.
      let dirty = false;
      let ended = false;
      const waiter: { wake: (() => void) | null } = { wake: null };
      const pump = (async () => {
        try {
          for (;;) {
            const { value, done } = await live.next();
            if (done) break;
            if (value.workspaceId !== principal.workspaceId || !movesQueue(value)) continue;
            dirty = true;
            waiter.wake?.();
          }
        } finally {
          ended = true;
          waiter.wake?.();
        }
      })().catch((error: Error) => log.warn('chatQueue subscription lost its event feed', { error: error.message }));
      async function* states(): AsyncGenerator<ChatQueueState> {
        let last = await chatQueueState(prisma, principal.workspaceId, productId);
        try {
          yield last;
          for (;;) {
            if (!dirty && !ended) await new Promise<void>((resolve) => (waiter.wake = resolve));
            waiter.wake = null;
            if (ended) return;
            dirty = false;
            const state = await chatQueueState(prisma, principal.workspaceId, productId);
            if (sameState(state, last)) continue;
            last = state;
            yield state;
          }
        } finally {
          await live.return?.();
          void pump;
        }
      }
      return states();
    },
    resolve: (state) => state,
  }),
);
