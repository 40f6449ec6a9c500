// Name search with Turkish case rules (İ, I, ı and i alike), for the cockpit and the users list: the fold in
// TypeScript for the search text, and the same fold in SQL for the column, kept side by side so they cannot drift.
import { Prisma } from '../generated/prisma/client.js';

/**
 * Folds the dotless ı into i and drops the combining dot some lower() implementations leave after İ, so "i" finds
 * "İpek" and "Işıl" and "ı" finds "Irmak". The SQL side applies the same fold (`folded` below) after
 * PostgreSQL's lower(), which maps İ→i, I→i, Ö→ö, Ş→ş… under the C.UTF-8 ctype of both backends.
 */
export const foldName = (text: string) => text.toLocaleLowerCase('en').replace(/ı/g, 'i').replace(/\u0307/g, '');

/** The LIKE pattern (escape character `\`) a name must match; null when there is nothing to search for. */
export function namePattern(search: string | null | undefined): string | null {
  const trimmed = (search ?? '').trim();
  if (!trimmed) return null;
  const escaped = foldName(trimmed).replace(/[\\%_]/g, (character) => `\\${character}`);
  return `%${escaped}%`;
}

/** The column folded as foldName folds the search text: lower(), then ı → i and the combining dot (U+0307) dropped. */
export const folded = (column: Prisma.Sql) => Prisma.sql`translate(lower(${column}), chr(305) || chr(775), 'i')`;
