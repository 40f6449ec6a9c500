// GraphQL for the cockpit: today's per-agent live-chat figures as a query, and as a subscription that pushes the
// rows again after every conversation or presence change of the workspace (coalesced per subscriber).
import { Repeater } from 'graphql-yoga';
import { z } from 'zod';
import { type Context, principalOf } from '../context.js';
import type { PublishedEvent } from '../events/bus.js';
import type { Channel } from '../generated/prisma/enums.js';
import { log } from '../log.js';
import { PresenceStatusEnum } from '../presence/schema.js';
import { ChannelEnum } from '../products/schema.js';
import { loadInBatch } from '../schema/batch-load.js';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { createCoalescer } from './coalesce.js';
import { MAX_SEARCH_LENGTH, type CockpitRow } from './metrics.js';
import { checkCockpitProduct, readCockpitSnapshot } from './service.js';

/** At most one recomputation per this many milliseconds per subscriber; the last change is always pushed. */
export const COCKPIT_PUSH_INTERVAL_MS = 500;

const CockpitRowRef = builder.objectRef<CockpitRow>('CockpitRow');
CockpitRowRef.implement({
  description:
    "One agent's live-chat figures for today (midnight to midnight in the workspace's time zone), under the cockpit's " +
    'product and channel filter.',
  fields: (t) => ({
    user: t.prismaField({
      type: 'User',
      resolve: async (query, row, _args, ctx) => {
        const user = await loadInBatch(ctx, `cockpit-user:${JSON.stringify(query)}`, row.userId, (ids) =>
          ctx.app.db.prisma.user.findMany({ ...query, where: { id: { in: ids }, workspaceId: principalOf(ctx).workspaceId } }),
        );
        if (!user) throw new Error(`cockpit row for a user that is gone: ${row.userId}`);
        return user;
      },
    }),
    name: t.exposeString('name'),
    status: t.field({ type: PresenceStatusEnum, resolve: (row) => row.status }),
    statusChangedAt: t.field({ type: 'DateTime', resolve: (row) => row.statusChangedAt }),
    timeInStatusSeconds: t.exposeInt('timeInStatusSeconds', { description: 'As of when the row was computed.' }),
    averageFirstResponseSeconds: t.exposeInt('averageFirstResponseSeconds', {
      nullable: true,
      description: "Assignment to the agent's first reply, averaged over today's first replies; null when none.",
    }),
    averageResolutionSeconds: t.exposeInt('averageResolutionSeconds', {
      nullable: true,
      description: "Assignment to resolution, averaged over today's resolutions; null when none.",
    }),
    activeConversations: t.exposeInt('activeConversations', { description: 'ACTIVE conversations the agent holds now.' }),
    resolvedToday: t.exposeInt('resolvedToday'),
    reactivatedToday: t.exposeInt('reactivatedToday', { description: 'Conversations the agent reopened from the archive today.' }),
    transferredToday: t.exposeInt('transferredToday', { description: 'Conversations the agent transferred to someone else today.' }),
  }),
});


interface CockpitArgs {
  productId?: string | number | null;
  channel?: Channel | null;
  search?: string | null;
}

async function cockpitRequest(ctx: Context, args: CockpitArgs) {
  const { workspaceId } = principalOf(ctx);
  const productId = args.productId != null ? idOf(String(args.productId), 'Product', 'productId') : null;
  await checkCockpitProduct(ctx.app, workspaceId, productId);
  return { workspaceId, productId, channel: args.channel ?? null, search: args.search ?? null };
}

const ARG_DESCRIPTIONS = {
  productId: 'Only this product: its conversations, and the agents who may take them.',
  channel: 'Only this channel (all when omitted); agents who take no chats on it are left out.',
  search: 'Part of the agent’s name, from one letter, ignoring case (Turkish i/İ/ı alike).',
};

builder.queryField('cockpit', (t) =>
  t.field({
    type: [CockpitRowRef],
    authScopes: { supervisor: true },
    description: "Per agent, ordered by name: status, time in status and today's live-chat figures. Supervisors and admins.",
    args: {
      productId: t.arg.id({ required: false, description: ARG_DESCRIPTIONS.productId }),
      channel: t.arg({ type: ChannelEnum, required: false, description: ARG_DESCRIPTIONS.channel }),
      search: t.arg.string({ required: false, description: ARG_DESCRIPTIONS.search, validate: z.string().max(MAX_SEARCH_LENGTH) }),
    },
    resolve: async (_root, args, ctx) => (await readCockpitSnapshot(ctx.app, await cockpitRequest(ctx, args))).rows,
  }),
);

// Delivery receipts, fetched media and queue arrivals change no agent's figures; on a busy WhatsApp line they are most events.
const IGNORED_CONVERSATION_EVENTS = new Set([
  'conversation.message.status',
  'conversation.message.deleted',
  'conversation.message.files',
  'conversation.queued',
]);
const pushesCockpit = (event: PublishedEvent) =>
  (event.type.startsWith('conversation.') && !IGNORED_CONVERSATION_EVENTS.has(event.type)) ||
  event.type.startsWith('presence.') ||
  event.type.startsWith('user.');

builder.subscriptionField('cockpit', (t) =>
  t.field({
    type: [CockpitRowRef],
    authScopes: { supervisor: true },
    description:
      `The cockpit's rows at once, then again after conversation, presence and agent changes (at most every ` +
      `${COCKPIT_PUSH_INTERVAL_MS} ms, always after the last change) and when the day turns in the workspace's zone.`,
    args: {
      productId: t.arg.id({ required: false, description: ARG_DESCRIPTIONS.productId }),
      channel: t.arg({ type: ChannelEnum, required: false, description: ARG_DESCRIPTIONS.channel }),
      search: t.arg.string({ required: false, description: ARG_DESCRIPTIONS.search, validate: z.string().max(MAX_SEARCH_LENGTH) }),
    },
    subscribe: async (_root, args, ctx) => {
      const request = await cockpitRequest(ctx, args);
      const changes = ctx.app.events.subscribe(request.workspaceId);
      return new Repeater<CockpitRow[]>(async (push, stop) => {
        let midnight: NodeJS.Timeout | undefined;
        const compute = async () => {
          try {
            const snapshot = await readCockpitSnapshot(ctx.app, request);
            // Counters restart at local midnight with no event to say so: recompute then too.
            clearTimeout(midnight);
            const untilMidnight = snapshot.dayEndsAt.getTime() - ctx.app.clock.now().getTime();
            if (untilMidnight > 0 && untilMidnight < 2 ** 31 - 1) midnight = setTimeout(() => coalescer.poke(), untilMidnight + 1000);
            await push(snapshot.rows);
          } catch (error) {
            log.warn('cockpit push failed', { error: (error as Error).message });
          }
        };
        const coalescer = createCoalescer(COCKPIT_PUSH_INTERVAL_MS, compute);
        const iterator = changes[Symbol.asyncIterator]();
        void stop.then(() => iterator.return?.());
        // Listen before the first read, so a change committed meanwhile is either in that read or pushed after it.
        const first = iterator.next();
        coalescer.poke();
        try {
          let next = first;
          for (;;) {
            const result = await Promise.race([next, stop.then(() => ({ done: true as const, value: undefined }))]);
            if (result.done) break;
            if (result.value.workspaceId === request.workspaceId && pushesCockpit(result.value)) coalescer.poke();
            next = iterator.next();
          }
        } finally {
          coalescer.stop();
          clearTimeout(midnight);
          stop();
        }
      });
    },
    resolve: (rows) => rows,
  }),
);
