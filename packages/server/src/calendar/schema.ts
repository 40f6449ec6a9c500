// GraphQL for business calendars: the BusinessCalendar node with questions the app asks of it (open at, next
// opening, the open intervals of a week), `businessCalendars`, and the admin mutations. Every member reads them.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { DateTime as LuxonDateTime } from 'luxon';
import { z } from 'zod';
import { principalOf } from '../context.js';
import { badInput } from '../errors.js';
import { builder, workspaceOwned } from '../schema/builder.js';
import { idOf, nodeWhere } from '../schema/ids.js';
import { nameRule, storableText } from '../schema/inputs.js';
import { reload } from '../schema/reload.js';
import { businessCalendarOf } from '../sla/terms.js';
import {
  type BusinessCalendar,
  type Holiday,
  isOpen,
  nextOpening,
  type OpeningInterval,
  openIntervalsOn,
  WEEKDAYS,
} from './calendar.js';
import { createBusinessCalendar, deleteBusinessCalendar, updateBusinessCalendar } from './service.js';

const LIST_LIMIT = 500;
/** The app shows a week, a month at most. */
const MAX_INTERVAL_DAYS = 31;

export const WeekdayEnum = builder.enumType('Weekday', { values: WEEKDAYS });

export const descriptionRule = z.string().trim().max(2000, 'At most 2000 characters.').refine(storableText, 'Must not contain NUL characters.');

const OpeningIntervalRef = builder.objectRef<OpeningInterval>('OpeningInterval').implement({
  description: 'Open from `start` (inclusive) to `end` (exclusive) on a weekday, wall-clock `HH:mm` in the calendar\'s zone.',
  fields: (t) => ({
    day: t.field({ type: WeekdayEnum, resolve: (interval) => interval.day }),
    start: t.exposeString('start'),
    end: t.exposeString('end', { description: '`24:00` = to the end of the day.' }),
  }),
});

const HolidayRef = builder.objectRef<Holiday>('Holiday').implement({
  description: 'Local dates on which the calendar is closed all day, whatever its weekly hours say.',
  fields: (t) => ({
    name: t.exposeString('name'),
    start: t.exposeString('start', { description: 'First closed local date, YYYY-MM-DD.' }),
    end: t.exposeString('end', { description: 'Last closed local date (inclusive), YYYY-MM-DD.' }),
    yearly: t.exposeBoolean('yearly', { description: 'Closed on the same month-day range every year.' }),
  }),
});

const OpenTimeRef = builder.objectRef<{ start: Date; end: Date }>('OpenTime').implement({
  description: 'A stretch of time the calendar is open, as instants.',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime' }),
    end: t.expose('end', { type: 'DateTime' }),
  }),
});

// Rows are values of the math: compiled calendars are cached per object, so one row gives one object.
const calendarsOfRows = new WeakMap<object, BusinessCalendar>();
function calendarOf(row: { timeZone: string; weeklyHours: unknown; holidays: unknown }) {
  let calendar = calendarsOfRows.get(row);
  if (!calendar) calendarsOfRows.set(row, (calendar = businessCalendarOf(row)));
  return calendar;
}

const isAroundTheClock = (calendar: BusinessCalendar) =>
  (calendar.holidays ?? []).length === 0 &&
  WEEKDAYS.every((day) => calendar.weeklyHours.some((interval) => interval.day === day && interval.start === '00:00' && interval.end === '24:00'));

export const BusinessCalendarRef = builder.prismaNode('BusinessCalendar', {
  id: { field: 'id' },
  ...workspaceOwned,
  findUnique: nodeWhere,
  nullable: true,
  description: 'Opening hours in a time zone plus holidays; SLA policies on it count only open time.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    timeZone: t.exposeString('timeZone', { description: 'IANA zone the hours and holidays are read in.' }),
    weeklyHours: t.field({
      type: [OpeningIntervalRef],
      description: 'By weekday (Monday first), then start; overlapping or touching intervals are merged.',
      resolve: (row) => calendarOf(row).weeklyHours,
    }),
    holidays: t.field({ type: [HolidayRef], resolve: (row) => calendarOf(row).holidays ?? [] }),
    twentyFourSeven: t.boolean({
      description: 'Open every day 00:00–24:00 with no holidays: targets on it are plain durations.',
      resolve: (row) => isAroundTheClock(calendarOf(row)),
    }),
    isOpenAt: t.boolean({
      description: 'Whether the calendar is open at this instant.',
      args: { at: t.arg({ type: 'DateTime' }) },
      resolve: (row, args) => isOpen(calendarOf(row), args.at),
    }),
    nextOpening: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`after` itself if the calendar is open then, else when it next opens; null if it does not open within 3 years.',
      args: { after: t.arg({ type: 'DateTime' }) },
      resolve: (row, args) => nextOpening(calendarOf(row), args.after),
    }),
    openIntervals: t.field({
      type: [OpenTimeRef],
      description: `When the calendar is open on \`days\` local dates (at most ${MAX_INTERVAL_DAYS}) from \`from\`, in order.`,
      args: {
        from: t.arg.string({ description: "First local date in the calendar's zone, YYYY-MM-DD." }),
        days: t.arg.int({ required: false, defaultValue: 7 }),
      },
      resolve: (row, args) => {
        const first = LuxonDateTime.fromFormat(args.from, 'yyyy-MM-dd', { zone: 'UTC' });
        if (!first.isValid) throw badInput('from', 'Must be a date such as 2026-01-05.');
        const days = args.days ?? 7;
        if (days < 1 || days > MAX_INTERVAL_DAYS) throw badInput('days', `Must be between 1 and ${MAX_INTERVAL_DAYS}.`);
        const calendar = calendarOf(row);
        return Array.from({ length: days }, (_, offset) => first.plus({ days: offset }).toISODate()!).flatMap((date) =>
          openIntervalsOn(calendar, date),
        );
      },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('businessCalendars', (t) =>
  t.prismaField({
    type: ['BusinessCalendar'],
    description: "The workspace's business calendars by name.",
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.businessCalendar.findMany({
        ...query,
        where: { workspaceId: principalOf(ctx).workspaceId },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: LIST_LIMIT,
      }),
  }),
);

// ---------------------------------------------------------------- mutations

export const OpeningIntervalInput = builder.inputType('OpeningIntervalInput', {
  description: "Open from `start` to `end` (exclusive; `24:00` = end of the day) on a weekday, in the calendar's zone.",
  fields: (t) => ({
    day: t.field({ type: WeekdayEnum }),
    start: t.string({ description: 'HH:mm, such as 09:00.' }),
    end: t.string({ description: 'HH:mm after start, such as 17:00; overnight hours are two intervals.' }),
  }),
});

export const HolidayInput = builder.inputType('HolidayInput', {
  fields: (t) => ({
    name: t.string(),
    start: t.string({ description: 'First closed local date, YYYY-MM-DD.' }),
    end: t.string({ required: false, description: 'Last closed local date (inclusive); defaults to start.' }),
    yearly: t.boolean({ required: false, defaultValue: false, description: 'Closed on the same dates every year.' }),
  }),
});

const WEEKLY_HOURS_DESCRIPTION =
  'At least one interval. Overlapping or touching intervals of a day are MERGED (09:00–12:00 + 11:00–14:00 is ' +
  'stored and shown as 09:00–14:00), not refused.';

const holidaysOf = (holidays: readonly { name: string; start: string; end?: string | null; yearly?: boolean | null }[]) =>
  holidays.map((holiday) => ({ name: holiday.name, start: holiday.start, end: holiday.end ?? holiday.start, yearly: holiday.yearly ?? false }));

const CreateBusinessCalendarInput = builder.inputType('CreateBusinessCalendarInput', {
  fields: (t) => ({
    name: t.string({ validate: nameRule, description: 'Unique in the workspace.' }),
    description: t.string({ required: false, validate: descriptionRule }),
    timeZone: t.string({ description: 'IANA zone such as Europe/Istanbul.' }),
    weeklyHours: t.field({ type: [OpeningIntervalInput], description: WEEKLY_HOURS_DESCRIPTION }),
    holidays: t.field({ type: [HolidayInput], required: false }),
  }),
});

builder.mutationField('createBusinessCalendar', (t) =>
  t.prismaField({
    type: 'BusinessCalendar',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateBusinessCalendarInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.businessCalendar,
        query,
        createBusinessCalendar(ctx, {
          name: input.name,
          description: input.description,
          timeZone: input.timeZone,
          weeklyHours: input.weeklyHours,
          holidays: holidaysOf(input.holidays ?? []),
        }),
      ),
  }),
);

const UpdateBusinessCalendarInput = builder.inputType('UpdateBusinessCalendarInput', {
  description: 'Omitted fields stay as they are; weeklyHours and holidays are replaced as a whole.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: nameRule }),
    description: t.string({ required: false, validate: descriptionRule }),
    timeZone: t.string({ required: false }),
    weeklyHours: t.field({ type: [OpeningIntervalInput], required: false, description: WEEKLY_HOURS_DESCRIPTION }),
    holidays: t.field({ type: [HolidayInput], required: false }),
  }),
});

builder.mutationField('updateBusinessCalendar', (t) =>
  t.prismaField({
    type: 'BusinessCalendar',
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateBusinessCalendarInput }) },
    resolve: (query, _root, { input }, ctx) =>
      reload(
        ctx.app.db.prisma.businessCalendar,
        query,
        updateBusinessCalendar(ctx, {
          id: idOf(String(input.id), 'BusinessCalendar', 'input.id'),
          name: input.name,
          description: input.description,
          timeZone: input.timeZone,
          weeklyHours: input.weeklyHours,
          holidays: input.holidays ? holidaysOf(input.holidays) : undefined,
        }),
      ),
  }),
);

builder.mutationField('deleteBusinessCalendar', (t) =>
  t.id({
    description: 'Deletes a calendar no SLA policy uses (CONFLICT otherwise). Returns its id.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) =>
      encodeGlobalID('BusinessCalendar', await deleteBusinessCalendar(ctx, idOf(String(args.id), 'BusinessCalendar'))),
  }),
);
