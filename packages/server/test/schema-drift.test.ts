// schema.graphql is the contract partners read: it must be exactly what the code serves.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createMigrationSql } from '../src/db/migrations.js';
import { printedSchema, schemaFilePath } from '../src/schema/print.js';

it('schema.graphql is printed from the current Pothos schema (run `pnpm schema:print` after changing the schema)', () => {
  expect(readFileSync(schemaFilePath, 'utf8')).toBe(printedSchema());
});

it('keeps the public names partners rely on', () => {
  const sdl = printedSchema();
  for (const name of ['type Workspace', 'type User', 'type Team', 'type Product', 'type Customer', 'type ApiToken', 'interface Node']) {
    expect(sdl).toContain(name);
  }
  expect(sdl).toMatch(/viewer: Viewer!/);
  expect(sdl).toMatch(/login\(email: String!, password: String!\): SessionPayload!/);
});

it('the committed migrations build exactly the database schema.prisma describes (run `pnpm db:migrate:new NAME`)', async () => {
  expect(await createMigrationSql()).toBe('');
}, 60_000);
