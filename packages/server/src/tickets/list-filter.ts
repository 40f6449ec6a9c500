// Which tickets a list shows, as SQL over `"Ticket" t`: the filter agents build in the sidebar (and save as views),
// the sort with its id tiebreak, and the keyset a cursor continues from. No I/O here, so the list, its totalCount,
// the sidebar counts and the live feed (`ticketEvents`) all apply exactly the same rules.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { Channel, Priority, SlaMetric, SlaTargetStatus, StatusCategory } from '../generated/prisma/enums.js';
import { FIELD_KEY, MAX_TEXT_LENGTH } from '../ticket-fields/fields.js';

/** Each list criterion takes at most this many values: enough for any sidebar, and it bounds the SQL. */
export const MAX_CRITERION_VALUES = 100;
export const MAX_SEARCH_LENGTH = 200;
/** Custom field criteria in one filter: a sidebar narrows by a few fields, not by the whole form. */
export const MAX_CUSTOM_FIELD_CRITERIA = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z.string().regex(UUID);
const uuids = z.array(uuid).max(MAX_CRITERION_VALUES);
const enumValues = <T extends Record<string, string>>(values: T) =>
  z.array(z.enum(Object.values(values) as [T[keyof T], ...T[keyof T][]])).max(MAX_CRITERION_VALUES);

/**
 * The filter in its stored form (database ids, ISO times): what `SavedView.filter` holds. Every criterion given must
 * hold, except the assignee criteria — `assigneeUserIds`, `assigneeTeamIds`, `unassigned: true` and
 * `assignedToMe: true` — which match any of them ("mine or unassigned" is a view agents use every day; a ticket has
 * one assignee, so "all of them" would always be empty). `unassigned: false` and `assignedToMe: false` exclude.
 */
export const TicketListFilterSchema = z
  .object({
    statusIds: uuids,
    statusCategories: enumValues(StatusCategory),
    priorities: enumValues(Priority),
    productIds: uuids,
    channels: enumValues(Channel),
    assigneeUserIds: uuids,
    assigneeTeamIds: uuids,
    unassigned: z.boolean(),
    assignedToMe: z.boolean(),
    /** Any of these tags. */
    tagIds: uuids,
    /** All of these tags. */
    allTagIds: uuids,
    topicIds: uuids,
    typeIds: uuids,
    folderIds: uuids,
    customerId: uuid,
    /** Inclusive. */
    createdAfter: z.iso.datetime(),
    /** Exclusive. */
    createdBefore: z.iso.datetime(),
    updatedAfter: z.iso.datetime(),
    updatedBefore: z.iso.datetime(),
    search: z.string().trim().min(1).max(MAX_SEARCH_LENGTH),
    /** Tickets with at least one SLA target matching every given criterion. */
    sla: z
      .object({
        statuses: enumValues(SlaTargetStatus),
        metrics: enumValues(SlaMetric),
        /** Exclusive. */
        dueBefore: z.iso.datetime(),
        /** Inclusive. */
        dueAfter: z.iso.datetime(),
        policyIds: uuids,
      })
      .partial()
      .strict(),
    /**
     * Custom field values, each must hold: equals, text ignoring case, an unticked CHECKBOX counts as false. A key no
     * field has matches nothing.
     */
    customFields: z
      .array(
        z.strictObject({
          key: z.string().regex(FIELD_KEY),
          value: z.union([z.string().max(MAX_TEXT_LENGTH), z.number().finite(), z.boolean()]),
        }),
      )
      .max(MAX_CUSTOM_FIELD_CRITERIA),
  })
  .partial()
  .strict();

export type TicketListFilter = z.infer<typeof TicketListFilterSchema>;

export const TICKET_SORT_FIELDS = ['UPDATED_AT', 'CREATED_AT', 'PRIORITY', 'NUMBER', 'SLA_DUE_AT'] as const;
export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export const TicketSortOrderSchema = z
  .object({ field: z.enum(TICKET_SORT_FIELDS), direction: z.enum(SORT_DIRECTIONS) })
  .strict();
export type TicketSortOrder = z.infer<typeof TicketSortOrderSchema>;
/** The inbox order: what changed last comes first. */
export const DEFAULT_TICKET_SORT: TicketSortOrder = { field: 'UPDATED_AT', direction: 'DESC' };

const isEmpty = (value: unknown) => value == null || (Array.isArray(value) && value.length === 0);

/** Drops empty criteria (an empty list would otherwise match nothing) so stored and compared filters stay small. */
export function compactFilter(filter: TicketListFilter): TicketListFilter {
  const compact = Object.fromEntries(Object.entries(filter).filter(([, value]) => !isEmpty(value))) as TicketListFilter;
  if (compact.sla) {
    const sla = Object.fromEntries(Object.entries(compact.sla).filter(([, value]) => !isEmpty(value)));
    if (Object.keys(sla).length === 0) delete compact.sla;
    else compact.sla = sla;
  }
  return compact;
}

/** The ticket lists a caller combines: a saved view and the filter given with it must both hold. */
export type TicketFilters = readonly TicketListFilter[];

export interface Viewer {
  workspaceId: string;
  /** null for API tokens: they have no tickets of their own. */
  userId: string | null;
}

const anyOf = (column: string, values: readonly string[], cast: string) =>
  Prisma.sql`t.${Prisma.raw(`"${column}"`)} = ANY(${values}::text[]::${Prisma.raw(cast)}[])`;

/** A whole number in a search is also read as a ticket number: agents paste "#1042" or "1042". */
export const ticketNumberIn = (search: string) => {
  const match = /^#?(\d{1,9})$/.exec(search.trim());
  return match ? Number(match[1]) : null;
};

/** The conditions on `"Ticket" t` for one filter (the workspace condition included). */
export function ticketConditions(filter: TicketListFilter, viewer: Viewer): Prisma.Sql[] {
  const f = compactFilter(filter);
  const where: Prisma.Sql[] = [Prisma.sql`t."workspaceId" = ${viewer.workspaceId}::uuid`];
  if (f.statusIds) where.push(anyOf('statusId', f.statusIds, 'uuid'));
  if (f.statusCategories) {
    where.push(Prisma.sql`t."statusId" IN (SELECT s."id" FROM "TicketStatus" s
      WHERE s."workspaceId" = ${viewer.workspaceId}::uuid AND s."category" = ANY(${f.statusCategories}::text[]::"StatusCategory"[]))`);
  }
  if (f.priorities) where.push(anyOf('priority', f.priorities, '"Priority"'));
  if (f.productIds) where.push(anyOf('productId', f.productIds, 'uuid'));
  if (f.channels) where.push(anyOf('channel', f.channels, '"Channel"'));

  const anyAssignee: Prisma.Sql[] = [];
  if (f.assigneeUserIds) anyAssignee.push(anyOf('assigneeUserId', f.assigneeUserIds, 'uuid'));
  if (f.assigneeTeamIds) anyAssignee.push(anyOf('assigneeTeamId', f.assigneeTeamIds, 'uuid'));
  if (f.unassigned === true) anyAssignee.push(Prisma.sql`(t."assigneeUserId" IS NULL AND t."assigneeTeamId" IS NULL)`);
  if (f.assignedToMe === true) anyAssignee.push(Prisma.sql`t."assigneeUserId" = ${viewer.userId ?? NO_USER}::uuid`);
  if (anyAssignee.length > 0) where.push(Prisma.sql`(${Prisma.join(anyAssignee, ' OR ')})`);
  if (f.unassigned === false) where.push(Prisma.sql`(t."assigneeUserId" IS NOT NULL OR t."assigneeTeamId" IS NOT NULL)`);
  if (f.assignedToMe === false) {
    where.push(Prisma.sql`t."assigneeUserId" IS DISTINCT FROM ${viewer.userId ?? NO_USER}::uuid`);
  }

  if (f.tagIds) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketTag" tt WHERE tt."ticketId" = t."id" AND tt."tagId" = ANY(${f.tagIds}::uuid[]))`);
  }
  if (f.allTagIds) {
    const all = [...new Set(f.allTagIds)];
    where.push(Prisma.sql`(SELECT count(*) FROM "TicketTag" tt WHERE tt."ticketId" = t."id" AND tt."tagId" = ANY(${all}::uuid[])) = ${all.length}`);
  }
  if (f.topicIds) where.push(anyOf('topicId', f.topicIds, 'uuid'));
  if (f.typeIds) where.push(anyOf('typeId', f.typeIds, 'uuid'));
  if (f.folderIds) where.push(anyOf('folderId', f.folderIds, 'uuid'));
  if (f.customerId) where.push(Prisma.sql`t."customerId" = ${f.customerId}::uuid`);
  if (f.createdAfter) where.push(Prisma.sql`t."createdAt" >= ${new Date(f.createdAfter)}`);
  if (f.createdBefore) where.push(Prisma.sql`t."createdAt" < ${new Date(f.createdBefore)}`);
  if (f.updatedAfter) where.push(Prisma.sql`t."updatedAt" >= ${new Date(f.updatedAfter)}`);
  if (f.updatedBefore) where.push(Prisma.sql`t."updatedAt" < ${new Date(f.updatedBefore)}`);
  if (f.search) {
    // `@@` against the GIN-indexed column; websearch_to_tsquery accepts anything a person types ("quoted words",
    // -excluded, or) without syntax errors. 'simple' matches the config the search vector is built with.
    const text = Prisma.sql`t."searchVector" @@ websearch_to_tsquery('simple', ${f.search})`;
    const number = ticketNumberIn(f.search);
    where.push(number === null ? text : Prisma.sql`(${text} OR t."number" = ${number})`);
  }
  if (f.sla) where.push(slaCondition(f.sla));
  for (const { key, value } of f.customFields ?? []) where.push(customFieldCondition(key, value));
  return where;
}

/** A custom field equals the value (see `customFields` in the filter). */
function customFieldCondition(key: string, value: string | number | boolean): Prisma.Sql {
  const stored = Prisma.sql`(t."customFields" -> ${key}::text)`;
  if (typeof value === 'string') {
    return Prisma.sql`(jsonb_typeof(${stored}) = 'string' AND lower(t."customFields" ->> ${key}::text) = lower(${value}::text))`;
  }
  // jsonb compares numbers by value (42 = 42.0).
  if (typeof value === 'number') return Prisma.sql`${stored} = to_jsonb(${value}::numeric)`;
  return value ? Prisma.sql`${stored} = 'true'::jsonb` : Prisma.sql`coalesce(${stored}, 'false'::jsonb) = 'false'::jsonb`;
}

/** One of the ticket's SLA targets matches all the SLA criteria (not each criterion by a different target). */
function slaCondition(sla: NonNullable<TicketListFilter['sla']>): Prisma.Sql {
  const target: Prisma.Sql[] = [Prisma.sql`g."ticketId" = t."id"`];
  if (sla.statuses) target.push(Prisma.sql`g."status" = ANY(${sla.statuses}::text[]::"SlaTargetStatus"[])`);
  if (sla.metrics) target.push(Prisma.sql`g."metric" = ANY(${sla.metrics}::text[]::"SlaMetric"[])`);
  if (sla.dueAfter) target.push(Prisma.sql`g."dueAt" >= ${new Date(sla.dueAfter)}`);
  if (sla.dueBefore) target.push(Prisma.sql`g."dueAt" < ${new Date(sla.dueBefore)}`);
  if (sla.policyIds) target.push(Prisma.sql`g."policyId" = ANY(${sla.policyIds}::uuid[])`);
  return Prisma.sql`EXISTS (SELECT 1 FROM "SlaTarget" g WHERE ${Prisma.join(target, ' AND ')})`;
}

/** A user id no row has: "assigned to me" for a caller without a user matches nothing. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/** Every filter must hold: a saved view narrowed by the filter given with it. */
export function conditionsOf(filters: TicketFilters, viewer: Viewer): Prisma.Sql {
  const all = filters.length === 0 ? ticketConditions({}, viewer) : filters.flatMap((filter) => ticketConditions(filter, viewer));
  return Prisma.join(all, ' AND ');
}

const SORT_COLUMN: Record<Exclude<TicketSortOrder['field'], 'SLA_DUE_AT'>, string> = {
  UPDATED_AT: '"updatedAt"',
  CREATED_AT: '"createdAt"',
  // The Priority enum is declared LOW, MEDIUM, HIGH, URGENT: PostgreSQL orders enum values as declared.
  PRIORITY: '"priority"',
  NUMBER: '"number"',
};

/**
 * The sort key of `alias` (t: the listed row, c: the cursor row). Tickets without a running SLA target come last
 * in both directions: their missing due time reads as the far end of the order, which also keeps the keyset's row
 * comparison free of NULLs.
 */
function sortKey(sort: TicketSortOrder, alias: 't' | 'c'): Prisma.Sql {
  if (sort.field === 'SLA_DUE_AT') {
    const last = Prisma.raw(sort.direction === 'ASC' ? `'infinity'` : `'-infinity'`);
    return Prisma.sql`coalesce(${Prisma.raw(alias)}."slaNextDueAt", ${last}::timestamptz)`;
  }
  return Prisma.raw(`${alias}.${SORT_COLUMN[sort.field]}`);
}

export interface Keyset {
  /** The ticket the page continues from (itself excluded). */
  cursorId: string | null;
  /** Paging towards the start (`last`/`before`): read in reverse, then flip the rows back. */
  backward: boolean;
}

/**
 * ORDER BY and the keyset condition for a page. The id breaks ties in the same direction, so the order is total and
 * `(column, id)` compares as one row value: a page continues exactly after its cursor, whatever the sort.
 */
export function pageOrder(sort: TicketSortOrder, keyset: Keyset, workspaceId: string) {
  const descending = (sort.direction === 'DESC') !== keyset.backward;
  const direction = Prisma.raw(descending ? 'DESC' : 'ASC');
  const orderBy = Prisma.sql`${sortKey(sort, 't')} ${direction}, t."id" ${direction}`;
  const after = keyset.cursorId
    ? Prisma.sql`(${sortKey(sort, 't')}, t."id") ${Prisma.raw(descending ? '<' : '>')}
        (SELECT ${sortKey(sort, 'c')}, c."id" FROM "Ticket" c WHERE c."id" = ${keyset.cursorId}::uuid AND c."workspaceId" = ${workspaceId}::uuid)`
    : null;
  return { orderBy, after };
}

// ---------------------------------------------------------------- the live feed

/**
 * The ticket fields each criterion reads, as change events name them (`ticket.updated` → payload.fields). A ticket
 * can only enter or leave a view when one of these changes; `*` means any change (updatedAt moves with every one).
 */
const FIELDS_OF_CRITERION: Record<keyof TicketListFilter, readonly string[]> = {
  statusIds: ['status'],
  statusCategories: ['status'],
  priorities: ['priority'],
  productIds: [],
  channels: [],
  assigneeUserIds: ['assignee'],
  assigneeTeamIds: ['assignee'],
  unassigned: ['assignee'],
  assignedToMe: ['assignee'],
  tagIds: ['tags'],
  allTagIds: ['tags'],
  topicIds: ['topic'],
  typeIds: ['type'],
  folderIds: ['folder'],
  customerId: [],
  createdAfter: [],
  createdBefore: [],
  updatedAfter: ['*'],
  updatedBefore: ['*'],
  search: ['subject', 'messages', 'merge'],
  // Any change may start, complete or move an SLA clock (breaches by time alone come as sla.* events, not here).
  sla: ['*'],
  // Each custom field criterion reads its own field: see `fieldsRead`.
  customFields: [],
};

/** The change-event fields a criterion of `filter` reads. */
const fieldsRead = (filter: TicketListFilter, key: keyof TicketListFilter) =>
  key === 'customFields' ? (filter.customFields ?? []).map((criterion) => `customField:${criterion.key}`) : FIELDS_OF_CRITERION[key];

/** Whether a change of `changedFields` may have moved a ticket out of (or into) the view of `filters`. */
export function mayChangeMembership(filters: TicketFilters, changedFields: readonly string[]): boolean {
  if (changedFields.includes('*')) return filters.some((filter) => Object.keys(compactFilter(filter)).length > 0);
  for (const filter of filters) {
    for (const key of Object.keys(compactFilter(filter)) as (keyof TicketListFilter)[]) {
      const read = fieldsRead(filter, key);
      if (read.includes('*') || read.some((field) => changedFields.includes(field))) return true;
    }
  }
  return false;
}

export const hasCriteria = (filters: TicketFilters) => filters.some((filter) => Object.keys(compactFilter(filter)).length > 0);
