// First start: an empty server seeds one demo workspace whose printed credentials work; instances starting together
// seed it once.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoWorkspace, DEMO_ADMIN_EMAIL } from '../src/demo.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

it('creates the demo workspace once, with a login and an API token that work', async () => {
  const existing = await t.app.services.db.prisma.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } });
  // On a shared test database another file may have seeded already; seeding is for empty databases only.
  if ((await t.app.services.db.prisma.workspace.count()) > 0 || existing) {
    expect(await seedDemoWorkspace(t.app.services, t.app.services.config)).toBeNull();
    return;
  }
  const config = { ...t.app.services.config, dataDir: `${process.env.TMPDIR ?? '/tmp'}/deskgraph-demo-${process.pid}` };
  const [first, second] = await Promise.all([seedDemoWorkspace(t.app.services, config), seedDemoWorkspace(t.app.services, config)]);
  const seeded = first ?? second;
  expect(seeded).not.toBeNull();
  expect(await t.app.services.db.prisma.workspace.count()).toBe(1);

  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
    e: DEMO_ADMIN_EMAIL,
    p: seeded!.password,
  });
  expect(login.errors).toBeUndefined();
  const viaToken = await t.gql(`{ viewer { role workspace { name } } }`, {}, seeded!.apiToken);
  expect(viaToken.data).toEqual({ viewer: { role: 'AGENT', workspace: { name: 'Demo Support' } } });
  // SLA screens have something to show: an office calendar, two policies and the rules choosing between them.
  const sla = await t.gql(`{ businessCalendars { name } slaPolicies { name } slaRules { name policy { name } } }`, {}, login.data!.login.token);
  expect(sla.errors).toBeUndefined();
  expect(sla.data).toEqual({
    businessCalendars: [{ name: 'Istanbul office' }],
    slaPolicies: expect.arrayContaining([{ name: 'Urgent' }, { name: 'Standard' }]),
    slaRules: [
      { name: 'Urgent tickets', policy: { name: 'Urgent' } },
      { name: 'Everything else', policy: { name: 'Standard' } },
    ],
  });
  expect(await seedDemoWorkspace(t.app.services, config)).toBeNull();
  rmSync(config.dataDir, { recursive: true, force: true });
});
