// Bad input gets a clear, typed error; oversized or abusive queries are refused before they cost anything; pages
// are capped; unexpected failures are masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { maskError } from '../src/error-masking.js';
import { setLogLevel } from '../src/log.js';
import { errorCode, rawId, startTestApp, type TestApp, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp();
});
afterAll(() => t.stop());

const post = (body: string, token = acme.token) =>
  t.app.yoga.fetch('http://deskgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });

describe('bad input', () => {
  it('names the missing required field', async () => {
    const result = await t.gql(`mutation { createCustomer(input: { email: "a@b.co" }) { id } }`, {}, acme.token);
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/field "CreateCustomerInput.name" of required type "String!" was not provided/i);
  });

  it('names the missing or mistyped variable', async () => {
    const missing = await t.gql(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {}, acme.token);
    expect(missing.errors?.[0]?.message).toMatch(/Variable "\$input" of required type "CreateCustomerInput!" was not provided/);
    const wrong = await t.gql(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      { input: { name: 42, email: 'x@y.co', shoeSize: 44 } },
      acme.token,
    );
    expect(wrong.errors?.[0]?.message).toMatch(/shoeSize|String cannot represent/);
  });

  it('gives BAD_USER_INPUT with the field for values that break a rule', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['createCustomer', { name: 'Ok', email: 'not-an-email' }, 'input.email'],
      ['createCustomer', { name: 'Ok', phone: 'call me maybe' }, 'input.phone'],
      ['createCustomer', { name: '   ' }, 'input.name'],
      ['createCustomer', { name: 'x'.repeat(201) }, 'input.name'],
    ];
    for (const [field, input, offending] of cases) {
      const result = await t.gql(`mutation($input: CreateCustomerInput!) { ${field}(input: $input) { id } }`, { input }, acme.token);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field: offending });
    }
  });

  it('answers NOT_FOUND for a malformed, unknown or wrongly typed id', async () => {
    const customer = (await t.gql(`mutation { createCustomer(input: { name: "Real" }) { id } }`, {}, acme.token)).data!.createCustomer.id;
    for (const id of ['garbage', Buffer.from('Customer:not-a-uuid').toString('base64'), Buffer.from('Customer:00000000-0000-4000-8000-000000000000').toString('base64'), acme.adminId]) {
      const result = await t.gql(`mutation($id: ID!) { updateCustomer(input: { id: $id, name: "X" }) { id } }`, { id }, acme.token);
      expect(result.errors?.[0]?.extensions, id).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
    }
    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: 'garbage' }, acme.token)).data?.node ?? null).toBeNull();
    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: customer }, acme.token)).data!.node).toEqual({ id: customer });
  });
});

describe('query limits', () => {
  it('refuses a 10 MB request before parsing it', async () => {
    const huge = JSON.stringify({ query: `{ viewer { role } }`, variables: { padding: 'x'.repeat(10 * 1024 * 1024) } });
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a deeply nested query', async () => {
    const nest = (depth: number): string => (depth === 0 ? 'id' : `teams { members { ${nest(depth - 1)} } }`);
    const result = await t.gql(`{ viewer { user { ${nest(6)} } } }`, {}, acme.token);
    expect(result.errors?.[0]?.message).toMatch(/Query depth limit of 12 exceeded/);
    expect(result.data ?? null).toBeNull();
  });

  it('refuses 1,000 aliases, and more aliases than allowed', async () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
    expect((await t.gql(aliases(1000), {}, acme.token)).errors?.[0]?.message).toMatch(/Token limit of 5000 exceeded/);
    expect((await t.gql(aliases(31), {}, acme.token)).errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded/);
    expect((await t.gql(aliases(30), {}, acme.token)).errors).toBeUndefined();
  });

  it('refuses a query that would cost too much', async () => {
    const wide = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: users(first: 100) { edges { node { teams { members { teams { id name } } } } } }`).join(' ')} }`;
    expect((await t.gql(wide, {}, acme.token)).errors?.[0]?.message).toMatch(/Query Cost limit of 20000 exceeded/);
  });

  it('does not suggest field names to someone probing the schema', async () => {
    const result = await t.gql(`{ viewr { role } }`, {}, acme.token);
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('pagination', () => {
  it('caps a page at 100 and pages on with cursors', async () => {
    for (let i = 0; i < 3; i++) await t.gql(`mutation($n: String!) { createCustomer(input: { name: $n }) { id } }`, { n: `Page ${i}` }, acme.token);
    for (let i = 3; i < 105; i++) {
      await t.gql(`mutation($n: String!) { createCustomer(input: { name: $n }) { id } }`, { n: `Page ${i}` }, acme.token);
    }
    const capped = await t.gql(`{ customers(first: 1000) { edges { node { id } } pageInfo { hasNextPage } } }`, {}, acme.token);
    expect(capped.data!.customers.edges).toHaveLength(100);
    expect(capped.data!.customers.pageInfo.hasNextPage).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(
        `query($after: String) { customers(first: 40, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        acme.token,
      );
      seen.push(...page.data.customers.edges.map((edge: any) => edge.node.id));
      if (!page.data.customers.pageInfo.hasNextPage) break;
      after = page.data.customers.pageInfo.endCursor;
    }
    // Every customer once, in order, across three pages.
    const total = await t.app.services.db.prisma.customer.count({ where: { workspace: { name: 'Acme Support' }, workspaceId: rawId(acme.workspaceId) } });
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('unexpected errors', () => {
  it('are masked: no message, stack or database detail reaches the client', () => {
    setLogLevel('silent');
    const internal = new Error('relation "Secret" does not exist at 10.0.0.5:5432');
    const masked = maskError(new GraphQLError(internal.message, { originalError: internal, path: ['viewer'] }), 'Unexpected error.');
    expect(masked.message).toBe('Unexpected error.');
    expect(JSON.stringify(masked)).not.toMatch(/Secret|10\.0\.0\.5/);
    expect((masked as GraphQLError).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('store nothing for a string PostgreSQL cannot hold, and say which field', async () => {
    const result = await t.gql(`mutation { createCustomer(input: { name: "Nul\\u0000byte" }) { id } }`, {}, acme.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });
});
