// An admin in the browser changes who may work on a product (a queued chat goes to the new assignee at once, a
// refusal shows at the field), fills in a channel's settings whose secrets are never shown again but kept, and
// creates API tokens with an expiry that the list shows and the API enforces.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artefactsDir, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, signIn, startApi, startWeb } from './browser.js';

let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { email: string; password: string; token: string };

async function call(query: string, variables: Record<string, unknown> = {}, token = admin.token) {
  const result = await api.t.gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });

async function agent(name: string) {
  const email = `${name.toLowerCase()}@bank.test`;
  const id = (await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role: 'AGENT', password: 'correct horse battery' } })).createUser.id;
  const token = (await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: 'correct horse battery' })).login.token;
  await call(`mutation($i: SetPresenceInput!) { setPresence(input: $i) { status } }`, { i: { userId: id, status: 'ONLINE' } }, token);
  return id as string;
}

const startChat = async (productId: string, customer: string) =>
  (
    await call(`mutation($i: StartConversationInput!) { startConversation(input: $i) { id status assigneeUser { id } } }`, {
      i: { productId, channel: 'LIVE_CHAT', customer: { name: customer, email: `${customer.toLowerCase()}@customer.test` }, body: 'Hello?' },
    })
  ).startConversation;

beforeAll(async () => {
  requireChromium();
  api = await startApi(shiftableClock());
  const workspace = await api.t.signUp('Bank Support');
  admin = { email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  web = await startWeb(api.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await signIn(page, web.url, admin);
});

afterEach((context) => screenshotIfFailed(page, context));

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('product assignees', () => {
  it('an agent ticked in the browser may work on the product and takes its queued chat at once', async () => {
    const bank = (await call(`mutation { createProduct(input: { name: "Bank", channels: [LIVE_CHAT] }) { id } }`)).createProduct.id;
    const oya = await agent('Oya');
    const ali = await agent('Ali');
    await call(`mutation($i: UpdateAgentChatSettingsInput!) { updateAgentChatSettings(input: $i) { maxConcurrentChats } }`, { i: { userId: oya, maxConcurrentChats: 1 } });
    await call(`mutation($i: SetProductAssigneesInput!) { setProductAssignees(input: $i) { id } }`, { i: { productId: bank, userIds: [oya], teamIds: [] } });
    const night = (await call(`mutation { createTeam(input: { name: "Night shift", memberIds: [] }) { id } }`)).createTeam.id;
    expect((await startChat(bank, 'Cem')).assigneeUser.id).toBe(oya);
    const waiting = await startChat(bank, 'Deniz');
    expect(waiting.status).toBe('QUEUED');

    await page.goto(`${web.url}/settings/organisation`);
    const product = page.getByTestId('product').filter({ hasText: 'Bank' });
    const assignees = product.getByTestId('product-assignees');
    expect(await assignees.getByTestId('assignees-current').textContent()).toContain('Assignees: Oya');
    await assignees.getByRole('button', { name: 'Change who may work on Bank' }).click();
    const agents = assignees.getByRole('group', { name: 'Agents' });
    expect(await agents.getByRole('checkbox', { name: 'Oya' }).isChecked()).toBe(true);

    // A team deleted meanwhile: the server's refusal shows with the teams.
    await call(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: night });
    const teams = assignees.getByRole('group', { name: 'Teams (with their members)' });
    await teams.getByRole('checkbox', { name: 'Night shift' }).check();
    await assignees.getByRole('button', { name: 'Save' }).click();
    await teams.getByRole('alert').waitFor();
    await teams.getByRole('checkbox', { name: 'Night shift' }).uncheck();

    await agents.getByRole('checkbox', { name: 'Ali' }).check();
    await shot('admin-product-assignees');
    await assignees.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => assignees.getByTestId('assignees-current').textContent()).toContain('Assignees: Ali, Oya');
    await page.getByText('Assignees of Bank saved.').waitFor();

    const saved = await call(`query($id: ID!) { node(id: $id) { ... on Product { allowedUsers { id } allowedTeams { id } } } }`, { id: bank });
    expect(saved.node.allowedUsers.map((user: { id: string }) => user.id).sort()).toEqual([oya, ali].sort());
    expect(saved.node.allowedTeams).toEqual([]);
    const chat = await call(`query($id: ID!) { conversation(id: $id) { status assigneeUser { id } } }`, { id: waiting.id });
    expect(chat.conversation).toEqual({ status: 'ACTIVE', assigneeUser: { id: ali } });
  });
});

describe('channel settings', () => {
  it('are saved from the form; secrets are never shown again and kept when left empty', async () => {
    const shop = (await call(`mutation { createProduct(input: { name: "Shop", channels: [WHATSAPP, EMAIL] }) { id } }`)).createProduct.id;
    await page.goto(`${web.url}/settings/organisation`);
    const product = page.getByTestId('product').filter({ hasText: 'Shop' });
    await product.getByRole('button', { name: 'WhatsApp settings of Shop' }).click();
    let form = product.getByTestId('channel-settings-form');
    await form.getByLabel('WhatsApp phone number id').fill('1055');
    await form.getByLabel('Access token', { exact: true }).fill('wa-access-secret');
    await form.getByLabel('Verify token', { exact: true }).fill('wa-verify-secret');
    await form.getByLabel('App secret', { exact: true }).fill('wa-app-secret');
    await form.getByLabel(/Other settings/).fill('{ "templates": [{ "name": "order_update", "language": "tr" }] }');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('WhatsApp settings of Shop saved.').waitFor();

    const read = async () =>
      (await call(`query($id: ID!) { node(id: $id) { ... on Product { channels { channel settings secretsSet receivePath } } } }`, { id: shop })).node.channels.find(
        (channel: { channel: string }) => channel.channel === 'WHATSAPP',
      );
    expect(await read()).toMatchObject({
      settings: { phoneNumberId: '1055', templates: [{ name: 'order_update', language: 'tr' }] },
      secretsSet: ['accessToken', 'appSecret', 'verifyToken'],
    });

    // Opened again: the ids and templates are there, the secrets only as "set"; the page never holds them.
    await product.getByRole('button', { name: 'WhatsApp settings of Shop' }).click();
    form = product.getByTestId('channel-settings-form');
    expect(await form.getByLabel('WhatsApp phone number id').inputValue()).toBe('1055');
    expect(await form.getByLabel('Access token', { exact: true }).inputValue()).toBe('');
    expect(await form.getByTestId('secret-state-verifyToken').textContent()).toBe('Set. Leave empty to keep it.');
    expect(await page.content()).not.toMatch(/wa-access-secret|wa-verify-secret|wa-app-secret/);
    // The address shown is the one Meta's handshake works on, with the verify token saved.
    const url = (await form.getByTestId('receive-url').textContent())!;
    const handshake = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wa-verify-secret&hub.challenge=7`);
    expect(await handshake.text()).toBe('7');
    await shot('admin-channel-settings');

    await form.getByLabel('WhatsApp phone number id').fill('2066');
    await form.getByRole('checkbox', { name: 'Remove the saved App secret' }).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('WhatsApp settings of Shop saved.').waitFor();
    expect(await read()).toMatchObject({ settings: { phoneNumberId: '2066' }, secretsSet: ['accessToken', 'verifyToken'] });
    const stored = await api.t.app.services.db.prisma.productChannel.findFirstOrThrow({ where: { channel: 'WHATSAPP', product: { name: 'Shop' } } });
    expect(stored.settings).toMatchObject({ accessToken: 'wa-access-secret', verifyToken: 'wa-verify-secret' });
    expect(stored.settings).not.toHaveProperty('appSecret');

    await product.getByRole('button', { name: 'E-mail settings of Shop' }).click();
    form = product.getByTestId('channel-settings-form');
    await form.getByLabel('Support address (To:)').fill('help@shop.test');
    await form.getByLabel('Inbound secret', { exact: true }).fill('mail-relay-secret');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('E-mail settings of Shop saved.').waitFor();
    const email = (await call(`query($id: ID!) { node(id: $id) { ... on Product { channels { channel settings secretsSet } } } }`, { id: shop })).node.channels.find(
      (channel: { channel: string }) => channel.channel === 'EMAIL',
    );
    expect(email).toMatchObject({ settings: { address: 'help@shop.test' }, secretsSet: ['inboundSecret'] });
  });
});

describe('API tokens with an expiry', () => {
  const VIEWER = `{ viewer { apiToken { name } } }`;

  it('shows the chosen expiry, and the API refuses the token once it has passed', async () => {
    await page.goto(`${web.url}/settings/users`);
    await page.getByTestId('new-token-name').fill('Accounting');
    await page.getByTestId('new-token-expiry').selectOption({ label: 'In 30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret').textContent())!.trim();
    const row = page.getByTestId('token-row').filter({ hasText: 'Accounting' });
    const in30Days = new Date(Date.now() + 30 * 86_400_000);
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Istanbul' }).format(in30Days);
    await expect.poll(() => row.getByTestId('token-expiry').textContent()).toContain(day);
    expect((await call(VIEWER, {}, secret)).viewer.apiToken.name).toBe('Accounting');

    await page.getByTestId('new-token-name').fill('Year end');
    await page.getByTestId('new-token-expiry').selectOption({ label: 'On a date…' });
    await page.getByTestId('new-token-expiry-date').fill('2099-12-31');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('token-secret').waitFor();
    await expect.poll(() => page.getByTestId('token-row').filter({ hasText: 'Year end' }).getByTestId('token-expiry').textContent()).toMatch(/31 Dec 2099/);
    const yearEnd = await api.t.app.services.db.prisma.apiToken.findFirstOrThrow({ where: { name: 'Year end' } });
    // The end of that day in the workspace's zone (Istanbul, UTC+3).
    expect(yearEnd.expiresAt!.toISOString()).toBe('2099-12-31T20:59:59.999Z');
    await shot('admin-token-expiry');

    // Thirty days pass. The server checks expiry against the wall clock (sessions and tokens alike), which the
    // shiftable clock of these tests does not move, so the token's expiry is moved to the past instead.
    await api.t.app.services.db.prisma.apiToken.updateMany({ where: { name: 'Accounting' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await api.t.gql(VIEWER, {}, secret);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await page.reload();
    await expect.poll(() => page.getByTestId('token-row').filter({ hasText: 'Accounting' }).getByTestId('token-expiry').textContent()).toMatch(/^\s*Expired /);
  });
});
