// SIGTERM: the server stops taking work, finishes what is in flight, tells subscribers it is going away (1001) so
// they reconnect elsewhere, and exits cleanly. Runs on both backends (the embedded one in a throwaway data dir).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { PASSWORD, testDatabaseUrl, uniqueEmail } from './harness.js';
import { gqlOver, startServerProcess } from './processes.js';
import { subscribe, untilLive } from './ws-client.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'deskgraph-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('finishes in-flight requests, closes subscriptions with 1001 and exits 0 on SIGTERM', async () => {
  const databaseUrl = testDatabaseUrl();
  const redisUrl = inject('redisUrl');
  const server = await startServerProcess({
    DESKGRAPH_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  });
  const adminEmail = uniqueEmail('admin');
  const signUp = await gqlOver(
    server.url,
    `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
    { input: { name: 'Shutdown', adminName: 'Ops', adminEmail, adminPassword: PASSWORD } },
  );
  const token = signUp.data.createWorkspace.token;
  const feed = subscribe(server.url, token, `subscription { workspaceEvents { id } }`);
  await untilLive(feed, () => gqlOver(server.url, `mutation { createCustomer(input: { name: "warm-up" }) { id } }`, {}, token));

  // A login hashes a password (tens of milliseconds): it is in flight when the signal lands.
  const inFlight = gqlOver(server.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
    e: adminEmail,
    p: PASSWORD,
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  server.child.kill('SIGTERM');

  const finished = await inFlight;
  expect(finished.status).toBe(200);
  expect(finished.data.login.token).toMatch(/^dgs_/);
  expect((await feed.closed).code).toBe(1001);
  expect(await server.exited).toEqual({ code: 0, signal: null });
  await expect(fetch(server.url.replace('/graphql', '/health'))).rejects.toThrow();
  await feed.dispose();
}, 90_000);
