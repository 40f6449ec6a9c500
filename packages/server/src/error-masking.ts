// What a client may see of a failure: typed errors pass through, known database failures become typed, anything
// else is logged with its stack and answered as "Unexpected error." with no internals.
import { GraphQLError } from 'graphql';
import { DeskgraphError, serviceBusy, serviceUnavailable } from './errors.js';
import { Prisma } from './generated/prisma/client.js';
import { log } from './log.js';

const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'P1001', 'P1002', 'P1017', '57P01', '08001', '08006']);

// 22021: invalid byte sequence (a NUL byte in text); 22P05: untranslatable character.
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

type ErrorLink = { code?: unknown; cause?: unknown; message?: unknown; meta?: unknown };

/** Whether `test` holds for the error or one of its causes (drivers and Prisma wrap the original a few levels deep). */
function inCauseChain(error: unknown, test: (link: ErrorLink) => boolean): boolean {
  for (let link = error as ErrorLink | undefined, depth = 0; link && depth < 6; depth++) {
    if (test(link)) return true;
    link = link.cause as ErrorLink | undefined;
  }
  return false;
}

const hasPostgresCode = (error: unknown, codes: Set<string>) =>
  inCauseChain(error, (link) => {
    if (typeof link.code === 'string' && codes.has(link.code)) return true;
    const originalCode = (link.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause?.originalCode;
    return !!originalCode && codes.has(originalCode);
  });

const isDatabaseUnreachable = (error: unknown) =>
  inCauseChain(
    error,
    (link) =>
      (typeof link.code === 'string' && DATABASE_DOWN_CODES.has(link.code)) ||
      (typeof link.message === 'string' && /connection terminated|can't reach database|connect ECONNREFUSED/i.test(link.message)),
  );

/**
 * Every connection stayed busy for the whole wait: pg-pool's queue timed out, or Prisma's P2028 (a transaction did not
 * start within its wait, or ran past its time limit and was rolled back). Nothing was written either way.
 */
const isDatabaseBusy = (error: unknown) =>
  inCauseChain(
    error,
    (link) =>
      (link instanceof Prisma.PrismaClientKnownRequestError && link.code === 'P2028') ||
      (typeof link.message === 'string' && /timeout exceeded when trying to connect/i.test(link.message)),
  );

/** A typed error answered at the path of the field that failed. */
const atPath = (typed: DeskgraphError, path: GraphQLError['path']) => new GraphQLError(typed.message, { path, extensions: typed.extensions });

function uniqueFieldOf(error: Prisma.PrismaClientKnownRequestError) {
  const meta = error.meta as { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  return Array.isArray(fields) ? fields.filter((field) => field !== 'workspaceId').join(',') : (fields ?? 'input');
}

// Errors may come from another copy of graphql-js (yoga's executor), so they are recognised by shape, not class.
const isGraphQLErrorLike = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error;

/** Typed errors pass; known database failures become typed; anything else is logged and masked. */
export function maskError(error: unknown, message: string): Error {
  const wrapped = isGraphQLErrorLike(error) ? error : undefined;
  const original = wrapped?.originalError ?? error;
  const path = wrapped?.path;
  if (original instanceof DeskgraphError) {
    return original === error ? original : atPath(original, path);
  }
  // Pothos refuses some argument combinations itself (a connection's `before` with `after`).
  if (original instanceof Error && original.name === 'PothosValidationError') {
    return new GraphQLError(original.message, { path, extensions: { code: 'BAD_USER_INPUT', field: 'arguments' } });
  }
  // Parse and validation errors (and limits) carry no originalError, and graphql-js wraps its own coercion errors
  // ("String cannot represent…") around a GraphQLError: both describe the request, keep them.
  if (wrapped && (!wrapped.originalError || isGraphQLErrorLike(wrapped.originalError))) return wrapped;
  if (hasPostgresCode(original, UNSTORABLE_TEXT_CODES)) {
    return new GraphQLError('The text contains a character that cannot be stored (such as a NUL byte).', {
      path,
      extensions: { code: 'BAD_USER_INPUT', field: 'input' },
    });
  }
  if (original instanceof Prisma.PrismaClientKnownRequestError && original.code === 'P2002') {
    const field = uniqueFieldOf(original);
    return new GraphQLError(`Another record already has this ${field}.`, { path, extensions: { code: 'CONFLICT', field, reason: 'TAKEN' } });
  }
  if (isDatabaseBusy(original)) {
    log.warn('database busy', { error: (original as Error).message });
    return atPath(serviceBusy(), path);
  }
  if (isDatabaseUnreachable(original)) {
    log.warn('database unreachable', { error: (original as Error)?.message });
    return atPath(serviceUnavailable(), path);
  }
  log.error('unexpected error', { error: (original as Error)?.stack ?? String(original) });
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
