// Global (Relay) ids in arguments: decoded here once, so every mutation answers a malformed or foreign id the same way.
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NO_ROW = '00000000-0000-0000-0000-000000000000';

/** The database id behind a global id of `typename`; NOT_FOUND for anything else (no hint whether it exists). */
export function idOf(globalId: string, typename: string, field = 'id'): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw notFound(typename, field);
  }
  if (decoded.typename !== typename || !UUID.test(decoded.id)) throw notFound(typename, field);
  return decoded.id;
}

/** `where` for `node(id:)` lookups: only rows of the principal's workspace, and never a malformed uuid. */
export function nodeWhere(id: string, ctx: Context) {
  return {
    id: UUID.test(id) ? id : NO_ROW,
    workspaceId: ctx.principal?.workspaceId ?? NO_ROW,
  };
}
