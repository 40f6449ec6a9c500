// First start of an empty server: a demo workspace, so that someone who just ran the README's first command can sign
// in (or call the API) straight away. Its admin password and API token are printed once and kept in the data dir.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import type { AppServices } from './context.js';
import { DeskgraphError } from './errors.js';
import { Prisma } from './generated/prisma/client.js';
import { issueApiToken } from './tokens/service.js';
import { insertWorkspaceWithAdmin } from './workspaces/service.js';

const isUniqueConflict = (error: unknown) =>
  (error instanceof DeskgraphError && error.extensions.code === 'CONFLICT') ||
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002');

export const DEMO_ADMIN_EMAIL = 'admin@demo.deskgraph.local';

export async function seedDemoWorkspace(app: AppServices, config: Config) {
  if ((await app.db.prisma.workspace.count()) > 0) return null;
  const password = randomBytes(9).toString('base64url');
  let created: Awaited<ReturnType<typeof insertWorkspaceWithAdmin>>;
  try {
    created = await insertWorkspaceWithAdmin(app, {
      name: 'Demo Support',
      timeZone: 'Europe/Istanbul',
      language: 'en',
      adminName: 'Demo Admin',
      adminEmail: DEMO_ADMIN_EMAIL,
      adminPassword: password,
    });
  } catch (error) {
    // Instances starting together on an empty database race to seed; the admin's unique e-mail lets one win and
    // rolls the other back whole.
    if (isUniqueConflict(error)) return null;
    throw error;
  }
  const { workspace, user } = created;
  const { secret } = await issueApiToken(
    app,
    { workspaceId: workspace.id, actor: `user:${user.id}`, userId: user.id },
    { name: 'Demo integration', scopes: ['READ', 'WRITE'] },
  );
  const text = [
    'deskgraph demo workspace created (shown once; also saved in demo-credentials.txt in the data directory)',
    `  admin login:  ${DEMO_ADMIN_EMAIL} / ${password}   (mutation { login(email: "...", password: "...") { token } })`,
    `  API token:    ${secret}   (header  Authorization: Bearer <token>)`,
  ].join('\n');
  process.stdout.write(`\n${text}\n\n`);
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(config.dataDir, 'demo-credentials.txt'), `${text}\n`, { mode: 0o600 });
  return { workspace, password, apiToken: secret };
}
