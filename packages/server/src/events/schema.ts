// GraphQL for the realtime feed: every committed change of the workspace, filtered by what the subscriber may see.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { filter, pipe } from 'graphql-yoga';
import { hasRoleAtLeast } from '../auth/principal.js';
import { principalOf } from '../context.js';
import { builder } from '../schema/builder.js';
import { audienceOf } from './audience.js';
import type { PublishedEvent } from './bus.js';
import { REPLAY_LIMIT, replayThenLive } from './replay.js';
import { badInput } from '../errors.js';

const DomainEventRef = builder.objectRef<PublishedEvent>('DomainEvent');
DomainEventRef.implement({
  description: 'One committed change. `id` grows with every event, so clients can order and de-duplicate them.',
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.exposeString('type', { description: 'Such as `customer.created` or `user.deactivated`.' }),
    entityType: t.exposeString('entityType'),
    entityId: t.id({ description: 'Global id of the changed object.', resolve: (event) => encodeGlobalID(event.entityType, event.entityId) }),
    actor: t.exposeString('actor', { description: '`user:<id>`, `token:<id>` or `system`.' }),
    payload: t.field({ type: 'JSON', resolve: (event) => event.payload }),
    occurredAt: t.field({ type: 'DateTime', resolve: (event) => new Date(event.occurredAt) }),
  }),
});

/** `customer.created` matches itself and `customer.*`. */
export function matchesEventType(type: string, wanted: readonly string[] | null | undefined) {
  if (!wanted || wanted.length === 0) return true;
  return wanted.some((pattern) => (pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type));
}

builder.subscriptionField('workspaceEvents', (t) =>
  t.field({
    type: DomainEventRef,
    description:
      'Every change in the workspace as it commits, on any server instance. Pass `after` (the id of the last event ' +
      `you received) when reconnecting to receive what you missed first, up to ${REPLAY_LIMIT} events.`,
    args: {
      types: t.arg.stringList({ required: false, description: 'Event types to receive; `customer.*` for a family.' }),
      after: t.arg.id({ required: false, description: 'Resume after this event id.' }),
    },
    subscribe: (_root, args, ctx) => {
      const principal = principalOf(ctx);
      const visible = (event: PublishedEvent) =>
        event.workspaceId === principal.workspaceId &&
        hasRoleAtLeast(principal, audienceOf(event.type)) &&
        matchesEventType(event.type, args.types);
      const live = pipe(ctx.app.events.subscribe(principal.workspaceId), filter(visible));
      if (args.after == null) return live;
      if (!/^\d{1,18}$/.test(String(args.after))) throw badInput('after', 'Must be the id of an event.');
      return replayThenLive(ctx.app.db.prisma, principal.workspaceId, BigInt(String(args.after)), live, visible);
    },
    resolve: (event) => event,
  }),
);
