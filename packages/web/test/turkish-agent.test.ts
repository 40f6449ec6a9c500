// A workspace used in Turkish: after switching the language in the app, every screen an agent or admin opens reads
// Turkish (no English label, no raw dictionary key), dates carry Turkish month names, name searches follow Turkish
// case rules (İ/i, I/ı), and at tablet width (820×1180) no page scrolls sideways.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/lib/i18n/en.js';
import { tr } from '../src/lib/i18n/tr.js';
import { artefactsDir, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, startApi, startWeb } from './browser.js';

let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { email: string; password: string; token: string };
let ticketId: string;

async function call(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.t.gql(query, variables, admin.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** Every dictionary key path ("tickets.filters.status"): none may be shown as text. */
const keyPaths = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key)) : [prefix];
const leaves = (value: unknown): string[] => (typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [String(value)]);
const KEYS = keyPaths(en);
/** English labels of several words that read differently in Turkish: none may show on a Turkish page. */
const ENGLISH_LABELS = (() => {
  const turkish = new Set(leaves(tr));
  return [...new Set(leaves(en))].filter((text) => !text.includes('{') && /^[A-Z][a-z]+ [a-z]+/.test(text) && !turkish.has(text));
})();
const ENGLISH_MONTHS = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b/;
const TURKISH_DATE = /\b\d{1,2} (Oca|Şub|Mar|Nis|May|Haz|Tem|Ağu|Eyl|Eki|Kas|Ara)[a-zçğıöşü]* \d{4}\b/;

/**
 * The page's visible text, without e-mail addresses, URLs and code (template placeholders such as
 * {{customer.name}}): they contain dots but are data or syntax, not labels.
 */
async function visibleText() {
  let text = await page.locator('body').innerText();
  for (const code of await page.locator('code').allInnerTexts()) text = text.replace(code, ' ');
  return text.replace(/\S+@\S+/g, ' ').replace(/\bhttps?:\/\/\S+/g, ' ');
}

async function expectTurkish(name: string, labels: string[]) {
  for (const label of labels) await page.getByText(label, { exact: false }).filter({ visible: true }).first().waitFor();
  const text = await visibleText();
  expect(text.match(/\b[a-z]+\.[a-z]+[A-Za-z.]*\b/g) ?? [], `${name}: key-like text`).toEqual([]);
  expect(KEYS.filter((key) => text.includes(key)), `${name}: dictionary keys`).toEqual([]);
  // Whole words only: "Web formu" is Turkish even though it starts with "Web form".
  const asWords = (label: string) => new RegExp(`(^|[^\\p{L}])${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
  expect(ENGLISH_LABELS.filter((label) => asWords(label).test(text)), `${name}: English labels`).toEqual([]);
  expect(text, `${name}: English month`).not.toMatch(ENGLISH_MONTHS);
  return text;
}

async function expectNoSidewaysScroll(name: string) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${name} scrolls sideways at tablet width`).toBeLessThanOrEqual(widths.client);
}

const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `tr-${name}.png`), fullPage: true });

beforeAll(async () => {
  requireChromium();
  api = await startApi(shiftableClock());
  const workspace = await api.t.signUp('Türk Destek');
  admin = { email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  await call(`mutation { updateWorkspace(input: { timeZone: "Europe/Istanbul", language: "tr" }) { id } }`);
  const productId = (await call(`mutation { createProduct(input: { name: "Mobil Uygulama", channels: [EMAIL, LIVE_CHAT] }) { id } }`)).createProduct.id;
  for (const name of ['İpek Yıldız', 'Işıl Kaya', 'Irmak Demir', 'Oğuz Şahin']) {
    const email = `${name.split(' ')[1].toLowerCase().replace(/ı/g, 'i').replace(/ş/g, 's')}@turk.test`;
    await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { email, name, role: 'AGENT', password: 'correct horse battery' } });
  }
  ticketId = (
    await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
      i: { productId, subject: 'Kargom gelmedi', description: 'Siparişim üç gündür yolda.', customer: { name: 'Ayşe Çelik', email: 'ayse@musteri.test' } },
    })
  ).createTicket.id;
  const viewer = (await call(`{ viewer { user { id } } }`)).viewer.user.id;
  await call(`mutation($i: SetPresenceInput!) { setPresence(input: $i) { status } }`, { i: { userId: viewer, status: 'ONLINE' } });
  await call(`mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`, {
    i: { productId, channel: 'LIVE_CHAT', customer: { name: 'Mehmet Öz', email: 'mehmet@musteri.test' }, body: 'Merhaba, iade istiyorum.' },
  });
  await call(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`, { i: { name: 'Muhasebe', scopes: ['READ'] } });
  web = await startWeb(api.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterEach((context) => screenshotIfFailed(page, context));

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('an agent works in Turkish', () => {
  it('switches to Türkçe on the sign-in page and signs in', async () => {
    await page.goto(`${web.url}/signin`);
    await page.getByTestId('locale').selectOption('tr');
    await expectTurkish('sign-in', [tr.signIn.title, tr.signIn.password]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('tr');
    await shot('sign-in');
    await page.getByLabel(tr.signIn.email).fill(admin.email);
    await page.getByLabel(tr.signIn.password).fill(admin.password);
    await page.getByRole('button', { name: tr.signIn.submit }).click();
    await page.waitForURL(/\/tickets$/);
  });

  const PAGES: { name: string; route: () => string; labels: () => string[]; date?: boolean }[] = [
    { name: 'tickets', route: () => '/tickets', labels: () => [tr.tickets.title, 'Kargom gelmedi', tr.nav.signOut] },
    { name: 'ticket', route: () => `/tickets/${ticketId}`, labels: () => ['Kargom gelmedi', 'Ayşe Çelik'], date: true },
    { name: 'chats', route: () => '/chats', labels: () => [tr.chats.title, 'Mehmet Öz'] },
    { name: 'cockpit', route: () => '/cockpit', labels: () => [tr.cockpit.title, tr.cockpit.search, 'İpek Yıldız'] },
    { name: 'sla-settings', route: () => '/settings/sla', labels: () => [tr.slaSettings.title] },
    { name: 'sla-reports', route: () => '/reports/sla', labels: () => [tr.reports.title] },
    { name: 'ticket-reports', route: () => '/reports/tickets', labels: () => [tr.ticketVolume.title] },
    { name: 'users', route: () => '/settings/users', labels: () => [tr.users.title, tr.tokens.title, 'Muhasebe', tr.tokenExpiry.expires], date: true },
    { name: 'organisation', route: () => '/settings/organisation', labels: () => [tr.org.title, 'Mobil Uygulama', tr.productAssignees.everyone] },
    { name: 'vocabulary', route: () => '/settings/vocabulary', labels: () => [tr.vocab.title] },
    { name: 'responses', route: () => '/settings/responses', labels: () => [tr.responses.title] },
    { name: 'calendars', route: () => '/settings/calendars', labels: () => [tr.calendars.title] },
  ];

  it('reads every page in Turkish, with Turkish dates, and none scrolls sideways at tablet width', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    const overflowing: string[] = [];
    for (const { name, route, labels, date } of PAGES) {
      await page.goto(`${web.url}${route()}`);
      await page.locator('h1').first().waitFor();
      const text = await expectTurkish(name, labels());
      if (date) expect(text, `${name}: a date with a Turkish month`).toMatch(TURKISH_DATE);
      await shot(name);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (widths.scroll > widths.client) overflowing.push(`${name} (${widths.scroll} > ${widths.client})`);
    }
    expect(overflowing, 'pages that scroll sideways at 820 px').toEqual([]);
  });

  it('finds names by Turkish case rules: i finds İ, ı finds I, and the other way round', async () => {
    await page.goto(`${web.url}/cockpit`);
    const search = page.getByLabel(tr.cockpit.search);
    const agents = () => page.getByTestId('cockpit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-agent')).sort());
    await search.fill('ipek');
    await expect.poll(agents).toEqual(['İpek Yıldız']);
    await search.fill('IŞIL');
    await expect.poll(agents).toEqual(['Işıl Kaya']);
    await search.fill('ırmak');
    await expect.poll(agents).toEqual(['Irmak Demir']);
    await shot('cockpit-search');

    await page.goto(`${web.url}/settings/users`);
    const users = () => page.getByTestId('user-row').evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent?.trim()).sort());
    const userSearch = page.getByLabel(tr.users.search);
    await userSearch.fill('İPEK');
    await expect.poll(users).toEqual(['İpek Yıldız']);
    await userSearch.fill('ışıl');
    await expect.poll(users).toEqual(['Işıl Kaya']);
    await userSearch.fill('OĞUZ');
    await expect.poll(users).toEqual(['Oğuz Şahin']);
    await expectNoSidewaysScroll('users search');
  });
  it('says in Turkish that the server cannot be reached or that a name is taken; the same form works once it can', async () => {
    await page.goto(`${web.url}/settings/vocabulary`);
    const form = page.locator('form', { has: page.getByTestId('new-tag-name') });
    await page.getByTestId('new-tag-name').fill('bağlantı');
    // The browser loses the API for this request only: a real network failure, the server itself untouched.
    await page.route('**/graphql', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(tr.serverErrors.network);
    await shot('network-error');
    await page.unroute('**/graphql');
    await form.getByRole('button').click();
    await expect.poll(async () => (await api.t.gql(`{ tags { name } }`, {}, admin.token)).data?.tags.map((tag: { name: string }) => tag.name)).toContain('bağlantı');
    // The same name again: the server's CONFLICT (reason TAKEN) reads in Turkish, next to the name.
    await page.getByTestId('new-tag-name').fill('bağlantı');
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(tr.serverErrors.taken);
  });
});
