// Users found by part of their name or e-mail with Turkish case rules, as the cockpit finds agents: İ, I, ı and i
// alike (PostgreSQL's ILIKE under C.UTF-8 tells I from ı, so "ışıl" would miss "Işıl").
import type { PrismaClient } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { folded, namePattern } from '../search/turkish-fold.js';

/** Ids of the workspace's users whose name or e-mail contains `search`; null when there is nothing to search for. */
export async function userIdsMatching(prisma: PrismaClient, workspaceId: string, search: string | null | undefined): Promise<string[] | null> {
  const pattern = namePattern(search);
  if (!pattern) return null;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT u."id" FROM "User" u
     WHERE u."workspaceId" = ${workspaceId}::uuid
       AND (${folded(Prisma.sql`u."name"`)} LIKE ${pattern} ESCAPE '\\' OR ${folded(Prisma.sql`u."email"`)} LIKE ${pattern} ESCAPE '\\')`;
  return rows.map((row) => row.id);
}
