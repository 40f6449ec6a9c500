// GraphQL for chat visitors (web widget, in-app SDKs): a public mutation that starts a visitor session, and fields
// that accept only a visitor token. Visitors get their own narrow types, not Conversation or User: those are
// workspace-owned and resolve only for agents, and a customer has no business seeing topics, tickets or e-mails.
import type { IncomingMessage } from 'node:http';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Repeater } from 'graphql-yoga';
import { z } from 'zod';
import type { Visitor } from '../auth/principal.js';
import { VISITOR_IDLE_DAYS } from '../auth/principal.js';
import type { Context } from '../context.js';
import type { PublishedEvent } from '../events/bus.js';
import type { Conversation, ConversationMessage } from '../generated/prisma/client.js';
import type { PresenceStatus } from '../generated/prisma/enums.js';
import { PresenceStatusEnum } from '../presence/schema.js';
import { ChannelEnum } from '../products/schema.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { emailRule, nameRule, storableText } from '../schema/inputs.js';
import { AuthorKindEnum } from '../tickets/schema.js';
import { ConversationAttachmentRef, ConversationMessageKindEnum, ConversationStatusEnum } from './schema.js';
import type { ConversationAttachment } from './service.js';
import { clientAddress } from './visitor-limits.js';
import {
  startVisitorSession,
  visitorConversation,
  visitorEndConversation,
  visitorOf,
  visitorSendMessage,
  visitorStartConversation,
} from './visitor-service.js';

/** Visitor fields: a visitor token and nothing else (the root types' agent scopes are skipped, not widened). */
const visitorOnly = { skipTypeScopes: true, authScopes: { visitor: true } } as const;

/** Messages a conversation shows a visitor at most (the latest ones). */
const MESSAGES_MAX = 200;

// ---------------------------------------------------------------- types

const VisitorChannelEnum = builder.enumType('VisitorChannel', {
  description: 'Where a visitor chats from.',
  values: { LIVE_CHAT: { description: 'The web chat widget.' }, IN_APP: { description: 'An in-app SDK.' } } as const,
});

interface VisitorSessionItem {
  token: string;
  visitor: { customerId: string; productId: string; channel: string };
}

const VisitorProfileRef = builder.objectRef<{ customerId: string; productId: string; channel: string }>('VisitorProfile');
VisitorProfileRef.implement({
  description: 'Who the visitor is, as the visitor sees it.',
  fields: (t) => ({
    name: t.string({
      resolve: async (visitor, _args, ctx) =>
        (await ctx.app.db.prisma.customer.findUniqueOrThrow({ where: { id: visitor.customerId }, select: { name: true } })).name,
    }),
    productName: t.string({
      resolve: async (visitor, _args, ctx) =>
        (await ctx.app.db.prisma.product.findUniqueOrThrow({ where: { id: visitor.productId }, select: { name: true } })).name,
    }),
    channel: t.field({ type: VisitorChannelEnum, resolve: (visitor) => visitor.channel as 'LIVE_CHAT' | 'IN_APP' }),
  }),
});

const VisitorSessionRef = builder.objectRef<VisitorSessionItem>('VisitorSession');
VisitorSessionRef.implement({
  description: 'A visitor session: keep the token on the device and send it as `Authorization: Bearer <token>`.',
  fields: (t) => ({
    token: t.exposeString('token', {
      description: `Shown once. Stops working after ${VISITOR_IDLE_DAYS} days without use.`,
    }),
    visitor: t.field({ type: VisitorProfileRef, resolve: (session) => session.visitor }),
  }),
});

/** What a visitor sees of the agent: a name and a status (INVISIBLE shows as OFFLINE, as it does to routing). */
interface VisitorAgentItem {
  name: string;
  status: PresenceStatus;
}
const VisitorAgentRef = builder.objectRef<VisitorAgentItem>('VisitorAgent');
VisitorAgentRef.implement({
  description: 'The agent chatting with the visitor.',
  fields: (t) => ({
    name: t.exposeString('name'),
    status: t.field({ type: PresenceStatusEnum, resolve: (agent) => (agent.status === 'INVISIBLE' ? 'OFFLINE' : agent.status) }),
  }),
});

async function agentOf(ctx: Context, conversation: Conversation): Promise<VisitorAgentItem | null> {
  if (!conversation.assigneeUserId) return null;
  const user = await ctx.app.db.prisma.user.findUnique({
    where: { id: conversation.assigneeUserId },
    select: { name: true, presence: { select: { status: true } } },
  });
  return user ? { name: user.name, status: user.presence?.status ?? 'OFFLINE' } : null;
}

type MessageWithAuthor = ConversationMessage & { authorUser: { name: string } | null };
interface VisitorMessageItem {
  message: MessageWithAuthor;
  visitor: Visitor;
}
const VisitorMessageRef = builder.objectRef<VisitorMessageItem>('VisitorMessage');
VisitorMessageRef.implement({
  description: 'A message of the visitor’s conversation: theirs, the agent’s, or the server’s (joined, transferred, ended).',
  fields: (t) => ({
    id: t.id({ description: 'The ConversationMessage id.', resolve: ({ message }) => encodeGlobalID('ConversationMessage', message.id) }),
    kind: t.field({ type: ConversationMessageKindEnum, resolve: ({ message }) => message.kind }),
    authorKind: t.field({ type: AuthorKindEnum, resolve: ({ message }) => message.authorKind }),
    mine: t.boolean({ description: 'Written by this visitor.', resolve: ({ message, visitor }) => message.author === visitor.actor }),
    authorName: t.string({
      nullable: true,
      description: "The agent's name on agents' messages.",
      resolve: ({ message }) => (message.authorKind === 'AGENT' ? (message.authorUser?.name ?? null) : null),
    }),
    body: t.string({ description: 'Exactly as written; never render it as HTML.', resolve: ({ message }) => message.body }),
    attachments: t.field({
      type: [ConversationAttachmentRef],
      resolve: ({ message }) => (Array.isArray(message.attachments) ? (message.attachments as unknown as ConversationAttachment[]) : []),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: ({ message }) => message.createdAt }),
  }),
});

const withAuthor = { authorUser: { select: { name: true } } } as const;

interface VisitorConversationItem {
  conversation: Conversation;
  visitor: Visitor;
}
const VisitorConversationRef = builder.objectRef<VisitorConversationItem>('VisitorConversation');
VisitorConversationRef.implement({
  description: 'A conversation the visitor started.',
  fields: (t) => ({
    id: t.id({ description: 'The Conversation id.', resolve: ({ conversation }) => encodeGlobalID('Conversation', conversation.id) }),
    status: t.field({ type: ConversationStatusEnum, resolve: ({ conversation }) => conversation.status }),
    channel: t.field({ type: ChannelEnum, resolve: ({ conversation }) => conversation.channel }),
    agent: t.field({
      type: VisitorAgentRef,
      nullable: true,
      description: 'Who is chatting with the visitor; null while waiting in the queue.',
      resolve: ({ conversation }, _args, ctx) => agentOf(ctx, conversation),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: ({ conversation }) => conversation.createdAt }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: ({ conversation }) => conversation.resolvedAt }),
    endedByCustomerAt: t.field({ type: 'DateTime', nullable: true, resolve: ({ conversation }) => conversation.endedByCustomerAt }),
    messages: t.field({
      type: [VisitorMessageRef],
      description: `The latest messages, oldest first (at most ${MESSAGES_MAX}).`,
      args: { last: t.arg.int({ required: false, defaultValue: 50, validate: z.number().int().min(1).max(MESSAGES_MAX) }) },
      resolve: async ({ conversation, visitor }, args, ctx) => {
        const messages = await ctx.app.db.prisma.conversationMessage.findMany({
          where: { conversationId: conversation.id, workspaceId: visitor.workspaceId },
          include: withAuthor,
          orderBy: [{ createdAt: 'desc' }, { sequence: 'desc' }],
          take: args.last ?? 50,
        });
        return messages.reverse().map((message) => ({ message, visitor }));
      },
    }),
  }),
});

// ---------------------------------------------------------------- session (public)

const StartVisitorSessionInput = builder.inputType('StartVisitorSessionInput', {
  fields: (t) => ({
    productId: t.id(),
    channel: t.field({ type: VisitorChannelEnum }),
    name: t.string({ validate: nameRule, description: 'What the visitor calls themselves.' }),
    email: t.string({ required: false, validate: emailRule, description: 'Links the visitor to the customer with this e-mail.' }),
  }),
});

/** The caller's address for the per-address session limit (see clientAddress). */
function addressOf(ctx: Context) {
  const http = ctx as Context & { request?: Request; req?: IncomingMessage };
  return clientAddress(http.request?.headers, http.req?.socket?.remoteAddress, ctx.app.config.trustProxy);
}

builder.mutationField('startVisitorSession', (t) =>
  t.field({
    type: VisitorSessionRef,
    description:
      'Public (no agent token): the chat widget or an in-app SDK starts a visitor session for a product whose channel ' +
      'takes chats (listed and enabled, or the product lists no channels). Limited per client address.',
    skipTypeScopes: true,
    args: { input: t.arg({ type: StartVisitorSessionInput }) },
    resolve: async (_root, { input }, ctx) => {
      const { token, visitor } = await startVisitorSession(
        ctx,
        { productId: idOf(String(input.productId), 'Product', 'input.productId'), channel: input.channel, name: input.name, email: input.email },
        addressOf(ctx),
      );
      return { token, visitor };
    },
  }),
);

// ---------------------------------------------------------------- visitor fields

builder.queryField('visitorConversations', (t) =>
  t.field({
    type: [VisitorConversationRef],
    ...visitorOnly,
    description: 'The conversations this visitor started, newest first (at most 50).',
    resolve: async (_root, _args, ctx) => {
      const visitor = visitorOf(ctx);
      const conversations = await ctx.app.db.prisma.conversation.findMany({
        where: { workspaceId: visitor.workspaceId, customerId: visitor.customerId, visitorId: visitor.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 50,
      });
      return conversations.map((conversation) => ({ conversation, visitor }));
    },
  }),
);

const visitorBodyRule = z
  .string()
  .refine((body) => body.trim().length > 0, 'Write a message.')
  .refine((body) => body.length <= 20_000, 'At most 20,000 characters.')
  .refine(storableText, 'Must not contain NUL characters.');

const VisitorStartConversationInput = builder.inputType('VisitorStartConversationInput', {
  fields: (t) => ({ body: t.string({ validate: visitorBodyRule, description: 'The first message.' }) }),
});

builder.mutationField('visitorStartConversation', (t) =>
  t.field({
    type: VisitorConversationRef,
    ...visitorOnly,
    description: 'Starts a chat with the first message: an ONLINE agent gets it at once, or it waits in the queue.',
    args: { input: t.arg({ type: VisitorStartConversationInput }) },
    resolve: async (_root, { input }, ctx) => ({
      conversation: await visitorStartConversation(ctx, input.body),
      visitor: visitorOf(ctx),
    }),
  }),
);

const VisitorSendMessageInput = builder.inputType('VisitorSendMessageInput', {
  fields: (t) => ({ conversationId: t.id(), body: t.string({ validate: visitorBodyRule }) }),
});

builder.mutationField('visitorSendMessage', (t) =>
  t.field({
    type: VisitorMessageRef,
    ...visitorOnly,
    description: 'A further message. Limited per visitor (RATE_LIMITED beyond it, nothing stored).',
    args: { input: t.arg({ type: VisitorSendMessageInput }) },
    resolve: async (_root, { input }, ctx) => {
      const visitor = visitorOf(ctx);
      const sent = await visitorSendMessage(ctx, idOf(String(input.conversationId), 'Conversation', 'input.conversationId'), input.body);
      const message = await ctx.app.db.prisma.conversationMessage.findUniqueOrThrow({ where: { id: sent.id }, include: withAuthor });
      return { message, visitor };
    },
  }),
);

const VisitorEndConversationInput = builder.inputType('VisitorEndConversationInput', {
  fields: (t) => ({ conversationId: t.id() }),
});

builder.mutationField('visitorEndConversation', (t) =>
  t.field({
    type: VisitorConversationRef,
    ...visitorOnly,
    description: 'The visitor leaves: the conversation ends and goes to the archive.',
    args: { input: t.arg({ type: VisitorEndConversationInput }) },
    resolve: async (_root, { input }, ctx) => ({
      conversation: await visitorEndConversation(ctx, idOf(String(input.conversationId), 'Conversation', 'input.conversationId')),
      visitor: visitorOf(ctx),
    }),
  }),
);

// ---------------------------------------------------------------- live events

const VISITOR_EVENT_KINDS = ['SNAPSHOT', 'MESSAGE', 'STATUS_CHANGED', 'AGENT_CHANGED', 'AGENT_STATUS_CHANGED'] as const;
type VisitorEventKind = (typeof VISITOR_EVENT_KINDS)[number];

const VisitorEventKindEnum = builder.enumType('VisitorConversationEventKind', {
  values: {
    SNAPSHOT: { description: 'The conversation as it is when the subscription starts.' },
    MESSAGE: { description: 'A new message (the agent’s, the visitor’s own, or the server’s): see message.' },
    STATUS_CHANGED: { description: 'Queued again, resolved, or ended.' },
    AGENT_CHANGED: { description: 'An agent took the conversation, or it was transferred to another one.' },
    AGENT_STATUS_CHANGED: { description: "The agent's status changed (online, on a break, offline)." },
  } as const,
});

interface VisitorEventItem {
  kind: VisitorEventKind;
  visitor: Visitor;
  conversationId: string;
  messageId: string | null;
}

const VisitorEventRef = builder.objectRef<VisitorEventItem>('VisitorConversationEvent');
VisitorEventRef.implement({
  description: 'One change of the visitor’s conversation; `conversation` is read as it is now.',
  fields: (t) => ({
    kind: t.field({ type: VisitorEventKindEnum, resolve: (item) => item.kind }),
    conversation: t.field({
      type: VisitorConversationRef,
      resolve: async (item, _args, ctx) => ({ conversation: await visitorConversation(ctx.app, item.visitor, item.conversationId), visitor: item.visitor }),
    }),
    message: t.field({
      type: VisitorMessageRef,
      nullable: true,
      resolve: async (item, _args, ctx) => {
        if (!item.messageId) return null;
        const message = await ctx.app.db.prisma.conversationMessage.findFirst({
          where: { id: item.messageId, conversationId: item.conversationId, workspaceId: item.visitor.workspaceId },
          include: withAuthor,
        });
        return message ? { message, visitor: item.visitor } : null;
      },
    }),
  }),
});

/** What a committed conversation event means to the visitor; null for what is not theirs to see (conversion). */
function visitorKindOf(type: string): VisitorEventKind | null {
  switch (type) {
    case 'conversation.message':
      return 'MESSAGE';
    case 'conversation.assigned':
    case 'conversation.transferred':
    case 'conversation.reactivated':
      return 'AGENT_CHANGED';
    case 'conversation.queued':
    case 'conversation.resolved':
    case 'conversation.ended':
      return 'STATUS_CHANGED';
    default:
      return null;
  }
}

builder.subscriptionField('visitorConversationEvents', (t) =>
  t.field({
    type: VisitorEventRef,
    ...visitorOnly,
    description:
      'The visitor’s conversation live: a SNAPSHOT at once, then new messages, status changes, the agent taking or ' +
      "handing over the chat, and the agent's status changes.",
    args: { conversationId: t.arg.id() },
    subscribe: async (_root, args, ctx) => {
      const visitor = visitorOf(ctx);
      const conversationId = idOf(String(args.conversationId), 'Conversation', 'conversationId');
      const conversation = await visitorConversation(ctx.app, visitor, conversationId);
      const changes = ctx.app.events.subscribe(visitor.workspaceId);
      return new Repeater<VisitorEventItem>(async (push, stop) => {
        const iterator = changes[Symbol.asyncIterator]();
        void stop.then(() => iterator.return?.());
        let next = iterator.next();
        let agentId = conversation.assigneeUserId;
        const item = (kind: VisitorEventKind, messageId: string | null = null) => ({ kind, visitor, conversationId, messageId });
        await push(item('SNAPSHOT'));
        try {
          for (;;) {
            const result = await Promise.race([next, stop.then(() => ({ done: true as const, value: undefined }))]);
            if (result.done) break;
            next = iterator.next();
            const event: PublishedEvent = result.value;
            if (event.workspaceId !== visitor.workspaceId) continue;
            const payload = (event.payload ?? {}) as { assigneeUserId?: string | null; messageId?: string };
            if (event.entityType === 'Conversation' && event.entityId === conversationId) {
              if (payload.assigneeUserId !== undefined) agentId = payload.assigneeUserId;
              const kind = visitorKindOf(event.type);
              if (kind) await push(item(kind, kind === 'MESSAGE' ? (payload.messageId ?? null) : null));
            } else if (event.type === 'presence.changed' && agentId && event.entityId === agentId) {
              await push(item('AGENT_STATUS_CHANGED'));
            }
          }
        } finally {
          stop();
        }
      });
    },
    resolve: (item) => item,
  }),
);

