// Live chat scenarios of `pnpm bench` (bench/run.ts calls them after the SLA scenarios, each next to its baseline):
//   (g) realtime fan-out: 5,000 graphql-ws subscribers, one socket each (as browsers do), half on each of two deskgraph
//       instances (child processes) sharing PostgreSQL and Redis, subscribed to conversationEvents of a product (or
//       workspaceEvents before live chat had it); one agent message per round, latency from the mutation's start to
//       each delivery  vs  the same 5,000 sockets on a bare graphql-ws server with an in-memory pub/sub (also a child
//       process; both sets of sockets stay open and the rounds alternate), and raw Redis pub/sub to 2 subscriber
//       connections (the hop between the instances). PostgreSQL and Redis only;
//   (h) the `cockpit` query for 200 agents and 5,000 active conversations (generated in SQL) over HTTP  vs  a raw
//       count(*) of the same conversations.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import WebSocket from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { schema } from '../src/schema/index.js';
import { startServer } from '../src/server.js';
import { startServerProcess } from '../test/processes.js';
import { closedLoop, httpLoadInWorker, summarize } from './load.js';
import { type BenchRow, setUp, type TicketBenchContext } from './tickets.js';

export interface ChatBenchContext extends TicketBenchContext {
  /** REDIS_URL when set: (g) needs it (two instances only share events through Redis). */
  redisUrl: string | null;
}

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

/**
 * A workspace of its own (in UTC), signed up like the bench's: its events and rows are the scenario's alone, whatever
 * the earlier scenarios left running in the bench workspace. Returns the context with its admin's session.
 */
async function freshWorkspace(ctx: ChatBenchContext, name: string, adminName: string): Promise<ChatBenchContext> {
  const { createWorkspace } = await setUp({ ...ctx, auth: {} }, `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`, {
    input: { name, timeZone: 'UTC', language: 'en', adminName, adminEmail: `bench-${process.pid}-${Date.now()}@example.test`, adminPassword: 'correct horse battery' },
  });
  return { ...ctx, auth: { authorization: `Bearer ${createWorkspace.token}` } };
}

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
};

// ---------------------------------------------------------------- (g) realtime fan-out

const SUBSCRIBERS = envNumber('BENCH_FANOUT_SUBSCRIBERS', 5000);
const ROUNDS = envNumber('BENCH_FANOUT_ROUNDS', 5);
/**
 * BENCH_FANOUT_READ=1 adds a second phase where every subscriber also selects `conversation { id status }`, which
 * deskgraph reads from the database once per subscriber and event: with 2,500 sockets per instance that takes seconds
 * per event and overruns the pool (errors), so it is off by default (it would double (g)'s minute).
 */
const WITH_READ_PHASE = process.env.BENCH_FANOUT_READ === '1';
const READ_ROUNDS = Math.min(ROUNDS, 2);
/** Sockets opening at once: a burst of 5,000 handshakes would measure the listen backlog, not the server. */
const OPENING_AT_ONCE = 100;
/** After a round's last expected delivery: how long to wait for duplicates before counting. */
const SETTLE_MS = 300;
/** Quiet time before each round (the servers' sockets and GC settle). */
const SPACING_MS = 500;
const ROUND_TIMEOUT_MS = 8000;
/**
 * Re-subscribing the open sockets (second phase) goes OPENING_AT_ONCE at a time with this gap: all 5,000 at once queue
 * 2 queries each (session, product) in front of a pool of 10 and run into its 3 s connection timeout.
 */
const RESUBSCRIBE_GAP_MS = 150;

/** What the subscribers listen to and what one round publishes (the bare server serves the same shapes). */
interface Flavor {
  name: string;
  subscription: string;
  variables: Record<string, unknown>;
  rounds: number;
  /** The id a delivery carries, to match it with the round's mutation. */
  deliveryId(data: any): string;
  /** One mutation; returns the id its event's deliveries carry. */
  trigger(url: string, token: string | null, seq: string): Promise<string>;
}

/**
 * Live chat's own `conversationEvents` for a product, one agent message per round: the event's own fields; with
 * BENCH_FANOUT_READ=1 then also, on the same sockets, `conversation { id status }` as a chat list shows it.
 */
function conversationFlavors(productId: string, conversationId: string): Flavor[] {
  const trigger = async (url: string, token: string | null, seq: string) =>
    (
      await post(url, token, `mutation($input: SendConversationMessageInput!) { sendConversationMessage(input: $input) { id } }`, {
        input: { conversationId, body: `Fan-out message ${seq}` },
      })
    ).sendConversationMessage.id as string;
  const selection = 'eventId type messageId occurredAt';
  const flavors: Flavor[] = [
    {
      name: `conversationEvents(productId) { ${selection} }`,
      subscription: `subscription($productId: ID) { conversationEvents(productId: $productId) { ${selection} } }`,
      variables: { productId },
      rounds: ROUNDS,
      deliveryId: (data) => data.conversationEvents.messageId,
      trigger,
    },
    {
      name: `conversationEvents(productId) { ${selection} conversation { id status } }`,
      subscription: `subscription($productId: ID) { conversationEvents(productId: $productId) { ${selection} conversation { id status } } }`,
      variables: { productId },
      rounds: READ_ROUNDS,
      deliveryId: (data) => data.conversationEvents.messageId,
      trigger,
    },
  ];
  return WITH_READ_PHASE ? flavors : flavors.slice(0, 1);
}

/** Before live chat's subscription existed: the workspace feed and createCustomer. */
const WORKSPACE_FLAVOR: Flavor = {
  name: 'workspaceEvents(types: ["customer.*"]) { id type entityId occurredAt }',
  subscription: `subscription { workspaceEvents(types: ["customer.*"]) { id type entityId occurredAt } }`,
  variables: {},
  rounds: ROUNDS,
  deliveryId: (data) => data.workspaceEvents.entityId,
  trigger: async (url, token, seq) =>
    (
      await post(url, token, `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
        input: { name: 'Fan-out Customer', email: `fanout-${seq}@example.test` },
      })
    ).createCustomer.id,
};

/** With conversationEvents: a live-chat product, the workspace's admin ONLINE, one conversation routed to them (ACTIVE). */
async function chooseFlavors(ctx: ChatBenchContext): Promise<Flavor[]> {
  if (!schema.getSubscriptionType()?.getFields().conversationEvents) return [WORKSPACE_FLAVOR];
  const { createProduct } = await setUp(ctx, `mutation { createProduct(input: { name: "Fan-out Chat", channels: [LIVE_CHAT] }) { id } }`);
  await setUp(ctx, `mutation { setPresence(input: { status: ONLINE }) { status } }`);
  const { startConversation } = await setUp(ctx, `mutation($input: StartConversationInput!) { startConversation(input: $input) { id status } }`, {
    input: { productId: createProduct.id, channel: 'LIVE_CHAT', customer: { name: 'Fan-out Visitor', email: `fanout-visitor-${process.pid}@example.test` }, body: 'Hello?' },
  });
  if (startConversation.status !== 'ACTIVE') throw new Error(`bench set-up: the fan-out conversation is ${startConversation.status}, not ACTIVE`);
  return conversationFlavors(createProduct.id, startConversation.id);
}

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Delivery {
  id: string;
  at: number;
}

interface Subscriber {
  client: Client;
  unsubscribe?: () => void;
  /** Data results since the round began. */
  deliveries: Delivery[];
  /** Results with errors and no data since the round began. */
  failed: number;
  /** Has had a result of its current subscription (graphql-ws does not acknowledge subscriptions). */
  live: boolean;
  /** The server ended its current subscription (an error message, or complete) before the round's event. */
  ended: boolean;
  /** Counts subscriptions on this socket; callbacks of earlier ones are ignored. */
  generation: number;
  errors: unknown[];
}

export interface RoundStats {
  received: number;
  duplicates: number;
  /** Sockets that got an error result instead of the event. */
  failed: number;
  /** Sockets whose subscription the server had ended (error or complete). */
  ended: number;
  /** Sockets with a live subscription that got nothing within the round's timeout. */
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
  /** Measured rounds whose mutation failed (no event). */
  triggerFailures: string[];
  /** Warm-up mutations that failed (retried). */
  warmUpFailures: number;
  overall: RoundStats;
}

export interface FanOutResult {
  skipped?: string;
  phases: { flavor: string; sides: FanOutSide[] }[];
  opening: { label: string; seconds: number; retried: string[]; errors: number; firstError?: string }[];
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
 * Opens `count` graphql-ws clients, one socket each, spread round-robin over `urls`, a few at a time (each waits for
 * its connection to be acknowledged); `subscribe` runs on each at once (graphql-ws sends it after the acknowledgement).
 */
async function openSockets(urls: string[], count: number, token: string | null, subscribe: (subscriber: Subscriber) => void) {
  const subscribers: Subscriber[] = [];
  /** Opening failures that were retried (a browser reconnects too); a socket failing three times fails the scenario. */
  const retried: string[] = [];
  // graphql-ws hands over ws's ErrorEvent or CloseEvent, whose fields JSON.stringify does not see.
  const describe = (error: any) =>
    error instanceof Error ? error.message : (error?.message ?? (error?.code ? `closed ${error.code} ${error.reason ?? ''}` : String(error?.type ?? error)));
  const attempt = (index: number) =>
    new Promise<Subscriber>((resolve, reject) => {
      const client = createClient({
        url: urls[index % urls.length].replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: (error) => {
          void client.dispose();
          reject(new Error(`socket ${index}: ${describe(error)}`));
        },
        on: { connected: () => resolve(subscriber) },
      });
      const subscriber: Subscriber = { client, deliveries: [], failed: 0, live: false, ended: false, generation: 0, errors: [] };
      subscribe(subscriber);
    });
  const open = async (index: number) => {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(index);
      } catch (error) {
        if (tries === 3) throw error;
        retried.push((error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  for (let start = 0; start < count; start += OPENING_AT_ONCE) {
    const batch = Array.from({ length: Math.min(OPENING_AT_ONCE, count - start) }, (_, i) => open(start + i));
    subscribers.push(...(await Promise.all(batch)));
  }
  return { subscribers, retried };
}

/**
 * One set of servers with SUBSCRIBERS sockets open. `use(flavor)` (re)subscribes every socket and proves every
 * subscription live (events until each has had a result); `round` publishes one event by one mutation on
 * `triggerUrls[round % n]` and measures its delivery to every socket.
 */
async function openSide(label: string, socketUrls: string[], triggerUrls: string[], token: string | null, first: Flavor) {
  let results = 0;
  let wanted = Infinity;
  let wake: (() => void) | null = null;
  let flavor = first;
  let rounds: RoundStats[] = [];
  let all: number[] = [];
  let run = 0;
  const warmUpFailures: string[] = [];
  const roundFailures: string[] = [];
  const trigger = (round: number) => flavor.trigger(triggerUrls[round % triggerUrls.length], token, `${process.pid}-${Date.now()}-${run++}`);
  /** Waits until `count` results arrived (or the timeout), then SETTLE_MS for late duplicates. */
  const until = async (count: number, timeoutMs: number) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (results >= count) wake();
    });
    wake = null;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  };
  const subscribe = (subscriber: Subscriber) => {
    subscriber.unsubscribe?.();
    subscriber.live = false;
    subscriber.ended = false;
    // Unsubscribing completes the previous sink later: only the current subscription's callbacks count.
    const current = ++subscriber.generation;
    subscriber.unsubscribe = subscriber.client.subscribe(
      { query: flavor.subscription, variables: flavor.variables },
      {
        next: (result) => {
          const at = performance.now();
          if (current !== subscriber.generation) return;
          if (result.data) subscriber.deliveries.push({ id: flavor.deliveryId(result.data), at });
          else subscriber.failed++;
          if (result.errors) subscriber.errors.push(...result.errors);
          subscriber.live = true;
          if (++results >= wanted && wake) wake();
        },
        error: (error) => {
          if (current !== subscriber.generation) return;
          subscriber.errors.push(error);
          subscriber.ended = true;
        },
        complete: () => {
          if (current === subscriber.generation) subscriber.ended = true;
        },
      },
    );
  };
  const opened = performance.now();
  const { subscribers, retried } = await openSockets(socketUrls, SUBSCRIBERS, token, subscribe);
  const openSeconds = (performance.now() - opened) / 1000;

  return {
    label,
    openSeconds,
    retried,
    /** Subscribes every socket to `next` (unless it is the current one), paced like the opening, and warms up. */
    async use(next: Flavor) {
      rounds = [];
      all = [];
      roundFailures.length = 0;
      warmUpFailures.length = 0;
      if (next !== flavor) {
        flavor = next;
        for (let start = 0; start < subscribers.length; start += OPENING_AT_ONCE) {
          for (const subscriber of subscribers.slice(start, start + OPENING_AT_ONCE)) subscribe(subscriber);
          await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_GAP_MS));
        }
      }
      const waiting = () => subscribers.filter((subscriber) => !subscriber.live && !subscriber.ended).length;
      for (let attempt = 0; waiting() > 0; attempt++) {
        if (attempt === 10) throw new Error(`${label}: ${waiting()} subscriptions never became live`);
        wanted = results + SUBSCRIBERS;
        try {
          await trigger(attempt);
        } catch (error) {
          // Right after (re)subscribing, the servers may still be authenticating thousands of subscriptions.
          warmUpFailures.push((error as Error).message);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          continue;
        }
        await until(wanted, ROUND_TIMEOUT_MS);
      }
    },
    async round(round: number) {
      for (const subscriber of subscribers) {
        subscriber.deliveries.length = 0;
        subscriber.failed = 0;
      }
      results = 0;
      wanted = SUBSCRIBERS;
      const t0 = performance.now();
      let eventId: string | null = null;
      try {
        eventId = await trigger(round);
      } catch (error) {
        roundFailures.push(`round ${round + 1}: ${(error as Error).message.slice(0, 200)}`);
      }
      const mutationMs = performance.now() - t0;
      await until(SUBSCRIBERS, ROUND_TIMEOUT_MS);
      const latencies: number[] = [];
      let duplicates = 0;
      let failed = 0;
      let ended = 0;
      for (const subscriber of subscribers) {
        const mine = subscriber.deliveries.filter((delivery) => delivery.id === eventId);
        if (mine.length) latencies.push(mine[0].at - t0);
        duplicates += Math.max(0, mine.length - 1);
        if (!mine.length && subscriber.failed) failed++;
        else if (!mine.length && subscriber.ended) ended++;
      }
      all.push(...latencies);
      const sorted = Float64Array.from(latencies).sort();
      rounds.push({
        received: latencies.length,
        duplicates,
        failed,
        ended,
        missing: SUBSCRIBERS - latencies.length - failed - ended,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        max: sorted.length ? sorted[sorted.length - 1] : NaN,
        mutationMs,
      });
    },
    result(): FanOutSide {
      const sorted = Float64Array.from(all).sort();
      const sum = (key: 'received' | 'duplicates' | 'failed' | 'ended' | 'missing') => rounds.reduce((total, round) => total + round[key], 0);
      return {
        label,
        rounds,
        triggerFailures: [...roundFailures],
        warmUpFailures: warmUpFailures.length,
        overall: {
          received: sum('received'),
          duplicates: sum('duplicates'),
          failed: sum('failed'),
          ended: sum('ended'),
          missing: sum('missing'),
          p50: quantile(sorted, 0.5),
          p99: quantile(sorted, 0.99),
          max: sorted.length ? sorted[sorted.length - 1] : NaN,
          mutationMs: rounds.reduce((total, round) => total + round.mutationMs, 0) / rounds.length,
        },
      };
    },
    errors() {
      const errors = subscribers.flatMap((subscriber) => subscriber.errors);
      return { count: errors.length, first: errors.length ? JSON.stringify(errors[0]).slice(0, 300) : undefined };
    },
    close: () => Promise.allSettled(subscribers.map((subscriber) => subscriber.client.dispose())),
  };
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
    return { skipped: 'needs DATABASE_URL and REDIS_URL (two instances share events only through Redis)', phases: [], opening: [] };
  }
  const limit = openFileLimit();
  // The bench process holds both sides' client sockets (and, in-process, deskgraph's ends of them too).
  const needed = SUBSCRIBERS * (process.env.BENCH_FANOUT_INPROCESS === '1' ? 3 : 2) + 500;
  if (!(limit >= needed)) {
    return { skipped: `needs ${needed} open files, \`ulimit -n\` is ${limit} (raise it in the shell: ulimit -n ${needed})`, phases: [], opening: [] };
  }
  const fanOut = await freshWorkspace(ctx, 'Fan-out Bench', 'Fan-out Admin');
  const token = fanOut.auth.authorization.replace(/^Bearer /, '');
  const flavors = await chooseFlavors(fanOut);
  const { urls, layout } = await startInstances(ctx);
  const bare = await startBareWsProcess();
  ctx.cleanups.push(bare.stop);
  const sides: Awaited<ReturnType<typeof openSide>>[] = [];
  const phases: FanOutResult['phases'] = [];
  try {
    // Both sets of sockets stay open and the rounds alternate between them (in turn first), so the load of whatever
    // else runs on the machine meanwhile hits both sides alike.
    sides.push(await openSide(`bare graphql-ws, 1 instance × ${SUBSCRIBERS} sockets, in-memory pub/sub [baseline]`, [bare.url], [bare.url], null, flavors[0]));
    sides.push(await openSide(`deskgraph, 2 instances × ${SUBSCRIBERS / 2} sockets, PostgreSQL + Redis`, urls, urls, token, flavors[0]));
    for (const flavor of flavors) {
      for (const side of sides) await side.use(flavor);
      for (let round = 0; round < flavor.rounds; round++) {
        for (const side of round % 2 ? [...sides].reverse() : sides) {
          await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
          await side.round(round);
        }
      }
      phases.push({ flavor: flavor.name, sides: sides.map((side) => side.result()) });
    }
  } finally {
    for (const side of sides) await side.close();
    await bare.stop();
  }
  const redis = await rawRedisHop(ctx.redisUrl);
  const opening = sides.map((side) => ({ label: side.label, seconds: side.openSeconds, retried: side.retried, errors: side.errors().count, firstError: side.errors().first }));
  return { phases, opening, redis, layout };
}

export function printFanOut(result: FanOutResult) {
  console.log(`\n(g) realtime fan-out: ${SUBSCRIBERS.toLocaleString('en')} graphql-ws sockets, one subscription each; one event per round;`);
  console.log('    latency = the mutation\'s start → delivery at each socket');
  if (result.skipped) {
    console.log(`    skipped: ${result.skipped}`);
    return;
  }
  console.log(`    ${result.layout}`);
  const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  for (const phase of result.phases) {
    console.log(`\n    ${phase.flavor}`);
    const [baseline] = phase.sides;
    const table = [['side', 'round', 'received', 'dup', 'error', 'ended', 'missing', 'p50 ms', 'p99 ms', 'max ms', 'mutation ms', 'p50 ratio', 'p99 ratio']];
    const row = (label: string, name: string, r: RoundStats, base: RoundStats) => [
      label, name, String(r.received), String(r.duplicates), String(r.failed), String(r.ended), String(r.missing), fixed(r.p50), fixed(r.p99), fixed(r.max), fixed(r.mutationMs),
      `${fixed(r.p50 / base.p50, 2)}x`, `${fixed(r.p99 / base.p99, 2)}x`,
    ];
    for (const side of phase.sides) {
      side.rounds.forEach((round, i) => table.push(row(side.label, String(i + 1), round, baseline.rounds[i])));
      table.push(row(side.label, 'all', side.overall, baseline.overall));
    }
    const failures = phase.sides.flatMap((side) => [
      ...side.triggerFailures.map((failure) => `    ! ${side.label}: the mutation failed in ${failure}`),
      ...(side.warmUpFailures ? [`    ! ${side.label}: ${side.warmUpFailures} warm-up mutations failed (retried)`] : []),
    ]);
    const widths = table[0].map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
    for (const [n, cells] of table.entries()) {
      console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | '));
      if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    }
    for (const failure of failures) console.log(failure);
  }
  console.log('');
  for (const side of result.opening) {
    const retried = side.retried.length ? `, ${side.retried.length} retried (first: ${side.retried[0]})` : '';
    console.log(`    ${side.label}: ${SUBSCRIBERS} sockets opened in ${side.seconds.toFixed(1)} s${retried}; error results: ${side.errors}${side.firstError ? `, first: ${side.firstError}` : ''}`);
  }
  if (result.redis) {
    console.log(`    raw Redis pub/sub, 1 publisher → 2 subscriber connections (the hop between instances): p50 ${fixed(result.redis.p50, 2)} ms, max ${fixed(result.redis.max, 2)} ms over ${result.redis.samples} deliveries`);
  }
  console.log('    ratio = deskgraph\'s latency ÷ the bare server\'s in the same round. Each socket must receive each event exactly once');
  console.log(`    (received = ${SUBSCRIBERS}; dup, error, ended, missing = 0). The bench process (the clients) shares the 2 cores with the servers.`);
  if (!WITH_READ_PHASE && result.phases.length === 1 && result.phases[0].flavor.startsWith('conversationEvents')) {
    console.log('    BENCH_FANOUT_READ=1 adds a phase selecting conversation { id status } too (one database read per subscriber and event).');
  }
}


// ---------------------------------------------------------------- (h) cockpit

const AGENTS = 200;
const ACTIVE_CONVERSATIONS = 5000;
const ACTIVITIES = 20_000;
/** Supervisors watching the cockpit at once (each subscription recomputes it at most every 500 ms). */
const COCKPIT_CONCURRENCY = 8;

const COCKPIT_FIGURES = `name status statusChangedAt timeInStatusSeconds averageFirstResponseSeconds averageResolutionSeconds
    activeConversations resolvedToday reactivatedToday transferredToday`;
const COCKPIT_QUERY = `query Cockpit { cockpit { user { id } ${COCKPIT_FIGURES} } }`;
/** The same without `user` (a User object per row): shows what resolving the 200 users costs on top of the figures. */
const COCKPIT_FIGURES_QUERY = `query CockpitFigures { cockpit { ${COCKPIT_FIGURES} } }`;

const COUNT_ACTIVE = `SELECT count(*)::int AS "active" FROM "Conversation" WHERE "workspaceId" = $1::uuid AND "status" = 'ACTIVE'`;

/**
 * A fresh workspace (its admin is agent 1 of 200, so the cockpit shows exactly the generated agents), then in SQL:
 * 199 agents, presence for all (mostly ONLINE), 5,000 customers with one ACTIVE conversation each spread evenly over
 * the agents, two products and three channels, and today's ConversationActivity rows (the workspace is in UTC).
 */
async function generateCockpitData(ctx: ChatBenchContext) {
  const cockpit = await freshWorkspace(ctx, 'Cockpit Bench', 'Agent 000');
  const products: string[] = [];
  for (const name of ['Cockpit Web', 'Cockpit App']) {
    products.push(rawId((await setUp(cockpit, `mutation($n: String!) { createProduct(input: { name: $n, channels: [LIVE_CHAT, WHATSAPP, INSTAGRAM] }) { id } }`, { n: name })).createProduct.id));
  }
  const { viewer } = await setUp(cockpit, `{ viewer { workspace { id } } }`);
  const workspaceId = rawId(viewer.workspace.id);
  const prisma = ctx.app.services.db.prisma;
  const started = performance.now();
  const sql = (text: string, ...values: unknown[]) => prisma.$executeRawUnsafe(text, ...values);
  await sql(
    `INSERT INTO "User" ("id", "workspaceId", "email", "name", "role", "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'agent-' || i || '-' || $1 || '@cockpit.test', 'Agent ' || lpad(i::text, 3, '0'), 'AGENT', 'not-a-hash', now()
       FROM generate_series(1, $2::int) AS i`,
    workspaceId,
    AGENTS - 1,
  );
  await sql(
    `INSERT INTO "AgentPresence" ("userId", "workspaceId", "status", "changedAt", "changedBy", "maxConcurrentChats", "chatChannels", "updatedAt")
     SELECT u."id", u."workspaceId",
            (CASE WHEN n % 10 < 8 THEN 'ONLINE' WHEN n % 10 = 8 THEN 'BREAK' ELSE 'INVISIBLE' END)::"PresenceStatus",
            now() - (n % 120) * interval '1 minute', 'user:' || u."id", 30, '{}', now()
       FROM (SELECT "id", "workspaceId", row_number() OVER (ORDER BY "id") AS n FROM "User" WHERE "workspaceId" = $1::uuid) AS u`,
    workspaceId,
  );
  await sql(
    `INSERT INTO "Customer" ("id", "workspaceId", "name", "email", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'Chat Customer ' || i, 'chat-' || i || '@cockpit.test', now() FROM generate_series(1, $2::int) AS i`,
    workspaceId,
    ACTIVE_CONVERSATIONS,
  );
  // Conversation i goes to agent i mod 200 (25 each), product and channel by i; started within the last two hours.
  await sql(
    `WITH agents AS (SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS n FROM "User" WHERE "workspaceId" = $1::uuid),
          customers AS (SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS n FROM "Customer" WHERE "workspaceId" = $1::uuid AND "email" LIKE '%@cockpit.test')
     INSERT INTO "Conversation" ("id", "workspaceId", "productId", "channel", "customerId", "status", "assigneeUserId", "queuedAt", "assignedAt",
                                 "firstResponseAt", "lastCustomerMessageAt", "lastMessageAt", "createdBy", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, ($2::text[]::uuid[])[1 + c.n % 2],
            (ARRAY['LIVE_CHAT', 'WHATSAPP', 'INSTAGRAM'])[1 + c.n % 3]::"Channel", c."id", 'ACTIVE', a."id",
            s.at, s.at + interval '20 seconds', CASE WHEN c.n % 4 > 0 THEN s.at + interval '80 seconds' END, s.at, s.at + interval '80 seconds',
            'customer:' || c."id", s.at, now()
       FROM customers c JOIN agents a ON a.n = c.n % $3::int,
            LATERAL (SELECT now() - (c.n % 7200) * interval '1 second' AS at) AS s`,
    workspaceId,
    products,
    AGENTS,
  );
  // Today's acts, spread from midnight (UTC, the workspace's zone) to now: 40 % assigned, 25 % first responses,
  // 25 % resolutions, 5 % transfers, 5 % reactivations, each on one of the conversations and by its agent.
  await sql(
    `WITH conversations AS (SELECT "id", "assigneeUserId", "productId", "channel", row_number() OVER (ORDER BY "id") - 1 AS n
                             FROM "Conversation" WHERE "workspaceId" = $1::uuid),
          day AS (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start)
     INSERT INTO "ConversationActivity" ("id", "workspaceId", "conversationId", "userId", "kind", "productId", "channel", "durationSeconds", "at")
     SELECT gen_random_uuid(), $1::uuid, c."id", c."assigneeUserId",
            (CASE WHEN i % 20 < 8 THEN 'ASSIGNED' WHEN i % 20 < 13 THEN 'FIRST_RESPONSE' WHEN i % 20 < 18 THEN 'RESOLVED'
                  WHEN i % 20 = 18 THEN 'TRANSFERRED' ELSE 'REACTIVATED' END)::"ConversationActivityKind",
            c."productId", c."channel",
            CASE WHEN i % 20 BETWEEN 8 AND 12 THEN 10 + i % 300 WHEN i % 20 BETWEEN 13 AND 17 THEN 300 + i % 3000 END,
            day.start + (now() - day.start) * (i::float8 / ($2::int + 1))
       FROM generate_series(1, $2::int) AS i JOIN conversations c ON c.n = i % ${ACTIVE_CONVERSATIONS}, day`,
    workspaceId,
    ACTIVITIES,
  );
  await sql(`ANALYZE "User", "AgentPresence", "Conversation", "ConversationActivity"`);
  return { cockpit, workspaceId, seconds: (performance.now() - started) / 1000 };
}

export async function cockpitScenario(ctx: ChatBenchContext): Promise<BenchRow[]> {
  if (!schema.getQueryType()?.getFields().cockpit) {
    console.log('  (h) skipped: the schema has no `cockpit` query');
    return [];
  }
  const { cockpit, workspaceId, seconds } = await generateCockpitData(ctx);
  console.log(`  (h) generated ${AGENTS} agents with presence, ${ACTIVE_CONVERSATIONS.toLocaleString('en')} ACTIVE conversations and ${ACTIVITIES.toLocaleString('en')} of today's activities in ${seconds.toFixed(1)} s`);
  const check = await setUp(cockpit, COCKPIT_QUERY);
  const active = check.cockpit.reduce((sum: number, row: { activeConversations: number }) => sum + row.activeConversations, 0);
  if (check.cockpit.length !== AGENTS || active !== ACTIVE_CONVERSATIONS) {
    throw new Error(`bench set-up: the cockpit shows ${check.cockpit.length} agents holding ${active} conversations`);
  }

  let countActive: () => Promise<number>;
  let label: string;
  if (ctx.databaseUrl) {
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: ctx.poolSize });
    ctx.cleanups.push(() => pool.end());
    countActive = async () => (await pool.query<{ active: number }>(COUNT_ACTIVE, [workspaceId])).rows[0].active;
    label = `(h) the ${ACTIVE_CONVERSATIONS.toLocaleString('en')} active conversations: raw pg SELECT count(*), Pool max ${ctx.poolSize}`;
  } else {
    const prisma = ctx.app.services.db.prisma;
    countActive = async () => (await prisma.$queryRawUnsafe<{ active: number }[]>(COUNT_ACTIVE, workspaceId))[0].active;
    label = `(h) the ${ACTIVE_CONVERSATIONS.toLocaleString('en')} active conversations: SELECT count(*) through the app's Prisma on PGlite (set DATABASE_URL for raw pg)`;
  }
  if ((await countActive()) !== ACTIVE_CONVERSATIONS) throw new Error('bench set-up: the raw count does not see the generated conversations');
  const baseline = await ctx.measure((durationMs) => closedLoop(() => countActive().then(() => {}), COCKPIT_CONCURRENCY, durationMs));
  const load = async (query: string) =>
    summarize(
      await httpLoadInWorker({
        url: ctx.url,
        headers: cockpit.auth,
        body: JSON.stringify({ query }),
        concurrency: COCKPIT_CONCURRENCY,
        warmupMs: envNumber('BENCH_WARMUP_SECONDS', 1) * 1000,
        durationMs: envNumber('BENCH_SECONDS', 5) * 1000,
      }),
    );
  const data = `${AGENTS} agents, ${ACTIVE_CONVERSATIONS.toLocaleString('en')} active + ${ACTIVITIES.toLocaleString('en')} activities today`;
  return [
    { name: `${label}, ${COCKPIT_CONCURRENCY} callers [baseline]`, stats: baseline },
    {
      name: `(h) cockpit query, ${data}, user { id } + 10 figures per agent, deskgraph over HTTP, ${COCKPIT_CONCURRENCY} callers`,
      stats: await load(COCKPIT_QUERY),
      baseline,
    },
    {
      name: `(h) cockpit query, the same without user { id } (figures only), deskgraph over HTTP, ${COCKPIT_CONCURRENCY} callers`,
      stats: await load(COCKPIT_FIGURES_QUERY),
      baseline,
    },
  ];
}
