// SLA clocks: what a policy promised on one ticket, measured from the ticket's timeline. Every expected value is
// worked out by hand in the comments (minutes counted, pauses left out, closed hours skipped).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../src/calendar/calendar.js';
import type { StatusCategory } from '../src/generated/prisma/enums.js';
import {
  type ComputedTarget,
  computeSlaTargets,
  type SlaMetric,
  type SlaTerms,
  type TicketTimeline,
  type TimelineEntry,
} from '../src/sla/clock.js';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

// 24/7 timelines are written as minutes after a fixed creation instant.
const T0 = at('2026-03-02T10:00:00Z');
const plus = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const message = (minutes: number): TimelineEntry => ({ at: plus(minutes), kind: 'customerMessage' });
const reply = (minutes: number): TimelineEntry => ({ at: plus(minutes), kind: 'agentReply' });
const status = (minutes: number, category: StatusCategory): TimelineEntry => ({ at: plus(minutes), kind: 'status', category });

function ticket(entries: TimelineEntry[], options: Partial<TicketTimeline> = {}): TicketTimeline {
  return { createdAt: T0, channel: 'EMAIL', isInternal: false, initialCategory: 'NEW', entries, ...options };
}

function terms(targets: Partial<Record<SlaMetric, number>>, options: Partial<SlaTerms> = {}): SlaTerms {
  return {
    targets: Object.entries(targets).map(([metric, minutes]) => ({ metric: metric as SlaMetric, minutes: minutes! })),
    calendar: null,
    pauseWhenPending: true,
    warnAtPercent: 80,
    ...options,
  };
}

/** The one target of a metric (and cycle). */
function target(targets: ComputedTarget[], metric: SlaMetric, cycle = 0): ComputedTarget {
  const found = targets.filter((candidate) => candidate.metric === metric && candidate.cycle === cycle);
  expect(found).toHaveLength(1);
  return found[0];
}

// Istanbul is UTC+3 all year, so the +03:00 times below read as the office's wall clock.
const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;
const istanbulOffice: BusinessCalendar = {
  timeZone: 'Europe/Istanbul',
  weeklyHours: weekdays.map((day) => ({ day, start: '09:00', end: '18:00' })),
  holidays: [],
};

describe('first response', () => {
  it('on 24/7 is met by a reply at the 60th minute and missed by one a minute later', () => {
    const promise = terms({ FIRST_RESPONSE: 60 });
    // Reply 60 minutes after creation: elapsed 3600 s = target → in time.
    const inTime = target(computeSlaTargets(ticket([message(0), reply(60)]), promise, plus(90)), 'FIRST_RESPONSE');
    expect(inTime).toMatchObject({ status: 'ACHIEVED', startedAt: T0, completedAt: plus(60), elapsedSeconds: 3600 });
    expect(inTime).toMatchObject({ dueAt: null, warnAt: null, breachedAt: null });

    // Reply at 61 minutes: elapsed 3660 s > 3600 s; the time ran out at minute 60.
    const late = target(computeSlaTargets(ticket([message(0), reply(61)]), promise, plus(90)), 'FIRST_RESPONSE');
    expect(late).toMatchObject({ status: 'BREACHED', completedAt: plus(61), breachedAt: plus(60), elapsedSeconds: 3660 });
    expect(late.dueAt).toBeNull();
  });

  it('on office hours counts only open time: created Monday 17:30, 60 minutes are due Tuesday 09:30', () => {
    const createdAt = at('2026-03-02T17:30:00+03:00'); // Monday
    const promise = terms({ FIRST_RESPONSE: 60 }, { calendar: istanbulOffice });
    const timeline = ticket([{ at: createdAt, kind: 'customerMessage' }], { createdAt });

    // Still waiting on Tuesday 09:00: counted Mon 17:30–18:00 = 30 min; due = 30 more from 09:00 = 09:30;
    // the warning at 80% = 48 min: 30 on Monday + 18 on Tuesday = Tuesday 09:18.
    const waiting = target(computeSlaTargets(timeline, promise, at('2026-03-03T09:00:00+03:00')), 'FIRST_RESPONSE');
    expect(waiting).toMatchObject({
      status: 'ACTIVE',
      elapsedSeconds: 30 * 60,
      dueAt: at('2026-03-03T09:30:00+03:00'),
      warnAt: at('2026-03-03T09:18:00+03:00'),
      completedAt: null,
      breachedAt: null,
    });

    // A reply at Tuesday 09:29 used 30 + 29 = 59 open minutes: in time, though 16 hours passed on the clock.
    timeline.entries.push({ at: at('2026-03-03T09:29:00+03:00'), kind: 'agentReply' });
    const answered = target(computeSlaTargets(timeline, promise, at('2026-03-03T12:00:00+03:00')), 'FIRST_RESPONSE');
    expect(answered).toMatchObject({ status: 'ACHIEVED', elapsedSeconds: 59 * 60, completedAt: at('2026-03-03T09:29:00+03:00') });
  });

  it('of an internal ticket (opened by an agent for the customer) starts at creation', () => {
    // No customer message at all: the clock still starts at createdAt; the agent's public reply 10 minutes later stops it.
    const timeline = ticket([reply(10)], { isInternal: true, channel: 'PHONE' });
    const firstResponse = target(computeSlaTargets(timeline, terms({ FIRST_RESPONSE: 30 }), plus(20)), 'FIRST_RESPONSE');
    expect(firstResponse).toMatchObject({ status: 'ACHIEVED', startedAt: T0, completedAt: plus(10), elapsedSeconds: 600 });
  });

  it('is fulfilled when the ticket is resolved before any reply', () => {
    // Solved at minute 20 without a reply: nothing is owed any more; both clocks stop at minute 20.
    const targets = computeSlaTargets(ticket([message(0), status(20, 'RESOLVED')]), terms({ FIRST_RESPONSE: 60, RESOLUTION: 240 }), plus(30));
    expect(target(targets, 'FIRST_RESPONSE')).toMatchObject({ status: 'ACHIEVED', completedAt: plus(20), elapsedSeconds: 1200 });
    expect(target(targets, 'RESOLUTION')).toMatchObject({ status: 'ACHIEVED', completedAt: plus(20), elapsedSeconds: 1200 });
  });

  it('is met exactly at the due instant across a weekend: created Friday 17:00, 120 minutes due Monday 10:00', () => {
    const createdAt = at('2026-03-06T17:00:00+03:00'); // Friday
    const promise = terms({ FIRST_RESPONSE: 120 }, { calendar: istanbulOffice });
    const timeline = ticket([{ at: createdAt, kind: 'customerMessage' }], { createdAt });

    // On Saturday: counted Fri 17:00–18:00 = 60 min; the other 60 run Monday 09:00–10:00.
    const weekend = target(computeSlaTargets(timeline, promise, at('2026-03-07T12:00:00+03:00')), 'FIRST_RESPONSE');
    expect(weekend).toMatchObject({ status: 'ACTIVE', elapsedSeconds: 3600, dueAt: at('2026-03-09T10:00:00+03:00') });

    // A reply at Monday 10:00 sharp: 60 + 60 = 120 min = the target → ACHIEVED (met iff elapsed <= target).
    timeline.entries.push({ at: at('2026-03-09T10:00:00+03:00'), kind: 'agentReply' });
    const answered = target(computeSlaTargets(timeline, promise, at('2026-03-09T11:00:00+03:00')), 'FIRST_RESPONSE');
    expect(answered).toMatchObject({ status: 'ACHIEVED', elapsedSeconds: 7200, breachedAt: null });
  });

  it('counts real minutes on the day Berlin springs forward: 30 minutes from 01:45 are due at 03:15', () => {
    // Open all Sunday in Berlin. 2026-03-29 02:00 CET jumps to 03:00 CEST: from 01:45 CET (00:45 UTC) 15 minutes run
    // to the jump, 15 more to 03:15 CEST = 01:15 UTC. The wall clock shows 90 minutes, the target counts 30.
    const sundays: BusinessCalendar = { timeZone: 'Europe/Berlin', weeklyHours: [{ day: 'SUNDAY', start: '00:00', end: '24:00' }] };
    const createdAt = at('2026-03-29T01:45:00+01:00');
    const promise = terms({ FIRST_RESPONSE: 30 }, { calendar: sundays });
    const timeline = ticket([{ at: createdAt, kind: 'customerMessage' }], { createdAt });

    const waiting = target(computeSlaTargets(timeline, promise, at('2026-03-29T03:05:00+02:00')), 'FIRST_RESPONSE');
    // 01:45 CET → 03:05 CEST = 20 real minutes counted; warning at 24 minutes = 03:09 CEST.
    expect(waiting).toMatchObject({
      status: 'ACTIVE',
      elapsedSeconds: 20 * 60,
      dueAt: at('2026-03-29T03:15:00+02:00'),
      warnAt: at('2026-03-29T03:09:00+02:00'),
    });

    timeline.entries.push({ at: at('2026-03-29T03:16:00+02:00'), kind: 'agentReply' });
    const late = target(computeSlaTargets(timeline, promise, at('2026-03-29T04:00:00+02:00')), 'FIRST_RESPONSE');
    expect(late).toMatchObject({ status: 'BREACHED', elapsedSeconds: 31 * 60, breachedAt: at('2026-03-29T01:15:00Z') });
  });
});

describe('next response', () => {
  it('opens one cycle per wait: two messages before a reply are one cycle; three cycles in all', () => {
    const timeline = ticket([
      message(0),
      reply(10), // first response (messages before it belong to it)
      message(20), // cycle 1 starts
      message(25), // same wait: no new cycle
      reply(40), // cycle 1: 20 minutes
      message(50), // cycle 2 starts
      reply(55), // cycle 2: 5 minutes
      message(60), // cycle 3 starts, still waiting at minute 70
    ]);
    const targets = computeSlaTargets(timeline, terms({ FIRST_RESPONSE: 60, NEXT_RESPONSE: 15 }), plus(70));
    expect(targets.map(({ metric, cycle }) => `${metric}#${cycle}`)).toEqual([
      'FIRST_RESPONSE#0',
      'NEXT_RESPONSE#1',
      'NEXT_RESPONSE#2',
      'NEXT_RESPONSE#3',
    ]);
    // Cycle 1: 20 min > 15 → late; the time ran out at 20 + 15 = minute 35.
    expect(target(targets, 'NEXT_RESPONSE', 1)).toMatchObject({
      status: 'BREACHED',
      startedAt: plus(20),
      completedAt: plus(40),
      breachedAt: plus(35),
      elapsedSeconds: 1200,
    });
    expect(target(targets, 'NEXT_RESPONSE', 2)).toMatchObject({ status: 'ACHIEVED', startedAt: plus(50), elapsedSeconds: 300 });
    // Cycle 3: 10 of 15 minutes used at minute 70; due at 60 + 15 = 75, warning at 60 + 12 = 72.
    expect(target(targets, 'NEXT_RESPONSE', 3)).toMatchObject({
      status: 'ACTIVE',
      startedAt: plus(60),
      elapsedSeconds: 600,
      dueAt: plus(75),
      warnAt: plus(72),
    });
  });

  it('is completed by resolving the ticket', () => {
    const timeline = ticket([message(0), reply(5), message(10), status(30, 'RESOLVED')]);
    const nextResponse = target(computeSlaTargets(timeline, terms({ NEXT_RESPONSE: 60 }), plus(40)), 'NEXT_RESPONSE', 1);
    expect(nextResponse).toMatchObject({ status: 'ACHIEVED', completedAt: plus(30), elapsedSeconds: 1200 });
  });
});

describe('pending pauses the clocks', () => {
  const promise = terms({ FIRST_RESPONSE: 60 });
  // Pending from minute 10 to minute 40 (waiting on the customer), reply at minute 70.
  const timeline = ticket([message(0), status(10, 'PENDING'), status(40, 'OPEN'), reply(70)]);

  it('leaves the pending stretch out of the count and moves the due time by it', () => {
    // Counted 0–10 and 40–70 = 40 minutes <= 60.
    expect(target(computeSlaTargets(timeline, promise, plus(80)), 'FIRST_RESPONSE')).toMatchObject({ status: 'ACHIEVED', elapsedSeconds: 2400 });
    // While pending (minute 20): PAUSED with 10 minutes used and no due or warning time.
    expect(target(computeSlaTargets(timeline, promise, plus(20)), 'FIRST_RESPONSE')).toMatchObject({
      status: 'PAUSED',
      elapsedSeconds: 600,
      dueAt: null,
      warnAt: null,
    });
    // Resumed (minute 50): 10 + 10 = 20 minutes used; due 40 minutes on = minute 90 (= 60 + the 30 paused);
    // warning at 48 minutes used: 10 before the pause + 38 after minute 40 = minute 78.
    expect(target(computeSlaTargets(timeline, promise, plus(50)), 'FIRST_RESPONSE')).toMatchObject({
      status: 'ACTIVE',
      elapsedSeconds: 1200,
      dueAt: plus(90),
      warnAt: plus(78),
    });
  });

  it('does not pause when the policy says so', () => {
    const noPause = { ...promise, pauseWhenPending: false };
    // Counted 0–70 = 70 minutes > 60: late, run out at minute 60.
    expect(target(computeSlaTargets(timeline, noPause, plus(80)), 'FIRST_RESPONSE')).toMatchObject({
      status: 'BREACHED',
      elapsedSeconds: 4200,
      breachedAt: plus(60),
    });
  });

  it('a ticket created pending starts paused', () => {
    const created = ticket([], { initialCategory: 'PENDING' });
    expect(target(computeSlaTargets(created, promise, plus(30)), 'FIRST_RESPONSE')).toMatchObject({ status: 'PAUSED', elapsedSeconds: 0 });
  });
});

describe('resolution', () => {
  const promise = terms({ RESOLUTION: 120 });
  // Solved at 30, reopened by the customer at 90, solved again at 150.
  const entries = [message(0), reply(10), status(30, 'RESOLVED'), message(90), status(90, 'OPEN'), status(150, 'RESOLVED')];

  it('resumes the same target on reopening, without the time spent solved', () => {
    // Minute 45: solved at 30 → completed, 30 minutes.
    expect(computeSlaTargets(ticket(entries), promise, plus(45))).toEqual([
      expect.objectContaining({ metric: 'RESOLUTION', cycle: 0, status: 'ACHIEVED', completedAt: plus(30), elapsedSeconds: 1800 }),
    ]);
    // Minute 100: reopened at 90; 30 + 10 = 40 minutes counted (30–90 was solved); due 80 minutes on = minute 180.
    expect(target(computeSlaTargets(ticket(entries), promise, plus(100)), 'RESOLUTION')).toMatchObject({
      status: 'ACTIVE',
      completedAt: null,
      elapsedSeconds: 2400,
      dueAt: plus(180),
    });
    // Minute 160: solved again at 150 → 30 + 60 = 90 minutes <= 120; completion = the last resolution.
    expect(target(computeSlaTargets(ticket(entries), promise, plus(160)), 'RESOLUTION')).toMatchObject({
      status: 'ACHIEVED',
      completedAt: plus(150),
      elapsedSeconds: 5400,
    });
  });

  it('is breached while still open once its time is used, and stays so', () => {
    const open = ticket([message(0), status(10, 'PENDING'), status(40, 'OPEN')]);
    // Counted 0–10, then from 40: the 120th minute is reached at 40 + 110 = minute 150.
    const breached = target(computeSlaTargets(open, promise, plus(200)), 'RESOLUTION');
    expect(breached).toMatchObject({
      status: 'BREACHED',
      completedAt: null,
      breachedAt: plus(150),
      dueAt: plus(150),
      warnAt: null,
      elapsedSeconds: (10 + 160) * 60,
    });
  });
});

describe('chat response', () => {
  // A chat: the first message is the creation; every wait for an agent is a cycle.
  const entries = [message(0), reply(1), message(5), message(6), reply(8)];

  it('applies only to chat channels', () => {
    const promise = terms({ CHAT_RESPONSE: 2 });
    expect(computeSlaTargets(ticket(entries, { channel: 'EMAIL' }), promise, plus(10))).toEqual([]);
    const chat = computeSlaTargets(ticket(entries, { channel: 'WHATSAPP' }), promise, plus(10));
    // Cycle 1: 0–1 = 1 minute (in time); cycle 2: 5–8 = 3 minutes (late; ran out at 5 + 2 = 7).
    expect(chat).toEqual([
      expect.objectContaining({ metric: 'CHAT_RESPONSE', cycle: 1, status: 'ACHIEVED', startedAt: plus(0), elapsedSeconds: 60 }),
      expect.objectContaining({ metric: 'CHAT_RESPONSE', cycle: 2, status: 'BREACHED', startedAt: plus(5), breachedAt: plus(7), elapsedSeconds: 180 }),
    ]);
  });
});

describe('the timeline as of now', () => {
  it('ignores entries after now', () => {
    const timeline = ticket([message(0), reply(30), status(40, 'RESOLVED')]);
    const targets = computeSlaTargets(timeline, terms({ FIRST_RESPONSE: 60, RESOLUTION: 240 }), plus(20));
    expect(target(targets, 'FIRST_RESPONSE')).toMatchObject({ status: 'ACTIVE', completedAt: null, elapsedSeconds: 1200, dueAt: plus(60) });
    expect(target(targets, 'RESOLUTION')).toMatchObject({ status: 'ACTIVE', completedAt: null, elapsedSeconds: 1200, dueAt: plus(240) });
  });

  it('reports the warning instant even once it has passed', () => {
    // 60-minute target, warning at 80% = minute 48; at minute 50 it is in the past, the target still ACTIVE.
    const firstResponse = target(computeSlaTargets(ticket([message(0)]), terms({ FIRST_RESPONSE: 60 }), plus(50)), 'FIRST_RESPONSE');
    expect(firstResponse).toMatchObject({ status: 'ACTIVE', warnAt: plus(48), dueAt: plus(60) });
  });

  it('returns only the promised metrics, sorted by metric then cycle', () => {
    const timeline = ticket([message(0), reply(1), message(2), reply(3)], { channel: 'LIVE_CHAT' });
    const all = computeSlaTargets(timeline, terms({ RESOLUTION: 60, CHAT_RESPONSE: 5, NEXT_RESPONSE: 10, FIRST_RESPONSE: 5 }), plus(4));
    expect(all.map(({ metric, cycle }) => `${metric}#${cycle}`)).toEqual([
      'FIRST_RESPONSE#0',
      'NEXT_RESPONSE#1',
      'RESOLUTION#0',
      'CHAT_RESPONSE#1',
      'CHAT_RESPONSE#2',
    ]);
    expect(computeSlaTargets(timeline, terms({ RESOLUTION: 60 }), plus(4)).map((computed) => computed.metric)).toEqual(['RESOLUTION']);
  });

  it('has no due time when the calendar never opens again', () => {
    // Closed from Tuesday on (a holiday to 2040): 30 minutes counted on Monday, the other 30 never come.
    const closing: BusinessCalendar = { ...istanbulOffice, holidays: [{ name: 'Closed', start: '2026-03-03', end: '2040-12-31', yearly: false }] };
    const createdAt = at('2026-03-02T17:30:00+03:00');
    const timeline = ticket([{ at: createdAt, kind: 'customerMessage' }], { createdAt });
    const firstResponse = target(
      computeSlaTargets(timeline, terms({ FIRST_RESPONSE: 60 }, { calendar: closing }), at('2026-03-04T12:00:00+03:00')),
      'FIRST_RESPONSE',
    );
    expect(firstResponse).toMatchObject({ status: 'ACTIVE', elapsedSeconds: 1800, dueAt: null, warnAt: null });
  });
});

describe('property: first response on 24/7', () => {
  const category = fc.constantFrom<StatusCategory>('NEW', 'OPEN', 'PENDING');
  // Whole minutes, so replies often land exactly on the target (the boundary case).
  const entry = fc.oneof(
    fc.record({ minute: fc.integer({ min: 0, max: 180 }), kind: fc.constant('customerMessage' as const) }),
    fc.record({ minute: fc.integer({ min: 0, max: 180 }), kind: fc.constant('agentReply' as const) }),
    fc.record({ minute: fc.integer({ min: 0, max: 180 }), kind: fc.constant('status' as const), category }),
  );

  it('elapsed = first reply − creation − paused time, and ACHIEVED iff elapsed <= target', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }),
        category,
        fc.integer({ min: 1, max: 180 }),
        fc.boolean(),
        (raw, initialCategory, minutes, pauseWhenPending) => {
          const sorted = [...raw].sort((a, b) => a.minute - b.minute);
          const entries = sorted.map((item): TimelineEntry => {
            if (item.kind === 'status') return status(item.minute, item.category);
            return item.kind === 'agentReply' ? reply(item.minute) : message(item.minute);
          });
          entries.push(reply(181)); // always answered, so the target is completed
          // Reference: walk the minutes from creation to the first reply, adding those not spent pending.
          let current = initialCategory;
          let lastMinute = 0;
          let counted = 0;
          let firstReply = 181;
          for (const item of sorted) {
            if (current !== 'PENDING' || !pauseWhenPending) counted += item.minute - lastMinute;
            lastMinute = item.minute;
            if (item.kind === 'agentReply') {
              firstReply = item.minute;
              break;
            }
            if (item.kind === 'status') current = item.category;
          }
          if (firstReply === 181 && (current !== 'PENDING' || !pauseWhenPending)) counted += 181 - lastMinute;

          const computed = target(
            computeSlaTargets(ticket(entries, { initialCategory }), terms({ FIRST_RESPONSE: minutes }, { pauseWhenPending }), plus(200)),
            'FIRST_RESPONSE',
          );
          expect(computed.completedAt).toEqual(plus(firstReply));
          expect(computed.elapsedSeconds).toBe(counted * 60);
          expect(computed.status).toBe(counted <= minutes ? 'ACHIEVED' : 'BREACHED');
          if (computed.status === 'BREACHED') expect(computed.breachedAt!.getTime()).toBeLessThan(plus(firstReply).getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
