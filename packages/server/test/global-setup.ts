// One fresh PostgreSQL database per test run when DATABASE_URL is set (migrated once, dropped at the end), so runs
// never see each other's data. On the embedded default each test file gets its own in-memory PGlite instead.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PrismaPg } from '@prisma/adapter-pg';
import { applyMigrations } from '../src/db/migrations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    redisUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  project.provide('redisUrl', process.env.REDIS_URL ?? null);
  if (!baseUrl) {
    project.provide('databaseUrl', null);
    console.log('[deskgraph tests] database: embedded PGlite (in memory, one per test file); pub/sub: ' + (process.env.REDIS_URL ? 'redis' : 'memory'));
    return;
  }
  const name = `deskgraph_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await applyMigrations(new PrismaPg({ connectionString: databaseUrl, max: 1 }));
  project.provide('databaseUrl', databaseUrl);
  console.log(`[deskgraph tests] database: PostgreSQL ${url.host}/${name}; pub/sub: ${process.env.REDIS_URL ? 'redis' : 'memory'}`);

  return async () => {
    const cleanup = new pg.Client({ connectionString: baseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
}
