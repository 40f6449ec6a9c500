// GraphQL for the ticket vocabularies (statuses, types, topics, tags, folders), the Priority and StatusCategory
// enums, and who may be assigned a product's tickets. Everyone reads them; admins change them.
import { Priority } from '../generated/prisma/enums.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { TeamRef } from '../teams/schema.js';
import { UserRef } from '../users/schema.js';
import {
  createFolder,
  createTag,
  createTicketStatus,
  createTicketTopic,
  createTicketType,
  deleteFolder,
  deleteTag,
  deleteTicketStatus,
  deleteTicketTopic,
  deleteTicketType,
  reorderTicketStatuses,
  setProductAssignees,
  updateFolder,
  updateTag,
  updateTicketStatus,
  updateTicketTopic,
  updateTicketType,
} from './service.js';

/** Vocabularies are short lists read whole; this only bounds a runaway workspace. */
const LIST_LIMIT = 500;

export const PriorityEnum = builder.enumType(Priority, { name: 'Priority' });

export const StatusCategoryEnum = builder.enumType('StatusCategory', {
  description: 'What a status means for clocks and reports, whatever the workspace calls it.',
  values: {
    NEW: { description: 'Nobody has worked on it yet.' },
    OPEN: { description: 'Being worked on.' },
    PENDING: { description: 'Waiting for the customer or a third party.' },
    RESOLVED: { description: 'Solved; may still reopen.' },
    CLOSED: { description: 'Finished.' },
  } as const,
});

export const TicketStatusRef = builder.prismaNode('TicketStatus', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    category: t.expose('category', { type: StatusCategoryEnum }),
    position: t.exposeInt('position', { description: "Place in the workspace's list of statuses, from 0." }),
    isDefault: t.exposeBoolean('isDefault', { description: 'The status new tickets get when none is chosen; exactly one.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const TicketTypeRef = builder.prismaNode('TicketType', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const TicketTopicRef = builder.prismaNode('TicketTopic', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    product: t.relation('product'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const TagRef = builder.prismaNode('Tag', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    color: t.exposeString('color', { nullable: true, description: '`#rrggbb`, lower-case.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const FolderRef = builder.prismaNode('Folder', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectFields('Product', (t) => ({
  allowedUsers: t.field({
    type: [UserRef],
    description: "Users who may be assigned this product's tickets (also through allowedTeams). Both empty: everyone may.",
    select: { allowedUsers: { select: { user: true }, orderBy: { user: { name: 'asc' } } } },
    resolve: (product) => product.allowedUsers.map((entry) => entry.user),
  }),
  allowedTeams: t.field({
    type: [TeamRef],
    description: "Teams that may be assigned this product's tickets; their members may be too.",
    select: { allowedTeams: { select: { team: true }, orderBy: { team: { name: 'asc' } } } },
    resolve: (product) => product.allowedTeams.map((entry) => entry.team),
  }),
}));

// ---------------------------------------------------------------- queries

builder.queryField('ticketStatuses', (t) =>
  t.prismaField({
    type: ['TicketStatus'],
    description: "The workspace's statuses in their order.",
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.ticketStatus.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        take: LIST_LIMIT,
      }),
  }),
);

builder.queryField('ticketTypes', (t) =>
  t.prismaField({
    type: ['TicketType'],
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.ticketType.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: { name: 'asc' },
        take: LIST_LIMIT,
      }),
  }),
);

builder.queryField('ticketTopics', (t) =>
  t.prismaField({
    type: ['TicketTopic'],
    description: 'Topics of one product, or of every product (by product name, then topic name).',
    args: { productId: t.arg.id({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.ticketTopic.findMany({
        ...query,
        where: {
          workspaceId: principalOf(ctx).workspaceId,
          ...(args.productId != null ? { productId: idOf(String(args.productId), 'Product', 'productId') } : {}),
        },
        orderBy: [{ product: { name: 'asc' } }, { name: 'asc' }],
        take: LIST_LIMIT,
      }),
  }),
);

builder.queryField('tags', (t) =>
  t.prismaField({
    type: ['Tag'],
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.tag.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: { name: 'asc' },
        take: LIST_LIMIT,
      }),
  }),
);

builder.queryField('folders', (t) =>
  t.prismaField({
    type: ['Folder'],
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.folder.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: { name: 'asc' },
        take: LIST_LIMIT,
      }),
  }),
);

// ---------------------------------------------------------------- shared by the mutations

const positionRule = z.number().int().min(0, 'Must be 0 or more.');
const colorRule = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Must be a colour such as #1f8a70.');

const REPLACE_WITH =
  'Required when tickets use it: they move to this entry (same kind; for topics, of the same product) in the same change.';

/** `deleteX(id, replaceWithId)`: returns the deleted id. */
function deleteMutation(
  name: string,
  typename: 'TicketStatus' | 'TicketType' | 'TicketTopic' | 'Tag' | 'Folder',
  description: string,
  remove: (ctx: Parameters<typeof deleteFolder>[0], id: string, replaceWithId: string | null) => Promise<string>,
) {
  builder.mutationField(name, (t) =>
    t.id({
      description,
      authScopes: { admin: true },
      args: { id: t.arg.id(), replaceWithId: t.arg.id({ required: false, description: REPLACE_WITH }) },
      resolve: async (_root, args, ctx) => {
        const id = idOf(String(args.id), typename);
        const replaceWithId = args.replaceWithId == null ? null : idOf(String(args.replaceWithId), typename, 'replaceWithId');
        return encodeGlobalID(typename, await remove(ctx, id, replaceWithId));
      },
    }),
  );
}

// ---------------------------------------------------------------- statuses

const CreateTicketStatusInput = builder.inputType('CreateTicketStatusInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    category: t.field({ type: StatusCategoryEnum }),
    position: t.int({ required: false, validate: positionRule, description: '0 = first; omitted = last.' }),
    isDefault: t.boolean({ required: false, description: 'Make it the default (the previous default stops being one).' }),
  }),
});

builder.mutationField('createTicketStatus', (t) =>
  t.prismaField({
    type: 'TicketStatus',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTicketStatusInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.ticketStatus, query, createTicketStatus(ctx, input)),
  }),
);

const UpdateTicketStatusInput = builder.inputType('UpdateTicketStatusInput', {
  description: 'Omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    category: t.field({ type: StatusCategoryEnum, required: false }),
    position: t.int({ required: false, validate: positionRule, description: 'Move it to this place (0 = first).' }),
    isDefault: t.boolean({
      required: false,
      description: 'true makes it the default; the default cannot be unset, only replaced by another.',
    }),
  }),
});

builder.mutationField('updateTicketStatus', (t) =>
  t.prismaField({
    type: 'TicketStatus',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateTicketStatusInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.ticketStatus, query, updateTicketStatus(ctx, { ...input, id: idOf(String(input.id), 'TicketStatus', 'input.id') })),
  }),
);

builder.mutationField('reorderTicketStatuses', (t) =>
  t.prismaField({
    type: ['TicketStatus'],
    description: 'Puts the statuses in this order; list every status of the workspace once.',
    authScopes: { admin: true },
    args: { ids: t.arg.idList() },
    resolve: async (query, _root, args, ctx) => {
      await reorderTicketStatuses(ctx, args.ids.map((id) => idOf(String(id), 'TicketStatus', 'ids')));
      return ctx.app.db.prisma.ticketStatus.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        take: LIST_LIMIT,
      });
    },
  }),
);

deleteMutation('deleteTicketStatus', 'TicketStatus', 'Deletes a status other than the default. Returns its id.', deleteTicketStatus);

// ---------------------------------------------------------------- types

const CreateTicketTypeInput = builder.inputType('CreateTicketTypeInput', {
  fields: (t) => ({ name: t.string({ validate: nameRule }) }),
});

builder.mutationField('createTicketType', (t) =>
  t.prismaField({
    type: 'TicketType',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTicketTypeInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.ticketType, query, createTicketType(ctx, input)),
  }),
);

const UpdateTicketTypeInput = builder.inputType('UpdateTicketTypeInput', {
  fields: (t) => ({ id: t.id(), name: t.string({ validate: nameRule }) }),
});

builder.mutationField('updateTicketType', (t) =>
  t.prismaField({
    type: 'TicketType',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateTicketTypeInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.ticketType, query, updateTicketType(ctx, { id: idOf(String(input.id), 'TicketType', 'input.id'), name: input.name })),
  }),
);

deleteMutation('deleteTicketType', 'TicketType', 'Deletes a ticket type. Returns its id.', deleteTicketType);

// ---------------------------------------------------------------- topics

const CreateTicketTopicInput = builder.inputType('CreateTicketTopicInput', {
  fields: (t) => ({ productId: t.id(), name: t.string({ validate: nameRule, description: 'Unique within the product.' }) }),
});

builder.mutationField('createTicketTopic', (t) =>
  t.prismaField({
    type: 'TicketTopic',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTicketTopicInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.ticketTopic,
        query,
        createTicketTopic(ctx, { productId: idOf(String(input.productId), 'Product', 'input.productId'), name: input.name }),
      ),
  }),
);

const UpdateTicketTopicInput = builder.inputType('UpdateTicketTopicInput', {
  fields: (t) => ({ id: t.id(), name: t.string({ validate: nameRule }) }),
});

builder.mutationField('updateTicketTopic', (t) =>
  t.prismaField({
    type: 'TicketTopic',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateTicketTopicInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.ticketTopic, query, updateTicketTopic(ctx, { id: idOf(String(input.id), 'TicketTopic', 'input.id'), name: input.name })),
  }),
);

deleteMutation('deleteTicketTopic', 'TicketTopic', 'Deletes a topic. Returns its id.', deleteTicketTopic);

// ---------------------------------------------------------------- tags

const CreateTagInput = builder.inputType('CreateTagInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule }),
    color: t.string({ required: false, validate: colorRule, description: '`#rrggbb`.' }),
  }),
});

builder.mutationField('createTag', (t) =>
  t.prismaField({
    type: 'Tag',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTagInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.tag, query, createTag(ctx, input)),
  }),
);

const UpdateTagInput = builder.inputType('UpdateTagInput', {
  description: 'Omitted fields stay as they are; `color: null` removes the colour.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    color: t.string({ required: false, validate: colorRule }),
  }),
});

builder.mutationField('updateTag', (t) =>
  t.prismaField({
    type: 'Tag',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateTagInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.tag, query, updateTag(ctx, { ...input, id: idOf(String(input.id), 'Tag', 'input.id') })),
  }),
);

deleteMutation(
  'deleteTag',
  'Tag',
  'Deletes a tag. With replaceWithId it is merged: tickets with this tag get the replacement instead. Returns its id.',
  deleteTag,
);

// ---------------------------------------------------------------- folders

const CreateFolderInput = builder.inputType('CreateFolderInput', {
  fields: (t) => ({ name: t.string({ validate: nameRule }) }),
});

builder.mutationField('createFolder', (t) =>
  t.prismaField({
    type: 'Folder',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateFolderInput }) },
    resolve: (query, _root, { input }, ctx) => reload(ctx.app.db.prisma.folder, query, createFolder(ctx, input)),
  }),
);

const UpdateFolderInput = builder.inputType('UpdateFolderInput', {
  fields: (t) => ({ id: t.id(), name: t.string({ validate: nameRule }) }),
});

builder.mutationField('updateFolder', (t) =>
  t.prismaField({
    type: 'Folder',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateFolderInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(ctx.app.db.prisma.folder, query, updateFolder(ctx, { id: idOf(String(input.id), 'Folder', 'input.id'), name: input.name })),
  }),
);

deleteMutation('deleteFolder', 'Folder', 'Deletes a folder. Returns its id.', deleteFolder);

// ---------------------------------------------------------------- product assignees

const SetProductAssigneesInput = builder.inputType('SetProductAssigneesInput', {
  description: "The complete new lists. Both empty: everyone may be assigned the product's tickets.",
  fields: (t) => ({ productId: t.id(), userIds: t.idList(), teamIds: t.idList() }),
});

builder.mutationField('setProductAssignees', (t) =>
  t.prismaField({
    type: 'Product',
    description: "Who may be assigned the product's tickets: these users, and these teams with their members.",
    authScopes: { admin: true },
    args: { input: t.arg({ type: SetProductAssigneesInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.product,
        query,
        setProductAssignees(ctx, {
          productId: idOf(String(input.productId), 'Product', 'input.productId'),
          userIds: input.userIds.map((id) => idOf(String(id), 'User', 'input.userIds')),
          teamIds: input.teamIds.map((id) => idOf(String(id), 'Team', 'input.teamIds')),
        }),
      ),
  }),
);
