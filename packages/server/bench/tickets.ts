// Ticket scenarios of `pnpm bench` (bench/run.ts calls them in its one run, each next to its baseline):
//   (c) createTicket over HTTP  vs  the statements it makes, as raw SQL in one transaction (raw pg; raw PGlite on the
//       embedded default): ticket number, customer lookup and insert, ticket (with its search vector), private note,
//       history entry, outbox events;
//   (d) a list of 50 tickets with status, customer, assignee (user, team), tags and last message  vs  a bare
//       graphql-yoga answering the same query with the same data from memory.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { App } from '../src/app.js';
import { applyMigrations } from '../src/db/migrations.js';
import { closedLoop, type LoadResult, type Stats } from './load.js';

export interface BenchRow {
  name: string;
  stats: Stats;
  baseline?: Stats;
}

export interface TicketBenchContext {
  app: App;
  /** deskgraph's GraphQL endpoint over HTTP. */
  url: string;
  auth: Record<string, string>;
  /** The bench database when DATABASE_URL is set; null on the embedded default. */
  databaseUrl: string | null;
  poolSize: number;
  concurrency: number;
  cleanups: (() => Promise<unknown>)[];
  measure(run: (durationMs: number) => Promise<LoadResult>): Promise<Stats>;
  httpLoad(url: string, body: unknown, headers?: Record<string, string>): Promise<Stats>;
}

/** GraphQL through yoga's fetch, in-process: for setting up, never measured. */
export async function setUp<T = any>(ctx: TicketBenchContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await ctx.app.yoga.fetch(ctx.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ctx.auth },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: unknown };
  if (!result.data || result.errors) throw new Error(`bench set-up failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

// ---------------------------------------------------------------- (c) create a ticket

const DESCRIPTION = 'Called about order 1001: the parcel never arrived and the tracking page shows nothing.';

type Query = (text: string, values: unknown[]) => Promise<{ rows: Record<string, any>[] }>;

interface RawTarget {
  workspaceId: string;
  productId: string;
  statusId: string;
  userId: string;
}

/**
 * What createTicket writes, statement for statement, in one transaction: no validation of product, status, tags or
 * assignee, no rules, no read-back of the created ticket. The events are written as already published, so the app's
 * relay (which polls the same table on PostgreSQL) does no work for the baseline.
 */
async function rawCreateTicket(query: Query, target: RawTarget, email: string, subject: string) {
  const { workspaceId } = target;
  const actor = `user:${target.userId}`;
  const [{ ticketCounter }] = (await query(`UPDATE "Workspace" SET "ticketCounter" = "ticketCounter" + 1 WHERE "id" = $1 RETURNING "ticketCounter"`, [workspaceId])).rows;
  let customerId = (await query(`SELECT "id" FROM "Customer" WHERE "workspaceId" = $1 AND "email" = $2`, [workspaceId, email])).rows[0]?.id;
  customerId ??= (
    await query(`INSERT INTO "Customer" ("id", "workspaceId", "name", "email", "updatedAt") VALUES (gen_random_uuid(), $1, 'Bench Customer', $2, now()) RETURNING "id"`, [workspaceId, email])
  ).rows[0].id;
  const [ticket] = (
    await query(
      `INSERT INTO "Ticket" ("id", "workspaceId", "number", "productId", "channel", "customerId", "subject", "statusId", "priority", "isInternal", "createdBy", "updatedAt", "searchVector")
       VALUES (gen_random_uuid(), $1, $2, $3, 'INTERNAL', $4, $5, $6, 'HIGH', true, $7, now(), to_tsvector('simple', $5 || ' ' || $8)) RETURNING "id"`,
      [workspaceId, ticketCounter, target.productId, customerId, subject, target.statusId, actor, DESCRIPTION],
    )
  ).rows;
  await query(
    `INSERT INTO "TicketMessage" ("id", "workspaceId", "ticketId", "visibility", "authorKind", "author", "authorUserId", "body", "channel")
     VALUES (gen_random_uuid(), $1, $2, 'PRIVATE', 'AGENT', $3, $4, $5, 'INTERNAL')`,
    [workspaceId, ticket.id, actor, target.userId, DESCRIPTION],
  );
  await query(
    `INSERT INTO "TicketHistoryEntry" ("id", "workspaceId", "ticketId", "actor", "via", "field", "toValue") VALUES (gen_random_uuid(), $1, $2, $3, 'APP', 'created', $4::jsonb)`,
    [workspaceId, ticket.id, actor, JSON.stringify({ number: ticketCounter, status: target.statusId, priority: 'HIGH', customer: customerId })],
  );
  await query(
    `INSERT INTO "Event" ("workspaceId", "type", "entityType", "entityId", "actor", "payload", "publishedAt")
     VALUES ($1, 'customer.created', 'Customer', $2, $3, '{}', now()), ($1, 'ticket.created', 'Ticket', $4, $3, $5::jsonb, now())`,
    [workspaceId, customerId, actor, ticket.id, JSON.stringify({ number: ticketCounter })],
  );
}

/** Raw pg's side of a baseline: one pooled connection, BEGIN … COMMIT (ROLLBACK on failure). */
async function inRawTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<unknown>) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** The raw side of (c) on PostgreSQL: a pool of the same size as deskgraph's, one transaction per ticket. */
function rawPgCreator(ctx: TicketBenchContext, databaseUrl: string, target: RawTarget) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: ctx.poolSize });
  ctx.cleanups.push(() => pool.end());
  return (email: string, subject: string) => inRawTransaction(pool, (client) => rawCreateTicket((text, values) => client.query(text, values), target, email, subject));
}

/** The raw side of (c) on the embedded default: a separate, migrated in-memory PGlite with the rows a ticket needs. */
async function rawPgliteCreator(ctx: TicketBenchContext) {
  const lite = new PGlite();
  ctx.cleanups.push(() => lite.close());
  await applyMigrations(new PrismaPGlite(lite));
  const one = async (sql: string, values: unknown[] = []) => (await lite.query<{ id: string }>(sql, values)).rows[0].id;
  const workspaceId = await one(`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES (gen_random_uuid(), 'Bench', now()) RETURNING "id"`);
  const target: RawTarget = {
    workspaceId,
    productId: await one(`INSERT INTO "Product" ("id", "workspaceId", "name", "updatedAt") VALUES (gen_random_uuid(), $1, 'Bench Shop', now()) RETURNING "id"`, [workspaceId]),
    statusId: await one(
      `INSERT INTO "TicketStatus" ("id", "workspaceId", "name", "category", "position", "isDefault", "updatedAt") VALUES (gen_random_uuid(), $1, 'New', 'NEW', 0, true, now()) RETURNING "id"`,
      [workspaceId],
    ),
    userId: await one(
      `INSERT INTO "User" ("id", "workspaceId", "email", "name", "role", "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, 'bench@example.test', 'Bench', 'ADMIN', 'x', now()) RETURNING "id"`,
      [workspaceId],
    ),
  };
  return (email: string, subject: string) =>
    lite.transaction((tx) => rawCreateTicket((text, values) => tx.query(text, values), target, email, subject)).then(() => {});
}

export async function createTicketScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  const productId: string = (await setUp(ctx, `mutation { createProduct(input: { name: "Bench Shop", channels: [EMAIL] }) { id } }`)).createProduct.id;
  const { viewer, ticketStatuses } = await setUp(ctx, `{ viewer { user { id } workspace { id } } ticketStatuses { id isDefault } }`);

  let create: (email: string, subject: string) => Promise<void>;
  let label: string;
  if (ctx.databaseUrl) {
    const raw = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];
    create = rawPgCreator(ctx, ctx.databaseUrl, {
      workspaceId: raw(viewer.workspace.id),
      productId: raw(productId),
      statusId: raw(ticketStatuses.find((status: { isDefault: boolean }) => status.isDefault).id),
      userId: raw(viewer.user.id),
    });
    label = `(c) create ticket: raw pg, its 7 statements in 1 tx, Pool max ${ctx.poolSize} [baseline]`;
  } else {
    create = await rawPgliteCreator(ctx);
    label = '(c) create ticket: raw PGlite, its 7 statements in 1 tx, no pg (set DATABASE_URL) [baseline]';
  }
  const baseline = await ctx.measure((durationMs) => {
    const run = Math.random().toString(36).slice(2, 8);
    return closedLoop((seq) => create(`raw-ticket-${run}-${seq}@example.test`, `Bench ticket ${seq}`), ctx.concurrency, durationMs);
  });

  const createTicket = {
    query: 'mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number } }',
    variables: {
      input: {
        productId,
        customer: { name: 'Bench Customer', email: 'ticket-%RUN%-%SEQ%@example.test' },
        subject: 'Bench ticket %SEQ%',
        description: DESCRIPTION,
        priority: 'HIGH',
      },
    },
  };
  return [
    { name: label, stats: baseline },
    {
      name: '(c) create ticket: deskgraph over HTTP (checks, 7 writes + search vector + rules, 1 tx, read back)',
      stats: await ctx.httpLoad(ctx.url, createTicket, ctx.auth),
      baseline,
    },
  ];
}

// ---------------------------------------------------------------- (d) list 50 tickets

const LIST_QUERY = `query TicketList {
  tickets(first: 50, sort: { field: UPDATED_AT, direction: DESC }) {
    totalCount
    edges { cursor node {
      id number subject priority updatedAt
      status { name category } customer { name email }
      assigneeUser { name } assigneeTeam { name } tags { name color }
      lastMessage { body createdAt }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** 60 tickets as agents leave them: assigned to a user or a team, tagged, with a note; the newest changes. */
async function seedListTickets(ctx: TicketBenchContext) {
  const { createProduct } = await setUp(ctx, `mutation { createProduct(input: { name: "Bench List", channels: [EMAIL] }) { id } }`);
  const { createUser } = await setUp(ctx, `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { email: `agent-${Date.now()}@example.test`, name: 'Bench Agent', role: 'AGENT', password: 'correct horse battery' },
  });
  const { createTeam } = await setUp(ctx, `mutation($m: [ID!]) { createTeam(input: { name: "Bench Team", memberIds: $m }) { id } }`, { m: [createUser.id] });
  const tags: string[] = [];
  for (const [name, color] of [['vip', '#aa0000'], ['refund', '#00aa00'], ['shipping', '#0000aa']]) {
    tags.push((await setUp(ctx, `mutation($n: String!, $c: String) { createTag(input: { name: $n, color: $c }) { id } }`, { n: name, c: color })).createTag.id);
  }
  for (let i = 0; i < 60; i++) {
    await setUp(ctx, `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`, {
      input: {
        productId: createProduct.id,
        customer: { name: `List Customer ${i % 20}`, email: `list-customer-${i % 20}@example.test` },
        subject: `Order ${1000 + i} has not arrived`,
        description: `Note ${i}: ${DESCRIPTION}`,
        priority: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'][i % 4],
        assignee: i % 3 === 0 ? { kind: 'TEAM', id: createTeam.id } : { kind: 'USER', id: createUser.id },
        tagIds: tags.slice(0, 1 + (i % 3)),
      },
    });
  }
}

/** The reference for (d): the same query, answered with the same data, from memory, no auth, no plugins. */
async function startBareTicketYoga(data: unknown) {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        enum TicketSortField { UPDATED_AT CREATED_AT PRIORITY NUMBER }
        enum SortDirection { ASC DESC }
        input TicketSort { field: TicketSortField!, direction: SortDirection }
        type TicketStatus { name: String!, category: String! }
        type Customer { name: String!, email: String }
        type User { name: String! }
        type Team { name: String! }
        type Tag { name: String!, color: String }
        type TicketMessage { body: String!, createdAt: String! }
        type Ticket {
          id: ID!, number: Int!, subject: String!, priority: String!, updatedAt: String!, status: TicketStatus!,
          customer: Customer!, assigneeUser: User, assigneeTeam: Team, tags: [Tag!]!, lastMessage: TicketMessage
        }
        type TicketEdge { cursor: String!, node: Ticket! }
        type PageInfo { hasNextPage: Boolean!, endCursor: String }
        type TicketConnection { totalCount: Int!, edges: [TicketEdge!]!, pageInfo: PageInfo! }
        type Query { tickets(first: Int, sort: TicketSort): TicketConnection! }
      `,
      resolvers: { Query: { tickets: () => data } },
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

export async function listTicketsScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  await seedListTickets(ctx);
  const { tickets } = await setUp(ctx, LIST_QUERY);
  if (tickets.edges.length !== 50 || tickets.edges.some((edge: any) => edge.node.tags.length === 0)) {
    throw new Error('bench set-up: the list does not show 50 seeded tickets');
  }
  const bare = await startBareTicketYoga(tickets);
  ctx.cleanups.push(bare.close);
  const body = { query: LIST_QUERY };
  const baseline = await ctx.httpLoad(bare.url, body);
  return [
    { name: '(d) list 50 tickets with relations: bare graphql-yoga, same data from memory [baseline]', stats: baseline },
    {
      name: `(d) list 50 tickets with relations: deskgraph over HTTP (${tickets.totalCount} in the workspace)`,
      stats: await ctx.httpLoad(ctx.url, body, ctx.auth),
      baseline,
    },
  ];
}

// ---------------------------------------------------------------- (i) bulk update of 100 tickets

const BULK_SIZE = 100;

/**
 * (i) A supervisor changes the priority of 100 tickets at once (bulkUpdateTickets over HTTP, one caller) vs the rows
 * that change writes, set-based in one transaction through raw pg: the tickets' priority and updatedAt, one history
 * entry and one outbox event per ticket. deskgraph also locks the rows, checks each ticket, runs the ticket rules and
 * SLA re-evaluation per ticket and answers with the tickets. PostgreSQL only (the baseline needs raw pg).
 */
export async function bulkUpdateScenario(ctx: TicketBenchContext): Promise<BenchRow[]> {
  if (!ctx.databaseUrl) return [];
  const productId: string = (await setUp(ctx, `mutation { createProduct(input: { name: "Bench Bulk", channels: [EMAIL] }) { id } }`)).createProduct.id;
  const { viewer } = await setUp(ctx, `{ viewer { user { id } workspace { id } } }`);
  const ticketIds: string[] = [];
  for (let i = 0; i < BULK_SIZE; i++) {
    const input = { productId, customer: { name: 'Bulk Customer', email: `bulk-${i}@example.test` }, subject: `Bulk ${i}`, priority: 'MEDIUM' };
    ticketIds.push((await setUp(ctx, `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`, { input })).createTicket.id);
  }
  const raw = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];
  const rawIds = ticketIds.map(raw);
  const workspaceId = raw(viewer.workspace.id);
  const actor = `user:${raw(viewer.user.id)}`;
  // Every round changes every ticket: the priority alternates (a counter of its own, since warm-up and measurement
  // both start their sequence numbers at 0).
  let round = 0;
  const nextPriority = () => (round++ % 2 === 0 ? 'HIGH' : 'LOW');

  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: ctx.poolSize });
  ctx.cleanups.push(() => pool.end());
  const baseline = await ctx.measure((durationMs) =>
    closedLoop(
      async () => {
        const priority = nextPriority();
        await inRawTransaction(pool, async (client) => {
          await client.query(`UPDATE "Ticket" SET "priority" = $1, "updatedAt" = now() WHERE "id" = ANY($2::uuid[])`, [priority, rawIds]);
          await client.query(
            `INSERT INTO "TicketHistoryEntry" ("id", "workspaceId", "ticketId", "actor", "via", "field", "toValue")
             SELECT gen_random_uuid(), $1, id, $2, 'APP', 'priority', to_jsonb($3::text) FROM unnest($4::uuid[]) AS id`,
            [workspaceId, actor, priority, rawIds],
          );
          await client.query(
            `INSERT INTO "Event" ("workspaceId", "type", "entityType", "entityId", "actor", "payload", "publishedAt")
             SELECT $1, 'ticket.updated', 'Ticket', id, $2, '{"fields":["priority"]}', now() FROM unnest($3::uuid[]) AS id`,
            [workspaceId, actor, rawIds],
          );
        });
      },
      1,
      durationMs,
    ),
  );

  const mutation = 'mutation($input: BulkUpdateTicketsInput!) { bulkUpdateTickets(input: $input) { ok updatedCount } }';
  const deskgraph = await ctx.measure((durationMs) =>
    closedLoop(
      async () => {
        const response = await fetch(ctx.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...ctx.auth },
          body: JSON.stringify({ query: mutation, variables: { input: { ticketIds, changes: { priority: nextPriority() } } } }),
        });
        const result = (await response.json()) as { data?: { bulkUpdateTickets: { ok: boolean; updatedCount: number } }; errors?: unknown };
        if (!result.data?.bulkUpdateTickets.ok || result.data.bulkUpdateTickets.updatedCount !== BULK_SIZE) {
          throw new Error(`bulk update failed: ${JSON.stringify(result.errors ?? result.data)}`);
        }
      },
      1,
      durationMs,
    ),
  );
  return [
    { name: `(i) bulk priority change of ${BULK_SIZE} tickets: raw pg, 3 set-based statements in 1 tx [baseline]`, stats: baseline },
    { name: `(i) bulk priority change of ${BULK_SIZE} tickets: deskgraph over HTTP (lock, per-ticket checks, history, rules, SLA, 1 tx)`, stats: deskgraph, baseline },
  ];
}
