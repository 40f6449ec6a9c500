// Reads the environment once, checks it, and fails fast with a message that names the variable.
import path from 'node:path';
import { z } from 'zod';

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
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
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`deskgraph: invalid configuration in the environment:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
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
  };
}
