// Makes the Prisma client: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set, otherwise PostgreSQL
// in-process (PGlite) with its data under the data directory. Both run the same committed migrations on open.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.js';
import { applyMigrations } from './db/migrations.js';
import { log } from './log.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  backend: 'postgres' | 'pglite';
  /** Throws when the database cannot answer (used by /ready). */
  ping(): Promise<void>;
  /** Calls `listener` with each SQL statement Prisma sends (tests count them); returns the way to stop. */
  onQuery(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PostgreSQL pool size, the longest wait for a connection or a transaction's start, a transaction's time limit. */
  pool: { poolSize: number; waitMs: number; transactionTimeoutMs: number };
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  pgliteDir: string;
  /** A PGlite data directory dumped earlier (`dumpDataDir`) to start from instead of an empty cluster (tests). */
  pgliteSnapshot?: Blob;
  migrate?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { pool } = options;
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  // Migrations get a connection of their own: the engine takes a session-level advisory lock (so that instances
  // starting together migrate one at a time), and only closing its connection releases that lock for certain.
  let migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let backend: Database['backend'];

  if (options.databaseUrl) {
    backend = 'postgres';
    const pgPool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: pool.poolSize,
      // The wait covers both queueing behind busy connections and connecting: a burst of writes waits its turn, while
      // a PostgreSQL that is down refuses the connection at once (SERVICE_UNAVAILABLE). The pool reconnects on its own.
      connectionTimeoutMillis: pool.waitMs,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server must not crash the process.
    pgPool.on('error', (error) => log.warn('postgres pool error', { error: error.message }));
    adapter = new PrismaPg(pgPool);
    migrationAdapter = new PrismaPg({ connectionString: options.databaseUrl, max: 1, connectionTimeoutMillis: 10_000 });
    closeDriver = () => pgPool.end();
  } else {
    backend = 'pglite';
    if (!options.pgliteDir.startsWith('memory://')) fs.mkdirSync(options.pgliteDir, { recursive: true });
    const pglite = new PGlite({ dataDir: options.pgliteDir, loadDataDir: options.pgliteSnapshot });
    await pglite.waitReady;
    adapter = new PrismaPGlite(pglite);
    migrationAdapter = adapter;
    // PGlite keeps the process alive until closed; closing it after Prisma keeps its sequences clean.
    closeDriver = () => pglite.close();
  }

  if (options.migrate !== false) {
    const applied = await applyMigrations(migrationAdapter);
    if (applied.length > 0) log.info('migrations applied', { backend, applied });
  }

  // Query events cost a timestamp and the parameters' serialisation per statement; listeners are only for tests.
  // Prisma's own defaults (2 s to start a transaction, 5 s to finish it) fail a burst of 70 replies on a busy machine
  // with 10 connections; a transaction waits as long as a plain query does for its connection.
  const prisma = new PrismaClient({
    adapter,
    log: [{ emit: 'event', level: 'query' }],
    transactionOptions: { maxWait: pool.waitMs, timeout: pool.transactionTimeoutMs },
  });
  const queryListeners = new Set<(sql: string) => void>();
  prisma.$on('query', (event) => queryListeners.forEach((listener) => listener(event.query)));
  return {
    prisma: prisma as PrismaClient,
    backend,
    onQuery: (listener) => {
      queryListeners.add(listener);
      return () => queryListeners.delete(listener);
    },
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

export function pgliteDirFor(dataDir: string) {
  return path.join(dataDir, 'pglite');
}
