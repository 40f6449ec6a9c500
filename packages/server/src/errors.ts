// Typed errors a client can act on: `extensions.code` (and `extensions.field` for bad input). Anything that is not a
// GraphQLError is masked by yoga, so internals never reach a client.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'UPSTREAM_UNAVAILABLE'
  | 'RATE_LIMITED';


export class DeskgraphError extends GraphQLError {
  constructor(code: ErrorCode, message: string, field?: string, extra: Record<string, unknown> = {}) {
    super(message, {
      extensions: { code, ...(field ? { field } : {}), ...extra },
    });
  }
}

export const badInput = (field: string, message: string) => new DeskgraphError('BAD_USER_INPUT', message, field);
export const unauthenticated = (message = 'Sign in first: send a session or API token as `Authorization: Bearer <token>`.') =>
  new DeskgraphError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.') => new DeskgraphError('FORBIDDEN', message);
export const notFound = (what: string, field = 'id') => new DeskgraphError('NOT_FOUND', `${what} not found.`, field);
export const conflict = (field: string, message: string) => new DeskgraphError('CONFLICT', message, field);
/**
 * Another record already uses this name, title, key or e-mail. `extensions.reason: TAKEN` lets a client say so in
 * its own language without reading the English message.
 */
export const taken = (field: string, message: string) => new DeskgraphError('CONFLICT', message, field, { reason: 'TAKEN' });
/** Too many requests of one kind in a window; nothing was stored, retry after `retryAfterSeconds`. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DeskgraphError('RATE_LIMITED', message, undefined, { retryAfterSeconds });
export const serviceUnavailable = () =>
  new DeskgraphError('SERVICE_UNAVAILABLE', 'The service cannot reach its database right now. Nothing was changed; try again shortly.');
/** Every database connection stayed busy for the whole wait (DB_WAIT_MS): the same retryable code as an outage. */
export const serviceBusy = () =>
  new DeskgraphError('SERVICE_UNAVAILABLE', 'The service is too busy to take this request right now. Nothing was changed; try again shortly.');
