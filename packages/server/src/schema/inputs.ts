// Input rules shared by every domain, as zod schemas (run by Pothos' validation plugin before a resolver runs).
import { z } from 'zod';

// PostgreSQL text cannot hold a NUL byte; refusing it here names the field instead of failing in the database.
export const storableText = (text: string) => !text.includes('\u0000');
const noNul = [storableText, 'Must not contain NUL characters.'] as const;

export const nameRule = z.string().trim().min(1, 'Must not be empty.').max(200, 'At most 200 characters.').refine(...noNul);
export const emailRule = z.string().trim().max(254).pipe(z.email('Must be an e-mail address.'));
export const passwordRule = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'At most 200 characters.')
  .refine(...noNul);

export function isIanaTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
export const timeZoneRule = z.string().refine(isIanaTimeZone, 'Must be an IANA time zone such as Europe/Istanbul.');
export const languageRule = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'Must be a language tag such as en, tr or pt-BR.');

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
