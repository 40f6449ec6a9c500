// Builds the yoga instance and the services behind it. Tests drive it through `yoga.fetch` with no port;
// main.ts puts it on HTTP and graphql-ws.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { authenticate, bearerToken } from './auth/principal.js';
import { type Config, loadConfig } from './config.js';
import type { AppServices, Context } from './context.js';
import { openDatabase, pgliteDirFor } from './db.js';
import { DeskgraphError, serviceUnavailable } from './errors.js';
import { createEventBus } from './events/bus.js';
import { Prisma } from './generated/prisma/client.js';
import { log, setLogLevel } from './log.js';
import { schema } from './schema/index.js';

export interface BuildAppOptions {
  config?: Config;
  /** Overrides where PGlite keeps its data (tests use `memory://`). */
  pgliteDir?: string;
}

/** What a WebSocket operation brings instead of an HTTP request. */
interface SocketContext {
  connectionParams?: Record<string, unknown>;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

export async function buildApp(options: BuildAppOptions = {}) {
  const config = options.config ?? loadConfig();
  setLogLevel(config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: options.pgliteDir ?? pgliteDirFor(config.dataDir),
  });
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const events = createEventBus({ prisma: db.prisma, redis, pollMs: config.eventRelayPollMs });
  const services: AppServices = { config, db, events };

  const yoga = createYoga<YogaInitialContext & SocketContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Unexpected errors are logged once, by maskError, with their stack; typed errors are the client's business.
    logging: false,
    graphiql: { title: 'deskgraph', subscriptionsProtocol: 'WS' },
    context: async ({ request, connectionParams }) => {
      const token = connectionParams
        ? bearerToken(String(connectionParams.authorization ?? connectionParams.Authorization ?? ''))
        : bearerToken(request.headers.get('authorization'));
      const { principal, problem } = await authenticate(db.prisma, token);
      return { app: services, principal, authProblem: problem };
    },
    maskedErrors: { maskError },
    plugins: [
      requestBodyLimit(config.limits.maxBodyBytes),
      EnvelopArmorPlugin({
        maxDepth: { n: config.limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
        maxAliases: { n: config.limits.maxAliases },
        maxTokens: { n: config.limits.maxTokens },
        maxDirectives: { n: config.limits.maxDirectives },
        costLimit: { maxCost: config.limits.maxCost },
        blockFieldSuggestion: { enabled: true },
      }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          await db.ping();
          if (redis) await redis.publish.ping();
          return true;
        },
      }),
    ],
  });

  return {
    yoga,
    services,
    start() {
      events.start();
    },
    async stop() {
      await events.stop();
      if (redis) await Promise.allSettled([redis.publish.quit(), redis.subscribe.quit()]);
      await db.close();
    },
  };
}

function connectRedis(url: string) {
  // Two connections: one in subscriber mode cannot publish. Errors are logged; ioredis reconnects by itself.
  const make = (role: string) => {
    const client = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    client.on('error', (error) => log.warn('redis error', { role, error: error.message }));
    return client;
  };
  return { publish: make('publish'), subscribe: make('subscribe') };
}

function requestBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [{ message: `The request body is larger than ${maxBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
            }),
            { status: 413, headers: { 'content-type': 'application/json' } },
          ),
        );
      }
    },
  };
}

const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'P1001', 'P1002', 'P1017', '57P01', '08001', '08006']);

function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; current && depth < 6; depth++) {
    if (typeof current.code === 'string' && DATABASE_DOWN_CODES.has(current.code)) return true;
    if (typeof current.message === 'string' && /connection terminated|timeout exceeded when trying to connect|can't reach database|connect ECONNREFUSED/i.test(current.message)) {
      return true;
    }
    current = current.cause as typeof current;
  }
  return false;
}

function uniqueFieldOf(error: Prisma.PrismaClientKnownRequestError) {
  const meta = error.meta as { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  return Array.isArray(fields) ? fields.filter((field) => field !== 'workspaceId').join(',') : (fields ?? 'input');
}

// Errors may come from another copy of graphql-js (yoga's executor), so they are recognised by shape, not class.
const isGraphQLErrorLike = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error;

/** Typed errors pass; known database failures become typed; anything else is logged and masked. */
function maskError(error: unknown, message: string): Error {
  const wrapped = isGraphQLErrorLike(error) ? error : undefined;
  const original = wrapped?.originalError ?? error;
  const path = wrapped?.path;
  if (original instanceof DeskgraphError) {
    return original === error ? original : new GraphQLError(original.message, { path, extensions: original.extensions });
  }
  // Pothos refuses some argument combinations itself (a connection's `before` with `after`).
  if (original instanceof Error && original.name === 'PothosValidationError') {
    return new GraphQLError(original.message, { path, extensions: { code: 'BAD_USER_INPUT', field: 'arguments' } });
  }
  // Parse and validation errors (and limits) carry no originalError: they describe the request, keep them.
  if (wrapped && !wrapped.originalError) return wrapped;
  if (original instanceof Prisma.PrismaClientKnownRequestError && original.code === 'P2002') {
    const field = uniqueFieldOf(original);
    return new GraphQLError(`Another record already has this ${field}.`, { path, extensions: { code: 'CONFLICT', field } });
  }
  if (isDatabaseUnreachable(original)) {
    log.warn('database unreachable', { error: (original as Error)?.message });
    return new GraphQLError(serviceUnavailable().message, { path, extensions: serviceUnavailable().extensions });
  }
  log.error('unexpected error', { error: (original as Error)?.stack ?? String(original) });
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
