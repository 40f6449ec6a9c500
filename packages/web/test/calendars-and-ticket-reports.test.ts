// An admin sets up a business calendar (two opening intervals on a day, a holiday) and sees it listed; a calendar an
// SLA policy uses cannot be deleted and the server's reason is shown; the ticket volume report shows the tickets
// created through the API in its table and chart with the backlog (open at each day's end, one ticket from before the
// period included), narrows to the channels ticked, keeps its filters in the URL, and downloads the same figures as CSV.
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artefactsDir, followMenuLink, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, signIn, startApi, startWeb } from './browser.js';

let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { email: string; password: string; token: string };
let productId: string;
const clock = shiftableClock();

async function call(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.t.gql(query, variables, admin.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}
const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });

beforeAll(async () => {
  requireChromium();
  api = await startApi(clock);
  const workspace = await api.t.signUp('Takvim Destek');
  admin = { email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  productId = (await call(`mutation { createProduct(input: { name: "Web shop" }) { id } }`)).createProduct.id;
  for (const subject of ['Parcel late', 'Wrong size']) {
    await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
      i: { productId, subject, priority: 'LOW', description: subject, customer: { name: 'Ada', email: 'ada@example.test' } },
    });
  }
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

describe('business calendars and ticket reports', () => {
  it('creates a calendar with two intervals on a day and a holiday, and sees it listed', async () => {
    await followMenuLink(page, 'Settings', 'Calendars');
    await page.waitForURL(/\/settings\/calendars$/);
    await page.getByTestId('calendar-name').fill('Istanbul office');
    await page.getByTestId('calendar-zone').selectOption('Europe/Istanbul');
    // Monday: 09:00–12:00 and 13:00–18:00 (lunch closed).
    await page.getByTestId('end-MONDAY-0').fill('12:00');
    await page.getByRole('button', { name: 'Add opening hours on Monday' }).click();
    await page.getByTestId('start-MONDAY-1').fill('13:00');
    await page.getByTestId('end-MONDAY-1').fill('18:00');
    await page.getByTestId('add-holiday').click();
    await page.getByTestId('holiday-name-0').fill('Republic Day');
    await page.getByTestId('holiday-start-0').fill('2026-10-29');
    await page.getByTestId('save-calendar').click();

    const card = page.getByTestId('calendar').filter({ hasText: 'Istanbul office' });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Europe/Istanbul');
    expect(text).toContain('Mon 09:00–12:00, 13:00–18:00');
    expect(text).toContain('Republic Day (2026-10-29)');
    await shot('calendars');
    const stored = await call(`{ businessCalendars { name timeZone weeklyHours { day start end } holidays { name start end } } }`);
    expect(stored.businessCalendars[0].weeklyHours.filter((i: { day: string }) => i.day === 'MONDAY')).toEqual([
      { day: 'MONDAY', start: '09:00', end: '12:00' },
      { day: 'MONDAY', start: '13:00', end: '18:00' },
    ]);
    expect(stored.businessCalendars[0].holidays).toEqual([{ name: 'Republic Day', start: '2026-10-29', end: '2026-10-29' }]);
  });

  it('shows the server’s reason when a calendar in use cannot be deleted', async () => {
    const calendarId = (await call(`{ businessCalendars { id } }`)).businessCalendars[0].id;
    await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
      i: { name: 'Office hours', calendarId, targets: [{ metric: 'FIRST_RESPONSE', minutes: 60 }], targetRate: 90 },
    });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete Istanbul office' }).click();
    await page.getByTestId('calendar-error').waitFor();
    expect(await page.getByTestId('calendar').count()).toBe(1);
  });

  it('edits an SLA policy and reorders the SLA rules', async () => {
    const policyId = (await call(`{ slaPolicies { id } }`)).slaPolicies[0].id;
    for (const name of ['First rule', 'Second rule']) {
      await call(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, { i: { name, policyId } });
    }
    await followMenuLink(page, 'Settings', 'SLA settings');
    await expect.poll(() => page.getByTestId('sla-rule').count()).toBe(2);
    await page.getByRole('button', { name: 'Move First rule down' }).click();
    await expect.poll(async () => (await page.getByTestId('sla-rule').first().textContent()) ?? '').toContain('Second rule');
    expect((await call(`{ slaRules { name } }`)).slaRules.map((rule: { name: string }) => rule.name)).toEqual(['Second rule', 'First rule']);

    await page.getByRole('button', { name: 'Edit Office hours' }).click();
    await page.getByTestId('policy-name').fill('Office hours (edited)');
    await page.getByTestId('create-policy').click();
    await expect.poll(async () => (await page.getByTestId('sla-policies').textContent()) ?? '').toContain('Office hours (edited)');
  });

  it('shows ticket volume from one report: table, chart, filters in the URL, and the same figures as CSV', async () => {
    // One more ticket, of another product and priority, resolved straight away; the two LOW ones stay open.
    const appId = (await call(`mutation { createProduct(input: { name: "App" }) { id } }`)).createProduct.id;
    const urgentId = (
      await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
        i: { productId: appId, subject: 'App crashes', priority: 'HIGH', description: 'On start', customer: { name: 'Can', email: 'can@example.test' } },
      })
    ).createTicket.id;
    const resolved = (await call(`{ ticketStatuses { id name } }`)).ticketStatuses.find((status: { name: string }) => status.name === 'Resolved').id;
    await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: urgentId, statusId: resolved } });
    // An e-mail written ten days ago, before the seven days shown, still open: the backlog of every day.
    clock.offsetMs = -10 * 24 * 3600_000;
    await call(`mutation($i: CreateTicketFromCustomerInput!) { createTicketFromCustomer(input: $i) { id } }`, {
      i: { productId, channel: 'EMAIL', priority: 'MEDIUM', subject: 'Refund?', body: 'Still waiting', customer: { name: 'Efe', email: 'efe@example.test' } },
    });
    clock.offsetMs = 0;
    const zone = 'Europe/Istanbul';
    const days = Array.from({ length: 7 }, (_, index) => DateTime.now().setZone(zone).minus({ days: 6 - index }).toISODate()!);
    const today = days[6];

    const requests: string[] = [];
    // Queries go as GET (urql's default within the URL limit) or POST: the operation is in one or the other.
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') requests.push(decodeURIComponent(request.url()) + (request.postData() ?? ''));
    });
    await page.goto(`${web.url}/reports/tickets?by=PRIORITY`);
    const table = page.getByTestId('volume-table');
    const cells = (row: ReturnType<Page['locator']>) => row.locator('th, td').allTextContents().then((texts) => texts.map((text) => text.trim()));
    await expect.poll(() => cells(table.locator('tfoot tr'))).toEqual(['Whole period', '1', '2', '3', '1', '3']);
    expect(await cells(table.locator('thead tr'))).toEqual(['Period', 'High', 'Low', 'Created', 'Resolved', 'Open at end']);
    // Seven days, today last (three tickets were created and one resolved today); the old e-mail is open every day.
    expect(await table.locator('tbody tr').count()).toBe(7);
    expect((await cells(table.locator('tbody tr').first())).slice(1)).toEqual(['0', '0', '0', '0', '1']);
    expect((await cells(table.locator('tbody tr').last())).slice(1)).toEqual(['1', '2', '3', '1', '3']);
    const canvas = page.getByTestId('volume-chart');
    expect(await canvas.isVisible()).toBe(true);
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(100);
    // The whole view came from one report request, not one request per day and group.
    expect(requests.filter((body) => body.includes('ticketVolumeReport'))).toHaveLength(1);
    await shot('ticket-volume-priority');

    await page.getByLabel('Split by').selectOption('PRODUCT');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/by=PRODUCT/);
    await expect.poll(() => cells(table.locator('thead tr'))).toEqual(['Period', 'App', 'Web shop', 'Created', 'Resolved', 'Open at end']);
    // The view is in the URL: a reload (or a shared link) shows the same.
    await page.reload();
    await expect.poll(() => cells(table.locator('tfoot tr'))).toEqual(['Whole period', '1', '2', '3', '1', '3']);
    expect(await page.getByLabel('Split by').inputValue()).toBe('PRODUCT');

    const downloadCsv = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('volume-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^ticket-volume-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      return new Promise<string[]>((resolve, reject) => {
        const chunks: Buffer[] = [];
        void download.createReadStream().then((stream) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString().trim().split('\n')));
          stream.on('error', reject);
        });
      });
    };
    const backlogOnly = days.slice(0, 6).map((day) => `${day},Web shop,0,0,1`);
    expect(await downloadCsv()).toEqual([
      'bucket,product,created,resolved,open_at_end',
      ...backlogOnly,
      `${today},App,1,1,0`,
      `${today},Web shop,2,0,3`,
      'total,App,1,1,0',
      'total,Web shop,2,0,3',
    ]);
    await shot('ticket-volume-product');

    // Only e-mail: the agents' three tickets (INTERNAL) leave; the old e-mail stays in the backlog, here and in the CSV.
    await page.getByTestId('volume-channels').getByLabel('E-mail', { exact: true }).check();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/channels=EMAIL/);
    await expect.poll(() => cells(table.locator('tfoot tr'))).toEqual(['Whole period', '0', '0', '1']);
    expect((await cells(table.locator('tbody tr').last())).slice(1)).toEqual(['0', '0', '1']);
    expect(await downloadCsv()).toEqual(['bucket,product,created,resolved,open_at_end', ...days.map((day) => `${day},Web shop,0,0,1`), 'total,Web shop,0,0,1']);

    // Tablet width: the filters wrap and the page does not scroll sideways.
    await page.setViewportSize({ width: 820, height: 1000 });
    // (Polled: the chart follows the new width on its next resize observation.)
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot('ticket-volume-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
