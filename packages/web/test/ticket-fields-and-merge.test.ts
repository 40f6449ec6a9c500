// Ticket custom fields, merging and template defaults in the browser, each checked through the API: an admin defines
// a required DROPDOWN field and a NUMBER field; an agent creates a ticket in the dialog (the required one is refused
// at the field, then given), edits a value on the ticket page and filters the list by it; merges one ticket into
// another; reads the customer callback panel (the partner is a real HTTP server); and sets a template's product,
// topic and default assignee. The tests run in order: the fields of the first are used by the later ones.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { en } from '../src/lib/i18n/en.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/src/customers/callback-signature.js';
import { artefactsDir, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, signIn, startApi, startWeb } from './browser.js';

let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { id: string; email: string; password: string; token: string };
let productId: string;

async function call(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.t.gql(query, variables, admin.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** A ticket made through the API, with the required plan (the first test defines it). */
async function createTicket(subject: string, customer: string, plan = 'Free') {
  const data = await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number customer { id } } }`, {
    i: { productId, subject, customer: { name: customer, email: `${customer.toLowerCase()}@example.test` }, customFields: [{ key: 'plan', value: plan }] },
  });
  return data.createTicket as { id: string; number: number; customer: { id: string } };
}

async function valuesOf(ticketId: string) {
  const data = await call(`query($id: ID!) { ticket(id: $id) { customFields { key value } } }`, { id: ticketId });
  return Object.fromEntries((data.ticket.customFields as { key: string; value: unknown }[]).map((entry) => [entry.key, entry.value]));
}

const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });

/** The screen at tablet width (820 px) needs no sideways scrolling; its picture is kept too. */
async function checkTabletWidth(name: string) {
  await page.setViewportSize({ width: 820, height: 1000 });
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(`${name}-tablet`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

beforeAll(async () => {
  requireChromium();
  api = await startApi(shiftableClock());
  const workspace = await api.t.signUp('Özel Alan Destek');
  admin = { id: workspace.adminId, email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  productId = (await call(`mutation { createProduct(input: { name: "Cloud plan" }) { id } }`)).createProduct.id;
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

describe('ticket custom fields', () => {
  it('an admin creates a required DROPDOWN field and a NUMBER field; deleting one a rule uses is refused with the reason', async () => {
    await page.goto(`${web.url}/settings/fields`);
    const form = page.getByTestId('field-new-form');
    await form.getByTestId('field-name').fill('Plan');
    await form.getByTestId('field-key').fill('plan');
    await form.getByTestId('field-type').selectOption('DROPDOWN');
    await form.getByTestId('field-options').fill('Free\nGold\n');
    await form.getByTestId('field-required').check();
    await form.getByTestId('field-save').click();
    await expect.poll(() => page.getByTestId('field-row').count()).toBe(1);

    // A key the server refuses is shown at the key box.
    await form.getByTestId('field-name').fill('Seats');
    await form.getByTestId('field-key').fill('plan');
    await form.getByTestId('field-type').selectOption('NUMBER');
    await form.getByTestId('field-save').click();
    await expect.poll(() => form.getByTestId('field-key').locator('xpath=..').getByRole('alert').textContent()).toBe(en.serverErrors.taken);
    await form.getByTestId('field-key').fill('seats');
    await form.getByTestId('field-save').click();
    await expect.poll(() => page.getByTestId('field-row').count()).toBe(2);

    const fields = (await call(`{ ticketFields { key name type options required } }`)).ticketFields;
    expect(fields).toEqual([
      { key: 'plan', name: 'Plan', type: 'DROPDOWN', options: ['Free', 'Gold'], required: true },
      { key: 'seats', name: 'Seats', type: 'NUMBER', options: [], required: false },
    ]);

    // Editing: the key and the type are shown but cannot change; the name and the options can.
    const planRow = page.getByTestId('field-row').filter({ hasText: 'Plan' });
    await planRow.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByTestId('field-edit-form');
    expect(await edit.getByTestId('field-key').getAttribute('readonly')).not.toBeNull();
    expect(await edit.getByTestId('field-type').getAttribute('readonly')).not.toBeNull();
    await edit.getByTestId('field-options').fill('Free\nGold\nPlatinum');
    await edit.getByTestId('field-save').click();
    await expect.poll(async () => (await call(`{ ticketFields { options } }`)).ticketFields[0].options).toEqual(['Free', 'Gold', 'Platinum']);

    // A rule asks about the seats: deleting the field is refused, and the row says which rule.
    await call(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`, {
      i: {
        name: 'Big accounts first',
        triggers: ['TICKET_CREATED'],
        conditions: [{ kind: 'customField', config: { key: 'seats', operator: 'GREATER_THAN', value: 500 } }],
        actions: [{ kind: 'setPriority', config: { priority: 'HIGH' } }],
      },
    });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('field-row').filter({ hasText: 'Seats' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('field-row-error').textContent()).toContain('Big accounts first');
    expect((await call(`{ ticketFields { key } }`)).ticketFields).toHaveLength(2);

    // The form order: Seats moves up, ahead of Plan.
    await page.getByRole('button', { name: 'Move Seats up' }).click();
    await expect.poll(async () => (await call(`{ ticketFields { key } }`)).ticketFields.map((field: { key: string }) => field.key)).toEqual(['seats', 'plan']);
    await expect.poll(() => page.getByTestId('field-row').first().textContent()).toContain('Seats');
    await shot('ticket-fields-settings');
    await checkTabletWidth('ticket-fields-settings');
  });

  it('the new-ticket dialog refuses a missing required value at the field, keeps typed values between steps, and creates the ticket with them', async () => {
    await page.goto(`${web.url}/tickets`);
    await page.getByTestId('new-ticket').click();
    const dialog = page.getByTestId('new-ticket-dialog');
    await dialog.getByTestId('new-ticket-product').selectOption({ label: 'Cloud plan' });
    await dialog.getByTestId('new-ticket-next').click();
    await dialog.getByTestId('new-ticket-customer-name').fill('Deniz');
    await dialog.getByTestId('new-ticket-customer-email').fill('deniz@example.test');
    await dialog.getByTestId('new-ticket-subject').fill('Invoice shows the wrong plan');
    await dialog.getByTestId('new-ticket-next').click();

    await dialog.getByTestId('custom-field-seats').getByLabel('Seats').fill('12');
    await dialog.getByTestId('new-ticket-create').click();
    const planField = dialog.getByTestId('custom-field-plan');
    await expect.poll(() => planField.getByRole('alert').textContent()).toContain('required');
    expect(await planField.getByRole('combobox').getAttribute('aria-invalid')).toBe('true');
    await shot('new-ticket-required-field');
    expect((await call(`{ tickets(first: 5) { totalCount } }`)).tickets.totalCount).toBe(0);

    // Back and forth: what was typed is still there.
    await dialog.getByTestId('new-ticket-back').click();
    expect(await dialog.getByTestId('new-ticket-subject').inputValue()).toBe('Invoice shows the wrong plan');
    await dialog.getByTestId('new-ticket-next').click();
    expect(await dialog.getByTestId('custom-field-seats').getByLabel('Seats').inputValue()).toBe('12');

    await planField.getByRole('combobox').selectOption('Gold');
    await dialog.getByTestId('new-ticket-create').click();
    await page.waitForURL(/\/tickets\/[^/]+$/);
    const ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await valuesOf(ticketId)).toEqual({ plan: 'Gold', seats: 12 });

    const panel = page.getByTestId('ticket-custom-fields');
    await expect.poll(() => panel.getByTestId('custom-field-plan').getByRole('combobox').inputValue()).toBe('Gold');
    expect(await panel.getByTestId('custom-field-seats').getByLabel('Seats').inputValue()).toBe('12');
  });

  it('a value edited on the ticket page is saved; clearing a required one is refused at the field', async () => {
    const ticket = await createTicket('Seats do not add up', 'Ece', 'Gold');
    await page.goto(`${web.url}/tickets/${encodeURIComponent(ticket.id)}`);
    const panel = page.getByTestId('ticket-custom-fields');
    const seats = panel.getByTestId('custom-field-seats').getByLabel('Seats');
    await seats.fill('40');
    await seats.press('Tab');
    await expect.poll(() => valuesOf(ticket.id)).toEqual({ plan: 'Gold', seats: 40 });

    const plan = panel.getByTestId('custom-field-plan');
    await plan.getByRole('combobox').selectOption('');
    await expect.poll(() => plan.getByRole('alert').textContent()).toContain('required');
    expect(await valuesOf(ticket.id)).toEqual({ plan: 'Gold', seats: 40 });
    await plan.getByRole('combobox').selectOption('Platinum');
    await expect.poll(() => valuesOf(ticket.id)).toEqual({ plan: 'Platinum', seats: 40 });
    await shot('ticket-custom-fields');
    await checkTabletWidth('ticket-custom-fields');
  });

  it('the ticket list filters by a custom field value, kept in the URL', async () => {
    await createTicket('Free plan question', 'Mert', 'Free');
    await page.goto(`${web.url}/tickets`);
    const total = (await call(`{ tickets(first: 1) { totalCount } }`)).tickets.totalCount as number;
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toContain(String(total));

    await page.getByTestId('filter-custom-field-key').selectOption('plan');
    await page.getByLabel('Plan is').selectOption('Free');
    await page.waitForURL(/cf=plan/);
    const free = (await call(`{ tickets(first: 1, filter: { customFields: [{ key: "plan", value: "Free" }] }) { totalCount } }`)).tickets.totalCount as number;
    expect(free).toBeLessThan(total);
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toContain(String(free));
    expect(await page.locator('tbody tr').filter({ hasText: 'Free plan question' }).count()).toBe(1);

    // Reloading the URL keeps the filter.
    await page.reload();
    expect(await page.getByLabel('Plan is').inputValue()).toBe('Free');
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toContain(String(free));
  });
});

describe('merging tickets', () => {
  it('an agent merges ticket A into B from A’s page: A is merged and closed, and its page links to B', async () => {
    const a = await createTicket('Refund not received', 'Selin');
    const b = await createTicket('Refund for order 1042', 'Selin');
    await page.goto(`${web.url}/tickets/${encodeURIComponent(a.id)}`);
    await page.getByTestId('merge-open').click();
    await page.getByTestId('merge-search').fill(`#${b.number}`);
    await page.getByTestId('merge-search').press('Enter');
    await page.getByTestId('merge-choose').first().waitFor();
    expect(await page.getByTestId('merge-choose').count()).toBe(1);
    await page.getByTestId('merge-choose').click();
    const confirm = page.getByTestId('merge-confirm');
    expect(await confirm.textContent()).toContain('cannot be undone');
    await shot('merge-confirm');
    await confirm.getByTestId('merge-confirm-button').click();

    const link = page.getByTestId('merged-into').getByRole('link');
    await link.waitFor();
    expect(await link.textContent()).toContain(`#${b.number}`);
    const merged = (await call(`query($id: ID!) { ticket(id: $id) { mergedInto { id } status { category } } }`, { id: a.id })).ticket;
    expect(merged).toEqual({ mergedInto: { id: b.id }, status: { category: 'CLOSED' } });
    // Read-only now: no merge, no reply form, status and priority cannot change.
    expect(await page.getByTestId('ticket-merge').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send reply' }).count()).toBe(0);
    expect(await page.getByTestId('ticket-status').isDisabled()).toBe(true);
    expect(await page.getByTestId('assignee').isDisabled()).toBe(true);
    expect(await page.getByTestId('ticket-custom-fields').getByRole('combobox').isDisabled()).toBe(true);
    await shot('merged-ticket');
    await checkTabletWidth('merged-ticket');

    await link.click();
    await page.waitForURL(new RegExp(`/tickets/${encodeURIComponent(b.id)}$`));
    await expect.poll(() => page.getByTestId('merged-from').textContent()).toContain(`#${a.number}`);
  });
});

describe('merging several tickets from the list', () => {
  it('an agent selects three tickets, picks the one that continues, and merges: the others close, their conversations move', async () => {
    const tickets = [];
    for (const name of ['Oya', 'Oya', 'Oya']) tickets.push(await createTicket(`Bulk merge ${tickets.length + 1}: router offline`, name));
    const bodies = tickets.map((_ticket, index) => `Router note ${index + 1}`);
    for (const [index, ticket] of tickets.entries()) {
      await call(`mutation($i: ReplyToTicketInput!) { replyToTicket(input: $i) { message { id } } }`, { i: { ticketId: ticket.id, body: bodies[index] } });
    }
    const [oldest, chosen, last] = tickets;

    await page.goto(`${web.url}/tickets?q=${encodeURIComponent('router offline')}`);
    await expect.poll(() => page.getByTestId('ticket-row').count()).toBe(3);
    expect(await page.getByTestId('bulk-merge').isDisabled()).toBe(true);
    for (const ticket of tickets) await page.getByLabel(`Select ticket #${ticket.number}`).check();
    await page.getByTestId('bulk-merge').click();

    const dialog = page.getByTestId('bulk-merge-dialog');
    const targets = dialog.getByTestId('bulk-merge-target');
    await expect.poll(() => targets.count()).toBe(3);
    // The oldest continues unless the agent chooses otherwise; focus is on that choice, inside the dialog.
    await expect.poll(() => targets.first().isChecked()).toBe(true);
    expect(await targets.first().evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await dialog.textContent()).toContain(`#${oldest.number}`);
    // Escape closes the dialog without merging; it opens again from the same button.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByTestId('bulk-merge').click();
    await expect.poll(() => targets.count()).toBe(3);

    await dialog.getByLabel(new RegExp(`#${chosen.number}\\b`)).check();
    expect(await dialog.getByTestId('bulk-merge-explain').textContent()).toContain(`2 tickets are closed`);
    await shot('bulk-merge-dialog');
    await dialog.getByTestId('bulk-merge-confirm').click();

    const notice = page.getByTestId('bulk-merge-done');
    await expect.poll(() => notice.textContent()).toContain(`#${chosen.number}`);
    expect(await page.getByTestId('bulk-bar').textContent()).toContain('0 tickets selected');
    // The list follows through ticketEvents: both merged rows say so, the chosen one stays open.
    for (const source of [oldest, last]) {
      const row = page.locator(`[data-testid="ticket-row"][data-ticket-id="${source.id}"]`);
      await expect.poll(() => row.getByTestId('row-merged-into').textContent()).toContain(`merged into #${chosen.number}`);
      expect(await row.textContent()).toContain('Closed');
    }
    expect(await page.locator(`[data-testid="ticket-row"][data-ticket-id="${chosen.id}"]`).getByTestId('row-merged-into').count()).toBe(0);

    await notice.getByRole('link').click();
    await page.waitForURL(new RegExp(`/tickets/${encodeURIComponent(chosen.id)}$`));
    const messages = page.getByTestId('message');
    await expect.poll(async () => (await messages.allTextContents()).join('\n')).toContain(bodies[2]);
    const text = (await messages.allTextContents()).join('\n');
    for (const body of bodies) expect(text).toContain(body);
  });
});

describe('the customer callback panel on the ticket page', () => {
  const secret = 'partner-secret-for-the-browser-test';
  const requests: { customerId: string; signed: boolean }[] = [];
  let answer = { status: 200, body: JSON.stringify({ fields: [{ label: 'Contract', value: 'Enterprise, renews 2027-03-01' }] }) };
  let partner: Server;

  beforeAll(async () => {
    partner = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const signed = verifySignature(
          secret,
          { timestamp: request.headers['x-deskgraph-timestamp'] as string | undefined, signature: request.headers['x-deskgraph-signature'] as string | undefined },
          body,
        );
        requests.push({ customerId: (JSON.parse(body) as { customer: { id: string } }).customer.id, signed });
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/customers`;
    await call(`mutation($i: ConfigureCustomerCallbackInput!) { configureCustomerCallback(input: $i) { customerCallback { url } } }`, {
      i: { url, secret, ttlSeconds: 0, allowPrivateAddresses: true },
    });
  });
  afterAll(async () => {
    partner?.closeAllConnections();
    await new Promise((resolve) => partner?.close(resolve));
  });

  it('shows what the partner knows of the ticket’s customer (asked once, signed, for that customer), and says when the partner fails', async () => {
    const ticket = await createTicket('Contract question', 'Kerem');
    requests.length = 0;
    await page.goto(`${web.url}/tickets/${encodeURIComponent(ticket.id)}`);
    const panel = page.getByTestId('customer-context');
    await expect.poll(() => panel.textContent()).toContain('Enterprise, renews 2027-03-01');
    expect(await panel.textContent()).toContain('Contract');
    expect(requests).toEqual([{ customerId: ticket.customer.id, signed: true }]);
    await shot('customer-callback-panel');

    answer = { status: 503, body: '{}' };
    await page.reload();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('HTTP_STATUS');
    expect(requests.at(-1)).toEqual({ customerId: ticket.customer.id, signed: true });
    // The rest of the page still works.
    expect(await page.getByTestId('ticket-heading').textContent()).toContain('Contract question');
  });
});

describe('ticket templates', () => {
  it('the template editor sets and changes the product, topic and default assignee (user or team)', async () => {
    const topicId = (await call(`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Billing" }) { id } }`, { p: productId })).createTicketTopic.id;
    const teamId = (await call(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: 'Accounts', memberIds: [admin.id] } })).createTeam.id;
    const templateId = (await call(`mutation($i: CreateTicketTemplateInput!) { createTicketTemplate(input: $i) { id } }`, { i: { name: 'Plan change', subject: 'Changing your plan' } }))
      .createTicketTemplate.id;
    const read = async () =>
      (
        await call(`query($id: ID!) { node(id: $id) { ... on TicketTemplate { product { id } topic { id } assigneeKind assigneeUser { id } assigneeTeam { id } } } }`, {
          id: templateId,
        })
      ).node;

    await page.goto(`${web.url}/settings/responses`);
    const row = page.getByTestId('template-row').filter({ hasText: 'Plan change' });
    await row.getByRole('button', { name: 'Edit' }).click();
    // While edited, the row shows its name in a text box, which `hasText` does not see: the editor is found on its own.
    const editor = page.getByTestId('template-editor');
    await editor.getByTestId('template-product').selectOption({ label: 'Cloud plan' });
    await expect.poll(() => editor.getByTestId('template-topic').locator('option').count()).toBe(2);
    await editor.getByTestId('template-topic').selectOption({ label: 'Billing' });
    await editor.getByTestId('template-assignee-kind').selectOption('TEAM');
    await editor.getByTestId('template-assignee').selectOption({ label: 'Accounts' });
    await shot('template-editor');
    await checkTabletWidth('template-editor');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(read).toEqual({ product: { id: productId }, topic: { id: topicId }, assigneeKind: 'TEAM', assigneeUser: null, assigneeTeam: { id: teamId } });

    // Opened again, the editor shows what was saved; the assignee becomes a user.
    await row.getByRole('button', { name: 'Edit' }).click();
    expect(await editor.getByTestId('template-product').inputValue()).toBe(productId);
    await expect.poll(() => editor.getByTestId('template-topic').inputValue()).toBe(topicId);
    expect(await editor.getByTestId('template-assignee').inputValue()).toBe(teamId);
    await editor.getByTestId('template-assignee-kind').selectOption('USER');
    await editor.getByTestId('template-assignee').selectOption(admin.id);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(read).toEqual({ product: { id: productId }, topic: { id: topicId }, assigneeKind: 'USER', assigneeUser: { id: admin.id }, assigneeTeam: null });

    // Without a product the topic goes too (topics belong to a product).
    await row.getByRole('button', { name: 'Edit' }).click();
    await editor.getByTestId('template-product').selectOption('');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(read).toEqual({ product: null, topic: null, assigneeKind: 'USER', assigneeUser: { id: admin.id }, assigneeTeam: null });
  });
});
