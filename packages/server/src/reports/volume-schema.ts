// GraphQL for the ticket volume report: tickets created and resolved per bucket, split by status, product, channel,
// priority, type, team or assignee. Read like the SLA reports: every member and every token of the workspace.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { type Context, principalOf } from '../context.js';
import { ChannelEnum } from '../products/schema.js';
import { builder } from '../schema/builder.js';
import { PriorityEnum } from '../vocabularies/schema.js';
import type { BucketInterval } from './buckets.js';
import { MAX_FILTER_VALUES, reportPeriodLimit } from './filters.js';
import {
  decodeVolumeFilter,
  ticketVolumeReport,
  type VolumeDimension,
  type VolumeFilterInput,
  type VolumeGroupValue,
  type VolumeReport,
  type VolumeRow,
} from './volume.js';

/** Hourly buckets have the hourly limit of the SLA reports; days, weeks and months the general one. */
export const volumePeriodLimit = (ctx: Pick<Context, 'app'>, interval: BucketInterval) =>
  reportPeriodLimit(ctx.app.config, interval === 'HOUR' ? 'HOUR' : 'DAY');

export function volumeFilterOf(ctx: Context, input: VolumeFilterInput, interval: BucketInterval) {
  return decodeVolumeFilter(input, principalOf(ctx).workspaceId, volumePeriodLimit(ctx, interval));
}

const TicketVolumeIntervalEnum = builder.enumType('TicketVolumeInterval', {
  description: "Size of a bucket in the workspace's time zone; weeks start on Monday.",
  values: { HOUR: {}, DAY: {}, WEEK: {}, MONTH: {} } as const satisfies Record<BucketInterval, object>,
});

const TicketVolumeDimensionEnum = builder.enumType('TicketVolumeDimension', {
  description: 'What rows are split by. Values are those of the ticket now (not when it was created).',
  values: {
    STATUS: {},
    PRODUCT: {},
    CHANNEL: {},
    PRIORITY: {},
    TYPE: {},
    TEAM: { description: 'The team the ticket is assigned to.' },
    AGENT: { description: 'The user the ticket is assigned to.' },
  } as const satisfies Record<VolumeDimension, object>,
});

const fewValues = z.array(z.unknown()).max(MAX_FILTER_VALUES, `At most ${MAX_FILTER_VALUES} values.`);

const TicketVolumeFilterInput = builder.inputType('TicketVolumeFilter', {
  description:
    'Which tickets count: created (or resolved) in [from, to), of the workspace. Every list given must match; empty or ' +
    'omitted = any. Ids of another workspace match nothing.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    to: t.field({
      type: 'DateTime',
      description: 'Exclusive. At most SLA_REPORT_MAX_DAYS (366) after `from`, SLA_REPORT_HOURLY_MAX_DAYS (31) for HOUR buckets.',
    }),
    productIds: t.idList({ required: false, validate: fewValues }),
    channels: t.field({ type: [ChannelEnum], required: false, validate: fewValues }),
    teamIds: t.idList({ required: false, validate: fewValues, description: 'Tickets assigned to these teams.' }),
    agentIds: t.idList({ required: false, validate: fewValues, description: 'Tickets assigned to these users.' }),
    priorities: t.field({ type: [PriorityEnum], required: false, validate: fewValues }),
  }),
});

const NODE_TYPES: Partial<Record<VolumeDimension, string>> = {
  STATUS: 'TicketStatus',
  PRODUCT: 'Product',
  TYPE: 'TicketType',
  TEAM: 'Team',
  AGENT: 'User',
};

const TicketVolumeGroupRef = builder.objectRef<VolumeGroupValue>('TicketVolumeGroup').implement({
  description: 'The value of one grouped dimension on a row.',
  fields: (t) => ({
    dimension: t.field({ type: TicketVolumeDimensionEnum, resolve: (group) => group.dimension }),
    key: t.string({
      nullable: true,
      description:
        'The global id of the status, product, type, team or user; the enum value for CHANNEL and PRIORITY. null for ' +
        'tickets without one (no type, no team, unassigned).',
      resolve: ({ dimension, id }) => (id === null ? null : NODE_TYPES[dimension] ? encodeGlobalID(NODE_TYPES[dimension], id) : id),
    }),
    name: t.string({
      nullable: true,
      description: 'The name as it is now; the enum value for CHANNEL and PRIORITY (clients translate it); null with key.',
      resolve: (group) => group.name,
    }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The fields of a row and of a total (a total is a row without its bucket). */
function volumeFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, VolumeRow>, on: 'bucket' | 'period') {
  return {
    groups: t.field({ type: [TicketVolumeGroupRef], description: 'One per groupBy dimension, in that order.', resolve: (row) => row.groups }),
    created: t.int({ description: 'Tickets created.', resolve: (row) => row.created }),
    resolved: t.int({
      description: 'Tickets whose resolution falls here (resolvedAt; a ticket reopened since is not counted), whenever created.',
      resolve: (row) => row.resolved,
    }),
    openAtEnd: t.int({
      description:
        (on === 'bucket'
          ? "The backlog at the bucket's end: tickets of the filter created before the end, at any time (also before " +
            '`from`), and not resolved by then (resolvedAt empty, or at or after the end). The end is the next ' +
            "bucket's start, or `to` for the last bucket. Adds up: the group's openAtEnd of the bucket before (0 " +
            'without a row) + created - resolved. '
          : "The backlog at the end of the period (`to`): the openAtEnd of the period's last bucket. ") +
        'Like `resolved`, it reads the resolvedAt a ticket has now: a ticket resolved and reopened since counts as open ' +
        'in every bucket until it is resolved again; a ticket merged into another counts as resolved when merged.',
      resolve: (row) => row.openAtEnd,
    }),
  };
}

const TicketVolumeRowRef = builder.objectRef<VolumeRow>('TicketVolumeRow').implement({
  description:
    'Tickets of one bucket and group. Only buckets and groups with a ticket created or resolved in the bucket, or open ' +
    'at its end, have a row.',
  fields: (t) => ({
    bucket: t.field({ type: 'DateTime', description: 'Start of the bucket in the workspace zone, as an instant.', resolve: (row) => row.bucket! }),
    ...volumeFields(t, 'bucket'),
  }),
});

const TicketVolumeTotalRef = builder.objectRef<VolumeRow>('TicketVolumeTotal').implement({
  description: 'Tickets of the whole period for one group; openAtEnd is the backlog at the end of the period.',
  fields: (t) => volumeFields(t, 'period'),
});

interface VolumeView {
  report: VolumeReport;
}

const TicketVolumeReportRef = builder.objectRef<VolumeView>('TicketVolumeReport').implement({
  fields: (t) => ({
    timeZone: t.string({ description: 'The workspace time zone buckets are cut in.', resolve: ({ report }) => report.timeZone }),
    interval: t.field({ type: TicketVolumeIntervalEnum, resolve: ({ report }) => report.interval }),
    groupBy: t.field({ type: [TicketVolumeDimensionEnum], resolve: ({ report }) => report.groupBy }),
    buckets: t.field({
      type: ['DateTime'],
      description: 'Every bucket start of the period, empty ones included, so a chart needs no date arithmetic of its own.',
      resolve: ({ report }) => report.buckets,
    }),
    rows: t.field({ type: [TicketVolumeRowRef], description: 'By bucket, then group.', resolve: ({ report }) => report.rows }),
    totals: t.field({ type: [TicketVolumeTotalRef], description: 'The whole period, per group.', resolve: ({ report }) => report.totals }),
  }),
});

builder.queryField('ticketVolumeReport', (t) =>
  t.field({
    type: TicketVolumeReportRef,
    description:
      'Tickets created, resolved and open (the backlog) per bucket (in the workspace zone) and group, and per group for ' +
      'the period. Also ' +
      'as CSV: GET /reports/ticket-volume.csv?from=…&to=…&interval=DAY&groupBy=STATUS,CHANNEL&productIds=…',
    args: {
      filter: t.arg({ type: TicketVolumeFilterInput }),
      interval: t.arg({ type: TicketVolumeIntervalEnum, required: false, defaultValue: 'DAY' }),
      groupBy: t.arg({ type: [TicketVolumeDimensionEnum], required: false, defaultValue: [] }),
    },
    resolve: async (_root, args, ctx) => {
      const interval = args.interval ?? 'DAY';
      const filter = volumeFilterOf(ctx, args.filter, interval);
      const report = await ticketVolumeReport(ctx.app.db.prisma, { filter, interval, groupBy: args.groupBy ?? [] });
      return { report };
    },
  }),
);
