// Migrations without the Prisma CLI: the CLI's `migrate` commands want a database URL (or a prisma.config.ts
// adapter) and, for some setups, a downloaded engine binary. We drive Prisma's schema engine (compiled to wasm)
// directly through a driver adapter instead, so the same code migrates PostgreSQL (PrismaPg) and the embedded
// PGlite (PrismaPGlite), at server start and from scripts/migrate*.ts. Migration files keep Prisma's standard
// layout (prisma/migrations/<timestamp>_<name>/migration.sql + migration_lock.toml, `_prisma_migrations` table).
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsDir = path.resolve(here, '../../prisma/migrations');
export const schemaPath = path.resolve(here, '../../prisma/schema.prisma');
const lockfileName = 'migration_lock.toml';
const noFilters = { externalTables: [], externalEnums: [] };

// The package's main entry does `import * as wasm from "./schema_engine_bg.wasm"` (bundler-style ESM wasm
// integration), which Node 20 cannot load. So we import the JS glue alone and instantiate the wasm ourselves,
// wiring it up like that entry would. Done once per process.
let wasmReady: Promise<void> | undefined;
// One more reason to own the imports: the engine arms 10 s timers (lock timeouts) and never clears them, which
// kept every script alive 10 s after its work was done. We give it a setTimeout we track, and clear the leftovers
// once no engine is running.
const pendingTimers = new Set<NodeJS.Timeout>();
let runningEngines = 0;
function trackedSetTimeout(fn: () => void, ms: number) {
  const timer = setTimeout(() => {
    pendingTimers.delete(timer);
    fn();
  }, ms >>> 0);
  pendingTimers.add(timer);
  return timer;
}
function loadSchemaEngineWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The glue reports Rust panics through this global; without it a panic surfaces as a TypeError.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string; set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      set_message(m) {
        this.message = `RuntimeError: ${m}`;
      },
    };
    // package.json is not in the package's `exports`, the glue is: the .wasm sits next to it.
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports)) if (name.startsWith('__wbg_setTimeout_')) imports[name] = trackedSetTimeout;
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

// pglite-prisma-adapter 0.7.2 bug: executeScript() does not await PGlite.exec(), so a failing migration was
// recorded as applied (and replayed "fine" on the shadow), its error surfacing later as an unhandled rejection.
function awaitScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.adapterName !== 'pglite-prisma-adapter') return adapter;
  const pg = adapter as SqlDriverAdapter & { client: PGlite; onError(error: unknown): never };
  pg.executeScript = async (script) => {
    try {
      await pg.client.exec(script);
    } catch (error) {
      pg.onError(error); // rethrows as the DriverAdapterError the engine understands
    }
  };
  return adapter;
}

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadSchemaEngineWasm();
  const schema = await readFile(schemaPath, 'utf8');
  // The engine disposes the shadow connections it opens, but never its main one (a PrismaPg pool would keep the
  // process alive): we dispose that ourselves after freeing the engine.
  const opened: SqlDriverAdapter[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory({
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => {
      const adapter = awaitScripts(await adapterFactory.connect());
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => awaitScripts(await adapterFactory.connectToShadowDb()),
  });
  runningEngines++;
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: [[schemaPath, schema]] },
      () => {}, // engine tracing (JSON lines); failures come back as rejected promises anyway
      bound,
    );
    return await run(engine);
  } catch (e) {
    // Driver errors cross the wasm boundary as "External error id#N"; the original sits in the registry.
    const id = /External error id#(\d+)/.exec(String((e as Error)?.message ?? e))?.[1];
    const cause = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id))?.error;
    if (cause === undefined) throw e;
    throw new Error(`schema engine: ${cause instanceof Error ? cause.message : JSON.stringify(cause)}`, { cause });
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    if (--runningEngines === 0) {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
    }
  }
}

/** Reads prisma/migrations the way the Prisma CLI does (directories sorted by name = by timestamp). */
async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => {
      const file = path.join(migrationsDir, dir, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (e: Error) => ({ tag: 'error' as const, value: `${file}: ${e.message}` }),
      );
      return { path: dir, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockfile = await readFile(path.join(migrationsDir, lockfileName), 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockfileName, content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations` (idempotent) and returns their names.
 * Works with any migration-aware adapter factory: `new PrismaPg(...)`, `new PrismaPGlite(pglite)`.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrationList();
  return withEngine(adapterFactory, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database from the committed migrations to the current schema.prisma ('' when in sync).
 * Diffing from a migrations directory requires replaying it on a scratch "shadow" database. Rather than needing
 * a PostgreSQL server for that, the shadow is a throwaway in-memory PGlite: no external database, no snapshot files.
 */
export async function createMigrationSql(): Promise<string> {
  const migrationsList = await readMigrationList();
  // One throwaway in-memory PGlite serves as both the engine's main connection (opened eagerly, unused by diff)
  // and the shadow: each in-memory PGlite costs an initdb (~2-3 s). PrismaPGlite's own connectToShadowDb() would
  // create a second one and never close it.
  const scratch = new PGlite();
  const connect = () => new PrismaPGlite(scratch).connect();
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: 'pglite-scratch',
    connect,
    connectToShadowDb: connect,
  };
  try {
    return await withEngine(factory, async (engine) => {
      const { stdout } = await engine.diff({
        from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      const sql = stdout ?? '';
      // An empty diff comes back as a bare "-- This is an empty migration." comment.
      return /^\s*(--[^\n]*\n?\s*)*$/.test(sql) ? '' : sql;
    });
  } finally {
    await scratch.close();
  }
}
