// Builds the yoga instance and the services behind it. Tests drive it through `yoga.fetch` with no port;
// main.ts puts it on HTTP and graphql-ws.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { useAttachmentDownloads } from './attachments/download.js';
import { useMultipartUploads } from './attachments/multipart.js';
import { authenticate, bearerToken } from './auth/principal.js';
import { type Config, loadConfig } from './config.js';
import type { AppServices, Context } from './context.js';
import { openDatabase, pgliteDirFor } from './db.js';
import { createEventBus } from './events/bus.js';
import { type Clock, systemClock } from './events/write.js';
import { maskError } from './error-masking.js';
import { log, setLogLevel } from './log.js';
import { createMailWorker } from './mail/worker.js';
import { useMetaWebhooks } from './channels/meta-webhook.js';
import { createOutboxWorker } from './channels/outbox.js';
import { createMediaFetchWorker } from './channels/media-fetch.js';
import { useEmailWebhook } from './channels/email-webhook.js';
import { useWebForms } from './channels/web-form.js';
import { useReportDownloads } from './reports/csv.js';
import { createSlaScheduler } from './sla/scheduler.js';
import { schema } from './schema/index.js';
import { createWebhookSweeper } from './webhooks/deliveries.js';

export interface BuildAppOptions {
  config?: Config;
  /** Overrides where PGlite keeps its data (tests use `memory://`). */
  pgliteDir?: string;
  /** An already-migrated PGlite data directory to start from (tests: it saves an initdb per test file). */
  pgliteSnapshot?: Blob;
  /** The app's notion of now (SLA clocks, timestamps of changes); tests pass one they can move. */
  clock?: Clock;
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
    pool: config.database,
    pgliteDir: options.pgliteDir ?? pgliteDirFor(config.dataDir),
    pgliteSnapshot: options.pgliteSnapshot,
  });
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const events = createEventBus({
    prisma: db.prisma,
    redis,
    pollMs: config.eventRelayPollMs,
    retentionDays: config.eventRetentionDays,
  });
  const services: AppServices = { config, db, events, clock: options.clock ?? systemClock };
  // The e-mail outbox sender runs next to the event relay: polls, claims rows exactly once across instances.
  const mail = createMailWorker({ prisma: db.prisma, config });
  // Replies on WhatsApp, Messenger and Instagram: the same idea, each row attempted by one instance at a time.
  const outbox = createOutboxWorker(services);
  // Customers' media on those channels, fetched from the provider into attachment storage: the same idea again.
  const mediaFetch = createMediaFetchWorker(services);
  // SLA breaches and warnings: a timer on every instance, each row claimed by exactly one.
  const sla = createSlaScheduler(services);
  // Provider webhooks nobody finished processing (a crash after storing, a failure worth retrying): every instance sweeps.
  const webhooks = createWebhookSweeper(services);
  // A multipart request carries one message's files; everything else keeps the small JSON body limit.
  const uploadRequestMaxBytes = config.attachments.perMessage * config.attachments.maxBytes + config.limits.maxBodyBytes;

  const yoga = createYoga<YogaInitialContext & SocketContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // Uploads are parsed by src/attachments/multipart.ts (limits while streaming, refusals that name the file).
    multipart: false,
    maxRequestBodySize: uploadRequestMaxBytes,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Unexpected errors are logged once, by maskError, with their stack; typed errors are the client's business.
    logging: false,
    graphiql: { title: 'deskgraph', subscriptionsProtocol: 'WS' },
    context: async ({ request, connectionParams }) => {
      const token = connectionParams
        ? bearerToken(String(connectionParams.authorization ?? connectionParams.Authorization ?? ''))
        : bearerToken(request.headers.get('authorization'));
      const { principal, visitor, problem } = await authenticate(db.prisma, token, services.clock.now());
      return { app: services, principal, visitor: visitor ?? null, authProblem: problem };
    },
    maskedErrors: { maskError },
    plugins: [
      // Channel endpoints read their own bodies with their own limits (a raw e-mail is larger than a GraphQL body),
      // so they come before the GraphQL body limit.
      useEmailWebhook(services),
      useWebForms(services),
      useMetaWebhooks(services),
      requestBodyLimit(config.limits.maxBodyBytes, uploadRequestMaxBytes),
      useMultipartUploads({
        maxFileBytes: config.attachments.maxBytes,
        maxFiles: config.attachments.perMessage,
        maxFieldBytes: config.limits.maxBodyBytes,
      }),
      useAttachmentDownloads(services),
      useReportDownloads(services),
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
    mail,
    outbox,
    mediaFetch,
    sla,
    webhooks,
    start() {
      events.start();
      mail.start();
      outbox.start();
      mediaFetch.start();
      sla.start();
      webhooks.start();
    },
    async stop() {
      await webhooks.stop();
      await sla.stop();
      await mail.stop();
      await outbox.stop();
      await mediaFetch.stop();
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

const isMultipartRequest = (request: Request) => /^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');

function requestBodyLimit(jsonMaxBytes: number, multipartMaxBytes: number): Plugin {
  return {
    // yoga's own streaming limit (maxRequestBodySize) is sized for uploads; a body without Content-Length that is not
    // an upload is held to the JSON limit here, while it streams in.
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || !request.body || isMultipartRequest(request)) return;
      const parse = requestParser;
      setRequestParser((original) => {
        let read = 0;
        const body = original.body!.pipeThrough(
          new (original.body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream)<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > jsonMaxBytes) {
                controller.error(
                  new GraphQLError(`The request body is larger than ${jsonMaxBytes} bytes.`, {
                    extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
                  }),
                );
              } else {
                controller.enqueue(chunk);
              }
            },
          }),
        );
        const limited = new fetchAPI.Request(original.url, { method: original.method, headers: original.headers, body, duplex: 'half' } as RequestInit);
        return parse(limited);
      });
    },
    onRequest({ request, endResponse, fetchAPI }) {
      const maxBytes = isMultipartRequest(request) ? multipartMaxBytes : jsonMaxBytes;
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
