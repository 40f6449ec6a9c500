// Report buckets in a workspace's IANA zone: local hours, days, ISO weeks (from Monday) or months. Pure logic (luxon),
// so the GraphQL field, the CSV and the tests agree on where a bucket starts, including across DST changes.
import { DateTime } from 'luxon';

export type BucketInterval = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

const UNITS = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/**
 * Every bucket start that touches [from, to), as instants. The first bucket may start before `from` (a period that
 * begins mid-day still has that day's bucket). An hour is an elapsed hour, so the repeated hour when clocks go back
 * is two buckets and a day may be 23 or 25 hours long.
 */
export function bucketStarts(from: Date, to: Date, interval: BucketInterval, timeZone: string): Date[] {
  const unit = UNITS[interval];
  const end = DateTime.fromJSDate(to, { zone: timeZone });
  const starts: Date[] = [];
  for (let at = DateTime.fromJSDate(from, { zone: timeZone }).startOf(unit); at < end; at = at.plus({ [`${unit}s`]: 1 })) {
    starts.push(at.toJSDate());
  }
  return starts;
}

/** How a bucket is written where people read it (CSV): the local date, the month, or the local hour with its offset. */
export function bucketLabel(start: Date, interval: BucketInterval, timeZone: string): string {
  const local = DateTime.fromJSDate(start, { zone: timeZone });
  if (interval === 'HOUR') return local.toISO({ suppressMilliseconds: true, suppressSeconds: true })!;
  if (interval === 'MONTH') return local.toFormat('yyyy-MM');
  return local.toISODate()!;
}
