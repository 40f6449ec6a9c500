// `pnpm bench`: what deskgraph costs on top of the bare minimum, each scenario next to a baseline measured in the
// same run (so machine noise hits both sides alike):
//   (a) an authenticated `viewer` query over HTTP  vs  a bare graphql-yoga answering the same shape from memory;
//   (b) createCustomer over HTTP                   vs  the same INSERT through raw pg (or raw PGlite, see below);
//   (c) createTicket over HTTP                     vs  the statements it writes, raw, in one transaction;
//   (d) a list of 50 tickets with relations        vs  a bare graphql-yoga answering it from memory (bench/tickets.ts);
//   (e) the SLA compliance report of one month     vs  a bare count(*) of that month's targets (bench/sla.ts);
//   (f) ticket updates with an SLA rule + policy   vs  the same updates without SLA rules;
//   (g) one event fanned out to 5,000 graphql-ws sockets on 2 instances (PostgreSQL + Redis only)  vs  a bare
//       graphql-ws server with an in-memory pub/sub, and raw Redis pub/sub (bench/chats.ts);
//   (h) the chat cockpit for 200 agents and 5,000 active conversations  vs  a raw count(*) of them.
//   (i) bulkUpdateTickets of 100 tickets  vs  the rows it writes, set-based, through raw pg (PostgreSQL only; bench/tickets.ts).
//   (v) the ticket volume report of one month over 100,000 tickets  vs  a bare count(*) GROUP BY (bench/reports.ts).
//   (w) signed WhatsApp webhooks through the bridge, processed/s  vs  raw inserts of the same rows (bench/bridges.ts).
// Embedded PGlite by default; with DATABASE_URL a fresh PostgreSQL database (created, migrated, dropped at the end).
// Knobs: BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (1), BENCH_CONCURRENCY (16), BENCH_ONLY (e.g. g,h: only those scenarios),
// BENCH_FANOUT_SUBSCRIBERS (5000), BENCH_FANOUT_ROUNDS (5), BENCH_FANOUT_INPROCESS (1: (g)'s instances in this process),
// BENCH_FANOUT_READ (1: (g) also with each subscriber reading the conversation; slow).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { applyMigrations } from '../src/db/migrations.js';
import { setLogLevel } from '../src/log.js';
import { startServer } from '../src/server.js';
import { closedLoop, httpLoadInWorker, type LoadResult, type Stats, summarize } from './load.js';
import { whatsappWebhookScenario } from './bridges.js';
import { type ChatBenchContext, cockpitScenario, fanOutScenario, printFanOut } from './chats.js';
import { ticketVolumeScenario } from './reports.js';
import { complianceReportScenario, ticketUpdatesWithSlaScenario } from './sla.js';
import { bulkUpdateScenario, createTicketScenario, listTicketsScenario, type TicketBenchContext } from './tickets.js';

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
};
const SECONDS = envNumber('BENCH_SECONDS', 5);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 1);
const CONCURRENCY = envNumber('BENCH_CONCURRENCY', 16);
/** BENCH_ONLY=g,h runs only those scenarios (letters as in the list above); unset runs all. */
const only = process.env.BENCH_ONLY?.split(',').map((letter) => letter.trim().toLowerCase());
const runs = (letter: string) => !only || only.includes(letter);

// log.ts reads DESKGRAPH_LOG_LEVEL when imported (before any line here runs), so set the level directly too.
setLogLevel('silent');

const baseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
/** Run in reverse order at the end, also after a failure, so no server, pool or database is left behind. */
const cleanups: (() => Promise<unknown>)[] = [];

/** Warm up (JIT, connection pools, prepared plans), then measure; both with the same load. */
async function measure(run: (durationMs: number) => Promise<LoadResult>): Promise<Stats> {
  await run(WARMUP_SECONDS * 1000);
  return summarize(await run(SECONDS * 1000));
}

/** The same for HTTP, where the worker thread does both phases (its own JIT must be warm too). */
const httpLoad = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
  summarize(
    await httpLoadInWorker({
      url,
      headers,
      // A fresh tag per load keeps e-mails unique across loads.
      body: JSON.stringify(body).replaceAll('%RUN%', randomBytes(4).toString('hex')),
      concurrency: CONCURRENCY,
      warmupMs: WARMUP_SECONDS * 1000,
      durationMs: SECONDS * 1000,
    }),
  );

/** CREATE DATABASE deskgraph_bench_<random> next to DATABASE_URL's database and migrate it. */
async function createBenchDatabase(url: string) {
  const name = `deskgraph_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  });
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: 2 });
  await applyMigrations(new PrismaPg(pool));
  await pool.end().catch(() => {});
  return { url: benchUrl.toString(), label: `PostgreSQL ${benchUrl.host}/${name}` };
}

/** The reference for (a): the same response shape, from memory, no auth, no plugins. */
async function startBareYoga() {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type Workspace { name: String! }
        type Viewer { role: String! workspace: Workspace! }
        type Query { viewer: Viewer! }
      `,
      resolvers: { Query: { viewer: () => ({ role: 'ADMIN', workspace: { name: 'Bench Support' } }) } },
    }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
  });
  const server = http.createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reference for (b) on the embedded default: a raw insert into a separate, migrated in-memory PGlite. */
async function rawPgliteInsert() {
  const lite = new PGlite();
  cleanups.push(() => lite.close());
  await applyMigrations(new PrismaPGlite(lite));
  const workspaceId = (
    await lite.query<{ id: string }>(`INSERT INTO "Workspace" (id, name, "updatedAt") VALUES (gen_random_uuid(), 'Bench', now()) RETURNING id`)
  ).rows[0].id;
  return (email: string) => lite.query(INSERT_CUSTOMER, [workspaceId, 'Bench Customer', email]).then(() => {});
}

// What createCustomer stores, as one statement (no e-mail pre-check, no transaction, no outbox Event row).
const INSERT_CUSTOMER = `INSERT INTO "Customer" (id, "workspaceId", name, email, "createdAt", "updatedAt")
  VALUES (gen_random_uuid(), $1, $2, $3, now(), now())`;

async function main() {
  const database = baseUrl ? await createBenchDatabase(baseUrl) : null;
  const config = loadConfig({
    DESKGRAPH_LOG_LEVEL: 'silent',
    DESKGRAPH_SEED_DEMO: 'false',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, pgliteDir: 'memory://' });
  cleanups.push(() => app.stop());
  // The raw-pg baselines get as many connections as deskgraph's own pool (DB_POOL_SIZE).
  const poolSize = config.database.poolSize;
  app.start(); // the event relay runs as in production: publishing the outbox is part of a write's cost
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  cleanups.push(() => server.close());
  const url = `http://127.0.0.1:${server.port}/graphql`;
  const bare = await startBareYoga();
  cleanups.push(bare.close);

  // Sign up once (argon2 hashing: not part of any measurement) through yoga's fetch, like test/harness.ts.
  const signUp = await app.yoga.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
      variables: {
        input: { name: 'Bench Support', timeZone: 'UTC', language: 'en', adminName: 'Bench Admin', adminEmail: `admin-${randomBytes(4).toString('hex')}@example.test`, adminPassword: 'correct horse battery' },
      },
    }),
  });
  const signUpResult = (await signUp.json()) as { data?: { createWorkspace: { token: string } }; errors?: unknown };
  if (!signUpResult.data) throw new Error(`sign-up failed: ${JSON.stringify(signUpResult.errors)}`);
  const auth = { authorization: `Bearer ${signUpResult.data.createWorkspace.token}` };

  console.log('deskgraph bench');
  console.log(`  node ${process.version} on ${os.platform()}/${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()})`);
  console.log(`  database: ${database ? database.label : 'embedded PGlite (in memory)'}; pub/sub: ${redisUrl ? 'redis' : 'memory'}`);
  console.log(`  load: ${CONCURRENCY} concurrent callers, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per side; HTTP client in a worker thread, keep-alive`);
  console.log('');

  const rows: { name: string; stats: Stats; baseline?: Stats }[] = [];

  // (a) Same query text on both servers; deskgraph authenticates the session and reads the workspace from the database.
  const viewer = { query: '{ viewer { role workspace { name } } }' };
  if (runs('a')) {
    const bareViewer = await httpLoad(bare.url, viewer);
    rows.push({ name: '(a) viewer query: bare graphql-yoga, from memory, no auth [baseline]', stats: bareViewer });
    rows.push({ name: '(a) viewer query: deskgraph over HTTP, session token', stats: await httpLoad(url, viewer, auth), baseline: bareViewer });
  }

  // (b) A unique e-mail per request on both sides (the pair (workspaceId, email) is unique).
  if (runs('b')) {
    let rawInsert: (email: string) => Promise<void>;
    let rawLabel: string;
    if (database) {
      const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
      cleanups.push(() => pool.end());
      const workspaceId = (await pool.query<{ id: string }>(`SELECT id FROM "Workspace" LIMIT 1`)).rows[0].id;
      rawInsert = (email) => pool.query(INSERT_CUSTOMER, [workspaceId, 'Bench Customer', email]).then(() => {});
      rawLabel = `(b) create customer: raw pg INSERT, Pool max ${poolSize} [baseline]`;
    } else {
      // Raw pg needs a PostgreSQL server (set DATABASE_URL); on the embedded default the nearest equivalent is PGlite.
      rawInsert = await rawPgliteInsert();
      rawLabel = '(b) create customer: raw PGlite INSERT, no pg (set DATABASE_URL) [baseline]';
    }
    const rawCreate = await measure((durationMs) => {
      const run = randomBytes(4).toString('hex');
      return closedLoop((seq) => rawInsert(`raw-${run}-${seq}@example.test`), CONCURRENCY, durationMs);
    });
    rows.push({ name: rawLabel, stats: rawCreate });
    const createCustomer = {
      query: 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      variables: { input: { name: 'Bench Customer', email: 'api-%RUN%-%SEQ%@example.test' } },
    };
    rows.push({
      name: '(b) create customer: deskgraph over HTTP (check + INSERT + outbox Event, 1 tx)',
      stats: await httpLoad(url, createCustomer, auth),
      baseline: rawCreate,
    });
  }

  const tickets: TicketBenchContext = {
    app,
    url,
    auth,
    databaseUrl: database?.url ?? null,
    poolSize: poolSize,
    concurrency: CONCURRENCY,
    cleanups,
    measure,
    httpLoad,
  };
  if (runs('c')) rows.push(...(await createTicketScenario(tickets)));
  if (runs('d')) rows.push(...(await listTicketsScenario(tickets)));
  if (runs('i')) rows.push(...(await bulkUpdateScenario(tickets)));
  if (runs('e')) rows.push(...(await complianceReportScenario(tickets)));
  if (runs('f')) rows.push(...(await ticketUpdatesWithSlaScenario(tickets)));
  if (runs('v')) rows.push(...(await ticketVolumeScenario(tickets)));
  const chats: ChatBenchContext = { ...tickets, redisUrl: redisUrl ?? null };
  const fanOut = runs('g') ? await fanOutScenario(chats) : null;
  if (runs('h')) rows.push(...(await cockpitScenario(chats)));
  if (runs('w')) rows.push(...(await whatsappWebhookScenario(tickets)));

  if (rows.length) printTable(rows);
  console.log('\nratio = requests/s ÷ the baseline\'s requests/s. The (b) baseline is one INSERT; createCustomer also checks the');
  console.log('e-mail, writes an outbox row to "Event" in the same transaction and wakes the event relay.');
  console.log('The (c) baseline runs the 7 statements createTicket writes (number, customer lookup + insert, ticket with its');
  console.log('search vector, note, history, 2 outbox events) in one transaction; createTicket also checks product, status, tags and');
  console.log('assignee, reads the workspace language, runs the rules and reads the ticket back for the response.');
  console.log('(d) lists the 50 last-changed of the seeded tickets with status, customer, assignee, tags and last message: the');
  console.log('session, the page\'s ids, the total and one query per relation (11 statements) vs the same JSON from memory.');
  console.log('(h) the cockpit is one aggregate statement (agents with presence, today\'s activities summed, live active counts) and');
  console.log('the User object of each of the 200 rows for `user { id }`; its baseline only counts the active conversations.');
  if (!database) {
    console.log('The raw-pg baseline needs a PostgreSQL server (DATABASE_URL); without one, (b)\'s baseline is the same raw INSERT');
    console.log('into a separate in-memory PGlite with the same migrations; so is (c)\'s.');
  }
  for (const { name, stats } of rows) {
    if (stats.errors) console.log(`! ${name}: ${stats.errors} failed requests, first: ${stats.firstError}`);
  }
  if (fanOut) printFanOut(fanOut);
}

function printTable(rows: { name: string; stats: Stats; baseline?: Stats }[]) {
  const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const table = [
    ['scenario', 'requests/s', 'p50 ms', 'p99 ms', 'ratio to baseline', 'errors'],
    ...rows.map(({ name, stats, baseline }) => [
      name,
      fixed(stats.rps, 0),
      fixed(stats.p50, 2),
      fixed(stats.p99, 2),
      baseline ? `${fixed(stats.rps / baseline.rps, 2)}x` : '1.00x',
      String(stats.errors),
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
  console.log(line(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of table.slice(1)) console.log(line(row));
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error('cleanup failed:', error));
}
process.exitCode = failed ? 1 : 0;
