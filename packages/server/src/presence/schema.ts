// GraphQL for agent presence: the AgentPresence node (also for agents who never changed it: OFFLINE since they were
// created), User.presence, setPresence and updateAgentChatSettings.
import { z } from 'zod';
import { principalOf } from '../context.js';
import { ChannelEnum } from '../products/schema.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { type PresenceView, presenceView, setPresence, updateAgentChatSettings } from './service.js';

export const PresenceStatusEnum = builder.enumType('PresenceStatus', {
  values: {
    ONLINE: { description: 'Takes new conversations.' },
    BREAK: { description: 'Keeps the conversations held, gets no new ones.' },
    INVISIBLE: { description: 'Works without appearing available: keeps the conversations held, gets no new ones.' },
    OFFLINE: { description: 'Signed off; only the agent can come back ONLINE.' },
  } as const,
});

const CHAT_CHANNEL_VALUES = ['LIVE_CHAT', 'WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'IN_APP'] as const;

export const AgentPresenceRef = builder.objectRef<PresenceView>('AgentPresence');

builder.node(AgentPresenceRef, {
  description: "An agent's live-chat status and capacity. Its id is the agent's: there is one per agent.",
  ...workspaceOwned,
  id: { resolve: (presence) => presence.userId },
  loadOne: async (id, ctx) => {
    const user = await ctx.app.db.prisma.user.findFirst({ where: nodeWhere(id, ctx), include: { presence: true } });
    return user ? presenceView(user, user.presence) : null;
  },
  fields: (t) => ({
    user: t.prismaField({
      type: 'User',
      resolve: (query, presence, _args, ctx) => ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: presence.userId } }),
    }),
    status: t.expose('status', { type: PresenceStatusEnum }),
    changedAt: t.expose('changedAt', { type: 'DateTime', description: 'When the status last changed (set again to the same status counts).' }),
    timeInStatusSeconds: t.int({
      resolve: (presence, _args, ctx) => Math.max(0, Math.floor((ctx.app.clock.now().getTime() - presence.changedAt.getTime()) / 1000)),
    }),
    maxConcurrentChats: t.exposeInt('maxConcurrentChats', { description: 'Routing gives the agent no more conversations than this at once.' }),
    chatChannels: t.field({
      type: [ChannelEnum],
      description: 'Channels the agent takes conversations on; empty = every chat channel.',
      resolve: (presence) => presence.chatChannels,
    }),
    activeConversations: t.int({
      description: 'ACTIVE conversations the agent holds now.',
      resolve: (presence, _args, ctx) =>
        ctx.app.db.prisma.conversation.count({ where: { workspaceId: presence.workspaceId, assigneeUserId: presence.userId, status: 'ACTIVE' } }),
    }),
  }),
});

builder.prismaObjectFields('User', (t) => ({
  presence: t.field({
    type: AgentPresenceRef,
    select: { presence: true, id: true, workspaceId: true, createdAt: true },
    resolve: (user) => presenceView(user, user.presence),
  }),
}));

const SetPresenceInput = builder.inputType('SetPresenceInput', {
  fields: (t) => ({
    userId: t.id({ required: false, description: 'Whose status; defaults to you. Supervisors and admins may name another agent.' }),
    status: t.field({ type: PresenceStatusEnum }),
  }),
});

builder.mutationField('setPresence', (t) =>
  t.field({
    type: AgentPresenceRef,
    description:
      'Changes a status (time in status restarts). ONLINE hands the agent queued conversations at once; BREAK, INVISIBLE ' +
      'and OFFLINE keep the conversations held but route no new ones. An OFFLINE agent can only be brought back by themselves.',
    args: { input: t.arg({ type: SetPresenceInput }) },
    resolve: (_root, { input }, ctx) => {
      principalOf(ctx);
      return setPresence(ctx, input.userId != null ? idOf(String(input.userId), 'User', 'input.userId') : null, input.status);
    },
  }),
);

const UpdateAgentChatSettingsInput = builder.inputType('UpdateAgentChatSettingsInput', {
  fields: (t) => ({
    userId: t.id(),
    maxConcurrentChats: t.int({
      required: false,
      validate: z.number().int().min(1, 'At least 1.').max(50, 'At most 50.'),
      description: 'Most conversations at once, 1 to 50.',
    }),
    chatChannels: t.field({
      type: [ChannelEnum],
      required: false,
      validate: z
        .array(z.enum(CHAT_CHANNEL_VALUES, { error: `Chat channels are ${CHAT_CHANNEL_VALUES.join(', ')}.` }))
        .max(CHAT_CHANNEL_VALUES.length),
      description: `Among ${CHAT_CHANNEL_VALUES.join(', ')}; empty = all of them.`,
    }),
  }),
});

builder.mutationField('updateAgentChatSettings', (t) =>
  t.field({
    type: AgentPresenceRef,
    authScopes: { supervisor: true },
    description: "An agent's chat capacity and channels (supervisors and admins). More room hands them queued conversations at once.",
    args: { input: t.arg({ type: UpdateAgentChatSettingsInput }) },
    resolve: (_root, { input }, ctx) =>
      updateAgentChatSettings(ctx, idOf(String(input.userId), 'User', 'input.userId'), {
        maxConcurrentChats: input.maxConcurrentChats,
        chatChannels: input.chatChannels,
      }),
  }),
);
