// GraphQL for changing many tickets at once (`bulkUpdateTickets`, all or nothing, with a result per ticket) and for
// merging one or several tickets into another (`mergeTickets`).
import { z } from 'zod';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput } from '../errors.js';
import type { Ticket } from '../generated/prisma/client.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { PriorityEnum } from '../vocabularies/schema.js';
import { BULK_TICKET_LIMIT, type BulkOutcome, type BulkTicketResult, bulkUpdateTickets } from './bulk.js';
import { MERGE_SOURCE_LIMIT, mergeTickets } from './merge.js';
import { AssigneeInput, ticketChangesOf } from './schema.js';

// ---------------------------------------------------------------- bulk update

const BulkTicketChangesInput = builder.inputType('BulkTicketChangesInput', {
  description: 'One change for every listed ticket. Omitted fields stay as they are; null clears type, topic, folder or assignee.',
  fields: (t) => ({
    statusId: t.id({ required: false }),
    close: t.boolean({ required: false, description: "Move to the workspace's first status in the CLOSED category (instead of statusId)." }),
    priority: t.field({ type: PriorityEnum, required: false }),
    assignee: t.field({ type: AssigneeInput, required: false, description: 'null unassigns.' }),
    typeId: t.id({ required: false }),
    topicId: t.id({ required: false, description: "Must belong to each ticket's product." }),
    folderId: t.id({ required: false }),
    tagIds: t.idList({ required: false, description: 'The complete new tag list of every ticket.' }),
    addTagIds: t.idList({ required: false }),
    removeTagIds: t.idList({ required: false }),
  }),
});

const BulkUpdateTicketsInput = builder.inputType('BulkUpdateTicketsInput', {
  fields: (t) => ({
    ticketIds: t.idList({
      description: `1 to ${BULK_TICKET_LIMIT} tickets, each once.`,
      validate: z
        .array(z.unknown())
        .min(1, 'Give at least one ticket.')
        .max(BULK_TICKET_LIMIT, `At most ${BULK_TICKET_LIMIT} tickets at once.`),
    }),
    changes: t.field({ type: BulkTicketChangesInput }),
  }),
});

const BulkTicketErrorRef = builder.objectRef<NonNullable<BulkTicketResult['error']>>('BulkTicketError');
BulkTicketErrorRef.implement({
  description: 'Why one ticket could not take the change: the same code and field a single updateTicket would give.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'NOT_FOUND, CONFLICT (merged), BAD_USER_INPUT, …' }),
    field: t.exposeString('field', {
      nullable: true,
      description: '`input.ticketIds.<position>` when the ticket itself is the problem, `input.changes.<field>` when the change does not fit it.',
    }),
    message: t.exposeString('message'),
  }),
});

/** Loads every ticket a payload names in one query per selection, however many results ask for theirs. */
function ticketLoader(ctx: Context, ids: string[]) {
  const loaded = new Map<string, Promise<Map<string, Ticket>>>();
  return (query: object) => {
    const key = JSON.stringify(query);
    let tickets = loaded.get(key);
    if (!tickets) {
      tickets = ctx.app.db.prisma.ticket
        .findMany({ ...query, where: { id: { in: ids }, workspaceId: principalOf(ctx).workspaceId } })
        .then((rows) => new Map(rows.map((row) => [row.id, row])));
      loaded.set(key, tickets);
    }
    return tickets;
  };
}

interface BulkPayload {
  outcome: BulkOutcome;
  /** The ids as the client gave them, by position. */
  givenIds: string[];
  tickets: ReturnType<typeof ticketLoader>;
}

const BulkTicketResultRef = builder.objectRef<{ result: BulkTicketResult; givenId: string; payload: BulkPayload }>('BulkTicketResult');
BulkTicketResultRef.implement({
  fields: (t) => ({
    ticketId: t.id({ description: 'The id as given in `ticketIds`.', resolve: (item) => item.givenId }),
    ok: t.boolean({
      description: 'This ticket could take the change. It was only saved if every ticket could (see BulkUpdateTicketsPayload.ok).',
      resolve: (item) => item.result.ok,
    }),
    error: t.field({ type: BulkTicketErrorRef, nullable: true, resolve: (item) => item.result.error }),
    ticket: t.prismaField({
      type: 'Ticket',
      nullable: true,
      description: 'The ticket as it is now (unchanged when the bulk update rolled back); null when not found.',
      resolve: async (query, item) =>
        item.result.ticketId ? ((await item.payload.tickets(query)).get(item.result.ticketId) ?? null) : null,
    }),
  }),
});

const BulkUpdateTicketsPayloadRef = builder.objectRef<BulkPayload>('BulkUpdateTicketsPayload');
BulkUpdateTicketsPayloadRef.implement({
  fields: (t) => ({
    ok: t.boolean({
      description: 'True: every ticket took the change. False: nothing was changed at all; `results` say which tickets failed and why.',
      resolve: (payload) => payload.outcome.ok,
    }),
    updatedCount: t.int({
      description: 'Tickets that actually changed (0 when nothing was saved; a ticket that already had the values is ok but not counted).',
      resolve: (payload) => payload.outcome.updatedCount,
    }),
    results: t.field({
      type: [BulkTicketResultRef],
      description: 'One per given id, in the order given.',
      resolve: (payload) => payload.outcome.results.map((result, index) => ({ result, givenId: payload.givenIds[index], payload })),
    }),
    tickets: t.prismaField({
      type: ['Ticket'],
      description: 'The updated tickets, in the order given; empty when nothing was saved.',
      resolve: async (query, payload) => {
        if (!payload.outcome.ok) return [];
        const byId = await payload.tickets(query);
        return payload.outcome.results.flatMap((result) => (result.ticketId && byId.get(result.ticketId)) || []);
      },
    }),
  }),
});

/** A malformed or wrongly typed id is not an input error of the whole call: that position reports NOT_FOUND. */
const ticketIdOrNull = (value: string | number) => {
  try {
    return idOf(String(value), 'Ticket');
  } catch {
    return null;
  }
};

builder.mutationField('bulkUpdateTickets', (t) =>
  t.field({
    type: BulkUpdateTicketsPayloadRef,
    description:
      `Apply one change to up to ${BULK_TICKET_LIMIT} tickets, all or nothing: each ticket is checked and changed like ` +
      'updateTicket (history, rules, events); if any ticket cannot take the change, nothing changes and `results` ' +
      'name the failing tickets with their error.',
    args: { input: t.arg({ type: BulkUpdateTicketsInput }) },
    resolve: async (_root, { input }, ctx) => {
      const givenIds = input.ticketIds.map(String);
      const ticketIds = givenIds.map(ticketIdOrNull);
      const changes = ticketChangesOf(input.changes, 'input.changes');
      const outcome = await bulkUpdateTickets(ctx, ticketIds, { ...changes, close: input.changes.close });
      const ids = outcome.results.flatMap((result) => (result.ticketId ? [result.ticketId] : []));
      return { outcome, givenIds, tickets: ticketLoader(ctx, ids) };
    },
  }),
);

// ---------------------------------------------------------------- merge

builder.prismaObjectFields('Ticket', (t) => ({
  mergedTickets: t.relation('mergedTickets', {
    description: 'Tickets merged into this one (each closed, with `mergedInto` pointing here).',
    query: { orderBy: { number: 'asc' } },
  }),
}));

const MergeTicketsInput = builder.inputType('MergeTicketsInput', {
  description: 'Give exactly one of `sourceTicketId` (one ticket) or `sourceTicketIds` (several, merged all or nothing).',
  fields: (t) => ({
    sourceTicketId: t.id({
      required: false,
      description: 'Merged away: its messages move to the target; it is closed and read-only. Use this or `sourceTicketIds`.',
    }),
    sourceTicketIds: t.idList({
      required: false,
      description:
        `1 to ${MERGE_SOURCE_LIMIT} tickets merged away in one transaction, each once and none the target; in this order ` +
        'each gets its note, history and events. If any cannot merge, none is merged and the error names it ' +
        '(`input.sourceTicketIds.<position>`). Use this or `sourceTicketId`.',
    }),
    targetTicketId: t.id({ description: 'Continues, with every conversation.' }),
  }),
});

interface MergePayload {
  sourceTicketIds: string[];
  targetTicketId: string;
}

const MergeTicketsPayloadRef = builder.objectRef<MergePayload>('MergeTicketsPayload');
MergeTicketsPayloadRef.implement({
  fields: (t) => ({
    sourceTicket: t.prismaField({
      type: 'Ticket',
      description: 'The merged ticket (the first of `sourceTickets` when several were merged).',
      resolve: (query, payload, _args, ctx) => ctx.app.db.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: payload.sourceTicketIds[0] } }),
    }),
    sourceTickets: t.prismaField({
      type: ['Ticket'],
      description: 'Every merged ticket, in the order given: each closed, with `mergedInto` pointing to the target.',
      resolve: async (query, payload, _args, ctx) => {
        const rows = await ctx.app.db.prisma.ticket.findMany({ ...query, where: { id: { in: payload.sourceTicketIds } } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return payload.sourceTicketIds.flatMap((id) => byId.get(id) ?? []);
      },
    }),
    targetTicket: t.prismaField({
      type: 'Ticket',
      resolve: (query, payload, _args, ctx) => ctx.app.db.prisma.ticket.findUniqueOrThrow({ ...query, where: { id: payload.targetTicketId } }),
    }),
  }),
});

builder.mutationField('mergeTickets', (t) =>
  t.field({
    type: MergeTicketsPayloadRef,
    description:
      'Merge one or several tickets into another of the workspace: messages (with their times) and attachments move ' +
      'to the target, tags join, each source and the target get a private note "Merged #a into #b"; each source is ' +
      'closed and can no longer change. Several sources merge in one transaction, all or nothing.',
    args: { input: t.arg({ type: MergeTicketsInput }) },
    resolve: (_root, { input }, ctx) => {
      const single = input.sourceTicketId != null;
      if (single === (input.sourceTicketIds != null)) {
        throw badInput('input.sourceTicketIds', 'Give exactly one of sourceTicketId (one ticket) or sourceTicketIds (several).');
      }
      const sourceTicketIds = single
        ? [idOf(String(input.sourceTicketId), 'Ticket', 'input.sourceTicketId')]
        : input.sourceTicketIds!.map((id, index) => idOf(String(id), 'Ticket', `input.sourceTicketIds.${index}`));
      return mergeTickets(ctx, {
        sourceTicketIds,
        targetTicketId: idOf(String(input.targetTicketId), 'Ticket', 'input.targetTicketId'),
        sourceField: single ? 'input.sourceTicketId' : 'input.sourceTicketIds',
      });
    },
  }),
);
