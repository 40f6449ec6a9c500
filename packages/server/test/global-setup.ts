// One fresh PostgreSQL database per test run when DATABASE_URL is set (migrated once, dropped at the end), so runs
// never see each other's data. On the embedded default each test file gets its own in-memory PGlite instead, started
// from one migrated cluster dumped here: an initdb and the migrations cost seconds of CPU per file otherwise.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PrismaPg } from '@prisma/adapter-pg';
import { applyMigrations } from '../src/db/migrations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    redisUrl: string | null;
    /** The migrated PGlite cluster (a tar file) each embedded test app starts from; null with DATABASE_URL. */
    pgliteSnapshotPath: string | null;
  }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  project.provide('redisUrl', process.env.REDIS_URL ?? null);
  if (!baseUrl) {
    project.provide('databaseUrl', null);
    const pglite = new PGlite();
    await applyMigrations(new PrismaPGlite(pglite));
    const snapshot = await pglite.dumpDataDir('none');
    await pglite.close();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deskgraph-pglite-'));
    const snapshotPath = path.join(dir, 'migrated.tar');
    writeFileSync(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
    project.provide('pgliteSnapshotPath', snapshotPath);
    console.log('[deskgraph tests] database: embedded PGlite (in memory, one per test file); pub/sub: ' + (process.env.REDIS_URL ? 'redis' : 'memory'));
    return () => rmSync(dir, { recursive: true, force: true });
  }
  project.provide('pgliteSnapshotPath', null);
  // One database per vitest worker, copied from one migrated template: files running at the same time never share
  // a database, so no file's workers (e-mail, outbox, sweeper) take another file's rows, and counts stay its own.
  const name = `deskgraph_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const names = [name, ...Array.from({ length: workers }, (_, index) => workerDatabaseName(name, index + 1))];
  const urlOf = (database: string) => {
    const url = new URL(baseUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    await applyMigrations(new PrismaPg({ connectionString: urlOf(name), max: 1 }));
    for (const database of names.slice(1)) await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${name}"`);
  } finally {
    await admin.end();
  }
  project.provide('databaseUrl', urlOf(name));
  console.log(`[deskgraph tests] database: PostgreSQL ${new URL(baseUrl).host}/${name}_w1..${workers}; pub/sub: ${process.env.REDIS_URL ? 'redis' : 'memory'}`);

  return async () => {
    const cleanup = new pg.Client({ connectionString: baseUrl });
    await cleanup.connect();
    for (const database of names) await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await cleanup.end();
  };
}

/** The database of vitest worker `poolId` (1…maxWorkers) in the run whose template database is `template`. */
export function workerDatabaseName(template: string, poolId: number) {
  return `${template}_w${poolId}`;
}
