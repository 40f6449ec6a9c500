// Live chat scenarios of `pnpm bench` (bench/run.ts calls them after the SLA scenarios, each next to its baseline):
//   (g) realtime fan-out: 5,000 graphql-ws subscribers, one socket each (as browsers do), half on each of two deskgraph
//       instances (child processes) sharing PostgreSQL and Redis; one mutation per round, latency from the mutation's
//       start to each delivery  vs  the same 5,000 sockets on a bare graphql-ws server with an in-memory pub/sub (also
//       a child process), and raw Redis pub/sub to 2 subscriber connections (the hop between the instances);
//   (h) the `cockpit` query for 200 agents and 5,000 active conversations (generated in SQL) over HTTP  vs  a raw
//       count(*) of the same conversations.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { startServerProcess } from '../test/processes.js';
import { type BenchRow, type TicketBenchContext } from './tickets.js';

export interface ChatBenchContext extends TicketBenchContext {
  /** REDIS_URL when set: (g) needs it (two instances only share events through Redis). */
  redisUrl: string | null;
}

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
};

// ---------------------------------------------------------------- (g) realtime fan-out

const SUBSCRIBERS = envNumber('BENCH_FANOUT_SUBSCRIBERS', 5000);
const ROUNDS = envNumber('BENCH_FANOUT_ROUNDS', 5);
/** Sockets opening at once: a burst of 5,000 handshakes would measure the listen backlog, not the server. */
const OPENING_AT_ONCE = 100;
/** After a round's last expected delivery: how long to wait for duplicates before counting. */
const SETTLE_MS = 300;
/** Quiet time between rounds (the servers' sockets and GC settle). */
const SPACING_MS = 500;
const ROUND_TIMEOUT_MS = 10_000;

const SUBSCRIPTION = `subscription { workspaceEvents(types: ["customer.*"]) { id type entityId occurredAt } }`;
const TRIGGER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Delivery {
  entityId: string;
  at: number;
}

interface Subscriber {
  client: Client;
  deliveries: Delivery[];
  errors: unknown[];
}

export interface RoundStats {
  received: number;
  duplicates: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  /** The triggering mutation's own round trip. */
  mutationMs: number;
}

interface FanOutSide {
  label: string;
  rounds: RoundStats[];
  overall: RoundStats;
  openSeconds: number;
  errors: number;
  firstError?: string;
}

export interface FanOutResult {
  skipped?: string;
  sides: FanOutSide[];
  redis?: { p50: number; max: number; samples: number };
  layout?: string;
}

const quantile = (sorted: Float64Array, q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/** The shell's open-file limit, which this process and its children inherit. */
function openFileLimit() {
  try {
    const text = execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim();
    return text === 'unlimited' ? Infinity : Number(text);
  } catch {
    return NaN;
  }
}

/** Opens `count` graphql-ws clients, one socket each, spread round-robin over `urls`, each with one subscription. */
async function openSubscribers(urls: string[], count: number, token: string | null, onDelivery: () => void) {
  const subscribers: Subscriber[] = [];
  const open = (index: number) =>
    new Promise<Subscriber>((resolve, reject) => {
      const subscriber: Subscriber = { client: undefined as unknown as Client, deliveries: [], errors: [] };
      const client = createClient({
        url: urls[index % urls.length].replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: (error) => reject(error instanceof Error ? error : new Error(`socket ${index} closed: ${JSON.stringify(error)}`)),
        on: { connected: () => resolve(subscriber) },
      });
      subscriber.client = client;
      client.subscribe<{ workspaceEvents: { entityId: string } }>(
        { query: SUBSCRIPTION },
        {
          next: (result) => {
            const at = performance.now();
            if (result.errors) subscriber.errors.push(...result.errors);
            if (result.data) {
              subscriber.deliveries.push({ entityId: result.data.workspaceEvents.entityId, at });
              onDelivery();
            }
          },
          error: (error) => subscriber.errors.push(error),
          complete: () => {},
        },
      );
    });
  for (let start = 0; start < count; start += OPENING_AT_ONCE) {
    const batch = Array.from({ length: Math.min(OPENING_AT_ONCE, count - start) }, (_, i) => open(start + i));
    subscribers.push(...(await Promise.all(batch)));
  }
  return subscribers;
}

async function closeSubscribers(subscribers: Subscriber[]) {
  await Promise.allSettled(subscribers.map((subscriber) => subscriber.client.dispose()));
}

async function post(url: string, token: string | null, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: any; errors?: unknown };
  if (!result.data || result.errors) throw new Error(`trigger failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * Runs the fan-out on one set of servers: opens the subscribers, proves every subscription live (warm-up events
 * until each socket has had one), then ROUNDS measured events, each one mutation on `triggerUrls[round % n]`.
 */
async function fanOut(label: string, socketUrls: string[], triggerUrls: string[], token: string | null): Promise<FanOutSide> {
  let deliveries = 0;
  let wanted = Infinity;
  let wake: (() => void) | null = null;
  const onDelivery = () => {
    if (++deliveries >= wanted && wake) wake();
  };
  const opened = performance.now();
  const subscribers = await openSubscribers(socketUrls, SUBSCRIBERS, token, onDelivery);
  const openSeconds = (performance.now() - opened) / 1000;
  let run = 0;
  const trigger = async (round: number) => {
    const email = `fanout-${process.pid}-${Date.now()}-${run++}@example.test`;
    const data = await post(triggerUrls[round % triggerUrls.length], token, TRIGGER, { input: { name: 'Fan-out Customer', email } });
    return data.createCustomer.id as string;
  };
  /** Waits until `count` more deliveries arrived (or the timeout), then SETTLE_MS for late duplicates. */
  const until = async (count: number, timeoutMs: number) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (deliveries >= count) wake();
    });
    wake = null;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  };

  try {
    // Warm-up: graphql-ws does not acknowledge a subscription, so events prove them live (and warm the JIT).
    for (let attempt = 0; subscribers.some((subscriber) => subscriber.deliveries.length === 0); attempt++) {
      if (attempt === 10) throw new Error(`${label}: ${subscribers.filter((s) => s.deliveries.length === 0).length} subscriptions never became live`);
      wanted = deliveries + SUBSCRIBERS;
      await trigger(attempt);
      await until(wanted, 3000);
    }

    const rounds: RoundStats[] = [];
    const all: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
      for (const subscriber of subscribers) subscriber.deliveries.length = 0;
      deliveries = 0;
      wanted = SUBSCRIBERS;
      const t0 = performance.now();
      const entityId = await trigger(round);
      const mutationMs = performance.now() - t0;
      await until(SUBSCRIBERS, ROUND_TIMEOUT_MS);
      const latencies: number[] = [];
      let duplicates = 0;
      for (const subscriber of subscribers) {
        const mine = subscriber.deliveries.filter((delivery) => delivery.entityId === entityId);
        if (mine.length) latencies.push(mine[0].at - t0);
        duplicates += Math.max(0, mine.length - 1);
      }
      all.push(...latencies);
      const sorted = Float64Array.from(latencies).sort();
      rounds.push({
        received: latencies.length,
        duplicates,
        missing: SUBSCRIBERS - latencies.length,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        max: sorted.length ? sorted[sorted.length - 1] : NaN,
        mutationMs,
      });
    }
    const sorted = Float64Array.from(all).sort();
    const sum = (key: 'received' | 'duplicates' | 'missing') => rounds.reduce((total, round) => total + round[key], 0);
    const errors = subscribers.flatMap((subscriber) => subscriber.errors);
    return {
      label,
      rounds,
      overall: {
        received: sum('received'),
        duplicates: sum('duplicates'),
        missing: sum('missing'),
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        max: sorted.length ? sorted[sorted.length - 1] : NaN,
        mutationMs: rounds.reduce((total, round) => total + round.mutationMs, 0) / rounds.length,
      },
      openSeconds,
      errors: errors.length,
      firstError: errors.length ? JSON.stringify(errors[0]).slice(0, 300) : undefined,
    };
  } finally {
    await closeSubscribers(subscribers);
  }
}

/** Starts bench/bare-ws-server.ts as a child process and waits for its "ready on" line. */
async function startBareWsProcess() {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-ws-server.ts'], {
    cwd: serverDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare graphql-ws server did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /ready on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => reject(new Error(`bare graphql-ws server exited:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Raw Redis pub/sub: one publisher, two subscriber connections (one per instance), a message the size of an event. */
async function rawRedisHop(redisUrl: string) {
  const publisher = new Redis(redisUrl);
  const subscribers = [new Redis(redisUrl), new Redis(redisUrl)];
  const channel = `bench-fanout-${process.pid}-${Date.now()}`;
  try {
    let t0 = 0;
    const latencies: number[] = [];
    let pending = 0;
    let done: (() => void) | null = null;
    for (const subscriber of subscribers) {
      await subscriber.subscribe(channel);
      subscriber.on('message', () => {
        latencies.push(performance.now() - t0);
        if (--pending === 0) done?.();
      });
    }
    const message = JSON.stringify({ id: '1', workspaceId: crypto.randomUUID(), type: 'customer.created', entityType: 'Customer', entityId: crypto.randomUUID(), actor: `user:${crypto.randomUUID()}`, payload: {}, occurredAt: new Date().toISOString() });
    for (let round = 0; round < 5 + ROUNDS; round++) {
      pending = subscribers.length;
      const arrived = new Promise<void>((resolve) => (done = resolve));
      t0 = performance.now();
      await publisher.publish(channel, message);
      await arrived;
      if (round < 5) latencies.length = 0; // warm-up
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sorted = Float64Array.from(latencies).sort();
    return { p50: quantile(sorted, 0.5), max: sorted[sorted.length - 1], samples: sorted.length };
  } finally {
    await Promise.allSettled([publisher, ...subscribers].map((client) => client.quit()));
  }
}

/** Two deskgraph instances on the bench database and Redis: child processes by default, BENCH_FANOUT_INPROCESS=1 for two apps in this process. */
async function startInstances(ctx: ChatBenchContext) {
  const env = { DATABASE_URL: ctx.databaseUrl!, REDIS_URL: ctx.redisUrl! };
  if (process.env.BENCH_FANOUT_INPROCESS === '1') {
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({ config: loadConfig({ DESKGRAPH_LOG_LEVEL: 'silent', DESKGRAPH_SEED_DEMO: 'false', ...env } as NodeJS.ProcessEnv) });
      app.start();
      const server = await startServer(app, { port: 0, host: '127.0.0.1' });
      ctx.cleanups.push(() => app.stop(), () => server.close());
      urls.push(`http://127.0.0.1:${server.port}/graphql`);
    }
    return { urls, layout: 'two apps in the bench process (BENCH_FANOUT_INPROCESS=1), clients in the same event loop' };
  }
  const processes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  for (const child of processes) ctx.cleanups.push(() => child.stop());
  return {
    urls: processes.map((child) => child.url.replace('localhost', '127.0.0.1')),
    layout: 'two deskgraph child processes (src/main.ts) + clients in the bench process; bare server: one child process',
  };
}

export async function fanOutScenario(ctx: ChatBenchContext): Promise<FanOutResult> {
  if (!ctx.databaseUrl || !ctx.redisUrl) {
    return { skipped: 'needs DATABASE_URL and REDIS_URL (two instances share events only through Redis)', sides: [] };
  }
  const limit = openFileLimit();
  // The bench process holds every client socket (and, in-process, the servers' ends too).
  const needed = SUBSCRIBERS * (process.env.BENCH_FANOUT_INPROCESS === '1' ? 2 : 1) + 500;
  if (!(limit >= needed)) {
    return { skipped: `needs ${needed} open files, \`ulimit -n\` is ${limit} (raise it in the shell: ulimit -n ${needed})`, sides: [] };
  }
  const token = ctx.auth.authorization.replace(/^Bearer /, '');
  const { urls, layout } = await startInstances(ctx);
  const deskgraph = await fanOut(`deskgraph, 2 instances × ${SUBSCRIBERS / 2} sockets, PostgreSQL + Redis`, urls, urls, token);

  const bare = await startBareWsProcess();
  ctx.cleanups.push(bare.stop);
  const baseline = await fanOut(`bare graphql-ws, 1 instance × ${SUBSCRIBERS} sockets, in-memory pub/sub [baseline]`, [bare.url], [bare.url], null);
  await bare.stop();
  const redis = await rawRedisHop(ctx.redisUrl);
  return { sides: [baseline, deskgraph], redis, layout };
}

export function printFanOut(result: FanOutResult) {
  console.log(`\n(g) realtime fan-out: ${SUBSCRIBERS.toLocaleString('en')} graphql-ws sockets, one subscription each (workspaceEvents(types: ["customer.*"])),`);
  console.log(`    ${ROUNDS} rounds of one createCustomer each; latency = mutation start → delivery at each socket`);
  if (result.skipped) {
    console.log(`    skipped: ${result.skipped}`);
    return;
  }
  console.log(`    ${result.layout}`);
  const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const [baseline] = result.sides;
  const table = [['side', 'round', 'received', 'dup', 'missing', 'p50 ms', 'p99 ms', 'max ms', 'mutation ms', 'p50 ratio', 'p99 ratio']];
  for (const side of result.sides) {
    side.rounds.forEach((round, i) => {
      const base = baseline.rounds[i];
      table.push([side.label, String(i + 1), String(round.received), String(round.duplicates), String(round.missing), fixed(round.p50), fixed(round.p99), fixed(round.max), fixed(round.mutationMs), `${fixed(round.p50 / base.p50, 2)}x`, `${fixed(round.p99 / base.p99, 2)}x`]);
    });
    const o = side.overall;
    table.push([side.label, 'all', String(o.received), String(o.duplicates), String(o.missing), fixed(o.p50), fixed(o.p99), fixed(o.max), fixed(o.mutationMs), `${fixed(o.p50 / baseline.overall.p50, 2)}x`, `${fixed(o.p99 / baseline.overall.p99, 2)}x`]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const [n, row] of table.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
  for (const side of result.sides) {
    console.log(`    ${side.label}: ${SUBSCRIBERS} sockets opened and subscribed in ${side.openSeconds.toFixed(1)} s; subscription errors: ${side.errors}${side.firstError ? `, first: ${side.firstError}` : ''}`);
  }
  if (result.redis) {
    console.log(`    raw Redis pub/sub, 1 publisher → 2 subscriber connections (the hop between instances): p50 ${fixed(result.redis.p50, 2)} ms, max ${fixed(result.redis.max, 2)} ms over ${result.redis.samples} deliveries`);
  }
  console.log('    ratio = deskgraph latency ÷ the bare server\'s in the same round. Every socket must receive each event exactly once');
  console.log(`    (received = ${SUBSCRIBERS}, dup = 0). The clients share the 2 cores with the servers, so their own parsing is in the figures.`);
}


// ---------------------------------------------------------------- (h) cockpit

export async function cockpitScenario(_ctx: ChatBenchContext): Promise<BenchRow[]> {
  console.log('  (h) skipped: no `cockpit` query in the schema yet (src/cockpit/schema.ts)');
  return [];
}
