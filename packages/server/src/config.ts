// Reads the environment once, checks it, and fails fast with a message that names the variable.
import path from 'node:path';
import { z } from 'zod';

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  // PostgreSQL connections per instance, and how long a request may wait for one (a burst queues instead of failing).
  DB_POOL_SIZE: intFromEnv(10),
  DB_WAIT_MS: intFromEnv(10_000),
  DB_TRANSACTION_TIMEOUT_MS: intFromEnv(15_000),
  DESKGRAPH_DATA_DIR: z.string().default('./data'),
  DESKGRAPH_SIGNUP: z.enum(['open', 'closed']).default('open'),
  DESKGRAPH_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  DESKGRAPH_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SESSION_TTL_HOURS: intFromEnv(24 * 14),
  // Query limits (graphql-armor). A legitimate agent screen stays far below all of them.
  GRAPHQL_MAX_DEPTH: intFromEnv(12),
  GRAPHQL_MAX_ALIASES: intFromEnv(30),
  GRAPHQL_MAX_TOKENS: intFromEnv(5000),
  GRAPHQL_MAX_COST: intFromEnv(20000),
  GRAPHQL_MAX_DIRECTIVES: intFromEnv(50),
  GRAPHQL_MAX_BODY_BYTES: intFromEnv(1_000_000),
  PAGE_SIZE_DEFAULT: intFromEnv(20),
  PAGE_SIZE_MAX: intFromEnv(100),
  EVENT_RELAY_POLL_MS: intFromEnv(500),
  EVENT_RETENTION_DAYS: intFromEnv(7),
  SHUTDOWN_GRACE_MS: intFromEnv(10_000),
  // Attachments (see src/attachments): per file, per message, and where the files live (default <data dir>/attachments).
  ATTACHMENT_MAX_BYTES: intFromEnv(20 * 1024 * 1024),
  ATTACHMENTS_PER_MESSAGE: intFromEnv(5),
  ATTACHMENT_STORAGE_DIR: z.string().min(1).optional(),
  // Outgoing e-mail (see src/mail): without SMTP_URL replies wait in the outbox until it is set.
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//i.test(url), 'Must be an smtp:// or smtps:// URL.')
    .optional(),
  SMTP_FROM: z.string().trim().pipe(z.email('Must be an e-mail address.')).optional(),
  MAIL_POLL_MS: intFromEnv(1000),
  // SLA (see src/sla): how often the breach/warning scan runs, and the largest report and simulation periods.
  SLA_SCAN_MS: intFromEnv(5000),
  SLA_REPORT_MAX_DAYS: intFromEnv(366),
  SLA_REPORT_HOURLY_MAX_DAYS: intFromEnv(31),
  SLA_SIMULATION_MAX_DAYS: intFromEnv(92),
  SLA_SIMULATION_MAX_TICKETS: intFromEnv(50_000),
  MAIL_MAX_ATTEMPTS: intFromEnv(8),
  MAIL_RETRY_BASE_MS: intFromEnv(30_000),
  // Replies on WhatsApp, Messenger and Instagram (src/channels/outbox.ts): the Graph API base (tests point it at a
  // provider on loopback), how often the outbox looks for due rows, the backoff base, the attempts before a reply is
  // FAILED (the default outlasts a provider down for an hour), and one request's time limit.
  META_GRAPH_API_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  OUTBOX_POLL_MS: intFromEnv(500),
  OUTBOX_RETRY_BASE_MS: intFromEnv(5000),
  OUTBOX_MAX_ATTEMPTS: intFromEnv(12),
  OUTBOX_TIMEOUT_MS: intFromEnv(15_000),
  // Customers' media on those channels (src/channels/media-fetch.ts): how often due fetches are looked for (the
  // Graph API base, backoff, attempts and time limit are the outbox's).
  MEDIA_FETCH_POLL_MS: intFromEnv(2000),
  // Chat visitors (src/chats/visitor-*): messages per visitor per window (counted in the database, so across
  // instances), new sessions per client address per minute, and whether X-Real-IP / X-Forwarded-For come from our
  // own proxy (deploy/nginx.conf sets them) and name the client.
  VISITOR_MESSAGES_PER_WINDOW: intFromEnv(20),
  VISITOR_MESSAGE_WINDOW_SECONDS: intFromEnv(10),
  VISITOR_SESSIONS_PER_MINUTE: intFromEnv(10),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Provider webhooks (src/webhooks): the largest body an endpoint reads (larger → 413 before it is all read), how
  // often the sweeper looks for deliveries nobody processed, and how failed ones are retried.
  WEBHOOK_MAX_BODY_BYTES: intFromEnv(2 * 1024 * 1024),
  WEBHOOK_SWEEP_MS: intFromEnv(5000),
  WEBHOOK_MAX_ATTEMPTS: intFromEnv(5),
  WEBHOOK_RETRY_BASE_MS: intFromEnv(30_000),
  // Stored deliveries and finished customer-media fetches are deleted after this many days (src/webhooks/retention.ts).
  WEBHOOK_RETENTION_DAYS: intFromEnv(30),
  // Inbound e-mail and web forms (src/channels): the largest raw e-mail taken (providers post up to 25-30 MB with
  // attachments; larger → 413), and the web form's submissions per client address per product per minute.
  EMAIL_INBOUND_MAX_BYTES: intFromEnv(30 * 1024 * 1024),
  WEB_FORM_SUBMISSIONS_PER_MINUTE: intFromEnv(5),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`deskgraph: invalid configuration in the environment:\n${problems}`);
  }
  const e = parsed.data;
  if (e.SMTP_URL && !e.SMTP_FROM) {
    throw new Error('deskgraph: invalid configuration in the environment:\n  SMTP_FROM: required when SMTP_URL is set (the sender of workspaces without a support e-mail).');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    database: { poolSize: e.DB_POOL_SIZE, waitMs: e.DB_WAIT_MS, transactionTimeoutMs: e.DB_TRANSACTION_TIMEOUT_MS },
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.DESKGRAPH_DATA_DIR),
    signupOpen: e.DESKGRAPH_SIGNUP === 'open',
    seedDemo: e.DESKGRAPH_SEED_DEMO === 'true',
    logLevel: e.DESKGRAPH_LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    limits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxBodyBytes: e.GRAPHQL_MAX_BODY_BYTES,
    },
    pageSize: { default: e.PAGE_SIZE_DEFAULT, max: e.PAGE_SIZE_MAX },
    eventRelayPollMs: e.EVENT_RELAY_POLL_MS,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      perMessage: e.ATTACHMENTS_PER_MESSAGE,
      storageDir: e.ATTACHMENT_STORAGE_DIR ? path.resolve(e.ATTACHMENT_STORAGE_DIR) : path.join(path.resolve(e.DESKGRAPH_DATA_DIR), 'attachments'),
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.SMTP_FROM,
      pollMs: e.MAIL_POLL_MS,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseMs: e.MAIL_RETRY_BASE_MS,
    },
    outbox: {
      graphApiUrl: e.META_GRAPH_API_URL.replace(/\/+$/, ''),
      pollMs: e.OUTBOX_POLL_MS,
      retryBaseMs: e.OUTBOX_RETRY_BASE_MS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      timeoutMs: e.OUTBOX_TIMEOUT_MS,
    },
    mediaFetch: { pollMs: e.MEDIA_FETCH_POLL_MS },
    visitors: {
      messagesPerWindow: e.VISITOR_MESSAGES_PER_WINDOW,
      messageWindowSeconds: e.VISITOR_MESSAGE_WINDOW_SECONDS,
      sessionsPerMinute: e.VISITOR_SESSIONS_PER_MINUTE,
    },
    trustProxy: e.TRUST_PROXY === 'true',
    webhooks: {
      maxBodyBytes: e.WEBHOOK_MAX_BODY_BYTES,
      sweepMs: e.WEBHOOK_SWEEP_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retentionDays: e.WEBHOOK_RETENTION_DAYS,
    },
    channels: {
      emailMaxBodyBytes: e.EMAIL_INBOUND_MAX_BYTES,
      webFormSubmissionsPerMinute: e.WEB_FORM_SUBMISSIONS_PER_MINUTE,
    },
    sla: {
      scanMs: e.SLA_SCAN_MS,
      reportMaxDays: e.SLA_REPORT_MAX_DAYS,
      reportHourlyMaxDays: e.SLA_REPORT_HOURLY_MAX_DAYS,
      simulationMaxDays: e.SLA_SIMULATION_MAX_DAYS,
      simulationMaxTickets: e.SLA_SIMULATION_MAX_TICKETS,
    },
  };
}
