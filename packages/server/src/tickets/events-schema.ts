// `ticketEvents`: the live feed a ticket list or a ticket screen keeps itself current from. Built on the workspace
// topic of the event bus (every committed `ticket.*` event, on any instance); each event carries the ticket read
// fresh from the database with the client's selection, and says whether the ticket (still) matches the
// subscriber's filter, so a list can add, update or drop a row from the event alone.
//
// Visibility: every agent of the workspace may see every ticket for now, so the only audience check is the
// workspace's. When tickets get restricted (by team or product), filter here as the list does.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { filter, map, pipe } from 'graphql-yoga';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { badInput } from '../errors.js';
import type { PublishedEvent } from '../events/bus.js';
import { REPLAY_LIMIT, replayThenLive } from '../events/replay.js';
import { builder } from '../schema/builder.js';
import { ticketInListing, type TicketListing } from './list.js';
import { hasCriteria, mayChangeMembership } from './list-filter.js';
import { listingOf, TicketFilterInput } from './list-schema.js';
import { idsOf } from './schema.js';

const TICKET_EVENT_KINDS = ['CREATED', 'UPDATED', 'MESSAGE_ADDED', 'ASSIGNED', 'MERGED'] as const;
type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

const TicketEventKindEnum = builder.enumType('TicketEventKind', {
  values: {
    CREATED: {},
    UPDATED: { description: 'Fields changed: see changedFields (status, priority, assignee, tags, subject, …; `sla` when its SLA clocks moved or breached).' },
    MESSAGE_ADDED: { description: 'A reply or a private note: see messageId.' },
    ASSIGNED: { description: 'The assignee changed (also reported as UPDATED with `assignee`).' },
    MERGED: { description: 'This ticket was merged into `ticket.mergedInto`, and closed.' },
  } as const,
});

interface TicketEventItem {
  eventId: string;
  kind: TicketEventKind;
  ticketId: string;
  workspaceId: string;
  changedFields: string[];
  messageId: string | null;
  actor: string;
  occurredAt: string;
  matchesFilter: boolean;
}

/** What an outbox event says about its ticket; unknown `ticket.*` types count as an update of anything. */
function describe(event: PublishedEvent): Omit<TicketEventItem, 'matchesFilter'> {
  const payload = (event.payload ?? {}) as { fields?: unknown; messageId?: unknown };
  const base = {
    eventId: event.id,
    ticketId: event.entityId,
    workspaceId: event.workspaceId,
    actor: event.actor,
    occurredAt: event.occurredAt,
    messageId: null,
  };
  switch (event.type) {
    case 'ticket.created':
      return { ...base, kind: 'CREATED', changedFields: [] };
    case 'ticket.messageAdded':
      return { ...base, kind: 'MESSAGE_ADDED', changedFields: ['messages'], messageId: typeof payload.messageId === 'string' ? payload.messageId : null };
    case 'ticket.assigned':
      return { ...base, kind: 'ASSIGNED', changedFields: ['assignee'] };
    case 'ticket.merged':
      return { ...base, kind: 'MERGED', changedFields: ['merge', 'status'] };
    // SLA clocks change by time alone too (a breach at the due time): a list filtered by SLA state must hear of it.
    case 'sla.breached':
    case 'sla.updated':
      return { ...base, kind: 'UPDATED', changedFields: ['sla'] };
    default: {
      const fields = Array.isArray(payload.fields) ? payload.fields.filter((field): field is string => typeof field === 'string') : ['*'];
      return { ...base, kind: 'UPDATED', changedFields: fields };
    }
  }
}

const TicketEventRef = builder.objectRef<TicketEventItem>('TicketEvent');
TicketEventRef.implement({
  description:
    'One committed change of a ticket. `matchesFilter: false` means the ticket no longer matches your filter (drop ' +
    'it from the list); such events come only when the change could have moved it out.',
  fields: (t) => ({
    eventId: t.exposeID('eventId', { description: 'Grows with every event; pass the last one as `after` when reconnecting.' }),
    kind: t.expose('kind', { type: TicketEventKindEnum }),
    ticket: t.prismaField({
      type: 'Ticket',
      description: 'The ticket as it is now (read when the event is delivered), with whatever you select.',
      resolve: (query, item, _args, ctx) =>
        ctx.app.db.prisma.ticket.findFirstOrThrow({ ...query, where: { id: item.ticketId, workspaceId: item.workspaceId } }),
    }),
    changedFields: t.exposeStringList('changedFields', {
      description: 'For UPDATED: the changed fields, as in the ticket history. `messages` for MESSAGE_ADDED.',
    }),
    messageId: t.id({
      nullable: true,
      description: 'The new TicketMessage, for MESSAGE_ADDED.',
      resolve: (item) => (item.messageId ? encodeGlobalID('TicketMessage', item.messageId) : null),
    }),
    matchesFilter: t.exposeBoolean('matchesFilter'),
    actor: t.exposeString('actor', { description: '`user:<id>`, `token:<id>`, `rule:<id>` or `system`.' }),
    occurredAt: t.field({ type: 'DateTime', resolve: (item) => new Date(item.occurredAt) }),
  }),
});

const TicketEventFilterInput = builder.inputType('TicketEventFilter', {
  description: 'All given criteria must hold.',
  fields: (t) => ({
    tickets: t.field({
      type: TicketFilterInput,
      required: false,
      description: 'Only tickets matching this list filter: the same criteria as `tickets(filter:)`.',
    }),
    viewId: t.id({ required: false, description: 'Only tickets of this saved view of yours (as saved when you subscribe).' }),
    ticketIds: t.idList({
      required: false,
      validate: z.array(z.unknown()).max(100, 'At most 100 tickets.'),
      description: 'Only these tickets (a ticket screen).',
    }),
    kinds: t.field({ type: [TicketEventKindEnum], required: false }),
  }),
});

builder.subscriptionField('ticketEvents', (t) =>
  t.field({
    type: TicketEventRef,
    description:
      'Ticket changes of the workspace as they commit (created, updated, message added, assigned, merged). Pass ' +
      `\`after\` (the last eventId you received) when reconnecting to receive what you missed first, up to ${REPLAY_LIMIT} events.`,
    args: {
      filter: t.arg({ type: TicketEventFilterInput, required: false }),
      after: t.arg.id({ required: false, description: 'Resume after this event id.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const principal = principalOf(ctx);
      const wanted = args.filter ?? {};
      const ticketIds = wanted.ticketIds ? new Set(idsOf(wanted.ticketIds, 'Ticket', 'filter.ticketIds')) : null;
      const kinds = wanted.kinds?.length ? new Set<TicketEventKind>(wanted.kinds) : null;
      const listing: TicketListing = await listingOf(ctx, { filter: wanted.tickets, viewId: wanted.viewId }, {
        filter: 'filter.tickets',
        viewId: 'filter.viewId',
      });
      const filtered = hasCriteria(listing.filters);
      if (args.after != null && !/^\d{1,18}$/.test(String(args.after))) throw badInput('after', 'Must be the id of an event.');

      const visible = (event: PublishedEvent) =>
        event.workspaceId === principal.workspaceId &&
        event.entityType === 'Ticket' &&
        (event.type.startsWith('ticket.') || event.type === 'sla.breached' || event.type === 'sla.updated') &&
        (!ticketIds || ticketIds.has(event.entityId));
      const live = pipe(ctx.app.events.subscribe(principal.workspaceId), filter(visible));
      const source = args.after == null ? live : replayThenLive(ctx.app.db.prisma, principal.workspaceId, BigInt(String(args.after)), live, visible);

      // The ticket is read as it is now: a list applies the latest state whatever order events arrive in.
      const classify = async (event: PublishedEvent): Promise<TicketEventItem | null> => {
        const item = describe(event);
        if (kinds && !kinds.has(item.kind)) return null;
        if (!filtered) return { ...item, matchesFilter: true };
        const matchesFilter = await ticketInListing(ctx.app.db.prisma, listing, item.ticketId);
        // A ticket that does not match is news only if this change could have moved it out of the list. ASSIGNED
        // never is on its own: a reassignment also comes as UPDATED (assignee), and a new ticket had no list to leave.
        const couldHaveLeft = item.kind !== 'CREATED' && item.kind !== 'ASSIGNED' && mayChangeMembership(listing.filters, item.changedFields);
        if (!matchesFilter && !couldHaveLeft) return null;
        return { ...item, matchesFilter };
      };
      return pipe(source, map(classify), filter((item): item is TicketEventItem => item !== null));
    },
    resolve: (item) => item as TicketEventItem,
  }),
);
