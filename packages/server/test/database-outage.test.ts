// PostgreSQL goes away: mutations fail with a clear, typed error, nothing is half-written, /ready says so, the
// server stays up, and it recovers by itself when the database is back. The outage is a TCP proxy in front of the
// real PostgreSQL that the test cuts and restores, so it needs DATABASE_URL (skipped on the embedded default).
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, rawId, startTestApp, type TestApp, testDatabaseUrl, uniqueEmail, type Workspace } from './harness.js';

const databaseUrl = testDatabaseUrl();

function startCuttableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!databaseUrl)('when PostgreSQL is down', () => {
  const proxy = startCuttableProxy(new URL(databaseUrl ?? 'postgresql://x@127.0.0.1:5432/x'));
  let t: TestApp;
  let acme: Workspace;
  let agentId: string;

  beforeAll(async () => {
    const port = await proxy.listen();
    const viaProxy = new URL(databaseUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    t = await startTestApp({ DATABASE_URL: viaProxy.toString() });
    acme = await t.signUp('Outage');
    const agent = await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: uniqueEmail('agent'), name: 'Agent', role: 'AGENT', password: PASSWORD } },
      acme.token,
    );
    agentId = agent.data!.createUser.id;
  });
  afterAll(async () => {
    proxy.restore();
    await t?.stop();
    await proxy.close();
  });

  const createTeam = () =>
    t.gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name members { id } } }`, {
      input: { name: 'Night shift', memberIds: [agentId, acme.adminId] },
    }, acme.token);

  it('answers SERVICE_UNAVAILABLE, reports not ready, stays up, and recovers with nothing half-written', async () => {
    proxy.cut();
    const failed = await createTeam();
    expect(failed.data ?? null).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(failed.errors?.[0]?.message).toMatch(/cannot reach its database/);
    expect(JSON.stringify(failed)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|prisma|stack/i);

    const ready = await t.app.yoga.fetch('http://deskgraph.test/ready');
    expect(ready.status).toBe(503);
    const health = await t.app.yoga.fetch('http://deskgraph.test/health');
    expect(health.status).toBe(200);

    proxy.restore();
    let recovered = await createTeam();
    for (let attempt = 0; recovered.errors && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      recovered = await createTeam();
    }
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data!.createTeam.members).toHaveLength(2);
    expect((await t.app.yoga.fetch('http://deskgraph.test/ready')).status).toBe(200);

    // Exactly one team with both members, and exactly one event for it: the failed attempt left nothing behind.
    const prisma = t.app.services.db.prisma;
    const workspaceId = rawId(acme.workspaceId);
    const teams = await prisma.team.findMany({ where: { workspaceId, name: 'Night shift' }, include: { members: true } });
    expect(teams).toHaveLength(1);
    expect(teams[0].members).toHaveLength(2);
    expect(await prisma.event.count({ where: { workspaceId, type: 'team.created' } })).toBe(1);
  });

  it('rolls back a transaction cut in the middle: the team row it had written is gone', async () => {
    // Hold a lock on the agent's row from outside the app, so the app's transaction stops after inserting the team
    // and while inserting its membership (the foreign key check waits for the lock). Then cut the connection.
    const agentUuid = rawId(agentId);
    const locker = new pg.Client({ connectionString: databaseUrl! });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM "User" WHERE "id" = $1 FOR UPDATE', [agentUuid]);

    const pending = t.gql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
      input: { name: 'Cut mid-way', memberIds: [agentId] },
    }, acme.token);
    // Wait until the app's transaction is blocked on the lock, i.e. half-way through its writes.
    for (let waited = 0; ; waited += 50) {
      const { rows } = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if (rows[0].n > 0) break;
      if (waited > 10_000) throw new Error('the transaction never reached the lock');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    proxy.cut();
    const result = await pending;
    await locker.query('ROLLBACK');
    await locker.end();
    proxy.restore();

    expect(result.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const prisma = t.app.services.db.prisma;
    const workspaceId = rawId(acme.workspaceId);
    let teams: number | undefined;
    for (let attempt = 0; teams === undefined && attempt < 20; attempt++) {
      teams = await prisma.team.count({ where: { workspaceId, name: 'Cut mid-way' } }).catch(() => undefined);
      if (teams === undefined) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(teams).toBe(0);
    // Only the earlier test's team was ever announced.
    expect(await prisma.event.count({ where: { workspaceId, type: 'team.created' } })).toBe(1);
  });
});
