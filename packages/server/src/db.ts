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
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  pgliteDir: string;
  /** A PGlite data directory dumped earlier (`dumpDataDir`) to start from instead of an empty cluster (tests). */
  pgliteSnapshot?: Blob;
  migrate?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  // Migrations get a connection of their own: the engine takes a session-level advisory lock (so that instances
  // starting together migrate one at a time), and only closing its connection releases that lock for certain.
  let migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let backend: Database['backend'];

  if (options.databaseUrl) {
    backend = 'postgres';
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // Fail a request quickly when PostgreSQL is down instead of hanging it; the pool reconnects on its own.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server must not crash the process.
    pool.on('error', (error) => log.warn('postgres pool error', { error: error.message }));
    adapter = new PrismaPg(pool);
    migrationAdapter = new PrismaPg({ connectionString: options.databaseUrl, max: 1, connectionTimeoutMillis: 10_000 });
    closeDriver = () => pool.end();
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
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
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
