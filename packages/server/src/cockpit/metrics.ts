// The cockpit's arithmetic, without I/O: which instants "today" spans in the workspace's zone, how a name search
// becomes a LIKE pattern that treats Turkish i/İ/ı sensibly, and how an aggregated row becomes what a supervisor sees.
import { DateTime } from 'luxon';

export type PresenceStatusName = 'ONLINE' | 'BREAK' | 'INVISIBLE' | 'OFFLINE';

/** [from, to) of the calendar day containing `now` in `timeZone` (23 or 25 hours long on DST days). */
export function cockpitDay(now: Date, timeZone: string): { from: Date; to: Date } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const start = (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' })).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** A name search longer than this is a mistake in the request, not a name. */
export const MAX_SEARCH_LENGTH = 100;

/** One agent as the cockpit statement returns it. */
export interface CockpitAggregate {
  userId: string;
  name: string;
  status: PresenceStatusName;
  statusChangedAt: Date;
  avgFirstResponseSeconds: number | null;
  avgResolutionSeconds: number | null;
  activeConversations: number;
  resolvedToday: number;
  reactivatedToday: number;
  transferredToday: number;
}

export interface CockpitRow extends CockpitAggregate {
  timeInStatusSeconds: number;
  averageFirstResponseSeconds: number | null;
  averageResolutionSeconds: number | null;
}

const roundedOrNull = (value: number | null) => (value == null || Number.isNaN(value) ? null : Math.round(value));

/**
 * Rows in the order a person reads names in the workspace's language (the database's C collation would put "Özge"
 * after "Zeynep"), with the time each agent has spent in the current status as of `now`.
 */
export function cockpitRows(aggregates: readonly CockpitAggregate[], now: Date, language: string): CockpitRow[] {
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(language, { sensitivity: 'base' });
  } catch {
    collator = new Intl.Collator('en', { sensitivity: 'base' });
  }
  return aggregates
    .map((row) => ({
      ...row,
      timeInStatusSeconds: Math.max(0, Math.floor((now.getTime() - row.statusChangedAt.getTime()) / 1000)),
      averageFirstResponseSeconds: roundedOrNull(row.avgFirstResponseSeconds),
      averageResolutionSeconds: roundedOrNull(row.avgResolutionSeconds),
    }))
    .sort((x, y) => collator.compare(x.name, y.name) || (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0));
}
