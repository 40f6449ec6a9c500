// GraphQL for tickets: the Ticket, TicketMessage and TicketHistoryEntry nodes, `ticket(id)`, and the mutations of
// the everyday workflow (create on a customer's behalf, reply, note, change).
import { z } from 'zod';
import { UploadRef } from '../attachments/schema-scalar.js';
import { principalOf } from '../context.js';
import { ChannelEnum } from '../products/schema.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { emailRule, nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { customFieldInputsOf, customFieldsInputRule, TicketCustomFieldInput } from '../ticket-fields/schema.js';
import { PriorityEnum, TagRef } from '../vocabularies/schema.js';
import { addPrivateNote, createTicket, replyToTicket, type TicketChanges, updateTicket } from './service.js';

export const AssigneeKindEnum = builder.enumType('AssigneeKind', { values: ['USER', 'TEAM'] as const });
export const MessageVisibilityEnum = builder.enumType('MessageVisibility', {
  values: {
    PUBLIC: { description: 'Sent to the customer.' },
    PRIVATE: { description: 'A note for agents; the customer never sees it.' },
  } as const,
});
export const AuthorKindEnum = builder.enumType('AuthorKind', { values: ['AGENT', 'CUSTOMER', 'SYSTEM'] as const });

export const TicketRef = builder.prismaNode('Ticket', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The number people use for the ticket (#1042), per workspace.' }),
    subject: t.exposeString('subject'),
    channel: t.expose('channel', { type: ChannelEnum }),
    priority: t.expose('priority', { type: PriorityEnum }),
    isInternal: t.exposeBoolean('isInternal', { description: "Created by an agent on the customer's behalf." }),
    createdBy: t.exposeString('createdBy', { description: '`user:<id>`, `token:<id>`, `customer:<id>` or `system`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    firstReplyAt: t.expose('firstReplyAt', { type: 'DateTime', nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    lastMessageAt: t.expose('lastMessageAt', { type: 'DateTime', nullable: true }),
    lastMessageBy: t.expose('lastMessageBy', { type: AuthorKindEnum, nullable: true }),
    product: t.relation('product'),
    customer: t.relation('customer'),
    status: t.relation('status'),
    type: t.relation('type', { nullable: true }),
    topic: t.relation('topic', { nullable: true }),
    folder: t.relation('folder', { nullable: true }),
    assigneeKind: t.field({
      type: AssigneeKindEnum,
      nullable: true,
      select: { assigneeUserId: true, assigneeTeamId: true },
      resolve: (ticket) => (ticket.assigneeUserId ? 'USER' : ticket.assigneeTeamId ? 'TEAM' : null),
    }),
    assigneeUser: t.relation('assigneeUser', { nullable: true }),
    assigneeTeam: t.relation('assigneeTeam', { nullable: true }),
    tags: t.field({
      type: [TagRef],
      select: { tags: { select: { tag: true }, orderBy: { tag: { name: 'asc' } } } },
      resolve: (ticket) => ticket.tags.map((entry) => entry.tag),
    }),
    lastMessage: t.field({
      type: TicketMessageRef,
      nullable: true,
      select: (_args, _ctx, nestedSelection) => ({
        messages: { take: 1, orderBy: [{ createdAt: 'desc' }, { sequence: 'desc' }], ...nestedSelection() },
      }),
      resolve: (ticket) => ticket.messages[0] ?? null,
    }),
    messages: t.relatedConnection('messages', { cursor: 'id', query: { orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }] } }),
    history: t.relatedConnection('history', { cursor: 'id', query: { orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }] } }),
    attachments: t.relation('attachments', { query: { orderBy: { createdAt: 'asc' } } }),
    mergedInto: t.relation('mergedInto', { nullable: true }),
  }),
});

export const TicketMessageRef = builder.prismaNode('TicketMessage', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    visibility: t.expose('visibility', { type: MessageVisibilityEnum }),
    authorKind: t.expose('authorKind', { type: AuthorKindEnum }),
    author: t.exposeString('author', { description: '`user:<id>`, `token:<id>`, `customer:<id>` or `system`.' }),
    authorUser: t.relation('authorUser', { nullable: true }),
    body: t.exposeString('body', {
      description: 'Exactly as written (HTML included). Escape it when you display it; never render it as HTML.',
    }),
    channel: t.expose('channel', { type: ChannelEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    ticket: t.relation('ticket'),
    attachments: t.relation('attachments'),
  }),
});

builder.prismaNode('TicketHistoryEntry', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    actor: t.exposeString('actor', { description: '`user:<id>`, `token:<id>`, `customer:<id>`, `rule:<id>` or `system`.' }),
    via: t.exposeString('via', { description: 'APP (agent app), API (token), or the channel it came through.' }),
    field: t.exposeString('field', { description: 'created, subject, status, priority, type, topic, folder, assignee, tags, reply, note, customerMessage, merge, slaPolicy, customField:<key>…' }),
    fromValue: t.expose('fromValue', { type: 'JSON', nullable: true }),
    toValue: t.expose('toValue', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaNode('Attachment', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType', { description: 'Detected from the content, not from the name.' }),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    sha256: t.exposeString('sha256'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('ticket', (t) =>
  t.prismaField({
    type: 'Ticket',
    nullable: true,
    description: 'A ticket by its global id or by its number (#1042).',
    args: { id: t.arg.id({ required: false }), number: t.arg.int({ required: false }) },
    resolve: (query, _root, args, ctx) => {
      const workspaceId = principalOf(ctx).workspaceId;
      if (args.id != null) return ctx.app.db.prisma.ticket.findFirst({ ...query, where: { id: idOf(String(args.id), 'Ticket'), workspaceId } });
      if (args.number != null) return ctx.app.db.prisma.ticket.findFirst({ ...query, where: { number: args.number, workspaceId } });
      return null;
    },
  }),
);

// ---------------------------------------------------------------- inputs

export const messageBodyRule = z
  .string()
  .refine((body) => body.trim().length > 0, 'Must not be empty.')
  .refine((body) => body.length <= 50_000, 'At most 50,000 characters.')
  .refine(storableText, 'Must not contain NUL characters.');
const subjectRule = z.string().trim().min(1, 'Must not be empty.').max(250, 'At most 250 characters.').refine(storableText);

export const AssigneeInput = builder.inputType('AssigneeInput', {
  fields: (t) => ({
    kind: t.field({ type: AssigneeKindEnum }),
    id: t.id({ description: 'A User id for USER, a Team id for TEAM.' }),
  }),
});

export const TicketCustomerInput = builder.inputType('TicketCustomerInput', {
  description: 'The customer the ticket is for; an existing customer with this e-mail is reused.',
  fields: (t) => ({ name: t.string({ validate: nameRule }), email: t.string({ validate: emailRule }) }),
});

export const assigneeOf = (input: { kind: 'USER' | 'TEAM'; id: string | number } | null | undefined, field: string) =>
  input ? { kind: input.kind, id: idOf(String(input.id), input.kind === 'USER' ? 'User' : 'Team', field) } : input;

const optionalId = (value: string | number | null | undefined, typename: string, field: string) =>
  value == null ? value : idOf(String(value), typename, field);

export const idsOf = (values: readonly (string | number)[] | null | undefined, typename: string, field: string) =>
  values?.map((value) => idOf(String(value), typename, field));

export const CreateTicketInput = builder.inputType('CreateTicketInput', {
  fields: (t) => ({
    productId: t.id(),
    topicId: t.id({ required: false }),
    statusId: t.id({ required: false, description: "Defaults to the workspace's default status." }),
    typeId: t.id({ required: false }),
    customer: t.field({ type: TicketCustomerInput }),
    subject: t.string({
      required: false,
      validate: subjectRule,
      description: 'The e-mail subject; defaults to "About your support request" in the workspace language.',
    }),
    description: t.string({ required: false, validate: messageBodyRule, description: 'Kept as a private note.' }),
    priority: t.field({ type: PriorityEnum, required: false, description: 'Defaults to MEDIUM.' }),
    assignee: t.field({ type: AssigneeInput, required: false }),
    tagIds: t.idList({ required: false, description: 'Existing tags only.' }),
    // Attachments (src/attachments): multipart uploads, stored before the transaction and removed if it fails.
    attachments: t.field({
      type: [UploadRef],
      required: { list: false, items: true },
      description: 'Files of the ticket (GraphQL multipart request); by default at most 5, each at most 20 MB.',
    }),
    customFields: t.field({
      type: [TicketCustomFieldInput],
      required: false,
      validate: customFieldsInputRule,
      description: 'Custom field values (see `ticketFields`); every required field needs one.',
    }),
  }),
});

builder.mutationField('createTicket', (t) =>
  t.prismaField({
    type: 'Ticket',
    description: "Create a ticket on a customer's behalf (after a phone call, say).",
    args: { input: t.arg({ type: CreateTicketInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.ticket,
        query,
        createTicket(ctx, {
          productId: idOf(String(input.productId), 'Product', 'input.productId'),
          topicId: optionalId(input.topicId, 'TicketTopic', 'input.topicId'),
          statusId: optionalId(input.statusId, 'TicketStatus', 'input.statusId'),
          typeId: optionalId(input.typeId, 'TicketType', 'input.typeId'),
          customer: input.customer,
          subject: input.subject,
          description: input.description,
          priority: input.priority,
          assignee: assigneeOf(input.assignee, 'input.assignee.id'),
          tagIds: idsOf(input.tagIds, 'Tag', 'input.tagIds'),
          attachments: input.attachments,
          customFields: customFieldInputsOf(input.customFields),
        }),
      ),
  }),
);

/** What every message mutation returns: the new message and its ticket as they are now. */
export const TicketMessagePayload = builder.objectRef<{ messageId: string; ticketId: string }>('TicketMessagePayload');
TicketMessagePayload.implement({
  fields: (t) => ({
    message: t.prismaField({
      type: 'TicketMessage',
      resolve: (query, payload, _args, ctx) =>
        ctx.app.db.prisma.ticketMessage.findUniqueOrThrow({ ...query, where: { id: payload.messageId } }),
    }),
    ticket: t.prismaField({
      type: 'Ticket',
      resolve: (query, payload, _args, ctx) => ctx.app.db.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: payload.ticketId } }),
    }),
  }),
});

const ReplyToTicketInput = builder.inputType('ReplyToTicketInput', {
  fields: (t) => ({
    ticketId: t.id(),
    body: t.string({ validate: messageBodyRule }),
    statusId: t.id({ required: false, description: 'Also move the ticket to this status (Pending, Resolved, …).' }),
    // Attachments (src/attachments): multipart uploads, stored before the transaction and removed if it fails.
    attachments: t.field({
      type: [UploadRef],
      required: { list: false, items: true },
      description: 'Files sent to the customer with the reply; by default at most 5, each at most 20 MB.',
    }),
  }),
});

builder.mutationField('replyToTicket', (t) =>
  t.field({
    type: TicketMessagePayload,
    description: 'A public reply: the customer receives it (by e-mail for e-mail and internal tickets).',
    args: { input: t.arg({ type: ReplyToTicketInput }) },
    resolve: async (_root, { input }, ctx) => {
      const message = await replyToTicket(ctx, {
        ticketId: idOf(String(input.ticketId), 'Ticket', 'input.ticketId'),
        body: input.body,
        statusId: optionalId(input.statusId, 'TicketStatus', 'input.statusId'),
        attachments: input.attachments,
      });
      return { messageId: message.id, ticketId: message.ticketId };
    },
  }),
);

const AddPrivateNoteInput = builder.inputType('AddPrivateNoteInput', {
  fields: (t) => ({
    ticketId: t.id(),
    body: t.string({ validate: messageBodyRule }),
    // Attachments (src/attachments): multipart uploads, stored before the transaction and removed if it fails.
    attachments: t.field({
      type: [UploadRef],
      required: { list: false, items: true },
      description: 'Files for agents only; by default at most 5, each at most 20 MB.',
    }),
  }),
});

builder.mutationField('addPrivateNote', (t) =>
  t.field({
    type: TicketMessagePayload,
    description: 'A note for agents; the customer never sees it.',
    args: { input: t.arg({ type: AddPrivateNoteInput }) },
    resolve: async (_root, { input }, ctx) => {
      const message = await addPrivateNote(ctx, {
        ticketId: idOf(String(input.ticketId), 'Ticket', 'input.ticketId'),
        body: input.body,
        attachments: input.attachments,
      });
      return { messageId: message.id, ticketId: message.ticketId };
    },
  }),
);

const UpdateTicketInput = builder.inputType('UpdateTicketInput', {
  description: 'Omitted fields stay as they are; null clears type, topic, folder or assignee.',
  fields: (t) => ({
    id: t.id(),
    subject: t.string({ required: false, validate: subjectRule }),
    statusId: t.id({ required: false }),
    priority: t.field({ type: PriorityEnum, required: false }),
    typeId: t.id({ required: false }),
    topicId: t.id({ required: false }),
    folderId: t.id({ required: false }),
    assignee: t.field({ type: AssigneeInput, required: false }),
    tagIds: t.idList({ required: false, description: 'The complete new tag list.' }),
    addTagIds: t.idList({ required: false }),
    removeTagIds: t.idList({ required: false }),
    customFields: t.field({
      type: [TicketCustomFieldInput],
      required: false,
      validate: customFieldsInputRule,
      description: 'Custom field values to set (null clears); fields not listed stay as they are.',
    }),
  }),
});

/** Input ids → service changes; `undefined` (omitted) and `null` (clear) stay distinct. */
export function ticketChangesOf(
  input: {
    subject?: string | null;
    statusId?: string | number | null;
    priority?: TicketChanges['priority'];
    typeId?: string | number | null;
    topicId?: string | number | null;
    folderId?: string | number | null;
    assignee?: { kind: 'USER' | 'TEAM'; id: string | number } | null;
    tagIds?: readonly (string | number)[] | null;
    addTagIds?: readonly (string | number)[] | null;
    removeTagIds?: readonly (string | number)[] | null;
  },
  prefix = 'input',
): TicketChanges {
  return {
    subject: input.subject,
    statusId: optionalId(input.statusId, 'TicketStatus', `${prefix}.statusId`),
    priority: input.priority,
    typeId: optionalId(input.typeId, 'TicketType', `${prefix}.typeId`),
    topicId: optionalId(input.topicId, 'TicketTopic', `${prefix}.topicId`),
    folderId: optionalId(input.folderId, 'Folder', `${prefix}.folderId`),
    assignee: assigneeOf(input.assignee, `${prefix}.assignee.id`),
    tagIds: idsOf(input.tagIds, 'Tag', `${prefix}.tagIds`),
    addTagIds: idsOf(input.addTagIds, 'Tag', `${prefix}.addTagIds`),
    removeTagIds: idsOf(input.removeTagIds, 'Tag', `${prefix}.removeTagIds`),
  };
}

builder.mutationField('updateTicket', (t) =>
  t.prismaField({
    type: 'Ticket',
    args: { input: t.arg({ type: UpdateTicketInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.ticket,
        query,
        updateTicket(ctx, idOf(String(input.id), 'Ticket', 'input.id'), {
          ...ticketChangesOf(input),
          customFields: customFieldInputsOf(input.customFields),
        }),
      ),
  }),
);
