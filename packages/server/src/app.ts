// Builds the yoga instance and the services behind it. Tests drive it through `yoga.fetch` with no port;
// main.ts puts it on HTTP and graphql-ws.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga, useReadinessCheck, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { authenticate, bearerToken } from './auth/principal.js';
import { type Config, loadConfig } from './config.js';
import type { AppServices, Context } from './context.js';
import { openDatabase, pgliteDirFor } from './db.js';
import { createEventBus } from './events/bus.js';
import { maskError } from './error-masking.js';
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
  const events = createEventBus({
    prisma: db.prisma,
    redis,
    pollMs: config.eventRelayPollMs,
    retentionDays: config.eventRetentionDays,
  });
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
