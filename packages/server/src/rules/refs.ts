// Ids inside rule configs (pure). Clients write the same global ids as everywhere else in the API; rules store the
// database ids, so conditions compare them with the ticket's columns directly, and the API shows global ids again.
import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Stands in for an id that is not one of `typename`: the reference check then answers NOT_FOUND, as `idOf` does. */
export const NO_ROW = '00000000-0000-0000-0000-000000000000';

// Relay global ids: base64 of `Typename:id`.
const encodeGlobalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');

function decodeGlobalId(globalId: string, typename: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0 || decoded.slice(0, separator) !== typename) return NO_ROW;
  const id = decoded.slice(separator + 1);
  return UUID.test(id) ? id.toLowerCase() : NO_ROW;
}

/** A workspace-owned object referenced by a config: checked to exist in the rule's workspace when the rule is saved. */
export interface Reference {
  /** The Prisma model (= GraphQL type) name: User, Team, Tag, … */
  typename: string;
  id: string;
  /** Where in the config, for the error's field (`teamId`, `tagIds.2`). */
  path: string;
}

/** A global id of `typename` in, the database id out (and back again for the API). */
export const ref = (typename: string) =>
  z.codec(z.string().max(200), z.string(), {
    decode: (globalId) => decodeGlobalId(globalId, typename),
    encode: (id) => encodeGlobalId(typename, id),
  });

export const refList = (typename: string) =>
  z.array(ref(typename)).min(1, 'List at least one.').max(100, 'At most 100.');

export const referencesOf = (typename: string, ids: readonly string[], path: string): Reference[] =>
  ids.map((id, index) => ({ typename, id, path: `${path}.${index}` }));
