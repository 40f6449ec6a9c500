// `pnpm db:migrate`: applies pending migrations to DATABASE_URL when set, else to the embedded PGlite database
// at $DESKGRAPH_DATA_DIR/pglite (default ./data/pglite) — the same choice the server makes.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from '../src/db/migrations.js';

const started = performance.now();
let target: string;
let applied: string[];
const url = process.env.DATABASE_URL;
if (url) {
  target = url.replace(/\/\/[^@/]*@/, '//***@'); // don't print credentials
  applied = await applyMigrations(new PrismaPg({ connectionString: url }));
} else {
  const dataDir = path.resolve(process.env.DESKGRAPH_DATA_DIR || './data', 'pglite');
  target = `PGlite ${dataDir}`;
  await mkdir(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  try {
    applied = await applyMigrations(new PrismaPGlite(pglite));
  } finally {
    await pglite.close();
  }
}

const ms = Math.round(performance.now() - started);
if (applied.length === 0) console.log(`${target}: up to date, nothing to apply (${ms} ms)`);
else console.log(`${target}: applied ${applied.join(', ')} (${ms} ms)`);
