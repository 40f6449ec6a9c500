// Where a report bucket starts, in SQL, for the reports' single statements (the luxon twin is buckets.ts).
import { Prisma } from '../generated/prisma/client.js';

/**
 * The instant the local hour of `at` began in zone `tz`: the minutes past the local hour are subtracted, so the hour
 * repeated when clocks go back stays two buckets (date_trunc on local time, turned back into an instant, would
 * merge them into one).
 */
export function localHourStart(at: Prisma.Sql, tz: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${at} - ((${at} AT TIME ZONE ${tz}) - date_trunc('hour', ${at} AT TIME ZONE ${tz}))`;
}
