// Customer callback: admins point the workspace at a partner's endpoint; agents see what it knows of a customer.
// The partner is a real HTTP server on loopback, which is a private address: the workspace allows private addresses
// (and with them plain http) except where a test checks that refusal.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCallbackUrl, classifyAddress } from '../src/customers/callback-address.js';
import { signatureOf, verifySignature } from '../src/customers/callback-signature.js';
import { errorCode, PASSWORD, rawId, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

describe('address classification', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['100.128.0.1', 'public'],
    ['169.254.169.254', 'link-local'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:808:808::1', 'public'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('calls anything that is not an address invalid', () => {
    for (const text of ['localhost', 'example.com', '1.2.3', '1.2.3.256', '::g', '1::2::3', '']) {
      expect(classifyAddress(text), text).toBe('invalid');
    }
  });

  it('checks URLs: https, no credentials, no private IP literal unless allowed', () => {
    expect(checkCallbackUrl('https://crm.example.com/hook?x=1', false)).toEqual({ url: 'https://crm.example.com/hook?x=1' });
    expect(checkCallbackUrl('http://127.0.0.1:8080/hook', true)).toEqual({ url: 'http://127.0.0.1:8080/hook' });
    for (const bad of [
      'probe 1a2b',
      '/relative',
      'ftp://example.com/',
      'http://example.com/',
      'https://user:pw@example.com/',
      'https://example.com/#frag',
      'https://127.0.0.1/',
      'https://2130706433/',
      'https://0x7f.1/',
      'https://[::1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://169.254.169.254/latest/meta-data',
      `https://example.com/${'a'.repeat(2000)}`,
    ]) {
      expect(checkCallbackUrl(bad, false), bad).toHaveProperty('problem');
    }
    expect(checkCallbackUrl('file:///etc/passwd', true)).toHaveProperty('problem');
  });
});

// ---- The partner ----

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

let partner: Server;
let partnerBase: string;
let partnerPort: number;
let partnerSecret = '';
let flakyFails = false;
const received: Received[] = [];

const OK_ANSWER = (name: string) => ({
  fields: [
    { label: 'Plan', value: 'Gold' },
    { label: 'Name in CRM', value: name },
  ],
  unknownKey: 'ignored',
});

function startPartner() {
  partner = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureValid = verifySignature(
        partnerSecret,
        { timestamp: request.headers['x-deskgraph-timestamp'] as string, signature: request.headers['x-deskgraph-signature'] as string },
        body,
      );
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body, signatureValid });
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      // A partner refuses unsigned or wrongly signed requests.
      if (!signatureValid) return json(401, { error: 'bad signature' });
      const name = (JSON.parse(body) as { customer: { name: string } }).customer.name;
      switch (path) {
        case '/ok':
          return json(200, OK_ANSWER(name));
        case '/delayed':
          return void setTimeout(() => json(200, OK_ANSWER(name)), 300);
        case '/slow':
          return void setTimeout(() => json(200, OK_ANSWER(name)), 5_000);
        case '/error':
          return json(500, { error: 'database down' });
        case '/not-json':
          response.writeHead(200, { 'content-type': 'text/html' });
          return void response.end('<html>maintenance</html>');
        case '/wrong-shape':
          return json(200, { fields: [{ label: 'Plan', value: 42 }] });
        case '/too-large':
          return json(200, { fields: [{ label: 'Notes', value: 'x'.repeat(70 * 1024) }] });
        case '/too-large-chunked':
          // No content-length: the limit must hold while reading.
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"fields":[{"label":"Notes","value":"');
          for (let i = 0; i < 80; i++) response.write('x'.repeat(1024));
          return void response.end('"}]}');
        case '/flaky':
          return flakyFails ? json(503, { error: 'busy' }) : json(200, OK_ANSWER(name));
        default:
          return json(404, { error: 'no such route' });
      }
    });
  });
  return new Promise<void>((resolve) =>
    partner.listen(0, '127.0.0.1', () => {
      partnerPort = (partner.address() as AddressInfo).port;
      partnerBase = `http://127.0.0.1:${partnerPort}`;
      resolve();
    }),
  );
}

// ---- The app ----

let t: TestApp;
let acme: Workspace;
let other: Workspace;
let agentToken: string;
let supervisorToken: string;
let customerId: string;
let otherCustomerId: string;

const CONFIGURE = `mutation($input: ConfigureCustomerCallbackInput!) {
  configureCustomerCallback(input: $input) { secret customerCallback { url ttlSeconds allowPrivateAddresses secretSet } }
}`;
const CONTEXT = `query($id: ID!) {
  customerContext(customerId: $id) { fields { label value } fetchedAt expiresAt cached stale staleReason }
  viewer { role }
}`;

const configure = (input: Record<string, unknown>, token = acme.token) => t.gql(CONFIGURE, { input }, token);
const contextOf = (id: string, token = agentToken) => t.gql(CONTEXT, { id }, token);

async function configureOk(input: Record<string, unknown>) {
  const result = await configure(input);
  expect(result.errors).toBeUndefined();
  return result.data!.configureCustomerCallback;
}

async function userWithRole(role: 'AGENT' | 'SUPERVISOR', name: string) {
  const email = uniqueEmail(role.toLowerCase());
  await t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, name, role, password: PASSWORD } }, acme.token);
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  return login.data!.login.token as string;
}

async function createCustomer(token: string, name: string) {
  const created = await t.gql(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
    { input: { name, email: uniqueEmail('customer'), phone: '+90 212 555 0101' } },
    token,
  );
  return created.data!.createCustomer.id as string;
}

/** A failed `customerContext`: the field is null with a typed error, and the rest of the query still answers. */
function expectUpstreamFailure(response: Awaited<ReturnType<typeof contextOf>>, reason: string, message: RegExp) {
  expect(response.data?.customerContext).toBeNull();
  expect(response.data?.viewer).toEqual({ role: 'AGENT' });
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].path).toEqual(['customerContext']);
  expect(response.errors![0].extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', reason });
  expect(response.errors![0].message).toMatch(message);
  expect(JSON.stringify(response)).not.toContain(partnerSecret);
}

beforeAll(async () => {
  await startPartner();
  t = await startTestApp();
  acme = await t.signUp('Acme');
  other = await t.signUp('Other');
  agentToken = await userWithRole('AGENT', 'Ahmet Agent');
  supervisorToken = await userWithRole('SUPERVISOR', 'Selin Supervisor');
  customerId = await createCustomer(acme.token, 'Zeynep Yılmaz');
  otherCustomerId = await createCustomer(other.token, 'Someone Else');
});
afterAll(async () => {
  await t?.stop();
  partner?.closeAllConnections();
  await new Promise((resolve) => partner?.close(resolve));
});

describe('configuring the customer callback', () => {
  it('is for admins only', async () => {
    const input = { url: `${partnerBase}/ok`, allowPrivateAddresses: true };
    expect(errorCode(await configure(input, agentToken))).toBe('FORBIDDEN');
    expect(errorCode(await configure(input, supervisorToken))).toBe('FORBIDDEN');
    const read = await t.gql(`{ viewer { workspace { name customerCallback { url } } } }`, {}, agentToken);
    expect(errorCode(read)).toBe('FORBIDDEN');
    expect(read.data!.viewer.workspace).toEqual({ name: 'Acme', customerCallback: null });
  });

  it('answers null while no callback is configured', async () => {
    const response = await contextOf(customerId);
    expect(response.errors).toBeUndefined();
    expect(response.data!.customerContext).toBeNull();
  });

  it('generates a secret when none is given, shows it once, and never again', async () => {
    const configured = await configureOk({ url: `${partnerBase}/ok`, allowPrivateAddresses: true, ttlSeconds: 60 });
    expect(configured.secret).toMatch(/^dgcb_[A-Za-z0-9_-]{43}$/);
    expect(configured.customerCallback).toEqual({ url: `${partnerBase}/ok`, ttlSeconds: 60, allowPrivateAddresses: true, secretSet: true });
    partnerSecret = configured.secret;

    // Changing something else keeps the secret (and does not show it).
    const again = await configureOk({ ttlSeconds: 120 });
    expect(again).toEqual({ secret: null, customerCallback: { url: `${partnerBase}/ok`, ttlSeconds: 120, allowPrivateAddresses: true, secretSet: true } });

    const read = await t.gql(`{ viewer { workspace { customerCallback { url ttlSeconds allowPrivateAddresses secretSet } } } }`, {}, acme.token);
    expect(read.data!.viewer.workspace.customerCallback).toEqual(again.customerCallback);
    expect(JSON.stringify(read)).not.toContain(partnerSecret);
    // No type of the schema has a field that could return it.
    const settingsType = await t.gql(`{ __type(name: "CustomerCallbackSettings") { fields { name } } }`, {}, acme.token);
    expect(settingsType.data!.__type.fields.map((field: { name: string }) => field.name).sort()).toEqual([
      'allowPrivateAddresses',
      'secretSet',
      'ttlSeconds',
      'url',
    ]);
    // The change is an event, without the secret or the URL (agents receive workspace events).
    const events = await t.app.services.db.prisma.event.findMany({
      where: { workspaceId: rawId(acme.workspaceId), type: 'workspace.customerCallbackConfigured' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.payload)).toEqual([
      { enabled: true, ttlSeconds: 60, allowPrivateAddresses: true, secretChanged: true },
      { enabled: true, ttlSeconds: 120, allowPrivateAddresses: true, secretChanged: false },
    ]);
  });

  it('accepts a secret of the admin, and rotates on null', async () => {
    const chosen = 'partner-chosen-secret-0123456789';
    expect(await configureOk({ secret: chosen })).toMatchObject({ secret: null, customerCallback: { secretSet: true } });
    const rotated = await configureOk({ secret: null });
    expect(rotated.secret).toMatch(/^dgcb_/);
    expect(rotated.secret).not.toBe(partnerSecret);
    partnerSecret = rotated.secret;
  });

  it('refuses URLs it must not call, naming the field', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ url: 'probe 1a2b' }, 'input.url'],
      [{ url: 'ftp://example.com/' }, 'input.url'],
      [{ url: 'http://crm.example.com/hook', allowPrivateAddresses: false }, 'input.url'],
      [{ url: 'https://user:password@crm.example.com/hook' }, 'input.url'],
      [{ url: `https://127.0.0.1:${partnerPort}/ok`, allowPrivateAddresses: false }, 'input.url'],
      [{ url: 'https://[::1]/ok', allowPrivateAddresses: false }, 'input.url'],
      [{ url: 'https://169.254.169.254/latest/meta-data', allowPrivateAddresses: false }, 'input.url'],
      [{ url: `https://crm.example.com/${'a'.repeat(2100)}` }, 'input.url'],
      // The current URL is plain http on loopback: it needs allowPrivateAddresses.
      [{ allowPrivateAddresses: false }, 'input.allowPrivateAddresses'],
      [{ ttlSeconds: -1 }, 'input.ttlSeconds'],
      [{ ttlSeconds: 86_401 }, 'input.ttlSeconds'],
      [{ secret: 'too short' }, 'input.secret'],
    ];
    for (const [input, field] of refusals) {
      const response = await configure(input);
      expect(response.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unchanged = await t.gql(`{ viewer { workspace { customerCallback { url allowPrivateAddresses ttlSeconds } } } }`, {}, acme.token);
    expect(unchanged.data!.viewer.workspace.customerCallback).toEqual({ url: `${partnerBase}/ok`, allowPrivateAddresses: true, ttlSeconds: 120 });
  });
});

describe('customerContext', () => {
  it("returns the partner's fields, for a signed request carrying the customer", async () => {
    await configureOk({ url: `${partnerBase}/ok`, ttlSeconds: 60 });
    const before = received.length;
    const response = await contextOf(customerId);
    expect(response.errors).toBeUndefined();
    const context = response.data!.customerContext;
    expect(context).toMatchObject({
      fields: [
        { label: 'Plan', value: 'Gold' },
        { label: 'Name in CRM', value: 'Zeynep Yılmaz' },
      ],
      cached: false,
      stale: false,
      staleReason: null,
    });
    expect(new Date(context.expiresAt).getTime() - new Date(context.fetchedAt).getTime()).toBe(60_000);

    expect(received).toHaveLength(before + 1);
    const request = received.at(-1)!;
    expect(request.signatureValid).toBe(true);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.host).toBe(`127.0.0.1:${partnerPort}`);
    expect(Math.abs(Number(request.headers['x-deskgraph-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(request.headers['x-deskgraph-signature']).toBe(
      signatureOf(partnerSecret, Number(request.headers['x-deskgraph-timestamp']), request.body),
    );
    expect(JSON.parse(request.body)).toEqual({
      workspaceId: acme.workspaceId,
      customer: {
        id: customerId,
        name: 'Zeynep Yılmaz',
        email: expect.stringMatching(/@example\.test$/),
        phone: '+90 212 555 0101',
        whatsappNumber: null,
        facebookId: null,
        instagramId: null,
      },
    });
    // Another secret does not verify: the partner could tell a forged request.
    expect(verifySignature('not-the-secret-at-all', { timestamp: request.headers['x-deskgraph-timestamp'] as string, signature: request.headers['x-deskgraph-signature'] as string }, request.body)).toBe(false);
  });

  it('answers from the cache until the answer expires', async () => {
    const before = received.length;
    const first = (await contextOf(customerId)).data!.customerContext;
    expect(first.cached).toBe(true);
    expect(first.fields).toHaveLength(2);
    const second = (await contextOf(customerId, acme.token)).data!.customerContext;
    expect(second).toEqual(first);
    expect(received).toHaveLength(before);

    await t.app.services.db.prisma.customerContextCache.update({
      where: { customerId: rawId(customerId) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const fresh = (await contextOf(customerId)).data!.customerContext;
    expect(fresh.cached).toBe(false);
    expect(received).toHaveLength(before + 1);
  });

  it('expires by the clock too (ttlSeconds 1), and does not cache with ttlSeconds 0', async () => {
    await configureOk({ ttlSeconds: 1 });
    const before = received.length;
    expect((await contextOf(customerId)).data!.customerContext.cached).toBe(false);
    expect((await contextOf(customerId)).data!.customerContext.cached).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await contextOf(customerId)).data!.customerContext.cached).toBe(false);
    expect(received).toHaveLength(before + 2);

    await configureOk({ ttlSeconds: 0 });
    const uncached = (await contextOf(customerId)).data!.customerContext;
    expect(uncached).toMatchObject({ cached: false, expiresAt: null });
    expect((await contextOf(customerId)).data!.customerContext.cached).toBe(false);
    expect(received).toHaveLength(before + 4);
    expect(await t.app.services.db.prisma.customerContextCache.count({ where: { customerId: rawId(customerId) } })).toBe(0);
  });

  it('asks the partner once for concurrent requests about one customer', async () => {
    await configureOk({ url: `${partnerBase}/delayed`, ttlSeconds: 0 });
    const before = received.length;
    const answers = await Promise.all([contextOf(customerId), contextOf(customerId), contextOf(customerId, acme.token)]);
    for (const answer of answers) expect(answer.data!.customerContext.fields).toHaveLength(2);
    expect(received).toHaveLength(before + 1);
  });

  it('gives up on a slow partner after 3 seconds', async () => {
    await configureOk({ url: `${partnerBase}/slow`, ttlSeconds: 0 });
    const started = Date.now();
    const response = await contextOf(customerId);
    const elapsed = Date.now() - started;
    expectUpstreamFailure(response, 'TIMEOUT', /did not answer in time/);
    expect(elapsed).toBeGreaterThanOrEqual(2_900);
    expect(elapsed).toBeLessThan(3_500);
  });

  it.each([
    ['/error', 'HTTP_STATUS', /answered HTTP 500/],
    ['/no-such-route', 'HTTP_STATUS', /answered HTTP 404/],
    ['/not-json', 'BAD_RESPONSE', /not JSON/],
    ['/wrong-shape', 'BAD_RESPONSE', /not the expected JSON .*fields\.0\.value/],
    ['/too-large', 'TOO_LARGE', /more than 64 kB/],
    ['/too-large-chunked', 'TOO_LARGE', /more than 64 kB/],
  ])('fails with a typed error when the partner answers %s', async (path, reason, message) => {
    await configureOk({ url: `${partnerBase}${path}`, ttlSeconds: 0 });
    expectUpstreamFailure(await contextOf(customerId), reason, message);
  });

  it('fails with a typed error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await configureOk({ url: `http://127.0.0.1:${port}/ok` });
    expectUpstreamFailure(await contextOf(customerId), 'UNREACHABLE', /refused the connection/);
  });

  it('fails with a typed error when the host name does not resolve', async () => {
    await configureOk({ url: 'https://no-such-host.invalid/ok' });
    expectUpstreamFailure(await contextOf(customerId), 'DNS', /could not be resolved/);
  });

  it('shows an expired answer, marked stale, while the partner fails', async () => {
    flakyFails = false;
    await configureOk({ url: `${partnerBase}/flaky`, ttlSeconds: 60 });
    expect((await contextOf(customerId)).data!.customerContext.cached).toBe(false);
    await t.app.services.db.prisma.customerContextCache.update({
      where: { customerId: rawId(customerId) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    flakyFails = true;
    const response = await contextOf(customerId);
    expect(response.errors).toBeUndefined();
    expect(response.data!.customerContext).toMatchObject({
      cached: true,
      stale: true,
      staleReason: expect.stringMatching(/HTTP 503/),
      fields: [{ label: 'Plan', value: 'Gold' }, expect.anything()],
    });
    flakyFails = false;
    expect((await contextOf(customerId)).data!.customerContext).toMatchObject({ cached: false, stale: false });
  });

  it('refuses, on every call, a host name that resolves to a private address', async () => {
    // Accepted when configured (a host name, not an address) — but localhost resolves to loopback.
    const configured = await configureOk({ url: `https://localhost:${partnerPort}/ok`, allowPrivateAddresses: false });
    expect(configured.customerCallback).toMatchObject({ url: `https://localhost:${partnerPort}/ok`, allowPrivateAddresses: false });
    const before = received.length;
    expectUpstreamFailure(await contextOf(customerId), 'PRIVATE_ADDRESS', /resolves to a loopback address/);
    expect(received).toHaveLength(before);
  });

  it("is NOT_FOUND for another workspace's customer or anything that is not a customer", async () => {
    await configureOk({ url: `${partnerBase}/ok`, allowPrivateAddresses: true });
    const before = received.length;
    for (const id of [otherCustomerId, acme.workspaceId, 'garbage']) {
      const response = await contextOf(id);
      expect(response.errors?.[0]?.extensions, id).toEqual({ code: 'NOT_FOUND', field: 'customerId' });
      expect(response.data?.customerContext).toBeNull();
    }
    // …and the other workspace's own callback is not ours.
    const theirs = await t.gql(CONTEXT, { id: otherCustomerId }, other.token);
    expect(theirs.data!.customerContext).toBeNull();
    expect(received).toHaveLength(before);
  });

  it('answers null again once the callback is turned off', async () => {
    const off = await configureOk({ url: null });
    expect(off.customerCallback).toMatchObject({ url: null, secretSet: true });
    const response = await contextOf(customerId);
    expect(response.errors).toBeUndefined();
    expect(response.data!.customerContext).toBeNull();
  });
});
