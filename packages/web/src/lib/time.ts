// Dates and durations as agents read them: instants shown in the workspace's time zone, written in the agent's
// locale; durations compact enough for a countdown. No Svelte here, so it is easy to reason about.
import { DateTime } from 'luxon';

export function formatDateTime(iso: string | null | undefined, zone: string, locale: string): string {
  if (!iso) return '';
  return DateTime.fromISO(iso, { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
}

/** Today's times as a time only, other days with their date. */
export function formatRelativeDay(iso: string | null | undefined, zone: string, locale: string, now: Date): string {
  if (!iso) return '';
  const at = DateTime.fromISO(iso, { zone }).setLocale(locale);
  const today = DateTime.fromJSDate(now, { zone });
  return at.hasSame(today, 'day') ? at.toLocaleString(DateTime.TIME_SIMPLE) : at.toLocaleString(DateTime.DATETIME_SHORT);
}

/**
 * A duration for a countdown: "4:05" under an hour, "2 h 15 min" under a day, "3 d 4 h" beyond — with the unit names
 * of the locale (Intl), so Turkish reads "2 sa. 15 dk.".
 */
export function formatDuration(totalSeconds: number, locale: string): string {
  const seconds = Math.max(0, Math.floor(Math.abs(totalSeconds)));
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  const secs = seconds % 60;
  return `${minutes}:${String(secs).padStart(2, '0')}`;
}
