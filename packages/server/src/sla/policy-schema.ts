// GraphQL for SLA policies: the SlaPolicy node, the SlaMetric enum (shared by every SLA type), `slaPolicies`, and
// the mutations supervisors and admins use to define what is promised.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { descriptionRule } from '../calendar/schema.js';
import { principalOf } from '../context.js';
import { ChannelEnum } from '../products/schema.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { PriorityEnum } from '../vocabularies/schema.js';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from './policy-service.js';
import { type PolicyTarget, policyTargetsSchema, targetRateSchema, targetsOf, warnAtPercentSchema } from './terms.js';

const LIST_LIMIT = 500;

export const SlaMetricEnum = builder.enumType('SlaMetric', {
  description: 'What an SLA target measures.',
  values: {
    FIRST_RESPONSE: { description: "From the ticket's creation to the first public agent reply." },
    NEXT_RESPONSE: { description: 'From each customer message that waits for an answer to the next public agent reply.' },
    RESOLUTION: { description: 'From creation to resolution (reopening continues the clock).' },
    CHAT_RESPONSE: { description: 'Like NEXT_RESPONSE, for chat channels only.' },
  } as const,
});

const SlaPolicyTargetRef = builder.objectRef<PolicyTarget>('SlaPolicyTarget').implement({
  description: 'A promise of a policy: the metric met within this many minutes of open calendar time.',
  fields: (t) => ({
    metric: t.field({ type: SlaMetricEnum, resolve: (target) => target.metric }),
    minutes: t.exposeInt('minutes'),
  }),
});

export const SlaPolicyRef = builder.prismaNode('SlaPolicy', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description: 'What support promises (targets per metric, measured on a calendar); SLA rules choose it for tickets.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    products: t.prismaField({
      type: ['Product'],
      description: 'Products it may apply to; empty = every product.',
      resolve: (query, policy, _args, ctx) =>
        policy.productIds.length === 0
          ? []
          : ctx.app.db.prisma.product.findMany({
              ...query,
              where: { workspaceId: policy.workspaceId, id: { in: policy.productIds } },
              orderBy: { name: 'asc' },
            }),
    }),
    channels: t.field({
      type: [ChannelEnum],
      description: 'Channels it may apply to; empty = every channel.',
      resolve: (policy) => policy.channels,
    }),
    priorities: t.field({
      type: [PriorityEnum],
      description: 'Priorities it may apply to; empty = every priority.',
      resolve: (policy) => policy.priorities,
    }),
    calendar: t.relation('calendar', { nullable: true, description: 'The business calendar targets count on; null = 24/7.' }),
    targets: t.field({
      type: [SlaPolicyTargetRef],
      description: 'At most one per metric, in metric order.',
      resolve: (policy) => targetsOf(policy.targets),
    }),
    targetRate: t.exposeFloat('targetRate', { description: 'Share of targets that should be met, in percent.' }),
    pauseWhenPending: t.exposeBoolean('pauseWhenPending', { description: 'Statuses of the PENDING category stop the clocks.' }),
    warnAtPercent: t.exposeInt('warnAtPercent', { description: "Warn when this share of a target's time has passed." }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('slaPolicies', (t) =>
  t.prismaField({
    type: ['SlaPolicy'],
    description: "The workspace's SLA policies by name.",
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.slaPolicy.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: LIST_LIMIT,
      }),
  }),
);

// ---------------------------------------------------------------- mutations

export const SlaPolicyTargetInput = builder.inputType('SlaPolicyTargetInput', {
  fields: (t) => ({
    metric: t.field({ type: SlaMetricEnum }),
    minutes: t.int({ description: 'Minutes of open calendar time, 1 to 525600.' }),
  }),
});

const TARGETS_DESCRIPTION = 'At least one, one per metric.';
const ids = (globalIds: readonly (string | number)[] | null | undefined, typename: string, field: string) =>
  globalIds?.map((id, index) => idOf(String(id), typename, `${field}.${index}`));

const CreateSlaPolicyInput = builder.inputType('CreateSlaPolicyInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule, description: 'Unique in the workspace.' }),
    description: t.string({ required: false, validate: descriptionRule }),
    targets: t.field({ type: [SlaPolicyTargetInput], validate: policyTargetsSchema, description: TARGETS_DESCRIPTION }),
    targetRate: t.float({ validate: targetRateSchema, description: 'Share of targets that should be met, 0–100 %.' }),
    calendarId: t.id({ required: false, description: 'Business calendar; omitted or null = 24/7.' }),
    productIds: t.idList({ required: false, description: 'Products it may apply to; empty = all.' }),
    channels: t.field({ type: [ChannelEnum], required: false, description: 'Empty = all.' }),
    priorities: t.field({ type: [PriorityEnum], required: false, description: 'Empty = all.' }),
    pauseWhenPending: t.boolean({ required: false, description: 'Defaults to true.' }),
    warnAtPercent: t.int({ required: false, validate: warnAtPercentSchema, description: '1–99; defaults to 80.' }),
  }),
});

builder.mutationField('createSlaPolicy', (t) =>
  t.prismaField({
    type: 'SlaPolicy',
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: CreateSlaPolicyInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.slaPolicy,
        query,
        createSlaPolicy(ctx, {
          ...input,
          calendarId: input.calendarId != null ? idOf(String(input.calendarId), 'BusinessCalendar', 'input.calendarId') : null,
          productIds: ids(input.productIds, 'Product', 'input.productIds'),
        }),
      ),
  }),
);

const UpdateSlaPolicyInput = builder.inputType('UpdateSlaPolicyInput', {
  description: 'Omitted fields stay as they are; lists are replaced as a whole; calendarId: null = 24/7.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    description: t.string({ required: false, validate: descriptionRule }),
    targets: t.field({ type: [SlaPolicyTargetInput], required: false, validate: policyTargetsSchema, description: TARGETS_DESCRIPTION }),
    targetRate: t.float({ required: false, validate: targetRateSchema }),
    calendarId: t.id({ required: false }),
    productIds: t.idList({ required: false }),
    channels: t.field({ type: [ChannelEnum], required: false }),
    priorities: t.field({ type: [PriorityEnum], required: false }),
    pauseWhenPending: t.boolean({ required: false }),
    warnAtPercent: t.int({ required: false, validate: warnAtPercentSchema }),
  }),
});

builder.mutationField('updateSlaPolicy', (t) =>
  t.prismaField({
    type: 'SlaPolicy',
    authScopes: { supervisor: true },
    args: { input: t.arg({ type: UpdateSlaPolicyInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.slaPolicy,
        query,
        updateSlaPolicy(ctx, {
          ...input,
          id: idOf(String(input.id), 'SlaPolicy', 'input.id'),
          calendarId:
            input.calendarId === undefined
              ? undefined
              : input.calendarId === null
                ? null
                : idOf(String(input.calendarId), 'BusinessCalendar', 'input.calendarId'),
          productIds: ids(input.productIds, 'Product', 'input.productIds'),
        }),
      ),
  }),
);

builder.mutationField('deleteSlaPolicy', (t) =>
  t.id({
    description:
      'Deletes a policy no SLA rule sets (CONFLICT naming the rules otherwise); its tickets are left without a policy. ' +
      'Returns its id.',
    authScopes: { supervisor: true },
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) => encodeGlobalID('SlaPolicy', await deleteSlaPolicy(ctx, idOf(String(args.id), 'SlaPolicy'))),
  }),
);
