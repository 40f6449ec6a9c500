// Test harness: a real app (real database, real pub/sub) driven through yoga's fetch, like a client would.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { workerDatabaseName } from './global-setup.js';
import type { Clock } from '../src/events/write.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * This worker's PostgreSQL database (see global-setup.ts), or null on the embedded default. Files running at the same
 * time get different databases; the files one worker runs share its database, one after another.
 */
export function testDatabaseUrl(): string | null {
  const template = inject('databaseUrl');
  if (!template) return null;
  const url = new URL(template);
  url.pathname = `/${workerDatabaseName(url.pathname.slice(1), Number(process.env.VITEST_POOL_ID ?? 1))}`;
  return url.toString();
}

export function testConfig(overrides: Record<string, string> = {}) {
  const databaseUrl = testDatabaseUrl();
  const redisUrl = inject('redisUrl');
  const env: Record<string, string | undefined> = {
    // TEST_LOG_LEVEL=warn shows what the apps under test log (an unexpected error's stack).
    DESKGRAPH_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    EVENT_RELAY_POLL_MS: '200',
    // Sessions end by the server's clock, which many tests move by weeks or months: ten years keeps a workspace's
    // sign-in valid through that (sign-in-and-tokens sets a short TTL where expiry is the point).
    SESSION_TTL_HOURS: String(24 * 365 * 10),
    // SLA scans run only when a test calls app.sla.scanOnce(): a timer on the real clock would breach the targets of
    // tests that move their own clock, on a shared database.
    SLA_SCAN_MS: '3600000',
    // The channel outbox runs only in tests that ask for it (with their own provider on loopback): on a shared
    // database another file's app would otherwise try to deliver their replies to the real Graph API.
    OUTBOX_POLL_MS: '3600000',
    // Same for fetching customers' media (tests call app.mediaFetch.drain()).
    MEDIA_FETCH_POLL_MS: '3600000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...overrides,
  };
  return loadConfig(env as NodeJS.ProcessEnv);
}

export interface TestApp {
  app: App;
  /** POST a GraphQL operation; `token` goes into `Authorization: Bearer`. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** A new workspace with its admin signed in. */
  signUp(name?: string): Promise<Workspace>;
  stop(): Promise<void>;
}

export interface Workspace {
  workspaceId: string;
  adminId: string;
  adminEmail: string;
  adminPassword: string;
  token: string;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(5).toString('hex')}@example.test`;
export const PASSWORD = 'correct horse battery';

/** A clock a test moves by hand, for behaviour that depends on time passing (SLA clocks, breaches). */
export interface TestClock extends Clock {
  set(instant: Date | string): void;
  advance(minutes: number): void;
}

export function testClock(start: Date | string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant);
    },
    advance: (minutes) => {
      current = new Date(current.getTime() + minutes * 60_000);
    },
  };
}

/** The migrated cluster the global setup dumped (embedded runs only), read once per test file. */
let snapshot: Blob | undefined;
function migratedSnapshot(): Blob | undefined {
  const snapshotPath = inject('pgliteSnapshotPath');
  if (!snapshotPath || inject('databaseUrl')) return undefined;
  snapshot ??= new Blob([readFileSync(snapshotPath)]);
  return snapshot;
}

export async function startTestApp(overrides: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const app = await buildApp({ config: testConfig(overrides), pgliteDir: 'memory://', pgliteSnapshot: migratedSnapshot(), clock: options.clock });
  app.start();

  async function gql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
    const response = await app.yoga.fetch('http://deskgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  async function signUp(name = 'Acme Support'): Promise<Workspace> {
    const adminEmail = uniqueEmail('admin');
    const result = await gql<{ createWorkspace: { token: string; user: { id: string } } }>(
      `mutation($input: CreateWorkspaceInput!) {
        createWorkspace(input: $input) { token user { id } }
        }`,
      { input: { name, timeZone: 'Europe/Istanbul', language: 'tr', adminName: 'Ayşe Admin', adminEmail, adminPassword: PASSWORD } },
    );
    if (result.errors) throw new Error(`sign-up failed: ${JSON.stringify(result.errors)}`);
    const token = result.data!.createWorkspace.token as string;
    const viewer = await gql<{ viewer: { workspace: { id: string } } }>(`{ viewer { workspace { id } } }`, {}, token);
    return {
      workspaceId: viewer.data!.viewer.workspace.id,
      adminId: result.data!.createWorkspace.user.id,
      adminEmail,
      adminPassword: PASSWORD,
      token,
    };
  }

  return { app, gql, signUp, stop: () => app.stop() };
}

/** The `extensions.code` of the first error, for compact assertions. */
export const errorCode = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/** The database id inside a global (Relay) id. */
export const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];
