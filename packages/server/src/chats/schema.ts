// GraphQL for live chat: the Conversation and ConversationMessage nodes, the archive list, `conversation(id)`,
// `chatQueue`, and the mutations agents and integrators use. Thin: the rules live in service.ts and routing.ts.
import { z } from 'zod';
import { principalOf } from '../context.js';
import { notFound } from '../errors.js';
import { MessageDeliveryStatus } from '../generated/prisma/enums.js';
import { ChannelEnum } from '../products/schema.js';
import { PresenceStatusEnum } from '../presence/schema.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { emailRule, nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { AuthorKindEnum, idsOf } from '../tickets/schema.js';
import { conversationWhere } from './list.js';
import { chatQueueState, type ChatQueueState } from './queue.js';
import {
  addCustomerConversationMessage,
  CHAT_CHANNELS,
  type ConversationAttachment,
  convertConversationToTicket,
  endConversation,
  reactivatableUntil,
  reactivateConversation,
  resolveConversation,
  sendConversationMessage,
  startConversation,
  transferConversation,
} from './service.js';

export const ConversationStatusEnum = builder.enumType('ConversationStatus', {
  values: {
    QUEUED: { description: 'Waiting for an agent.' },
    ACTIVE: { description: 'An agent holds it.' },
    RESOLVED: { description: 'Resolved by an agent (with a topic) or ended by the customer: in the archive.' },
  } as const,
});

export const ConversationMessageKindEnum = builder.enumType('ConversationMessageKind', {
  values: {
    TEXT: {},
    ATTACHMENT: { description: 'Carries files (see attachments), maybe with text.' },
    EVENT: { description: 'Written by the server: joined, transferred, resolved, ended by the customer.' },
  } as const,
});

export const MessageDeliveryStatusEnum = builder.enumType(MessageDeliveryStatus, {
  name: 'MessageDeliveryStatus',
  description: 'Delivery of an agent reply on a provider channel: PENDING in the outbox, SENT (accepted by the provider), DELIVERED, READ, or FAILED.',
});

export const ConversationAttachmentRef = builder.objectRef<ConversationAttachment>('ConversationAttachment');
ConversationAttachmentRef.implement({
  description: 'A file of a chat message; it lives with the channel or the widget, at its url.',
  fields: (t) => ({
    url: t.exposeString('url'),
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size', { description: 'Bytes.' }),
  }),
});

builder.prismaNode('Conversation', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    status: t.expose('status', { type: ConversationStatusEnum }),
    channel: t.expose('channel', { type: ChannelEnum }),
    product: t.relation('product'),
    customer: t.relation('customer'),
    assigneeUser: t.relation('assigneeUser', { nullable: true }),
    assigneePresence: t.field({
      type: PresenceStatusEnum,
      nullable: true,
      description: "The assignee's status now (null when nobody holds the conversation).",
      select: { assigneeUser: { select: { presence: { select: { status: true } } } } },
      resolve: (conversation) => (conversation.assigneeUser ? (conversation.assigneeUser.presence?.status ?? 'OFFLINE') : null),
    }),
    topic: t.relation('topic', { nullable: true }),
    queuedAt: t.expose('queuedAt', { type: 'DateTime', description: 'When it (last) started waiting: the queue order.' }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', nullable: true }),
    firstResponseAt: t.expose('firstResponseAt', { type: 'DateTime', nullable: true, description: "The assignee's first reply since assignedAt." }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    endedByCustomerAt: t.expose('endedByCustomerAt', { type: 'DateTime', nullable: true }),
    lastCustomerMessageAt: t.expose('lastCustomerMessageAt', { type: 'DateTime', nullable: true }),
    lastMessageAt: t.expose('lastMessageAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the conversation started.' }),
    createdBy: t.exposeString('createdBy', { description: '`user:<id>`, `token:<id>`, `visitor:<id>` or `customer:<id>`.' }),
    reactivatableUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description: "Until when reactivateConversation accepts it: the channel's window from the customer's last message (WhatsApp 24 h, Facebook and Instagram 7 days). Null when not resolved or the channel has no window.",
      resolve: (conversation) => reactivatableUntil(conversation),
    }),
    ticket: t.relation('ticket', { nullable: true, description: 'The ticket it was converted to.' }),
    messages: t.relatedConnection('messages', { cursor: 'id', query: { orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }] } }),
  }),
});

builder.prismaNode('ConversationMessage', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    kind: t.expose('kind', { type: ConversationMessageKindEnum }),
    authorKind: t.expose('authorKind', { type: AuthorKindEnum }),
    author: t.exposeString('author', { description: '`user:<id>`, `token:<id>`, `customer:<id>`, `visitor:<id>` or `system`.' }),
    authorUser: t.relation('authorUser', { nullable: true }),
    body: t.exposeString('body', { description: 'Exactly as written. Escape it when you display it; never render it as HTML.' }),
    attachments: t.field({
      type: [ConversationAttachmentRef],
      resolve: (message) => (Array.isArray(message.attachments) ? (message.attachments as unknown as ConversationAttachment[]) : []),
    }),
    files: t.relation('files', {
      description:
        "Files stored with deskgraph: the media a customer sent on WhatsApp, Messenger or Instagram, once fetched from the provider " +
        '(usually seconds after the message; a MESSAGE_FILES conversation event says when). Download each at its `url` with your token.',
      query: { orderBy: { createdAt: 'asc' } },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    conversation: t.relation('conversation'),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: "The provider's id of the message (WhatsApp wamid, Messenger/Instagram mid): inbound ones, and replies once the provider accepted them.",
    }),
    deliveryStatus: t.expose('deliveryStatus', {
      type: MessageDeliveryStatusEnum,
      nullable: true,
      description: 'How far an agent reply on WhatsApp, Messenger or Instagram got; null for messages nobody delivers (the widget, inbound).',
    }),
    deliveryError: t.exposeString('deliveryError', { nullable: true, description: "The provider's error code and message when delivery FAILED." }),
    deliveryUpdatedAt: t.expose('deliveryUpdatedAt', { type: 'DateTime', nullable: true }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true, description: 'The customer withdrew it (unsend); the body is kept for the record.' }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Provider details as the bridge normalised them (location, reaction, story reply, sticker; the template of a template reply).',
    }),
  }),
});

builder.prismaObjectFields('Ticket', (t) => ({
  conversation: t.relation('conversation', { nullable: true, description: 'The live-chat conversation this ticket was converted from.' }),
}));

// ---------------------------------------------------------------- queries

const ConversationFilterInput = builder.inputType('ConversationFilter', {
  description: 'All given criteria must hold; within a list, any value matches.',
  fields: (t) => ({
    statuses: t.field({ type: [ConversationStatusEnum], required: false }),
    productIds: t.idList({ required: false }),
    channels: t.field({ type: [ChannelEnum], required: false }),
    assigneeUserIds: t.idList({ required: false, description: 'Agents holding (or who last held) the conversation.' }),
    teamIds: t.idList({ required: false, description: 'Conversations whose agent is a member of one of these teams.' }),
    topicIds: t.idList({ required: false }),
    from: t.field({ type: 'DateTime', required: false, description: 'Started at or after.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Started before.' }),
    search: t.string({
      required: false,
      validate: z.string().max(200, 'At most 200 characters.').refine(storableText),
      description: "Part of the customer's name, e-mail, phone, WhatsApp number, Facebook or Instagram id.",
    }),
  }),
});

builder.queryField('conversations', (t) =>
  t.prismaConnection({
    type: 'Conversation',
    cursor: 'id',
    description: 'The conversation list and archive, newest first; every channel of a product in one list.',
    args: { filter: t.arg({ type: ConversationFilterInput, required: false }) },
    resolve: (query, _root, args, ctx) => {
      const filter = args.filter ?? {};
      return ctx.app.db.prisma.conversation.findMany({
        ...query,
        where: conversationWhere(principalOf(ctx).workspaceId, {
          statuses: filter.statuses,
          channels: filter.channels,
          productIds: idsOf(filter.productIds, 'Product', 'filter.productIds'),
          assigneeUserIds: idsOf(filter.assigneeUserIds, 'User', 'filter.assigneeUserIds'),
          teamIds: idsOf(filter.teamIds, 'Team', 'filter.teamIds'),
          topicIds: idsOf(filter.topicIds, 'TicketTopic', 'filter.topicIds'),
          from: filter.from,
          to: filter.to,
          search: filter.search,
        }),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },
  }),
);

builder.queryField('conversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    nullable: true,
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.conversation.findFirst({ ...query, where: { id: idOf(String(args.id), 'Conversation'), workspaceId: principalOf(ctx).workspaceId } }),
  }),
);

export const ChatQueueStateRef = builder.objectRef<ChatQueueState>('ChatQueueState');
ChatQueueStateRef.implement({
  fields: (t) => ({
    waiting: t.exposeInt('waiting', { description: 'Conversations waiting for an agent.' }),
    onlineAgents: t.exposeInt('onlineAgents', { description: 'ONLINE agents (for a product: those allowed on it).' }),
    queued: t.prismaField({
      type: ['Conversation'],
      description: 'The waiting conversations, oldest first (at most 100).',
      resolve: async (query, state, _args, ctx) => {
        const rows = await ctx.app.db.prisma.conversation.findMany({ ...query, where: { id: { in: state.queuedIds }, workspaceId: state.workspaceId } });
        const order = new Map(state.queuedIds.map((id, index) => [id, index]));
        return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      },
    }),
  }),
});

export async function productIdOrNull(ctx: Parameters<typeof principalOf>[0], productId: string | number | null | undefined, field = 'productId') {
  if (productId == null) return null;
  const id = idOf(String(productId), 'Product', field);
  const product = await ctx.app.db.prisma.product.findFirst({ where: { id, workspaceId: principalOf(ctx).workspaceId }, select: { id: true } });
  if (!product) throw notFound('Product', field);
  return product.id;
}

builder.queryField('chatQueue', (t) =>
  t.field({
    type: ChatQueueStateRef,
    args: { productId: t.arg.id({ required: false }) },
    resolve: async (_root, args, ctx) =>
      chatQueueState(ctx.app.db.prisma, principalOf(ctx).workspaceId, await productIdOrNull(ctx, args.productId)),
  }),
);

// ---------------------------------------------------------------- inputs

const chatBodyRule = z
  .string()
  .refine((body) => body.length <= 20_000, 'At most 20,000 characters.')
  .refine(storableText, 'Must not contain NUL characters.');
const handleRule = z.string().trim().min(1, 'Must not be empty.').max(100, 'At most 100 characters.').refine(storableText);
const phoneRule = z.string().trim().regex(/^\+?[0-9 ()-]{4,32}$/, 'Must be a phone number such as +90 212 555 0000.');

const ConversationAttachmentInput = builder.inputType('ConversationAttachmentInput', {
  description: 'A file already stored by the channel or the widget: the conversation keeps its address and details.',
  fields: (t) => ({
    url: t.string({ validate: z.string().max(2000, 'At most 2000 characters.').pipe(z.url({ protocol: /^https?$/, error: 'Must be an http(s) address.' })) }),
    fileName: t.string({ validate: z.string().trim().min(1, 'Must not be empty.').max(255, 'At most 255 characters.').refine(storableText) }),
    contentType: t.string({ validate: z.string().trim().regex(/^[\w.+-]+\/[\w.+-]+$/, 'Must be a media type such as image/png.') }),
    size: t.int({ validate: z.number().int().min(0, 'Must not be negative.').max(100 * 1024 * 1024, 'At most 100 MB.') }),
  }),
});
const attachmentsRule = z.array(z.unknown()).max(10, 'At most 10 files.');

const chatChannelRule = z.enum(CHAT_CHANNELS, { error: `Conversations run on ${CHAT_CHANNELS.join(', ')}.` });

const ConversationCustomerInput = builder.inputType('ConversationCustomerInput', {
  description: 'Who is writing: an existing customer with this e-mail (else this WhatsApp number, Facebook id, Instagram id or phone) is reused.',
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    email: t.string({ required: false, validate: emailRule }),
    phone: t.string({ required: false, validate: phoneRule }),
    whatsappNumber: t.string({ required: false, validate: phoneRule }),
    facebookId: t.string({ required: false, validate: handleRule }),
    instagramId: t.string({ required: false, validate: handleRule }),
  }),
});

const StartConversationInput = builder.inputType('StartConversationInput', {
  fields: (t) => ({
    productId: t.id(),
    channel: t.field({ type: ChannelEnum, validate: chatChannelRule, description: `One of ${CHAT_CHANNELS.join(', ')}.` }),
    customer: t.field({ type: ConversationCustomerInput }),
    body: t.string({ required: false, validate: chatBodyRule, description: "The customer's first message." }),
    attachments: t.field({ type: [ConversationAttachmentInput], required: false, validate: attachmentsRule }),
  }),
});

const conversationArg = (field = 'input.conversationId') => (value: string | number) => idOf(String(value), 'Conversation', field);

builder.mutationField('startConversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    description: 'A customer starts a chat (relayed by an integrator): it goes to the best ONLINE agent at once, or waits QUEUED.',
    args: { input: t.arg({ type: StartConversationInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.conversation,
        query,
        startConversation(ctx, {
          productId: idOf(String(input.productId), 'Product', 'input.productId'),
          channel: input.channel,
          customer: input.customer,
          body: input.body,
          attachments: input.attachments,
        }),
      ),
  }),
);

const ConversationMessageInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      conversationId: t.id(),
      body: t.string({ validate: chatBodyRule, defaultValue: '', required: false, description: 'May be empty when files are attached.' }),
      attachments: t.field({ type: [ConversationAttachmentInput], required: false, validate: attachmentsRule }),
    }),
  });

builder.mutationField('addCustomerConversationMessage', (t) =>
  t.prismaField({
    type: 'ConversationMessage',
    description: "A further message of the conversation's customer, relayed by an integrator.",
    args: { input: t.arg({ type: ConversationMessageInput('AddCustomerConversationMessageInput', 'What the customer wrote.') }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.conversationMessage,
        query,
        addCustomerConversationMessage(ctx, conversationArg()(input.conversationId), { body: input.body ?? '', attachments: input.attachments }),
      ),
  }),
);

const MessageTemplateInput = builder.inputType('MessageTemplateInput', {
  description: "An approved WhatsApp template (listed in the WhatsApp channel's settings `templates: [{ name, language }]`).",
  fields: (t) => ({
    name: t.string({ validate: z.string().regex(/^[a-z0-9_]{1,512}$/, 'Must be a template name: lower-case letters, digits and underscores.') }),
    language: t.string({ validate: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Must be a template language code such as en_US or tr.') }),
    parameters: t.stringList({
      required: false,
      defaultValue: [],
      description: "The body's {{1}}, {{2}}… in order.",
      validate: z
        .array(z.string().trim().min(1, 'Must not be empty.').max(1024, 'At most 1024 characters.').refine(storableText))
        .max(20, 'At most 20 parameters.'),
    }),
  }),
});

const SendConversationMessageInput = builder.inputType('SendConversationMessageInput', {
  description: 'What the agent writes. On WhatsApp, Messenger and Instagram it is delivered to the customer through the outbox.',
  fields: (t) => ({
    conversationId: t.id(),
    body: t.string({ validate: chatBodyRule, defaultValue: '', required: false, description: 'May be empty when files are attached or a template is sent.' }),
    attachments: t.field({ type: [ConversationAttachmentInput], required: false, validate: attachmentsRule }),
    template: t.field({
      type: MessageTemplateInput,
      required: false,
      description: "WhatsApp only: an approved template instead of text, the only message WhatsApp accepts outside its 24-hour customer service window.",
    }),
  }),
});

builder.mutationField('sendConversationMessage', (t) =>
  t.prismaField({
    type: 'ConversationMessage',
    description:
      "An agent's message in an ACTIVE conversation (its agent, or a supervisor). On WhatsApp, Messenger and Instagram it starts PENDING and the outbox delivers it (deliveryStatus, externalId).",
    args: { input: t.arg({ type: SendConversationMessageInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.conversationMessage,
        query,
        sendConversationMessage(ctx, conversationArg()(input.conversationId), {
          body: input.body ?? '',
          attachments: input.attachments,
          template: input.template ? { name: input.template.name, language: input.template.language, parameters: input.template.parameters ?? [] } : null,
        }),
      ),
  }),
);

const ResolveConversationInput = builder.inputType('ResolveConversationInput', {
  fields: (t) => ({
    conversationId: t.id(),
    topicId: t.id({ required: false, description: "Required: a topic of the conversation's product." }),
  }),
});

builder.mutationField('resolveConversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    description: 'Resolves an ACTIVE conversation with a topic; the agent gets the oldest queued conversation they may take.',
    args: { input: t.arg({ type: ResolveConversationInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.conversation,
        query,
        resolveConversation(
          ctx,
          conversationArg()(input.conversationId),
          input.topicId != null ? idOf(String(input.topicId), 'TicketTopic', 'input.topicId') : null,
        ),
      ),
  }),
);

const TransferConversationInput = builder.inputType('TransferConversationInput', {
  fields: (t) => ({ conversationId: t.id(), toUserId: t.id({ description: 'An ONLINE agent of the workspace who may take it.' }) }),
});

builder.mutationField('transferConversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    args: { input: t.arg({ type: TransferConversationInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.conversation,
        query,
        transferConversation(ctx, conversationArg()(input.conversationId), idOf(String(input.toUserId), 'User', 'input.toUserId')),
      ),
  }),
);

const ConversationIdInput = (name: string) => builder.inputType(name, { fields: (t) => ({ conversationId: t.id() }) });

builder.mutationField('reactivateConversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    description: 'Reopens a resolved conversation for you, within the channel window (WhatsApp 24 h, Facebook/Instagram 7 days).',
    args: { input: t.arg({ type: ConversationIdInput('ReactivateConversationInput') }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.conversation, query, reactivateConversation(ctx, conversationArg()(input.conversationId))),
  }),
);

builder.mutationField('endConversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    description: 'The customer ended the chat (relayed by an integrator; visitors have their own mutation).',
    args: { input: t.arg({ type: ConversationIdInput('EndConversationInput') }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.conversation, query, endConversation(ctx, conversationArg()(input.conversationId))),
  }),
);

const ConvertConversationToTicketInput = builder.inputType('ConvertConversationToTicketInput', {
  fields: (t) => ({
    conversationId: t.id(),
    customerEmail: t.string({ validate: emailRule, description: "Where the ticket's replies go." }),
    subject: t.string({
      required: false,
      validate: z.string().trim().min(1, 'Must not be empty.').max(250, 'At most 250 characters.').refine(storableText),
      description: 'Defaults to "Chat with <customer>".',
    }),
  }),
});

interface ConvertedIds {
  conversationId: string;
  ticketId: string;
}
const ConvertConversationPayload = builder.objectRef<ConvertedIds>('ConvertConversationPayload');
ConvertConversationPayload.implement({
  fields: (t) => ({
    conversation: t.prismaField({
      type: 'Conversation',
      resolve: (query, ids, _args, ctx) => ctx.app.db.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: ids.conversationId } }),
    }),
    ticket: t.prismaField({
      type: 'Ticket',
      resolve: (query, ids, _args, ctx) => ctx.app.db.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: ids.ticketId } }),
    }),
  }),
});

builder.mutationField('convertConversationToTicket', (t) =>
  t.field({
    type: ConvertConversationPayload,
    description: 'A RESOLVED conversation becomes a ticket on its channel carrying the transcript; both link to each other.',
    args: { input: t.arg({ type: ConvertConversationToTicketInput }) },
    resolve: async (_root, { input }, ctx) => {
      const { conversation, ticket } = await convertConversationToTicket(ctx, conversationArg()(input.conversationId), {
        customerEmail: input.customerEmail,
        subject: input.subject,
      });
      return { conversationId: conversation.id, ticketId: ticket.id };
    },
  }),
);
