// GraphQL for ticket lists: `tickets` (filter, full-text search, sort, Relay paging, totalCount), the sidebar's
// `ticketCounts`, and each user's saved views (`savedViews`, create/update/delete, run with `tickets(viewId:)`).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput } from '../errors.js';
import { ChannelEnum } from '../products/schema.js';
import { builder } from '../schema/builder.js';
import { idOf, NO_ROW, nodeWhere } from '../schema/ids.js';
import { nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { SlaMetricEnum } from '../sla/policy-schema.js';
import { SlaTargetStatusEnum } from '../sla/schema.js';
import { PriorityEnum, StatusCategoryEnum, TicketStatusRef } from '../vocabularies/schema.js';
import { type ConnectionQuery, type TicketListing, ticketCounts, ticketPage, ticketTotal } from './list.js';
import {
  compactFilter,
  DEFAULT_TICKET_SORT,
  MAX_CRITERION_VALUES,
  MAX_CUSTOM_FIELD_CRITERIA,
  MAX_SEARCH_LENGTH,
  SORT_DIRECTIONS,
  type TicketListFilter,
  TicketListFilterSchema,
  type TicketSortOrder,
} from './list-filter.js';
import { FIELD_KEY_MESSAGE } from '../ticket-fields/fields.js';
import { createSavedView, deleteSavedView, savedViewOf, savedViewsOfCaller, storedQueryOf, updateSavedView } from './views.js';

// ---------------------------------------------------------------- filter and sort inputs

/** The id criteria and the node type their ids name: decoding (input → stored) and encoding (stored → JSON) use it. */
const ID_CRITERIA = {
  statusIds: 'TicketStatus',
  productIds: 'Product',
  assigneeUserIds: 'User',
  assigneeTeamIds: 'Team',
  tagIds: 'Tag',
  allTagIds: 'Tag',
  topicIds: 'TicketTopic',
  typeIds: 'TicketType',
  folderIds: 'Folder',
} as const satisfies Partial<Record<keyof TicketListFilter, string>>;

/** One custom field criterion as stored. */
const customFieldCriterion = TicketListFilterSchema.shape.customFields.unwrap().element;

const fewValues = z.array(z.unknown()).max(MAX_CRITERION_VALUES, `At most ${MAX_CRITERION_VALUES} values.`);
const searchRule = z
  .string()
  .max(MAX_SEARCH_LENGTH, `At most ${MAX_SEARCH_LENGTH} characters.`)
  .refine(storableText, 'Must not contain NUL characters.');

const TicketSlaFilterInput = builder.inputType('TicketSlaFilter', {
  description: 'Tickets with at least one SLA target that matches every criterion given here.',
  fields: (t) => ({
    statuses: t.field({ type: [SlaTargetStatusEnum], required: false, validate: fewValues }),
    metrics: t.field({ type: [SlaMetricEnum], required: false, validate: fewValues }),
    dueBefore: t.field({ type: 'DateTime', required: false, description: 'Exclusive; targets without a due time never match.' }),
    dueAfter: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    policyIds: t.idList({ required: false, validate: fewValues }),
  }),
});

const TicketCustomFieldFilterInput = builder.inputType('TicketCustomFieldFilter', {
  description: 'Tickets whose custom field equals the value (text ignoring case; an unticked CHECKBOX counts as false).',
  fields: (t) => ({
    key: t.string({ description: "The field's key (see `ticketFields`); a key no field has matches nothing." }),
    value: t.field({ type: 'JSON', description: 'A string, number or boolean, in the JSON form of the field type.' }),
  }),
});

export const TicketFilterInput = builder.inputType('TicketFilter', {
  description:
    'Which tickets to list. Every criterion given must hold, except the assignee criteria (assigneeUserIds, ' +
    'assigneeTeamIds, unassigned: true, assignedToMe: true), which match any of them: `{ assignedToMe: true, ' +
    'unassigned: true }` is "mine or nobody\'s". Ids of another workspace match nothing.',
  fields: (t) => ({
    statusIds: t.idList({ required: false, validate: fewValues }),
    statusCategories: t.field({ type: [StatusCategoryEnum], required: false, validate: fewValues }),
    priorities: t.field({ type: [PriorityEnum], required: false, validate: fewValues }),
    productIds: t.idList({ required: false, validate: fewValues }),
    channels: t.field({ type: [ChannelEnum], required: false, validate: fewValues }),
    assigneeUserIds: t.idList({ required: false, validate: fewValues }),
    assigneeTeamIds: t.idList({ required: false, validate: fewValues, description: 'Tickets assigned to the team itself.' }),
    unassigned: t.boolean({ required: false, description: 'true: nobody is assigned; false: someone is.' }),
    assignedToMe: t.boolean({
      required: false,
      description: 'true: assigned to the signed-in user; false: not. API tokens have no tickets of their own.',
    }),
    tagIds: t.idList({ required: false, validate: fewValues, description: 'Tickets with any of these tags.' }),
    allTagIds: t.idList({ required: false, validate: fewValues, description: 'Tickets with all of these tags.' }),
    topicIds: t.idList({ required: false, validate: fewValues }),
    typeIds: t.idList({ required: false, validate: fewValues }),
    folderIds: t.idList({ required: false, validate: fewValues }),
    customerId: t.id({ required: false }),
    createdAfter: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    createdBefore: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
    updatedAfter: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    updatedBefore: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
    search: t.string({
      required: false,
      validate: searchRule,
      description:
        'Words in the subject or any message (public or private), whole words, any language: "quoted phrase", ' +
        '-excluded, or. A ticket number (1042 or #1042) also finds that ticket.',
    }),
    sla: t.field({ type: TicketSlaFilterInput, required: false, description: 'By SLA state: overdue, due soon, under a policy.' }),
    customFields: t.field({
      type: [TicketCustomFieldFilterInput],
      required: false,
      validate: z.array(z.unknown()).max(MAX_CUSTOM_FIELD_CRITERIA, `At most ${MAX_CUSTOM_FIELD_CRITERIA} values.`),
      description: 'By custom field values; each must hold.',
    }),
  }),
});

type TicketFilterArgs = typeof TicketFilterInput.$inferInput;

const TicketSortFieldEnum = builder.enumType('TicketSortField', {
  values: {
    UPDATED_AT: { description: 'Last change (the default, newest first).' },
    CREATED_AT: {},
    PRIORITY: { description: 'LOW < MEDIUM < HIGH < URGENT.' },
    NUMBER: {},
    SLA_DUE_AT: { description: 'The earliest due time of a running SLA target; tickets with none come last either way.' },
  } as const,
});
export const SortDirectionEnum = builder.enumType('SortDirection', { values: SORT_DIRECTIONS });

const TicketSortInput = builder.inputType('TicketSort', {
  description: 'Ties are broken by id in the same direction, so paging never skips or repeats a ticket.',
  fields: (t) => ({
    field: t.field({ type: TicketSortFieldEnum }),
    direction: t.field({ type: SortDirectionEnum, required: false, description: 'Defaults to DESC.' }),
  }),
});

const TicketSortOrderRef = builder.objectRef<TicketSortOrder>('TicketSortOrder');
TicketSortOrderRef.implement({
  fields: (t) => ({
    field: t.expose('field', { type: TicketSortFieldEnum }),
    direction: t.expose('direction', { type: SortDirectionEnum }),
  }),
});

/** The GraphQL filter → its stored form: global ids decoded (NOT_FOUND names the field), times as ISO strings. */
export function ticketFilterOf(input: TicketFilterArgs | null | undefined, prefix: string, principal: Principal): TicketListFilter {
  if (!input) return {};
  const filter: TicketListFilter = {};
  for (const [key, typename] of Object.entries(ID_CRITERIA) as [keyof typeof ID_CRITERIA, string][]) {
    const values = input[key];
    if (values) filter[key] = [...new Set(values.map((value) => idOf(String(value), typename, `${prefix}.${key}`)))];
  }
  if (input.customerId != null) filter.customerId = idOf(String(input.customerId), 'Customer', `${prefix}.customerId`);
  if (input.statusCategories) filter.statusCategories = [...new Set(input.statusCategories)];
  if (input.priorities) filter.priorities = [...new Set(input.priorities)];
  if (input.channels) filter.channels = [...new Set(input.channels)];
  if (input.unassigned != null) filter.unassigned = input.unassigned;
  if (input.assignedToMe != null) {
    if (input.assignedToMe && !principal.userId) {
      throw badInput(`${prefix}.assignedToMe`, 'API tokens have no tickets of their own; filter by assigneeUserIds instead.');
    }
    filter.assignedToMe = input.assignedToMe;
  }
  for (const [after, before] of [
    ['createdAfter', 'createdBefore'],
    ['updatedAfter', 'updatedBefore'],
  ] as const) {
    const from = input[after];
    const to = input[before];
    if (from && to && from.getTime() >= to.getTime()) throw badInput(`${prefix}.${before}`, `Must be later than ${after}.`);
    if (from) filter[after] = from.toISOString();
    if (to) filter[before] = to.toISOString();
  }
  const search = input.search?.trim();
  if (search) filter.search = search;
  if (input.sla) {
    const { statuses, metrics, dueBefore, dueAfter, policyIds } = input.sla;
    if (dueAfter && dueBefore && dueAfter.getTime() >= dueBefore.getTime()) throw badInput(`${prefix}.sla.dueBefore`, 'Must be later than dueAfter.');
    filter.sla = {
      ...(statuses ? { statuses: [...new Set(statuses)] } : {}),
      ...(metrics ? { metrics: [...new Set(metrics)] } : {}),
      ...(dueBefore ? { dueBefore: dueBefore.toISOString() } : {}),
      ...(dueAfter ? { dueAfter: dueAfter.toISOString() } : {}),
      ...(policyIds ? { policyIds: [...new Set(policyIds.map((value) => idOf(String(value), 'SlaPolicy', `${prefix}.sla.policyIds`)))] } : {}),
    };
  }
  if (input.customFields) filter.customFields = customFieldCriteriaOf(input.customFields, `${prefix}.customFields`);
  return compactFilter(filter);
}

function customFieldCriteriaOf(criteria: readonly { key: string; value?: unknown }[], field: string) {
  return criteria.map(({ key, value }, index) => {
    const parsed = customFieldCriterion.safeParse({ key, value });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path[0] === 'key' ? 'key' : 'value';
      throw badInput(`${field}.${index}.${path}`, path === 'key' ? FIELD_KEY_MESSAGE : 'Must be a string, a number or true/false.');
    }
    return parsed.data;
  });
}

/** The stored filter → what a client passes back as `TicketFilter` (global ids). */
function filterAsInput(filter: TicketListFilter): Record<string, unknown> {
  const input: Record<string, unknown> = { ...filter };
  for (const [key, typename] of Object.entries(ID_CRITERIA) as [keyof typeof ID_CRITERIA, string][]) {
    const values = filter[key];
    if (values) input[key] = values.map((id) => encodeGlobalID(typename, id));
  }
  if (filter.customerId) input.customerId = encodeGlobalID('Customer', filter.customerId);
  if (filter.sla?.policyIds) input.sla = { ...filter.sla, policyIds: filter.sla.policyIds.map((id) => encodeGlobalID('SlaPolicy', id)) };
  return input;
}

const sortOf = (input: { field: TicketSortOrder['field']; direction?: TicketSortOrder['direction'] | null } | null | undefined) =>
  input ? { field: input.field, direction: input.direction ?? 'DESC' } : null;

// ---------------------------------------------------------------- tickets

interface ListArgs {
  filter?: TicketFilterArgs | null;
  sort?: { field: TicketSortOrder['field']; direction?: TicketSortOrder['direction'] | null } | null;
  viewId?: string | number | null;
}

// The page and its totalCount resolve separately from the same args; the view is read once.
const listings = new WeakMap<object, Promise<TicketListing>>();

/** Decodes a list request; a view's filter and the given filter must both hold, a given sort wins over the view's. */
export function listingOf(ctx: Context, args: ListArgs, fields = { filter: 'filter', viewId: 'viewId' }): Promise<TicketListing> {
  let listing = listings.get(args);
  if (!listing) {
    listing = (async () => {
      const principal = principalOf(ctx);
      const filter = ticketFilterOf(args.filter, fields.filter, principal);
      const viewer = { workspaceId: principal.workspaceId, userId: principal.userId };
      if (args.viewId == null) return { viewer, filters: [filter], sort: sortOf(args.sort) ?? DEFAULT_TICKET_SORT };
      const view = await savedViewOf(ctx.app.db.prisma, principal, idOf(String(args.viewId), 'SavedView', fields.viewId), fields.viewId);
      return { viewer, filters: [view.filter, filter], sort: sortOf(args.sort) ?? view.sort ?? DEFAULT_TICKET_SORT };
    })();
    listings.set(args, listing);
  }
  return listing;
}

builder.queryField('tickets', (t) =>
  t.prismaConnection(
    {
      type: 'Ticket',
      cursor: 'id',
      description:
        'The workspace\'s tickets, filtered and sorted (default: last changed first). Every agent of the workspace ' +
        'sees every ticket for now.',
      args: {
        filter: t.arg({ type: TicketFilterInput, required: false }),
        sort: t.arg({ type: TicketSortInput, required: false }),
        viewId: t.arg.id({ required: false, description: 'Run one of your saved views; `filter` then narrows it further.' }),
      },
      totalCount: async (_root, args, ctx) => ticketTotal(ctx.app.db.prisma, await listingOf(ctx, args)),
      resolve: async (query, _root, args, ctx) =>
        ticketPage(ctx.app.db.prisma, await listingOf(ctx, args), query as unknown as ConnectionQuery),
    },
    { name: 'TicketConnection' },
    { name: 'TicketEdge' },
  ),
);

// ---------------------------------------------------------------- ticketCounts

type Counts = Awaited<ReturnType<typeof ticketCounts>>;

const TicketStatusCountRef = builder.objectRef<Counts['byStatus'][number]>('TicketStatusCount');
TicketStatusCountRef.implement({
  fields: (t) => ({
    status: t.field({ type: TicketStatusRef, resolve: (row) => row.status }),
    count: t.exposeInt('count'),
    unassigned: t.exposeInt('unassigned'),
    assignedToMe: t.int({ nullable: true, resolve: (row, _args, ctx) => (ctx.principal?.userId ? row.assignedToMe : null) }),
  }),
});

const TicketCategoryCountRef = builder.objectRef<Counts['byCategory'][number]>('TicketCategoryCount');
TicketCategoryCountRef.implement({
  fields: (t) => ({
    category: t.expose('category', { type: StatusCategoryEnum }),
    count: t.exposeInt('count'),
  }),
});

const TicketCountsRef = builder.objectRef<Counts>('TicketCounts');
TicketCountsRef.implement({
  description: 'How many tickets match a filter, for the sidebar.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    unassigned: t.exposeInt('unassigned'),
    assignedToMe: t.exposeInt('assignedToMe', { nullable: true, description: 'null for API tokens.' }),
    byStatus: t.field({
      type: [TicketStatusCountRef],
      description: 'Every status of the workspace in its order, zero included.',
      resolve: (counts) => counts.byStatus,
    }),
    byCategory: t.field({
      type: [TicketCategoryCountRef],
      description: 'Every category, zero included.',
      resolve: (counts) => counts.byCategory,
    }),
  }),
});

builder.queryField('ticketCounts', (t) =>
  t.field({
    type: TicketCountsRef,
    description: 'Counts of the tickets `tickets` would list with the same filter or view (one query).',
    args: {
      filter: t.arg({ type: TicketFilterInput, required: false }),
      viewId: t.arg.id({ required: false }),
    },
    resolve: async (_root, args, ctx) => ticketCounts(ctx.app.db.prisma, await listingOf(ctx, args)),
  }),
);

// ---------------------------------------------------------------- saved views

builder.prismaNode('SavedView', {
  id: { field: 'id' },
  description: "A user's named ticket filter. Private: only its owner can see, run or change it.",
  runScopesOnType: true,
  authScopes: (view, ctx) =>
    !!ctx.principal && view.workspaceId === ctx.principal.workspaceId && view.userId === ctx.principal.userId,
  findUnique: (id, ctx) => ({ ...nodeWhere(id, ctx), userId: ctx.principal?.userId ?? NO_ROW }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    filter: t.field({
      type: 'JSON',
      description: 'The validated filter, in the shape of `TicketFilter` (pass it back as `filter`).',
      resolve: (view) => filterAsInput(storedQueryOf(view).filter),
    }),
    sort: t.field({
      type: TicketSortOrderRef,
      nullable: true,
      description: 'null: the default order.',
      resolve: (view) => storedQueryOf(view).sort,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('savedViews', (t) =>
  t.prismaField({
    type: ['SavedView'],
    description: 'Your saved views, by name.',
    resolve: (query, _root, _args, ctx) => savedViewsOfCaller(ctx, query),
  }),
);

const CreateSavedViewInput = builder.inputType('CreateSavedViewInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule, description: 'Unique among your views.' }),
    filter: t.field({ type: TicketFilterInput }),
    sort: t.field({ type: TicketSortInput, required: false, description: 'Omitted: the default order.' }),
  }),
});

builder.mutationField('createSavedView', (t) =>
  t.prismaField({
    type: 'SavedView',
    args: { input: t.arg({ type: CreateSavedViewInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.savedView,
        query,
        createSavedView(ctx, {
          name: input.name,
          filter: ticketFilterOf(input.filter, 'input.filter', principalOf(ctx)),
          sort: sortOf(input.sort),
        }),
      ),
  }),
);

const UpdateSavedViewInput = builder.inputType('UpdateSavedViewInput', {
  description: 'Omitted fields stay as they are; a new filter replaces the old one whole; sort null goes back to the default.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    filter: t.field({ type: TicketFilterInput, required: false }),
    sort: t.field({ type: TicketSortInput, required: false }),
  }),
});

builder.mutationField('updateSavedView', (t) =>
  t.prismaField({
    type: 'SavedView',
    args: { input: t.arg({ type: UpdateSavedViewInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.savedView,
        query,
        updateSavedView(ctx, idOf(String(input.id), 'SavedView', 'input.id'), {
          name: input.name ?? undefined,
          filter: input.filter == null ? undefined : ticketFilterOf(input.filter, 'input.filter', principalOf(ctx)),
          sort: input.sort === undefined ? undefined : sortOf(input.sort),
        }),
      ),
  }),
);

builder.mutationField('deleteSavedView', (t) =>
  t.id({
    args: { id: t.arg.id() },
    description: 'Deletes one of your saved views; returns its id.',
    resolve: async (_root, { id }, ctx) => encodeGlobalID('SavedView', await deleteSavedView(ctx, idOf(String(id), 'SavedView'))),
  }),
);
