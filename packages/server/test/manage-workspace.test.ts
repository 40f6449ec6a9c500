// Admins manage the workspace: its settings, users and roles, teams, products with their channels, customers.
// Each change is checked for who may make it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, PASSWORD, startTestApp, type TestApp, uniqueEmail, type Workspace } from './harness.js';

let t: TestApp;
let acme: Workspace;
let supervisorToken: string;
let agentToken: string;
let agentId: string;

async function userWithRole(role: 'AGENT' | 'SUPERVISOR' | 'ADMIN', name: string) {
  const email = uniqueEmail(role.toLowerCase());
  const created = await t.gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id role } }`,
    { input: { email, name, role, password: PASSWORD } },
    acme.token,
  );
  expect(created.data!.createUser.role).toBe(role);
  const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  return { id: created.data!.createUser.id as string, token: login.data!.login.token as string, email };
}

beforeAll(async () => {
  t = await startTestApp();
  acme = await t.signUp('Acme');
  const supervisor = await userWithRole('SUPERVISOR', 'Selin Supervisor');
  const agent = await userWithRole('AGENT', 'Ahmet Agent');
  supervisorToken = supervisor.token;
  agentToken = agent.token;
  agentId = agent.id;
});
afterAll(() => t.stop());

describe('workspace settings', () => {
  it('are changed by admins only', async () => {
    const UPDATE = `mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { name timeZone language } }`;
    expect(errorCode(await t.gql(UPDATE, { input: { name: 'Hacked' } }, agentToken))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(UPDATE, { input: { name: 'Hacked' } }, supervisorToken))).toBe('FORBIDDEN');
    const updated = await t.gql(UPDATE, { input: { name: 'Acme Destek', timeZone: 'America/New_York', language: 'pt-BR' } }, acme.token);
    expect(updated.data!.updateWorkspace).toEqual({ name: 'Acme Destek', timeZone: 'America/New_York', language: 'pt-BR' });
    expect((await t.gql(UPDATE, { input: { language: 'Klingon!' } }, acme.token)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.language',
    });
  });
});

describe('users', () => {
  it('are listed to everyone in the workspace, filtered by role and search', async () => {
    const list = await t.gql(`{ users(role: AGENT, search: "ahmet") { edges { node { name role active } } } }`, {}, agentToken);
    expect(list.data!.users.edges.map((edge: any) => edge.node)).toEqual([{ name: 'Ahmet Agent', role: 'AGENT', active: true }]);
  });

  it('are found by Turkish case rules: İ and i, I and ı alike, in names and e-mails; % and _ are plain text', async () => {
    for (const name of ['İpek Yıldız', 'Işıl Kaya', 'Irmak 100%']) await userWithRole('AGENT', name);
    const names = async (search: string) =>
      (await t.gql(`query($s: String) { users(search: $s) { edges { node { name } } } }`, { s: search }, acme.token)).data!.users.edges.map((edge: any) => edge.node.name).sort();
    expect(await names('İPEK')).toEqual(['İpek Yıldız']);
    expect(await names('ipek')).toEqual(['İpek Yıldız']);
    expect(await names('ışıl')).toEqual(['Işıl Kaya']);
    expect(await names('YILDIZ')).toEqual(['İpek Yıldız']);
    expect(await names('100%')).toEqual(['Irmak 100%']);
    expect(await names('_')).toEqual([]);
    expect(await names('AGENT-')).toHaveLength(4);
  });

  it('are created and promoted by admins only', async () => {
    const input = { email: uniqueEmail(), name: 'Nope', role: 'ADMIN', password: PASSWORD };
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    expect(errorCode(await t.gql(CREATE, { input }, agentToken))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CREATE, { input }, supervisorToken))).toBe('FORBIDDEN');
    const promote = `mutation($id: ID!) { updateUser(input: { id: $id, role: SUPERVISOR }) { role } }`;
    expect(errorCode(await t.gql(promote, { id: agentId }, agentToken))).toBe('FORBIDDEN');
  });

  it('may rename themselves but not others', async () => {
    const RENAME = `mutation($id: ID!, $name: String!) { updateUser(input: { id: $id, name: $name }) { name } }`;
    expect((await t.gql(RENAME, { id: agentId, name: 'Ahmet K.' }, agentToken)).data!.updateUser.name).toBe('Ahmet K.');
    expect(errorCode(await t.gql(RENAME, { id: acme.adminId, name: 'Boss' }, agentToken))).toBe('FORBIDDEN');
  });

  it('cannot leave the workspace without an active admin', async () => {
    const demote = await t.gql(`mutation($id: ID!) { updateUser(input: { id: $id, role: AGENT }) { role } }`, { id: acme.adminId }, acme.token);
    expect(demote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const deactivate = await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: acme.adminId }, acme.token);
    expect(errorCode(deactivate)).toBe('BAD_USER_INPUT');
  });

  it('are deactivated and reactivated, keeping their record', async () => {
    const temp = await userWithRole('AGENT', 'Temp Agent');
    const off = await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { active deactivatedAt } }`, { id: temp.id }, acme.token);
    expect(off.data!.deactivateUser.active).toBe(false);
    const listed = await t.gql(`{ users(search: "Temp") { edges { node { id } } } }`, {}, acme.token);
    expect(listed.data!.users.edges).toEqual([]);
    const all = await t.gql(`{ users(search: "Temp", includeDeactivated: true) { edges { node { id active } } } }`, {}, acme.token);
    expect(all.data!.users.edges).toEqual([{ node: { id: temp.id, active: false } }]);
    await t.gql(`mutation($id: ID!) { reactivateUser(id: $id) { active } }`, { id: temp.id }, acme.token);
    const again = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: temp.email, p: PASSWORD });
    expect(again.errors).toBeUndefined();
  });
});

describe('teams', () => {
  it('are managed by supervisors, with members of the workspace only', async () => {
    const CREATE = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name members { name } } }`;
    expect(errorCode(await t.gql(CREATE, { input: { name: 'Agents only' } }, agentToken))).toBe('FORBIDDEN');
    const team = await t.gql(CREATE, { input: { name: 'Billing', memberIds: [agentId] } }, supervisorToken);
    expect(team.data!.createTeam).toMatchObject({ name: 'Billing', members: [{ name: 'Ahmet K.' }] });
    // reason TAKEN: a client can say "already in use" in its own language without parsing the English message.
    expect((await t.gql(CREATE, { input: { name: 'Billing' } }, supervisorToken)).errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'input.name', reason: 'TAKEN' });

    const outsider = await t.signUp('Elsewhere');
    const foreignMember = await t.gql(CREATE, { input: { name: 'Mixed', memberIds: [outsider.adminId] } }, supervisorToken);
    expect(foreignMember.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.memberIds' });

    const teamId = team.data!.createTeam.id;
    const replaced = await t.gql(
      `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { name members { id } } }`,
      { input: { id: teamId, name: 'Billing & Refunds', memberIds: [acme.adminId] } },
      supervisorToken,
    );
    expect(replaced.data!.updateTeam).toEqual({ name: 'Billing & Refunds', members: [{ id: acme.adminId }] });
    const mine = await t.gql(`query($id: ID!) { node(id: $id) { ... on User { teams { name } } } }`, { id: acme.adminId }, acme.token);
    expect(mine.data!.node.teams).toEqual([{ name: 'Billing & Refunds' }]);

    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId }, supervisorToken))).toBe('FORBIDDEN');
    expect((await t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId }, acme.token)).data!.deleteTeam).toBe(teamId);
    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId }, acme.token))).toBe('NOT_FOUND');
  });
});

describe('products and their channels', () => {
  it('are configured by admins; channel settings are admin-only reading', async () => {
    const created = await t.gql(
      `mutation { createProduct(input: { name: "Acme App", channels: [EMAIL, WHATSAPP] }) { id channels { channel enabled } } }`,
      {},
      acme.token,
    );
    expect(created.data!.createProduct.channels).toEqual([
      { channel: 'EMAIL', enabled: true },
      { channel: 'WHATSAPP', enabled: true },
    ]);
    const productId = created.data!.createProduct.id;
    const configure = `mutation($input: ConfigureProductChannelInput!) { configureProductChannel(input: $input) { channel enabled settings } }`;
    const configured = await t.gql(
      configure,
      { input: { productId, channel: 'WHATSAPP', enabled: false, settings: { phoneNumberId: '1055' } } },
      acme.token,
    );
    expect(configured.data!.configureProductChannel).toEqual({ channel: 'WHATSAPP', enabled: false, settings: { phoneNumberId: '1055' } });
    expect(errorCode(await t.gql(configure, { input: { productId, channel: 'PHONE', enabled: true } }, supervisorToken))).toBe('FORBIDDEN');

    const asAgent = await t.gql(`query($id: ID!) { node(id: $id) { ... on Product { channels { channel enabled settings } } } }`, { id: productId }, agentToken);
    expect(errorCode(asAgent)).toBe('FORBIDDEN');
    const withoutSettings = await t.gql(`query($id: ID!) { node(id: $id) { ... on Product { channels { channel enabled } } } }`, { id: productId }, agentToken);
    expect(withoutSettings.data!.node.channels).toEqual([
      { channel: 'EMAIL', enabled: true },
      { channel: 'WHATSAPP', enabled: false },
    ]);
    expect(errorCode(await t.gql(`mutation { createProduct(input: { name: "Acme App" }) { id } }`, {}, acme.token))).toBe('CONFLICT');
  });

  it('keep channel secrets write-only: never read back, kept when left out, removed when emptied', async () => {
    const productId = (await t.gql(`mutation { createProduct(input: { name: "Secret Shop", channels: [WHATSAPP] }) { id } }`, {}, acme.token)).data!.createProduct.id;
    const configure = `mutation($input: ConfigureProductChannelInput!) { configureProductChannel(input: $input) { settings secretsSet } }`;
    const save = async (settings: Record<string, unknown>) =>
      (await t.gql(configure, { input: { productId, channel: 'WHATSAPP', enabled: true, settings } }, acme.token)).data!.configureProductChannel;
    const first = await save({ phoneNumberId: '1055', accessToken: 'wa-secret-1', appSecret: 'app-secret-1', verifyToken: 'verify-1' });
    expect(first).toEqual({ settings: { phoneNumberId: '1055' }, secretsSet: ['accessToken', 'appSecret', 'verifyToken'] });
    const listed = await t.gql(`query($id: ID!) { node(id: $id) { ... on Product { channels { settings secretsSet receivePath } } } }`, { id: productId }, acme.token);
    expect(JSON.stringify(listed.data)).not.toMatch(/secret-1|verify-1/);
    // The callback URL to give Meta: its webhook answers the handshake with the verify token just saved.
    const path = listed.data!.node.channels[0].receivePath;
    expect(path).toMatch(/^\/webhooks\/meta\//);
    const handshake = await t.app.yoga.fetch(`http://localhost${path}?hub.mode=subscribe&hub.verify_token=verify-1&hub.challenge=42`);
    expect(await handshake.text()).toBe('42');

    // A new phone number id without the secrets: they stay, and the channel still sends with them.
    expect(await save({ phoneNumberId: '2066' })).toEqual({ settings: { phoneNumberId: '2066' }, secretsSet: ['accessToken', 'appSecret', 'verifyToken'] });
    const stored = await t.app.services.db.prisma.productChannel.findFirstOrThrow({ where: { channel: 'WHATSAPP', product: { name: 'Secret Shop' } } });
    expect(stored.settings).toEqual({ phoneNumberId: '2066', accessToken: 'wa-secret-1', appSecret: 'app-secret-1', verifyToken: 'verify-1' });

    expect(await save({ phoneNumberId: '2066', accessToken: 'wa-secret-2', appSecret: null, verifyToken: '' })).toEqual({ settings: { phoneNumberId: '2066' }, secretsSet: ['accessToken'] });
    const after = await t.app.services.db.prisma.productChannel.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after.settings).toEqual({ phoneNumberId: '2066', accessToken: 'wa-secret-2' });
  });
});

describe('customers', () => {
  it('are created and edited by agents, with e-mails unique in the workspace; deleted by admins', async () => {
    const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id email whatsappNumber } }`;
    const created = await t.gql(CREATE, { input: { name: 'Ahmet Kaya', email: 'Ahmet.Kaya@Example.com', whatsappNumber: '+90 532 000 0000' } }, agentToken);
    expect(created.data!.createCustomer).toMatchObject({ email: 'ahmet.kaya@example.com', whatsappNumber: '+90 532 000 0000' });
    const duplicate = await t.gql(CREATE, { input: { name: 'Copy', email: 'ahmet.kaya@example.com' } }, agentToken);
    expect(duplicate.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'input.email', reason: 'TAKEN' });

    const id = created.data!.createCustomer.id;
    const cleared = await t.gql(
      `mutation($id: ID!) { updateCustomer(input: { id: $id, whatsappNumber: null, instagramId: "ahmet.k" }) { whatsappNumber instagramId email } }`,
      { id },
      agentToken,
    );
    expect(cleared.data!.updateCustomer).toEqual({ whatsappNumber: null, instagramId: 'ahmet.k', email: 'ahmet.kaya@example.com' });
    const found = await t.gql(`{ customers(search: "kaya") { edges { node { id } } } }`, {}, agentToken);
    expect(found.data!.customers.edges).toEqual([{ node: { id } }]);

    expect(errorCode(await t.gql(`mutation($id: ID!) { deleteCustomer(id: $id) }`, { id }, agentToken))).toBe('FORBIDDEN');
    expect((await t.gql(`mutation($id: ID!) { deleteCustomer(id: $id) }`, { id }, acme.token)).data!.deleteCustomer).toBe(id);
  });
});
