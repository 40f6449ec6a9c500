// SLA scenarios of `pnpm bench` (bench/run.ts calls them after the ticket scenarios, each next to its baseline):
//   (e) slaComplianceReport for one month over generated SlaTarget rows (1,000,000 on PostgreSQL, 100,000 on the
//       embedded PGlite), grouped by day and product, over HTTP  vs  the bare `count(*)` of the same month's rows
//       (raw pg; on the embedded default the app's own Prisma client, there being no second connection to PGlite);
//   (f) ticket updates (priority toggles) over HTTP with an SLA policy and rule applying to the tickets  vs  the same
//       updates in the same workspace before any SLA rule exists.
import pg from 'pg';
import { closedLoop, httpLoadInWorker, type LoadResult, summarize } from './load.js';
import { type BenchRow, setUp, type TicketBenchContext } from './tickets.js';

/** bench/run.ts's knobs, for the loads these scenarios drive themselves (their own concurrency). */
const loadTimes = () => ({
  warmupMs: Number(process.env.BENCH_WARMUP_SECONDS ?? 1) * 1000,
  durationMs: Number(process.env.BENCH_SECONDS ?? 5) * 1000,
});

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

// ---------------------------------------------------------------- (e) compliance report

/** Three months of targets, evenly spread; the report reads the middle one (February 2026: 28 of 90 days). */
const GENERATED_FROM = '2026-01-01T00:00:00Z';
const GENERATED_DAYS = 90;
const MONTH = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

const REPORT_QUERY = `query($filter: SlaReportFilter!) {
  slaComplianceReport(filter: $filter, interval: DAY, groupBy: [PRODUCT]) {
    rows { bucket policyName metric product { name } met missed pending successRate shortOfTarget metAvgMinutes missedAvgMinutes }
    totals { policyName metric product { name } met missed pending successRate shortOfTarget }
  }
}`;

/**
 * One INSERT … SELECT generate_series: four products, three metrics, 70 % met, 25 % missed, 5 % still running.
 * All rows hang off one ticket (cycle keeps (ticket, metric, cycle) unique); nothing recomputes that ticket later.
 * Warnings and breach alerts count as sent: otherwise every instance's SLA scheduler would spend the following
 * minutes publishing a breach event for each missed or overdue row, under the later scenarios.
 */
async function generateTargets(ctx: TicketBenchContext, count: number) {
  const products: string[] = [];
  for (const name of ['Portakal', 'Elma', 'Armut', 'Kiraz']) {
    products.push((await setUp(ctx, `mutation($n: String!) { createProduct(input: { name: $n, channels: [EMAIL] }) { id } }`, { n: `SLA ${name}` })).createProduct.id);
  }
  const policyId = rawId(
    (
      await setUp(ctx, `mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
        i: { name: 'Bench report policy', targets: [{ metric: 'FIRST_RESPONSE', minutes: 30 }], targetRate: 80 },
      })
    ).createSlaPolicy.id,
  );
  const { createTicket } = await setUp(ctx, `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id customer { id } } }`, {
    i: { productId: products[0], customer: { name: 'Report Customer', email: 'report-customer@example.test' }, subject: 'Holder of the generated targets' },
  });
  const { viewer } = await setUp(ctx, `{ viewer { workspace { id } user { id } } }`);
  const prisma = ctx.app.services.db.prisma;
  const started = performance.now();
  await prisma.$executeRawUnsafe(
    `INSERT INTO "SlaTarget" ("id", "workspaceId", "ticketId", "policyId", "policyName", "metric", "cycle", "status",
       "targetMinutes", "targetRate", "startedAt", "dueAt", "completedAt", "breachedAt", "elapsedSeconds", "computedAt",
       "productId", "channel", "priority", "assigneeUserId", "customerId", "warnedAt", "breachAlertedAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, 'Bench report policy',
            (ARRAY['FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION'])[1 + i % 3]::"SlaMetric", i,
            (CASE WHEN i % 20 < 14 THEN 'ACHIEVED' WHEN i % 20 < 19 THEN 'BREACHED' ELSE 'ACTIVE' END)::"SlaTargetStatus",
            30, 80, s.at, s.at + interval '30 minutes',
            CASE WHEN i % 20 < 19 THEN s.at + (i % 50) * interval '1 minute' END,
            CASE WHEN i % 20 BETWEEN 14 AND 18 THEN s.at + interval '30 minutes' END,
            (i % 50) * 60, now(),
            ($4::text[]::uuid[])[1 + i % 4], 'EMAIL', 'HIGH', $5::uuid, $6::uuid, now(), now()
       FROM generate_series(1, $7::int) AS i,
            LATERAL (SELECT $8::timestamptz + (i::float8 / $7::int) * interval '${GENERATED_DAYS} days' AS at) AS s`,
    rawId(viewer.workspace.id),
    rawId(createTicket.id),
    policyId,
    products.map(rawId),
    rawId(viewer.user.id),
    rawId(createTicket.customer.id),
    count,
    GENERATED_FROM,
  );
  // As autovacuum would leave a table this size: statistics, and a visibility map for index-only counts.
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "SlaTarget"`);
  return { workspaceId: rawId(viewer.workspace.id), seconds: (performance.now() - started) / 1000 };
}

/** A month's report is a supervisor's question, not a per-agent one: a few at a time (16 would queue for connections). */
const REPORT_CONCURRENCY = 4;

const COUNT_MONTH = `SELECT count(*)::int AS "targets" FROM "SlaTarget" WHERE "workspaceId" = $1::uuid AND "startedAt" >= $2::timestamptz AND "startedAt" < $3::timestamptz`;

export async function complianceReportScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  const count = ctx.databaseUrl ? 1_000_000 : 100_000;
  const { workspaceId, seconds } = await generateTargets(ctx, count);
  const rowsLabel = `${count.toLocaleString('en')} SlaTarget rows${ctx.databaseUrl ? '' : ' (fewer on PGlite)'}`;
  console.log(`  (e) generated ${rowsLabel} over ${GENERATED_DAYS} days in ${seconds.toFixed(1)} s`);

  let countMonth: () => Promise<number>;
  let label: string;
  if (ctx.databaseUrl) {
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: ctx.poolSize });
    ctx.cleanups.push(() => pool.end());
    countMonth = async () => (await pool.query<{ targets: number }>(COUNT_MONTH, [workspaceId, MONTH.from, MONTH.to])).rows[0].targets;
    label = `(e) one month's targets: raw pg SELECT count(*) by (workspaceId, startedAt), Pool max ${ctx.poolSize}`;
  } else {
    const prisma = ctx.app.services.db.prisma;
    countMonth = async () =>
      (await prisma.$queryRawUnsafe<{ targets: number }[]>(COUNT_MONTH, workspaceId, MONTH.from, MONTH.to))[0].targets;
    label = "(e) one month's targets: SELECT count(*) through the app's Prisma on PGlite (set DATABASE_URL for raw pg)";
  }
  const inMonth = await countMonth();
  const baseline = await ctx.measure((durationMs) => closedLoop(() => countMonth().then(() => {}), REPORT_CONCURRENCY, durationMs));
  const report = summarize(
    await httpLoadInWorker({
      url: ctx.url,
      headers: ctx.auth,
      body: JSON.stringify({ query: REPORT_QUERY, variables: { filter: MONTH } }),
      concurrency: REPORT_CONCURRENCY,
      ...loadTimes(),
    }),
  );
  return [
    { name: `${label}, ${REPORT_CONCURRENCY} callers [baseline]`, stats: baseline },
    {
      name: `(e) SLA compliance report, 1 month by day × product (${inMonth.toLocaleString('en')} of ${rowsLabel}), deskgraph over HTTP, ${REPORT_CONCURRENCY} callers`,
      stats: report,
      baseline,
    },
  ];
}

// ---------------------------------------------------------------- (f) ticket updates with SLA

/** One ticket per load worker, so updates never wait on another caller's row lock. */
const UPDATE_WORKERS = 8;

/** Each request sets URGENT then HIGH on its own ticket: two real changes, whatever the timing of other callers. */
const toggleBody = (ticketId: string) => ({
  query: `mutation($id: ID!) {
    urgent: updateTicket(input: { id: $id, priority: URGENT }) { id priority }
    high: updateTicket(input: { id: $id, priority: HIGH }) { id priority }
  }`,
  variables: { id: ticketId },
});

async function customerTickets(ctx: TicketBenchContext, productId: string, label: string) {
  const ids: string[] = [];
  for (let i = 0; i < UPDATE_WORKERS; i++) {
    const { createTicketFromCustomer } = await setUp(ctx, `mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
      i: { productId, channel: 'EMAIL', customer: { name: 'Update Customer', email: `update-${label}-${i}@example.test` }, subject: `Toggle ${i}`, body: 'Where is my order?', priority: 'HIGH' },
    });
    ids.push(createTicketFromCustomer.id);
  }
  return ids;
}

/** UPDATE_WORKERS load workers at concurrency 1 each, one ticket apiece; their results as one. */
async function toggleLoad(ctx: TicketBenchContext, ticketIds: string[]) {
  const { warmupMs, durationMs } = loadTimes();
  const results = await Promise.all(
    ticketIds.map((id) =>
      httpLoadInWorker({
        url: ctx.url,
        headers: ctx.auth,
        body: JSON.stringify(toggleBody(id)),
        concurrency: 1,
        warmupMs,
        durationMs,
      }),
    ),
  );
  const merged: LoadResult = {
    latencies: Float64Array.from(results.flatMap((result) => [...result.latencies])),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    firstError: results.find((result) => result.firstError)?.firstError,
    elapsedMs: Math.max(...results.map((result) => result.elapsedMs)),
  };
  return summarize(merged);
}

export async function ticketUpdatesWithSlaScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  const { createProduct } = await setUp(ctx, `mutation { createProduct(input: { name: "SLA Updates", channels: [EMAIL] }) { id } }`);
  const { slaRules } = await setUp(ctx, `{ slaRules { id } }`);
  if (slaRules.length > 0) throw new Error('bench set-up: (f) needs a workspace without SLA rules for its baseline');

  const plain = await customerTickets(ctx, createProduct.id, 'plain');
  const baseline = await toggleLoad(ctx, plain);

  const policyId = (
    await setUp(ctx, `mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
      i: {
        name: 'Bench urgent and high',
        targets: [
          { metric: 'FIRST_RESPONSE', minutes: 60 },
          { metric: 'NEXT_RESPONSE', minutes: 120 },
          { metric: 'RESOLUTION', minutes: 480 },
        ],
        targetRate: 90,
      },
    })
  ).createSlaPolicy.id;
  await setUp(ctx, `mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, {
    i: { name: 'High and urgent', conditions: [{ kind: 'priority', config: { priorities: ['HIGH', 'URGENT'] } }], policyId },
  });
  const withSla = await customerTickets(ctx, createProduct.id, 'sla');
  const { node } = await setUp(ctx, `query($id: ID!) { node(id: $id) { ... on Ticket { slaPolicy { id } } } }`, { id: withSla[0] });
  if (node?.slaPolicy?.id !== policyId) throw new Error('bench set-up: the SLA rule did not give the tickets its policy');

  return [
    { name: `(f) ticket updates (2 priority changes per request), no SLA rules, ${UPDATE_WORKERS} tickets × 1 caller [baseline]`, stats: baseline },
    {
      name: `(f) ticket updates (2 priority changes per request), SLA rule + policy (3 targets recomputed), ${UPDATE_WORKERS} tickets × 1 caller`,
      stats: await toggleLoad(ctx, withSla),
      baseline,
    },
  ];
}
