// Ticket volume scenario of `pnpm bench` (bench/run.ts calls it with letter v):
//   (v) ticketVolumeReport for one month over 100,000 generated tickets, by day × status, over HTTP  vs  the same
//       buckets and groups as one bare `count(*) … GROUP BY` (raw pg; on the embedded default the app's own Prisma
//       client, there being no second connection to PGlite).
import pg from 'pg';
import { closedLoop, httpLoadInWorker, summarize } from './load.js';
import { type BenchRow, setUp, type TicketBenchContext } from './tickets.js';

const TICKETS = 100_000;
/** Three months of tickets, evenly spread; the report reads the middle one (February 2026). */
const GENERATED_FROM = '2026-01-01T00:00:00Z';
const GENERATED_DAYS = 90;
const MONTH = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };
/** A supervisor's question, not a per-agent one: a few at a time, as for the SLA report (e). */
const REPORT_CONCURRENCY = 4;

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

const REPORT_QUERY = `query($filter: TicketVolumeFilter!) {
  ticketVolumeReport(filter: $filter, interval: DAY, groupBy: [STATUS]) {
    buckets
    rows { bucket groups { key name } created resolved openAtEnd }
    totals { groups { key name } created resolved openAtEnd }
  }
}`;

/** The report's question in its barest form: tickets created per local day and status (no names, no resolutions). */
const COUNT_BY_DAY_AND_STATUS = `SELECT date_trunc('day', t."createdAt" AT TIME ZONE w."timeZone") AS day, t."statusId", count(*)::int AS tickets
  FROM "Ticket" t JOIN "Workspace" w ON w."id" = t."workspaceId"
 WHERE t."workspaceId" = $1::uuid AND t."createdAt" >= $2::timestamptz AND t."createdAt" < $3::timestamptz
 GROUP BY 1, 2`;

/** One INSERT … SELECT generate_series: four statuses, two products, three channels; a third resolved a day later. */
async function generateTickets(ctx: TicketBenchContext) {
  const { viewer } = await setUp(ctx, `{ viewer { workspace { id } } }`);
  const { ticketStatuses } = await setUp(ctx, `{ ticketStatuses { id } }`);
  const products: string[] = [];
  for (const name of ['Volume A', 'Volume B']) {
    products.push(rawId((await setUp(ctx, `mutation($n: String!) { createProduct(input: { name: $n }) { id } }`, { n: name })).createProduct.id));
  }
  const { createCustomer } = await setUp(ctx, `mutation { createCustomer(input: { name: "Volume Customer", email: "volume@example.test" }) { id } }`);
  const workspaceId = rawId(viewer.workspace.id);
  const prisma = ctx.app.services.db.prisma;
  const started = performance.now();
  // Numbers far above any the other scenarios reach keep (workspaceId, number) unique.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Ticket" ("id", "workspaceId", "number", "productId", "channel", "customerId", "subject", "statusId", "priority",
       "createdBy", "createdAt", "updatedAt", "resolvedAt")
     SELECT gen_random_uuid(), $1::uuid, 10000000 + i, ($2::text[]::uuid[])[1 + i % 2],
            (ARRAY['EMAIL', 'WEB_FORM', 'WHATSAPP'])[1 + i % 3]::"Channel", $3::uuid, 'Generated ' || i,
            ($4::text[]::uuid[])[1 + i % cardinality($4::text[])], (ARRAY['LOW', 'MEDIUM', 'HIGH', 'URGENT'])[1 + i % 4]::"Priority",
            'system', s.at, s.at, CASE WHEN i % 3 = 0 THEN s.at + interval '1 day' END
       FROM generate_series(1, $5::int) AS i,
            LATERAL (SELECT $6::timestamptz + (i::float8 / $5::int) * interval '${GENERATED_DAYS} days' AS at) AS s`,
    workspaceId,
    products,
    rawId(createCustomer.id),
    ticketStatuses.map((status: { id: string }) => rawId(status.id)),
    TICKETS,
    GENERATED_FROM,
  );
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Ticket"`);
  return { workspaceId, seconds: (performance.now() - started) / 1000 };
}

export async function ticketVolumeScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  const { workspaceId, seconds } = await generateTickets(ctx);
  console.log(`  (v) generated ${TICKETS.toLocaleString('en')} tickets over ${GENERATED_DAYS} days in ${seconds.toFixed(1)} s`);

  let countMonth: () => Promise<number>;
  let label: string;
  if (ctx.databaseUrl) {
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: ctx.poolSize });
    ctx.cleanups.push(() => pool.end());
    countMonth = async () => (await pool.query(COUNT_BY_DAY_AND_STATUS, [workspaceId, MONTH.from, MONTH.to])).rowCount ?? 0;
    label = `(v) one month's tickets per local day × status: raw pg count(*) GROUP BY, Pool max ${ctx.poolSize}`;
  } else {
    const prisma = ctx.app.services.db.prisma;
    countMonth = async () => (await prisma.$queryRawUnsafe<unknown[]>(COUNT_BY_DAY_AND_STATUS, workspaceId, MONTH.from, MONTH.to)).length;
    label = "(v) one month's tickets per local day × status: count(*) GROUP BY through the app's Prisma on PGlite";
  }
  const groups = await countMonth();
  const baseline = await ctx.measure((durationMs) => closedLoop(() => countMonth().then(() => {}), REPORT_CONCURRENCY, durationMs));
  const report = summarize(
    await httpLoadInWorker({
      url: ctx.url,
      headers: ctx.auth,
      body: JSON.stringify({ query: REPORT_QUERY, variables: { filter: MONTH } }),
      concurrency: REPORT_CONCURRENCY,
      warmupMs: Number(process.env.BENCH_WARMUP_SECONDS ?? 1) * 1000,
      durationMs: Number(process.env.BENCH_SECONDS ?? 5) * 1000,
    }),
  );
  return [
    { name: `${label}, ${REPORT_CONCURRENCY} callers [baseline]`, stats: baseline },
    {
      name: `(v) ticket volume report, 1 month by day × status (${groups} day × status groups, created, resolved, open at end), deskgraph over HTTP, ${REPORT_CONCURRENCY} callers`,
      stats: report,
      baseline,
    },
  ];
}
