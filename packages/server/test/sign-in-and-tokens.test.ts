// Signing up, signing in and out, sessions and API tokens: who gets in, and who is refused with which error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, startTestApp, type TestApp, testClock, type Workspace, uniqueEmail } from './harness.js';

let t: TestApp;
let acme: Workspace;

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp();
});
afterAll(() => t.stop());

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt user { email role } } }`;
const VIEWER = `{ viewer { role user { email } apiToken { name } workspace { name timeZone language } } }`;

describe('sign-up', () => {
  it('creates the workspace with its settings and a signed-in admin', async () => {
    const viewer = await t.gql(VIEWER, {}, acme.token);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.viewer).toMatchObject({
      role: 'ADMIN',
      user: { email: acme.adminEmail },
      apiToken: null,
      workspace: { name: 'Acme Support', timeZone: 'Europe/Istanbul', language: 'tr' },
    });
  });

  it('refuses a second account with the same e-mail, naming the field', async () => {
    const again = await t.gql(
      `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
      { input: { name: 'Copy', adminName: 'X', adminEmail: acme.adminEmail.toUpperCase(), adminPassword: PASSWORD } },
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'adminEmail' });
  });

  it('refuses an unknown time zone and a short password with BAD_USER_INPUT and the field', async () => {
    const zone = await t.gql(
      `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
      { input: { name: 'Z', timeZone: 'Mars/Olympus', adminName: 'X', adminEmail: uniqueEmail(), adminPassword: PASSWORD } },
    );
    expect(zone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timeZone' });
    const password = await t.gql(
      `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
      { input: { name: 'Z', adminName: 'X', adminEmail: uniqueEmail(), adminPassword: 'short' } },
    );
    expect(password.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.adminPassword' });
  });

  it('is refused when the operator closed sign-up', async () => {
    const closed = await startTestApp({ DESKGRAPH_SIGNUP: 'closed' });
    try {
      const result = await closed.gql(
        `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { token } }`,
        { input: { name: 'No', adminName: 'X', adminEmail: uniqueEmail(), adminPassword: PASSWORD } },
      );
      expect(errorCode(result)).toBe('FORBIDDEN');
    } finally {
      await closed.stop();
    }
  });
});

describe('login', () => {
  it('gives a session token for the right password, case-insensitively on the e-mail', async () => {
    const result = await t.gql(LOGIN, { email: acme.adminEmail.toUpperCase(), password: PASSWORD });
    expect(result.errors).toBeUndefined();
    expect(result.data!.login.user).toEqual({ email: acme.adminEmail, role: 'ADMIN' });
    expect(result.data!.login.token).toMatch(/^dgs_/);
    expect(new Date(result.data!.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await t.gql(LOGIN, { email: acme.adminEmail, password: 'not the password' });
    const unknown = await t.gql(LOGIN, { email: uniqueEmail('nobody'), password: PASSWORD });
    expect(wrong.data).toBeNull();
    expect(wrong.errors?.[0]).toMatchObject({ message: 'Wrong e-mail or password.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it('stores passwords only as argon2id hashes', async () => {
    const user = await t.app.services.db.prisma.user.findUniqueOrThrow({ where: { email: acme.adminEmail } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });
});

describe('sessions', () => {
  it('stop working after logout', async () => {
    const { data } = await t.gql(LOGIN, { email: acme.adminEmail, password: PASSWORD });
    const token = data!.login.token;
    expect((await t.gql(VIEWER, {}, token)).errors).toBeUndefined();
    expect((await t.gql(`mutation { logout }`, {}, token)).data).toEqual({ logout: true });
    const after = await t.gql(VIEWER, {}, token);
    expect(after.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(after.errors?.[0]?.message).toMatch(/invalid, expired or revoked/);
  });

  it('stop working once expired', async () => {
    const { data } = await t.gql(LOGIN, { email: acme.adminEmail, password: PASSWORD });
    await t.app.services.db.prisma.session.updateMany({
      where: { user: { email: acme.adminEmail }, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(errorCode(await t.gql(VIEWER, {}, data!.login.token))).toBe('UNAUTHENTICATED');
    acme.token = (await t.gql(LOGIN, { email: acme.adminEmail, password: PASSWORD })).data!.login.token;
  });

  it('of a deactivated user stop working, and the user cannot sign in again', async () => {
    const email = uniqueEmail('agent');
    const created = await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: 'Ali Agent', role: 'AGENT', password: PASSWORD } },
      acme.token,
    );
    const agentToken = (await t.gql(LOGIN, { email, password: PASSWORD })).data!.login.token;
    await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: created.data!.createUser.id }, acme.token);
    expect(errorCode(await t.gql(VIEWER, {}, agentToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(LOGIN, { email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
  });

  it('other than the current one end when the password changes', async () => {
    const email = uniqueEmail('agent');
    await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: 'Can Agent', role: 'AGENT', password: PASSWORD } },
      acme.token,
    );
    const laptop = (await t.gql(LOGIN, { email, password: PASSWORD })).data!.login.token;
    const phone = (await t.gql(LOGIN, { email, password: PASSWORD })).data!.login.token;
    const wrongCurrent = await t.gql(
      `mutation { changeMyPassword(currentPassword: "nope nope nope", newPassword: "a whole new secret") }`,
      {},
      laptop,
    );
    expect(wrongCurrent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const changed = await t.gql(
      `mutation($current: String!) { changeMyPassword(currentPassword: $current, newPassword: "a whole new secret") }`,
      { current: PASSWORD },
      laptop,
    );
    expect(changed.data).toEqual({ changeMyPassword: true });
    expect((await t.gql(VIEWER, {}, laptop)).errors).toBeUndefined();
    expect(errorCode(await t.gql(VIEWER, {}, phone))).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { email, password: 'a whole new secret' })).errors).toBeUndefined();
  });
});

describe('API tokens', () => {
  const CREATE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id name prefix scopes } } }`;

  it('are shown once, stored hashed, and act within their scopes', async () => {
    const created = await t.gql(CREATE, { input: { name: 'CRM sync', scopes: ['READ'] } }, acme.token);
    expect(created.errors).toBeUndefined();
    const { secret, apiToken } = created.data!.createApiToken;
    expect(secret).toMatch(/^dgt_/);
    expect(apiToken).toMatchObject({ name: 'CRM sync', prefix: secret.slice(0, 8), scopes: ['READ'] });
    const row = await t.app.services.db.prisma.apiToken.findFirstOrThrow({ where: { name: 'CRM sync' } });
    expect(row.tokenHash).not.toContain(secret.slice(4));
    // The secret is not readable again through the API.
    const listed = await t.gql(`{ apiTokens { edges { node { name prefix } } } }`, {}, acme.token);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const viewer = await t.gql(VIEWER, {}, secret);
    expect(viewer.data!.viewer).toMatchObject({ role: 'AGENT', user: null, apiToken: { name: 'CRM sync' } });
    const write = await t.gql(`mutation { createCustomer(input: { name: "Read Only" }) { id } }`, {}, secret);
    expect(errorCode(write)).toBe('FORBIDDEN');
    const read = await t.gql(`{ customers { edges { node { id } } } }`, {}, secret);
    expect(read.errors).toBeUndefined();
  });

  it('with WRITE may change data but not administer the workspace', async () => {
    const { secret } = (await t.gql(CREATE, { input: { name: 'Writer', scopes: ['READ', 'WRITE'] } }, acme.token)).data!.createApiToken;
    expect((await t.gql(`mutation { createCustomer(input: { name: "Via API" }) { name } }`, {}, secret)).data).toEqual({
      createCustomer: { name: 'Via API' },
    });
    expect(errorCode(await t.gql(`mutation { createProduct(input: { name: "Nope" }) { id } }`, {}, secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(`{ apiTokens { edges { node { id } } } }`, {}, secret))).toBe('FORBIDDEN');
  });

  it('stop working when revoked or expired', async () => {
    const revoked = (await t.gql(CREATE, { input: { name: 'Soon revoked', scopes: ['READ'] } }, acme.token)).data!.createApiToken;
    await t.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: revoked.apiToken.id }, acme.token);
    expect(errorCode(await t.gql(VIEWER, {}, revoked.secret))).toBe('UNAUTHENTICATED');

    const expiring = (await t.gql(CREATE, { input: { name: 'Short-lived', scopes: ['READ'], expiresAt: new Date(Date.now() + 60_000).toISOString() } }, acme.token)).data!.createApiToken;
    expect((await t.gql(VIEWER, {}, expiring.secret)).errors).toBeUndefined();
    await t.app.services.db.prisma.apiToken.updateMany({ where: { name: 'Short-lived' }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(errorCode(await t.gql(VIEWER, {}, expiring.secret))).toBe('UNAUTHENTICATED');
  });

  it('refuse an expiry in the past and an empty scope list', async () => {
    const past = await t.gql(CREATE, { input: { name: 'Past', scopes: ['READ'], expiresAt: '2020-01-01T00:00:00Z' } }, acme.token);
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
    const none = await t.gql(CREATE, { input: { name: 'None', scopes: [] } }, acme.token);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes' });
  });

  it('of another workspace never reach this one', async () => {
    const other = await t.signUp('Other Co');
    const { secret } = (await t.gql(CREATE, { input: { name: 'Other admin', scopes: ['ADMIN'] } }, other.token)).data!.createApiToken;
    const viewer = await t.gql(`{ viewer { workspace { id } } customers { edges { node { name } } } }`, {}, secret);
    expect(viewer.data!.viewer.workspace.id).toBe(other.workspaceId);
    expect(viewer.data!.customers.edges).toEqual([]);
    const acmeCustomers = await t.gql(`{ customers { edges { node { id } } } }`, {}, acme.token);
    const foreignId = acmeCustomers.data!.customers.edges[0].node.id;
    const node = await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: foreignId }, secret);
    expect(node.data?.node ?? null).toBeNull();
    const update = await t.gql(`mutation($id: ID!) { updateCustomer(input: { id: $id, name: "Hijacked" }) { id } }`, { id: foreignId }, secret);
    expect(errorCode(update)).toBe('NOT_FOUND');
  });
});

// The server's clock (moved by hand here, months ahead of the real one) decides when a session or a token ends, the
// same clock that stamps tickets and runs SLAs; a host clock that disagrees must not sign anyone in or out.
describe('sessions and API tokens end by the server clock', () => {
  it('a session lasts SESSION_TTL_HOURS of it; a token may not expire in its past and ends at its expiry', async () => {
    const clock = testClock('2027-03-01T09:00:00Z');
    const later = await startTestApp({ SESSION_TTL_HOURS: '1' }, { clock });
    try {
      const ws = await later.signUp('Clockwork Co');
      const login = await later.gql(LOGIN, { email: ws.adminEmail, password: PASSWORD });
      expect(login.data!.login.expiresAt).toBe('2027-03-01T10:00:00.000Z');
      const CREATE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`;
      // Ahead of the host clock, but behind the server's.
      const past = await later.gql(CREATE, { input: { name: 'Past', scopes: ['READ'], expiresAt: '2027-01-01T00:00:00Z' } }, ws.token);
      expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
      const { secret } = (await later.gql(CREATE, { input: { name: 'Half hour', scopes: ['READ'], expiresAt: '2027-03-01T09:30:00Z' } }, ws.token)).data!.createApiToken;
      clock.advance(29);
      expect((await later.gql(VIEWER, {}, secret)).errors).toBeUndefined();
      clock.advance(1);
      expect(errorCode(await later.gql(VIEWER, {}, secret))).toBe('UNAUTHENTICATED');
      expect((await later.gql(VIEWER, {}, login.data!.login.token)).errors).toBeUndefined();
      clock.advance(30);
      expect(errorCode(await later.gql(VIEWER, {}, login.data!.login.token))).toBe('UNAUTHENTICATED');
    } finally {
      await later.stop();
    }
  });
});
