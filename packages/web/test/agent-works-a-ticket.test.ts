// An agent signs in, finds a new ticket arriving live in the list, opens it, replies and leaves a private note, and
// watches the resolution SLA run out: amber at the warning share, red at the due time (confirmed by the server's
// scan). Also: presence, counters, Turkish, tablet width. Screenshots of each screen go to test-results/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artefactsDir, followMenuLink, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, startApi, startWeb } from './browser.js';

const clock = shiftableClock();
let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { email: string; password: string; token: string };
let productId: string;
const timings: Record<string, number> = {};

async function call(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.t.gql(query, variables, admin.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function createTicket(subject: string, priority: string, customer: string) {
  const data = await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number } }`, {
    i: { productId, subject, priority, description: `${customer} wrote about: ${subject}`, customer: { name: customer, email: `${customer.toLowerCase()}@example.test` } },
  });
  return data.createTicket as { id: string; number: number };
}

const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  timings[name] = Math.round(performance.now() - started);
  return value;
}

beforeAll(async () => {
  requireChromium();
  api = await startApi(clock);
  const workspace = await api.t.signUp('Anadolu Destek');
  admin = { email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  productId = (await call(`mutation { createProduct(input: { name: "Web shop" }) { id } }`)).createProduct.id;
  await call(`mutation { createTag(input: { name: "vip" }) { id } }`);
  // A one-minute promise for urgent tickets: first response and resolution.
  const policyId = (
    await call(`mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }`, {
      i: { name: 'Urgent: one minute', targets: [{ metric: 'FIRST_RESPONSE', minutes: 1 }, { metric: 'RESOLUTION', minutes: 1 }], targetRate: 90 },
    })
  ).createSlaPolicy.id;
  await call(`mutation($i: CreateSlaRuleInput!) { createSlaRule(input: $i) { id } }`, {
    i: { name: 'Urgent tickets', conditions: [{ kind: 'priority', config: { priorities: ['URGENT'] } }], policyId },
  });
  await call(`mutation($i: CreateCannedResponseInput!) { createCannedResponse(input: $i) { id } }`, {
    i: { title: 'Refund done', body: 'Hello {{customer.firstName}}, the second payment is refunded. {{agent.name}}' },
  });
  await createTicket('Invoice address is wrong', 'LOW', 'Emre');
  await createTicket('Cannot log in on Android', 'HIGH', 'Zeynep');
  await createTicket('Where is my parcel?', 'MEDIUM', 'Can');

  web = await startWeb(api.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterEach((context) => screenshotIfFailed(page, context));

afterAll(async () => {
  console.log(`[web browser test] timings (ms): ${JSON.stringify(timings)}`);
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('an agent works a ticket in the browser', () => {
  it('signs in and sees the ticket list', async () => {
    await timed('signInPageLoad', async () => {
      await page.goto(`${web.url}/tickets`);
      await page.waitForURL(/\/signin/);
      await page.getByLabel('E-mail').waitFor();
    });
    await shot('01-sign-in');

    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong');

    await page.getByLabel('Password').fill(admin.password);
    await timed('signInToList', async () => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/tickets$/);
      await page.getByTestId('ticket-row').nth(2).waitFor();
    });
    expect(await page.getByTestId('ticket-row').count()).toBe(3);
    expect(await page.getByTestId('ticket-count').textContent()).toBe('3 tickets');
    // The shell: the agent's name, live counters answered by the server.
    expect(await page.getByTestId('user-name').textContent()).toBe('Ayşe Admin');
    await expect.poll(() => page.getByTestId('counter-mine').textContent()).toMatch(/^\d+$/);
    await expect.poll(() => page.getByTestId('counter-queue').textContent()).toMatch(/^\d+$/);
    await shot('02-tickets');
  });

  it('filters and sorts on the server', async () => {
    await page.getByTestId('filter-priority').selectOption('HIGH');
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toBe('1 ticket');
    expect(await page.getByTestId('ticket-row').textContent()).toContain('Cannot log in on Android');
    expect(page.url()).toContain('pri=HIGH');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toBe('3 tickets');
    await page.getByTestId('sort-field').selectOption('NUMBER');
    await page.getByTestId('sort-direction').selectOption('ASC');
    await expect.poll(() => page.getByTestId('ticket-row').first().textContent()).toContain('Invoice address is wrong');
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('changes several tickets at once and saves a view', async () => {
    await page.getByTestId('select-page').check();
    expect(await page.getByTestId('bulk-bar').textContent()).toContain('3 tickets selected');
    await page.getByTestId('bulk-tag').selectOption({ label: 'vip' });
    await expect.poll(() => page.getByTestId('bulk-outcome').textContent()).toContain('3 tickets changed.');
    await page.locator('[data-testid=ticket-row]', { hasText: 'Invoice address is wrong' }).getByRole('checkbox').check();
    await page.getByTestId('bulk-assign-me').click();
    await expect.poll(() => page.getByTestId('bulk-outcome').textContent()).toContain('1 ticket changed.');
    await expect.poll(() => page.locator('[data-testid=ticket-row]', { hasText: 'Invoice address is wrong' }).textContent()).toContain('Ayşe Admin');
    await expect.poll(() => page.getByTestId('counter-mine').textContent()).toBe('1');

    await page.getByTestId('filter-priority').selectOption('HIGH');
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toBe('1 ticket');
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name').fill('High priority');
    await page.getByTestId('save-view-confirm').click();
    await page.waitForURL(/view=/);
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toBe('1 ticket');
    expect(await page.getByTestId('saved-view').locator('option:checked').textContent()).toBe('High priority');
    await shot('02b-tickets-view-and-bulk');
    await page.getByTestId('saved-view').selectOption('');
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toBe('3 tickets');
  });

  it('changes the agent’s own status and shows the time in it', async () => {
    await page.getByTestId('presence').selectOption('BREAK');
    await expect.poll(() => page.locator('.presence').getAttribute('data-status')).toBe('BREAK');
    const presence = await call(`{ viewer { user { presence { status } } } }`);
    expect(presence.viewer.user.presence.status).toBe('BREAK');
    expect(await page.getByTestId('presence-since').textContent()).toMatch(/^for 0:0\d$/);
    // Changed elsewhere (another tab, a supervisor): the switcher follows.
    await call(`mutation { setPresence(input: { status: INVISIBLE }) { status } }`);
    await expect.poll(() => page.locator('.presence').getAttribute('data-status')).toBe('INVISIBLE');
    await page.getByTestId('presence').selectOption('BREAK');
    await expect.poll(() => page.locator('.presence').getAttribute('data-status')).toBe('BREAK');
  });

  let urgent: { id: string; number: number };

  it('sees a new ticket arrive without reloading', async () => {
    // Created as if 30 seconds ago: its one-minute targets fall due 30 seconds from now, and warn (80 %) in 18.
    clock.offsetMs = -30_000;
    try {
      urgent = await createTicket('Payment taken twice', 'URGENT', 'Deniz');
    } finally {
      clock.offsetMs = 0;
    }
    await timed('liveRowArrives', () => page.getByText('Payment taken twice').waitFor());
    await expect.poll(() => page.getByTestId('ticket-count').textContent()).toBe('4 tickets');
  });

  it('opens the ticket, replies, adds a private note, and sees the SLA run out', async () => {
    await timed('openTicket', async () => {
      await page.getByRole('link', { name: 'Payment taken twice' }).click();
      await page.getByTestId('ticket-heading').waitFor();
      await page.locator('[data-testid=sla-countdown][data-metric=RESOLUTION]').waitFor();
    });
    expect(await page.getByTestId('ticket-heading').textContent()).toBe(`#${urgent.number} Payment taken twice`);
    const resolution = page.locator('[data-testid=sla-countdown][data-metric=RESOLUTION]');
    expect(['ok', 'warning']).toContain(await resolution.getAttribute('data-level'));
    await shot('03-ticket');

    // A canned response, filled in by the server for this customer and agent, then sent.
    await page.getByTestId('canned-response').selectOption({ label: 'Refund done' });
    await expect.poll(() => page.getByTestId('compose-body').inputValue()).toBe('Hello Deniz, the second payment is refunded. Ayşe Admin');
    await page.getByTestId('compose-send').click();
    await page.locator('[data-testid=message][data-kind=reply]').waitFor();
    // A public reply meets the first response target.
    await page.locator('[data-testid=sla-countdown][data-metric=FIRST_RESPONSE][data-status=ACHIEVED]').waitFor();

    await page.getByTestId('mode-note').click();
    await page.getByTestId('compose-body').fill('Refund issued in the payment console.');
    await page.getByTestId('compose-send').click();
    // The ticket's description is its first private note (created on the customer's behalf); ours is the last.
    const note = page.locator('[data-testid=message][data-kind=note]').last();
    await expect.poll(() => page.locator('[data-testid=message][data-kind=note]').count()).toBe(2);
    expect(await note.textContent()).toContain('Private note — only agents see it');
    expect(await page.locator('[data-testid=message][data-kind=reply]').textContent()).toContain('Public reply');
    expect(await page.locator('[data-testid=message]').count()).toBe(3);
    expect(await note.textContent()).toContain('Refund issued in the payment console.');

    await page.getByTestId('add-tag').selectOption({ label: 'vip' });
    await expect.poll(() => page.getByTestId('ticket-tags').textContent()).toContain('vip');
    await page.getByTestId('assign-to-me').click();
    await expect.poll(() => page.getByTestId('assignee').inputValue()).not.toBe('');
    // History names what changed and who did it, not ids.
    await expect.poll(() => page.getByTestId('history').textContent()).toContain('Tags: — → vip');
    expect(await page.getByTestId('history').textContent()).toContain('Assignee: — → Ayşe Admin');
    expect(await page.getByTestId('history').textContent()).toContain('SLA policy: — → Urgent: one minute');
    expect(await page.locator('[data-testid=message][data-kind=reply]').textContent()).toContain('Ayşe Admin');

    // Amber from the warning share, then red at the due time, and the server's scan confirms the breach.
    await resolution.and(page.locator('[data-level=warning]')).waitFor({ timeout: 30_000 }).catch(async (error) => {
      // A slow machine may have passed the warning already; red is what must follow.
      if ((await resolution.getAttribute('data-level')) !== 'breached') throw error;
    });
    await shot('04-ticket-sla-warning');
    await timed('breachAfterDue', async () => {
      await page.locator('[data-testid=sla-countdown][data-metric=RESOLUTION][data-level=breached][data-status=BREACHED]').waitFor({ timeout: 45_000 });
    });
    expect(await resolution.textContent()).toContain('overdue by');
    const color = await resolution.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(color).toBe('rgb(254, 226, 226)');
    await shot('05-ticket-sla-breached');
  });

  it('speaks Turkish and fits a tablet', async () => {
    await page.getByTestId('locale').selectOption('tr');
    await expect.poll(() => page.getByRole('link', { name: 'Talepler', exact: true }).count()).toBe(1);
    expect(await page.locator('[data-testid=sla-countdown][data-metric=RESOLUTION]').textContent()).toContain('gecikti');
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
    await page.setViewportSize({ width: 820, height: 1180 });
    // No horizontal scrolling at tablet width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await shot('06-ticket-tr-tablet');
    await page.goto(`${web.url}/tickets`);
    await page.getByTestId('ticket-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    // The navigation stays on one line at tablet width: its settings screens sit behind one menu button.
    const nav = page.getByRole('banner').getByRole('navigation');
    const navHeight = (await nav.boundingBox())!.height;
    const linkHeight = (await nav.getByRole('link', { name: 'Talepler', exact: true }).boundingBox())!.height;
    expect(navHeight).toBeLessThan(linkHeight * 1.8);
    await nav.getByRole('button', { name: 'Ayarlar' }).click();
    await expect.poll(() => nav.getByRole('link', { name: 'SLA ayarları' }).isVisible()).toBe(true);
    // The open menu stays inside the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await shot('07-tickets-tr-tablet');
    await page.keyboard.press('Escape');
    await expect.poll(() => nav.getByRole('link', { name: 'SLA ayarları' }).isVisible()).toBe(false);
    expect(await nav.getByRole('button', { name: 'Ayarlar' }).evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByTestId('locale').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('creates a ticket from a template in three steps, keeping what was typed between them', async () => {
    const tagId = (await call(`{ tags { id name } }`)).tags.find((tag: { name: string }) => tag.name === 'vip').id;
    await call(`mutation($i: CreateTicketTemplateInput!) { createTicketTemplate(input: $i) { id } }`, {
      i: { name: 'Refund request', productId, subject: 'Refund for order', description: 'Customer asks for a refund.', priority: 'HIGH', tagIds: [tagId] },
    });
    await page.getByTestId('new-ticket').click();
    const dialog = page.getByTestId('new-ticket-dialog');
    await dialog.getByTestId('new-ticket-template').selectOption({ label: 'Refund request' });
    expect(await dialog.getByTestId('new-ticket-product').inputValue()).toBe(productId);
    await shot('08-new-ticket-step-1');
    await dialog.getByTestId('new-ticket-next').click();

    expect(await dialog.getByTestId('new-ticket-subject').inputValue()).toBe('Refund for order');
    // Step 2 needs the customer.
    await dialog.getByTestId('new-ticket-next').click();
    expect(await dialog.getByRole('alert').textContent()).toContain('Customer name');
    await dialog.getByTestId('new-ticket-customer-name').fill('Selin');
    await dialog.getByTestId('new-ticket-customer-email').fill('selin@example.test');
    await shot('09-new-ticket-step-2');
    await dialog.getByTestId('new-ticket-next').click();

    expect(await dialog.getByTestId('new-ticket-priority').inputValue()).toBe('HIGH');
    await dialog.getByTestId('new-ticket-back').click();
    expect(await dialog.getByTestId('new-ticket-customer-name').inputValue()).toBe('Selin');
    await dialog.getByTestId('new-ticket-next').click();
    await dialog.getByTestId('new-ticket-save-template').check();
    await dialog.getByTestId('new-ticket-template-name').fill('Refund request, with receipt');
    await shot('10-new-ticket-step-3');
    await dialog.getByTestId('new-ticket-create').click();

    await page.waitForURL(/\/tickets\/[^/]+$/);
    await expect.poll(() => page.getByTestId('ticket-heading').textContent()).toMatch(/^#\d+ Refund for order$/);
    expect(await page.getByTestId('ticket-tags').textContent()).toContain('vip');
    const created = await call(`{ tickets(first: 1, sort: { field: CREATED_AT }) { edges { node { subject priority customer { name } } } } ticketTemplates { edges { node { name } } } }`);
    expect(created.tickets.edges[0].node).toMatchObject({ subject: 'Refund for order', priority: 'HIGH', customer: { name: 'Selin' } });
    expect(created.ticketTemplates.edges.map((edge: { node: { name: string } }) => edge.node.name).sort()).toEqual(['Refund request', 'Refund request, with receipt']);
    await shot('11-ticket-from-template');
  });

  it('sends attachments with a new ticket', async () => {
    await page.getByRole('link', { name: /Back to tickets/ }).click();
    await page.getByTestId('new-ticket').click();
    const dialog = page.getByTestId('new-ticket-dialog');
    await dialog.getByTestId('new-ticket-product').selectOption(productId);
    await dialog.getByTestId('new-ticket-next').click();
    await dialog.getByTestId('new-ticket-customer-name').fill('Baran');
    await dialog.getByTestId('new-ticket-customer-email').fill('baran@example.test');
    await dialog.getByTestId('new-ticket-subject').fill('Receipt attached');
    await dialog.getByTestId('new-ticket-files').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('Order 1042, paid twice.') });
    await dialog.getByTestId('new-ticket-next').click();
    await dialog.getByTestId('new-ticket-back').click();
    expect(await dialog.getByText('receipt.txt').count()).toBe(1);
    await dialog.getByTestId('new-ticket-next').click();
    // Templates keep no files: saving as a template is not offered with attachments.
    expect(await dialog.getByTestId('new-ticket-save-template').isDisabled()).toBe(true);
    await dialog.getByTestId('new-ticket-create').click();
    await expect.poll(() => page.getByTestId('ticket-heading').textContent()).toMatch(/^#\d+ Receipt attached$/);
    await expect.poll(() => page.getByTestId('ticket-attachments').textContent()).toContain('receipt.txt');

    // Status and priority change in place, and the history says so in words.
    await page.getByTestId('ticket-priority').selectOption('LOW');
    await page.getByTestId('ticket-status').selectOption({ label: 'Open' });
    await expect.poll(() => page.getByTestId('history').textContent()).toContain('Priority: Medium → Low');
    await expect.poll(() => page.getByTestId('history').textContent()).toContain('Status: New → Open');
  });

  it('shows the cockpit live and lets a supervisor change an agent’s status, except an offline one', async () => {
    await call(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
      i: { email: 'mert@example.test', name: 'Mert Agent', role: 'AGENT', password: 'correct horse battery' },
    });
    const login = await api.t.gql(`mutation { login(email: "mert@example.test", password: "correct horse battery") { token } }`);
    const mert = login.data!.login.token as string;
    const setOwnStatus = (status: string) => api.t.gql(`mutation($s: PresenceStatus!) { setPresence(input: { status: $s }) { status } }`, { s: status }, mert);

    await page.getByRole('link', { name: 'Cockpit' }).click();
    const row = page.locator('[data-testid=cockpit-row][data-agent="Mert Agent"]');
    await row.waitFor();
    expect(await page.locator('[data-testid=cockpit-row][data-agent="Ayşe Admin"]').count()).toBe(1);

    // The agent comes online in their own session: the supervisor's row follows without a reload.
    await setOwnStatus('ONLINE');
    await expect.poll(() => row.getAttribute('data-status')).toBe('ONLINE');
    await row.getByTestId('cockpit-status').selectOption('BREAK');
    await expect.poll(() => row.getAttribute('data-status')).toBe('BREAK');
    const presence = await api.t.gql(`{ viewer { user { presence { status } } } }`, {}, mert);
    expect(presence.data!.viewer.user.presence.status).toBe('BREAK');

    await setOwnStatus('OFFLINE');
    await expect.poll(() => row.getAttribute('data-status')).toBe('OFFLINE');
    expect(await row.getByTestId('cockpit-status').isDisabled()).toBe(true);

    await page.getByTestId('cockpit-search').fill('mer');
    await expect.poll(() => page.getByTestId('cockpit-row').count()).toBe(1);
    await shot('13-cockpit');
    await page.getByTestId('cockpit-search').fill('');
  });

  it('answers a live chat as it arrives and resolves it with a topic', async () => {
    const topicId = (await call(`mutation($p: ID!) { createTicketTopic(input: { productId: $p, name: "Billing" }) { id } }`, { p: productId })).createTicketTopic.id;
    // Only ONLINE agents get conversations: the agent comes online in the shell.
    await page.getByTestId('presence').selectOption('ONLINE');
    await expect.poll(() => page.locator('.presence').getAttribute('data-status')).toBe('ONLINE');
    await page.getByRole('link', { name: 'Chats', exact: true }).click();
    await page.getByRole('heading', { name: 'Live chats' }).waitFor();

    const started = (
      await call(`mutation($i: StartConversationInput!) { startConversation(input: $i) { id assigneeUser { name } } }`, {
        i: { productId, channel: 'LIVE_CHAT', customer: { name: 'Cem', email: 'cem@example.test' }, body: 'Hello, my card was charged twice.' },
      })
    ).startConversation;
    expect(started.assigneeUser?.name).toBe('Ayşe Admin');
    const item = page.getByTestId('chat-item').filter({ hasText: 'Cem' });
    await timed('chatArrives', () => item.waitFor());
    await item.click();
    await page.getByText('Hello, my card was charged twice.').waitFor();
    // The customer details panel: e-mail, channel and start time of this conversation.
    const details = page.getByTestId('chat-customer-details');
    await expect.poll(() => details.locator('[data-field=email]').textContent()).toBe('cem@example.test');
    expect(await details.locator('[data-field=channel]').textContent()).toBe('Live chat');
    expect(await details.locator('[data-field=startedAt]').textContent()).toMatch(/\d{2}:\d{2}/);

    await page.getByTestId('chat-body').fill('Hi Cem, I am checking the payment now.');
    await page.getByTestId('chat-body').press('Enter');
    await expect.poll(() => page.locator('[data-testid=chat-message][data-from=agent]').count()).toBe(1);
    // The customer answers: it shows up without a reload.
    await call(`mutation($i: AddCustomerConversationMessageInput!) { addCustomerConversationMessage(input: $i) { id } }`, {
      i: { conversationId: started.id, body: 'Thank you!' },
    });
    await timed('chatMessageArrives', () => page.getByText('Thank you!').waitFor());
    await shot('14-chat');

    await page.getByTestId('chat-resolve').click();
    expect(await page.getByRole('alert').textContent()).toContain('Resolving needs a topic.');
    await page.getByTestId('chat-topic').selectOption(topicId);
    await page.getByTestId('chat-resolve').click();
    await expect.poll(() => page.getByTestId('chat-status').textContent()).toBe('Resolved');
    await expect.poll(() => item.count()).toBe(0);
    const resolved = await call(`query($id: ID!) { conversation(id: $id) { status topic { name } firstResponseAt } }`, { id: started.id });
    expect(resolved.conversation).toMatchObject({ status: 'RESOLVED', topic: { name: 'Billing' } });
    expect(resolved.conversation.firstResponseAt).not.toBeNull();

    // The archive, filtered by topic; a WhatsApp chat can be reopened within its 24-hour window.
    const whatsapp = (
      await call(`mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`, {
        i: { productId, channel: 'WHATSAPP', customer: { name: 'Derya', whatsappNumber: '+905551112233' }, body: 'Is the shop open on Sunday?' },
      })
    ).startConversation;
    await call(`mutation($i: ResolveConversationInput!) { resolveConversation(input: $i) { id } }`, { i: { conversationId: whatsapp.id, topicId } });
    await page.getByTestId('chat-archive').click();
    await page.getByTestId('archive-topic').selectOption({ label: 'Billing' });
    await expect.poll(() => page.getByTestId('chat-item').count()).toBe(2);
    await page.getByTestId('chat-item').filter({ hasText: 'Derya' }).click();
    await page.getByTestId('chat-reactivate').click();
    await expect.poll(() => page.getByTestId('chat-status').textContent()).toBe('Active');
    await shot('14b-chat-archive');
    // Back to the archive with it, so the agent holds no chat for the next step.
    await call(`mutation($i: ResolveConversationInput!) { resolveConversation(input: $i) { id } }`, { i: { conversationId: whatsapp.id, topicId } });
  });

  it('a visitor chats from the web widget in another browser; the agent answers and the cockpit follows live', async () => {
    // The agent (ONLINE since the chat above) watches the cockpit; the visitor has a browser of their own.
    await page.getByRole('link', { name: 'Cockpit' }).click();
    const myRow = page.locator('[data-testid=cockpit-row][data-agent="Ayşe Admin"]');
    await expect.poll(() => myRow.getAttribute('data-active')).toBe('0');

    const visitorBrowser = await launchBrowser();
    try {
      const visitor = await visitorBrowser.context.newPage();
      await visitor.goto(`${web.url}/widget?product=${encodeURIComponent(productId)}`);
      await visitor.getByTestId('widget-name').fill('Ece');
      await visitor.getByTestId('widget-first-message').fill('Hi, has my order shipped?');
      await visitor.getByTestId('widget-start').click();
      // Routed at once to the only ONLINE agent; the widget shows who and in which status.
      await expect.poll(() => visitor.getByTestId('widget-agent').getAttribute('data-status')).toBe('ONLINE');
      expect(await visitor.getByTestId('widget-agent').textContent()).toContain('Ayşe Admin (Online)');
      await expect.poll(() => myRow.getAttribute('data-active')).toBe('1');

      await page.getByRole('link', { name: 'Chats', exact: true }).click();
      await page.getByTestId('chat-item').filter({ hasText: 'Ece' }).click();
      await page.getByText('Hi, has my order shipped?').waitFor();
      await page.getByTestId('chat-body').fill('Yes, it left the warehouse today.');
      await page.getByTestId('chat-send').click();
      await visitor.getByText('Yes, it left the warehouse today.').waitFor();
      await visitor.getByTestId('widget-body').fill('Great, thanks!');
      await visitor.getByTestId('widget-body').press('Enter');
      await page.getByText('Great, thanks!').waitFor();

      // The agent takes a break: the visitor sees it.
      await page.getByTestId('presence').selectOption('BREAK');
      await expect.poll(() => visitor.getByTestId('widget-agent').getAttribute('data-status')).toBe('BREAK');
      await visitor.screenshot({ path: path.join(artefactsDir, '15-visitor-widget.png'), fullPage: true });
    } finally {
      await visitorBrowser.close();
    }
  });

  it('reports SLA compliance with a chart, the totals, the log and a CSV download', async () => {
    await followMenuLink(page, 'Reports', 'SLA reports');
    const resolution = page.locator('[data-testid=sla-total][data-metric=RESOLUTION]');
    await resolution.waitFor();
    expect(await resolution.getByTestId('missed').textContent()).toBe('1');
    expect(await page.locator('[data-testid=sla-total][data-metric=FIRST_RESPONSE]').getByTestId('met').textContent()).toBe('1');
    expect(await page.getByTestId('sla-chart').isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-testid=sla-log-row][data-result=MISSED]').count()).toBe(1);
    await shot('16-sla-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-compliance').click()]);
    const csv = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      void download.createReadStream().then((stream) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString()));
        stream.on('error', reject);
      });
    });
    expect(download.suggestedFilename()).toMatch(/^sla-compliance-.*\.csv$/);
    expect(csv).toContain('RESOLUTION');
  });

  it('sets up an SLA policy and a rule', async () => {
    await followMenuLink(page, 'Settings', 'SLA settings');
    await expect.poll(() => page.getByTestId('sla-policy').count()).toBe(1);
    await page.getByTestId('policy-name').fill('High: two hours');
    await page.getByTestId('create-policy').click();
    expect(await page.getByRole('alert').textContent()).toContain('Give at least one target in minutes.');
    await page.getByTestId('policy-minutes-FIRST_RESPONSE').fill('120');
    await page.getByTestId('policy-minutes-RESOLUTION').fill('480');
    await page.getByTestId('create-policy').click();
    await expect.poll(() => page.getByTestId('sla-policy').count()).toBe(2);
    expect(await page.getByTestId('sla-policies').textContent()).toContain('First response: 120 min · Resolution: 480 min');

    await page.getByTestId('rule-name').fill('High tickets');
    await page.getByTestId('rule-policy').selectOption({ label: 'High: two hours' });
    // A new condition starts as a priority condition.
    await page.getByTestId('add-condition').click();
    await page.getByTestId('condition').getByLabel('High', { exact: true }).check();
    await page.getByTestId('create-rule').click();
    await expect.poll(() => page.getByTestId('sla-rule').count()).toBe(2);
    expect(await page.getByTestId('sla-rules').textContent()).toContain('Priority: High → High: two hours');
    await shot('17-sla-settings');
    const rules = await call(`{ slaRules { name policy { name } } }`);
    expect(rules.slaRules).toContainEqual({ name: 'High tickets', policy: { name: 'High: two hours' } });
  });

  it('stays on the server with 10,000 tickets: pages, filters and sorts are answered by the API, not the browser', async () => {
    // 10,000 copies of the urgent ticket (new ids and numbers, mixed priorities, spread over the last days) in one
    // INSERT … SELECT over whatever columns the table has today.
    const prisma = api.t.app.services.db.prisma;
    const seedId = Buffer.from(urgent.id, 'base64').toString().split(':')[1];
    const columns = (
      await prisma.$queryRawUnsafe<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Ticket' AND table_schema = current_schema()`,
      )
    ).map((row) => row.column_name);
    const generated: Record<string, string> = {
      id: 'gen_random_uuid()',
      number: `top.n + i`,
      subject: `'Order ' || (5000 + i) || ' payment question'`,
      priority: `(ARRAY['LOW', 'MEDIUM', 'HIGH', 'URGENT'])[1 + i % 4]::"Priority"`,
      createdAt: `now() - i * interval '1 minute'`,
      updatedAt: `now() - i * interval '1 minute'`,
    };
    const list = columns.map((column) => `"${column}"`).join(', ');
    const values = columns.map((column) => generated[column] ?? `t."${column}"`).join(', ');
    await timed('seed10k', () =>
      prisma.$executeRawUnsafe(`INSERT INTO "Ticket" (${list}) SELECT ${values} FROM "Ticket" t, generate_series(1, 10000) AS i, (SELECT max("number") AS n FROM "Ticket") AS top WHERE t."id" = $1::uuid`, seedId),
    );

    await timed('list10kLoad', async () => {
      await page.goto(`${web.url}/tickets`);
      await expect.poll(() => page.getByTestId('ticket-count').textContent()).toMatch(/^10,0\d\d tickets$/);
    });
    expect(await page.getByTestId('ticket-row').count()).toBe(25);
    await timed('list10kNextPage', async () => {
      const first = await page.getByTestId('ticket-row').first().textContent();
      await page.getByTestId('next-page').click();
      await expect.poll(() => page.getByTestId('ticket-row').first().textContent()).not.toBe(first);
    });
    await timed('list10kFilter', async () => {
      await page.getByTestId('filter-priority').selectOption('LOW');
      await expect.poll(() => page.getByTestId('ticket-count').textContent()).toMatch(/^2,50\d tickets$/);
    });
    await timed('list10kSortBySla', async () => {
      await page.getByTestId('sort-field').selectOption('SLA_DUE_AT');
      await page.waitForURL(/sort=SLA_DUE_AT/);
      await page.getByTestId('ticket-row').first().waitFor();
    });
    await timed('list10kSearch', async () => {
      // The copies share the urgent ticket's words: a search that matches every one of them, the slowest case.
      await page.getByTestId('ticket-search').fill('payment');
      await page.getByTestId('ticket-search').press('Enter');
      await page.waitForURL(/q=payment/);
      await expect.poll(() => page.getByTestId('ticket-count').textContent()).toMatch(/^2,50\d tickets$/);
    });
    await shot('12-tickets-10k');
  });
});
