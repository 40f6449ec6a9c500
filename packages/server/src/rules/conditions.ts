// The built-in condition kinds (pure): what a rule can ask about a ticket. Lists mean "is one of".
import { z } from 'zod';
import { businessCalendarSchema, isOpen } from '../calendar/calendar.js';
import { PresenceStatus } from '../generated/prisma/enums.js';
import { CHANNELS, PRIORITIES, RULE_TRIGGERS, STATUS_CATEGORIES } from './facts.js';
import { registerConditionKind } from './kinds.js';
import { ref, referencesOf, refList } from './refs.js';

const listOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'List at least one.').max(100, 'At most 100.');
const textRule = z
  .string()
  .trim()
  .min(1, 'Must not be empty.')
  .max(200, 'At most 200 characters.')
  .refine((text) => !text.includes('\u0000'), 'Must not contain NUL characters.');
const PRESENCE_STATUSES = Object.values(PresenceStatus) as [PresenceStatus, ...PresenceStatus[]];
const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

registerConditionKind({
  kind: 'channel',
  description: 'The ticket came in on one of these channels. Config: { channels: [Channel] }.',
  config: z.strictObject({ channels: listOf(z.enum(CHANNELS)) }),
  test: (config, { ticket }) => config.channels.includes(ticket.channel),
});

registerConditionKind({
  kind: 'product',
  description: 'The ticket is about one of these products. Config: { productIds: [ID] }.',
  config: z.strictObject({ productIds: refList('Product') }),
  references: (config) => referencesOf('Product', config.productIds, 'productIds'),
  test: (config, { ticket }) => config.productIds.includes(ticket.productId),
});

registerConditionKind({
  kind: 'priority',
  description: 'The ticket has one of these priorities. Config: { priorities: [Priority] }.',
  config: z.strictObject({ priorities: listOf(z.enum(PRIORITIES)) }),
  test: (config, { ticket }) => config.priorities.includes(ticket.priority),
});

registerConditionKind({
  kind: 'statusCategory',
  description: "The ticket's status is in one of these categories. Config: { categories: [StatusCategory] }.",
  config: z.strictObject({ categories: listOf(z.enum(STATUS_CATEGORIES)) }),
  test: (config, { ticket }) => config.categories.includes(ticket.statusCategory),
});

registerConditionKind({
  kind: 'type',
  description: 'The ticket has one of these types. Config: { typeIds: [ID] }.',
  config: z.strictObject({ typeIds: refList('TicketType') }),
  references: (config) => referencesOf('TicketType', config.typeIds, 'typeIds'),
  test: (config, { ticket }) => ticket.typeId !== null && config.typeIds.includes(ticket.typeId),
});

registerConditionKind({
  kind: 'topic',
  description: 'The ticket has one of these topics. Config: { topicIds: [ID] }.',
  config: z.strictObject({ topicIds: refList('TicketTopic') }),
  references: (config) => referencesOf('TicketTopic', config.topicIds, 'topicIds'),
  test: (config, { ticket }) => ticket.topicId !== null && config.topicIds.includes(ticket.topicId),
});

registerConditionKind({
  kind: 'tags',
  description: 'The ticket has ANY (at least one) or ALL of these tags. Config: { match: ANY | ALL, tagIds: [ID] }.',
  config: z.strictObject({ match: z.enum(['ANY', 'ALL']), tagIds: refList('Tag') }),
  references: (config) => referencesOf('Tag', config.tagIds, 'tagIds'),
  test: (config, { ticket }) =>
    config.match === 'ALL'
      ? config.tagIds.every((id) => ticket.tagIds.includes(id))
      : config.tagIds.some((id) => ticket.tagIds.includes(id)),
});

registerConditionKind({
  kind: 'subjectContains',
  description: 'The subject contains this text, ignoring case. Config: { text: String }.',
  config: z.strictObject({ text: textRule }),
  test: (config, { ticket }) => contains(ticket.subject, config.text),
});

registerConditionKind({
  kind: 'descriptionContains',
  description: "The ticket's first message contains this text, ignoring case. Config: { text: String }.",
  config: z.strictObject({ text: textRule }),
  test: (config, { ticket }) => contains(ticket.description, config.text),
});

registerConditionKind({
  kind: 'customerEmailDomain',
  description: "The customer's e-mail address is at one of these domains (exactly). Config: { domains: [String] }.",
  config: z.strictObject({
    domains: listOf(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'Must be a domain such as example.com (without @).'),
    ),
  }),
  test: (config, { ticket }) => {
    const email = ticket.customer.email?.toLowerCase();
    return !!email && config.domains.some((domain) => email.endsWith(`@${domain}`));
  },
});

registerConditionKind({
  kind: 'assignee',
  description:
    'Who the ticket is assigned to. Config: { is: UNASSIGNED } | { is: USER, userId?: ID } | { is: TEAM, teamId?: ID } ' +
    '(without an id: any user, any team).',
  config: z.discriminatedUnion('is', [
    z.strictObject({ is: z.literal('UNASSIGNED') }),
    z.strictObject({ is: z.literal('USER'), userId: ref('User').optional() }),
    z.strictObject({ is: z.literal('TEAM'), teamId: ref('Team').optional() }),
  ]),
  references: (config) =>
    config.is === 'USER' && config.userId
      ? [{ typename: 'User', id: config.userId, path: 'userId' }]
      : config.is === 'TEAM' && config.teamId
        ? [{ typename: 'Team', id: config.teamId, path: 'teamId' }]
        : [],
  test: (config, { ticket }) => {
    if (config.is === 'UNASSIGNED') return !ticket.assigneeUserId && !ticket.assigneeTeamId;
    if (config.is === 'USER') return !!ticket.assigneeUserId && (!config.userId || config.userId === ticket.assigneeUserId);
    return !!ticket.assigneeTeamId && (!config.teamId || config.teamId === ticket.assigneeTeamId);
  },
});

registerConditionKind({
  kind: 'businessHours',
  description:
    'It is now inside (OPEN) or outside (CLOSED) these business hours. Config: { state: OPEN | CLOSED, calendar: ' +
    '{ timeZone: String, weeklyHours: [{ day: MONDAY…SUNDAY, start: "09:00", end: "17:00" }] } }.',
  config: z.strictObject({ state: z.enum(['OPEN', 'CLOSED']), calendar: businessCalendarSchema }),
  test: (config, { now }) => isOpen(config.calendar, now) === (config.state === 'OPEN'),
});

registerConditionKind({
  kind: 'trigger',
  description: 'The rule runs because of one of these moments. Config: { triggers: [RuleTrigger] }.',
  config: z.strictObject({ triggers: listOf(z.enum(RULE_TRIGGERS)) }),
  test: (config, { trigger }) => config.triggers.includes(trigger),
});

/** History field names a change can touch. */
const CHANGEABLE_FIELDS = ['subject', 'status', 'priority', 'type', 'topic', 'folder', 'assignee', 'tags', 'reply', 'note', 'merge', 'customerMessage'] as const;

registerConditionKind({
  kind: 'fieldChanged',
  description:
    `The triggering change touched one of these fields (${CHANGEABLE_FIELDS.join(', ')}, or customField:<key> for a ` +
    'custom field). Config: { fields: [String] }.',
  config: z.strictObject({
    fields: listOf(
      z.union([z.enum(CHANGEABLE_FIELDS), z.string().regex(/^customField:[a-z][a-z0-9_]{0,39}$/)], {
        error: `Must be one of ${CHANGEABLE_FIELDS.join(', ')}, or customField:<key>.`,
      }),
    ),
  }),
  test: (config, { changedFields }) => config.fields.some((field) => changedFields.includes(field)),
});

// ---------------------------------------------------------------- time, last message, customer group, team

/** Ten years: a longer age is a typing mistake. */
const MAX_AGE_MINUTES = 5_256_000;
const minutesRule = z.number().int('Must be a whole number of minutes.').min(0, 'Must be 0 or more.').max(MAX_AGE_MINUTES, 'At most ten years.');
// Stored in UTC, so every rule reads the same way whatever offset it was written with.
const instantRule = z.codec(z.iso.datetime({ offset: true, message: 'Must be a date-time such as 2026-01-05T09:00:00Z.' }), z.string(), {
  decode: (text) => new Date(text).toISOString(),
  encode: (text) => text,
});

const momentConfig = z
  .strictObject({
    olderThanMinutes: minutesRule.optional(),
    newerThanMinutes: minutesRule.optional(),
    after: instantRule.optional(),
    before: instantRule.optional(),
  })
  .refine(
    (config) => Object.values(config).some((value) => value !== undefined),
    'Give at least one of olderThanMinutes, newerThanMinutes, after, before.',
  );
type MomentConfig = z.output<typeof momentConfig>;

/** Every bound given holds for the instant, measured from `now` for the ages. */
function momentHolds(config: MomentConfig, instant: Date, now: Date) {
  const ageMinutes = (now.getTime() - instant.getTime()) / 60_000;
  if (config.olderThanMinutes !== undefined && !(ageMinutes >= config.olderThanMinutes)) return false;
  if (config.newerThanMinutes !== undefined && !(ageMinutes < config.newerThanMinutes)) return false;
  if (config.after !== undefined && !(instant.getTime() > Date.parse(config.after))) return false;
  if (config.before !== undefined && !(instant.getTime() < Date.parse(config.before))) return false;
  return true;
}

const MOMENT_SHAPE =
  'Config: { olderThanMinutes?: Int (at least this old), newerThanMinutes?: Int (younger than this), after?: DateTime, ' +
  'before?: DateTime }, at least one; all given must hold.';

registerConditionKind({
  kind: 'createdAt',
  description: `When the ticket was created, as an age at the moment the rule runs or against fixed instants. ${MOMENT_SHAPE}`,
  config: momentConfig,
  test: (config, { ticket, now }) => momentHolds(config, ticket.createdAt, now),
});

registerConditionKind({
  kind: 'updatedAt',
  description:
    'When the ticket last changed (a change that triggers the rule is itself the last change). ' + MOMENT_SHAPE,
  config: momentConfig,
  test: (config, { ticket, now }) => momentHolds(config, ticket.updatedAt, now),
});

registerConditionKind({
  kind: 'lastMessageBy',
  description: 'The latest message was written by one of these (no message yet: never). Config: { authors: [CUSTOMER | AGENT | SYSTEM] }.',
  config: z.strictObject({ authors: listOf(z.enum(['CUSTOMER', 'AGENT', 'SYSTEM'])) }),
  test: (config, { ticket }) => ticket.lastMessageBy !== null && config.authors.includes(ticket.lastMessageBy),
});

registerConditionKind({
  kind: 'customerGroup',
  description: "The customer's group is one of these, ignoring case (no group: never). Config: { groups: [String] }.",
  config: z.strictObject({ groups: listOf(textRule) }),
  test: (config, { ticket }) => {
    const group = ticket.customer.group?.trim().toLowerCase();
    return !!group && config.groups.some((wanted) => wanted.toLowerCase() === group);
  },
});

declare module './facts.js' {
  interface ExtraFacts {
    /** Teams the assigned user is a member of (empty when no user is assigned). */
    assigneeTeamIds: string[];
  }
}

registerConditionKind({
  kind: 'team',
  description:
    'The ticket is assigned to one of these teams, or to a user who is a member of one. Config: { teamIds: [ID] }.',
  config: z.strictObject({ teamIds: refList('Team') }),
  references: (config) => referencesOf('Team', config.teamIds, 'teamIds'),
  needs: ['assigneeTeamIds'],
  test: (config, { ticket, extra }) =>
    (ticket.assigneeTeamId !== null && config.teamIds.includes(ticket.assigneeTeamId)) ||
    (extra.assigneeTeamIds ?? []).some((teamId) => config.teamIds.includes(teamId)),
});

declare module './facts.js' {
  interface ExtraFacts {
    /** The assigned user's presence (OFFLINE without a presence row); null when no user is assigned. */
    assigneePresence: PresenceStatus | null;
  }
}

registerConditionKind({
  kind: 'assigneePresence',
  description:
    "The ticket is assigned to a user whose presence is one of these (a team or nobody assigned: never). Read when the " +
    'rules run on a ticket change; a presence change alone does not run them. Config: { statuses: [PresenceStatus] }.',
  config: z.strictObject({ statuses: listOf(z.enum(PRESENCE_STATUSES)) }),
  needs: ['assigneePresence'],
  test: (config, { ticket, extra }) =>
    ticket.assigneeUserId !== null && !!extra.assigneePresence && config.statuses.includes(extra.assigneePresence),
});
