// When every database connection is busy, a request waits its turn (DB_WAIT_MS) instead of failing at Prisma's
// 2-second default; past the wait it gets a typed, retryable SERVICE_UNAVAILABLE and nothing is written. The test
// holds the pool's only connection itself, in a transaction, for as long as each case needs.
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp, testDatabaseUrl } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** Keeps one connection in a transaction for `ms`; with DB_POOL_SIZE=1 every other query queues behind it. */
function holdTheConnection(app: TestApp['app'], ms: number) {
  let held!: () => void;
  const started = new Promise<void>((resolve) => (held = resolve));
  const done = app.services.db.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      held();
      await sleep(ms);
    },
    { timeout: ms + 10_000 },
  );
  return { started, done };
}

const CREATE_PRODUCT = `mutation($name: String!) { createProduct(input: { name: $name, channels: [EMAIL] }) { id name } }`;
const PRODUCT_NAMES = `{ products(first: 50) { edges { node { name } } } }`;

describe('a request while every database connection is busy', () => {
  it('waits for the connection longer than the old 3-second pool wait and Prisma’s 2-second default, and succeeds', async () => {
    t = await startTestApp({ DB_POOL_SIZE: '1', DB_WAIT_MS: '10000' });
    const acme = await t.signUp('Acme Busy');
    const hold = holdTheConnection(t.app, 4000);
    await hold.started;
    const created = await t.gql(CREATE_PRODUCT, { name: 'Waited' }, acme.token);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProduct.name).toBe('Waited');
    await hold.done;
  });

  // The embedded database has one connection that requests take in turn, without a pool or its wait.
  it.skipIf(!testDatabaseUrl())('past DB_WAIT_MS answers SERVICE_UNAVAILABLE (retryable, no internals) and writes nothing', async () => {
    t = await startTestApp({ DB_POOL_SIZE: '1', DB_WAIT_MS: '300' });
    const acme = await t.signUp('Acme Busy');
    const hold = holdTheConnection(t.app, 1500);
    await hold.started;
    const refused = await t.gql(CREATE_PRODUCT, { name: 'Refused' }, acme.token);
    expect(errorCode(refused)).toBe('SERVICE_UNAVAILABLE');
    expect(refused.errors?.[0]?.message).toMatch(/too busy.*Nothing was changed/);
    expect(JSON.stringify(refused.errors)).not.toMatch(/prisma|pool|timeout|P20/i);
    await hold.done;
    // Once the connection is free again the same request goes through, and the refused one left nothing behind.
    const retried = await t.gql(CREATE_PRODUCT, { name: 'Retried' }, acme.token);
    expect(retried.errors).toBeUndefined();
    const names = (await t.gql(PRODUCT_NAMES, {}, acme.token)).data?.products.edges.map((edge: { node: { name: string } }) => edge.node.name);
    expect(names).toContain('Retried');
    expect(names).not.toContain('Refused');
  });
});
