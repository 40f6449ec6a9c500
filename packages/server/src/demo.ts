// First start of an empty server: a demo workspace, so that someone who just ran the README's first command can sign
// in (or call the API) straight away. Its admin password and API token are printed once and kept in the data dir.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import type { AppServices } from './context.js';
import { DeskgraphError } from './errors.js';
import { Prisma } from './generated/prisma/client.js';
import type { Principal } from './auth/principal.js';
import { createBusinessCalendar } from './calendar/service.js';
import { createSlaPolicy } from './sla/policy-service.js';
import { createSlaRule } from './sla/rules-service.js';
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
  await seedDemoSla(app, { kind: 'user', workspaceId: workspace.id, role: 'ADMIN', canWrite: true, userId: user.id, tokenId: null, sessionId: null, actor: `user:${user.id}` });
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

/** An office calendar, a policy on it and the rules choosing it, so SLA screens have something to show. */
async function seedDemoSla(app: AppServices, admin: Principal) {
  const ctx = { app, principal: admin, authProblem: null };
  const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;
  const office = await createBusinessCalendar(ctx, {
    name: 'Istanbul office',
    timeZone: 'Europe/Istanbul',
    weeklyHours: weekdays.map((day) => ({ day, start: '09:00', end: '18:00' })),
    holidays: [
      { name: 'New Year', start: '2026-01-01', end: '2026-01-01', yearly: true },
      { name: 'Republic Day', start: '2026-10-29', end: '2026-10-29', yearly: true },
    ],
  });
  const urgent = await createSlaPolicy(ctx, {
    name: 'Urgent',
    description: 'Urgent tickets: answered within 30 minutes, 24/7.',
    priorities: ['URGENT'],
    targets: [
      { metric: 'FIRST_RESPONSE', minutes: 30 },
      { metric: 'NEXT_RESPONSE', minutes: 60 },
      { metric: 'RESOLUTION', minutes: 8 * 60 },
    ],
    targetRate: 90,
  });
  const standard = await createSlaPolicy(ctx, {
    name: 'Standard',
    description: 'Everything else, in office hours.',
    calendarId: office.id,
    targets: [
      { metric: 'FIRST_RESPONSE', minutes: 4 * 60 },
      { metric: 'NEXT_RESPONSE', minutes: 8 * 60 },
      { metric: 'RESOLUTION', minutes: 3 * 9 * 60 },
    ],
    targetRate: 80,
  });
  await createSlaRule(ctx, {
    name: 'Urgent tickets',
    conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }],
    policyId: urgent.id,
    stopOtherRules: true,
  });
  await createSlaRule(ctx, { name: 'Everything else', conditions: [], policyId: standard.id });
}
