// Prisma 7 reads its settings here. The URL only matters to Prisma's own CLI; the server connects through driver
// adapters (src/db.ts) and migrates with scripts/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
