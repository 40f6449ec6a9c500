// An admin manages ticket automation rules in the browser: builds a rule with conditions (an e-mail domain and an
// any-of group) and actions (priority, tags, team, an automatic reply the server first refuses at that action),
// reads it back after a reload, sees a matching ticket changed by it and another left alone, tries the saved rule on
// two tickets by number (a dry run that changes neither), then reorders and deletes rules.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artefactsDir, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, signIn, startApi, startWeb } from './browser.js';

let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { email: string; password: string; token: string };
let productId: string;
let teamId: string;
let vipTagId: string;
const pageErrors: string[] = [];

async function call(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.t.gql(query, variables, admin.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}
const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });
const form = () => page.getByTestId('rule-form');
const rulesOfApi = async () =>
  (await call(`{ rules { name conditions { kind config } actions { kind config } } }`)).rules as { name: string; conditions: unknown; actions: unknown }[];

/** Adds an item at the end of a list (`add-condition`, `add-to-group`, `add-action`) and returns it. */
async function addItem(scope: Locator, button: string, item: 'condition' | 'action', kind: string) {
  const index = await scope.getByTestId(item).count();
  await scope.getByTestId(button).click();
  const added = scope.getByTestId(item).nth(index);
  await added.getByTestId(`${item}-kind`).selectOption(kind);
  return added;
}

beforeAll(async () => {
  requireChromium();
  api = await startApi(shiftableClock());
  const workspace = await api.t.signUp('Otomasyon Destek');
  admin = { email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  productId = (await call(`mutation { createProduct(input: { name: "Mobile app" }) { id } }`)).createProduct.id;
  teamId = (await call(`mutation { createTeam(input: { name: "Tier 2" }) { id } }`)).createTeam.id;
  vipTagId = (await call(`mutation { createTag(input: { name: "vip" }) { id } }`)).createTag.id;
  await call(`mutation($i: CreateRuleInput!) { createRule(input: $i) { id } }`, {
    i: { name: 'First rule', triggers: ['TICKET_UPDATED'], conditions: [{ kind: 'priority', config: { priorities: ['LOW'] } }], actions: [{ kind: 'stopOtherRules', config: {} }] },
  });
  web = await startWeb(api.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, web.url, admin);
});

afterEach(async (context) => {
  await screenshotIfFailed(page, context);
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.stop();
});

describe('the ticket rules screen', () => {
  it('builds a rule with conditions and actions, shows a refused action, and reads the rule back after a reload', async () => {
    await page.goto(`${web.url}/settings/rules`);
    await page.getByTestId('ticket-rule').first().waitFor();
    const rule = form();
    // Every action kind the server offers ticket rules can be chosen.
    const serverActions = ((await call(`{ ruleKinds { actions { kind } } }`)).ruleKinds.actions as { kind: string }[]).map((entry) => entry.kind);
    const first = await addItem(rule, 'add-action', 'action', 'setPriority');
    const offered = await first.getByTestId('action-kind').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered.sort()).toEqual([...serverActions].sort());

    await rule.getByTestId('rule-name').fill('Big customers');
    expect(await rule.getByTestId('rule-triggers').getByLabel('Ticket created').isChecked()).toBe(true);
    const domain = await addItem(rule, 'add-condition', 'condition', 'customerEmailDomain');
    await domain.getByTestId('condition-lines').fill('bigcorp.com');
    await rule.getByTestId('add-group').click();
    const group = rule.getByTestId('condition-group');
    await group.getByTestId('condition').first().getByLabel('High', { exact: true }).check();
    const subject = await addItem(group, 'add-to-group', 'condition', 'subjectContains');
    await subject.getByTestId('condition-text').fill('outage');

    await first.getByTestId('action-choice').selectOption('URGENT');
    const tags = await addItem(rule, 'add-action', 'action', 'addTags');
    await tags.getByLabel('vip', { exact: true }).check();
    const team = await addItem(rule, 'add-action', 'action', 'assignTeam');
    await team.getByTestId('action-choice').selectOption({ label: 'Tier 2' });
    const reply = await addItem(rule, 'add-action', 'action', 'sendAutoReply');
    await reply.getByTestId('action-body').fill('Hello, {{agent.name}} is on it.');
    await rule.getByTestId('save-rule').click();
    await expect.poll(() => reply.getByTestId('action-error').textContent()).toBe('An automatic reply is sent by no agent: agent.name cannot be used here.');
    expect(await team.getByTestId('action-error').count()).toBe(0);
    await shot('ticket-rule-editor');
    await reply.getByTestId('action-body').fill('Hello {{customer.firstName}}, we are on it.');
    await rule.getByTestId('save-rule').click();
    await expect.poll(() => page.getByTestId('ticket-rule').count()).toBe(2);

    const expected = {
      name: 'Big customers',
      conditions: [
        { kind: 'customerEmailDomain', config: { domains: ['bigcorp.com'] } },
        {
          kind: 'any',
          config: {
            conditions: [
              { kind: 'priority', config: { priorities: ['HIGH'] } },
              { kind: 'subjectContains', config: { text: 'outage' } },
            ],
          },
        },
      ],
      actions: [
        { kind: 'setPriority', config: { priority: 'URGENT' } },
        { kind: 'addTags', config: { tagIds: [vipTagId] } },
        { kind: 'assignTeam', config: { teamId } },
        { kind: 'sendAutoReply', config: { body: 'Hello {{customer.firstName}}, we are on it.' } },
      ],
    };
    expect((await rulesOfApi()).find((entry) => entry.name === 'Big customers')).toEqual(expected);

    await page.reload();
    const listed = page.getByTestId('ticket-rule').filter({ hasText: 'Big customers' });
    await expect
      .poll(() => listed.textContent())
      .toContain(
        'Customer e-mail domain: bigcorp.com · any of (Priority: High, Subject contains: “outage”) → Set the priority, Add tags, Assign to a team, Send an automatic reply',
      );
    await page.getByRole('button', { name: 'Edit Big customers' }).click();
    await rule.getByRole('heading', { name: 'Edit rule' }).waitFor();
    expect(await rule.getByTestId('condition').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.kind))).toEqual([
      'customerEmailDomain',
      'priority',
      'subjectContains',
    ]);
    expect(await rule.getByTestId('action').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.kind))).toEqual([
      'setPriority',
      'addTags',
      'assignTeam',
      'sendAutoReply',
    ]);
    expect(await rule.getByTestId('condition-lines').inputValue()).toBe('bigcorp.com');
    expect(await rule.getByTestId('group-match').inputValue()).toBe('any');
    expect(await rule.getByTestId('action').nth(0).getByTestId('action-choice').inputValue()).toBe('URGENT');
    expect(await rule.getByTestId('action').nth(1).getByLabel('vip', { exact: true }).isChecked()).toBe(true);
    expect(await rule.getByTestId('action').nth(2).getByTestId('action-choice').inputValue()).toBe(teamId);
    expect(await rule.getByTestId('action-body').inputValue()).toBe('Hello {{customer.firstName}}, we are on it.');
    await rule.getByRole('button', { name: 'Cancel' }).click();
  });

  it('changes a matching ticket created through the API and leaves another alone', async () => {
    const create = async (email: string, subject: string) =>
      (
        await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
          i: { productId, subject, description: subject, priority: 'LOW', customer: { name: 'Ece Yılmaz', email } },
        })
      ).createTicket.id as string;
    const ticketOf = async (id: string) =>
      (await call(`query($id: ID!) { ticket(id: $id) { priority tags { name } assigneeTeam { name } } }`, { id })).ticket;
    const matching = await create('ece@bigcorp.com', 'Outage in the app');
    const other = await create('ada@example.test', 'Outage in the app');
    await expect.poll(() => ticketOf(matching)).toEqual({ priority: 'URGENT', tags: [{ name: 'vip' }], assigneeTeam: { name: 'Tier 2' } });
    expect(await ticketOf(other)).toEqual({ priority: 'LOW', tags: [], assigneeTeam: null });
  });

  it('tests the saved rule on a ticket by number: matched or not, each condition and action, nothing changed', async () => {
    // Created not matching (no rule runs for them), then one is raised to High: that update runs no rule either
    // (Big customers runs on creation only), so the dry run sees a matching ticket the rule never touched.
    const create = async (email: string, subject: string) =>
      (
        await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id number } }`, {
          i: { productId, subject, description: subject, priority: 'MEDIUM', customer: { name: 'Ece Yılmaz', email } },
        })
      ).createTicket as { id: string; number: number };
    const matching = await create('ece@bigcorp.com', 'Cannot log in');
    const other = await create('ada@example.test', 'Cannot log in');
    await call(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: matching.id, priority: 'HIGH' } });
    const stateOf = async (id: string) =>
      (await call(`query($id: ID!) { ticket(id: $id) { priority tags { name } assigneeTeam { name } updatedAt messages(first: 20) { edges { node { id } } } } }`, { id })).ticket;
    const before = { matching: await stateOf(matching.id), other: await stateOf(other.id) };
    expect(before.matching).toMatchObject({ priority: 'HIGH', tags: [], assigneeTeam: null });

    const panel = page.getByTestId('rule-test');
    const conditionsShown = () =>
      panel.getByTestId('rule-test-condition').evaluateAll((nodes) => nodes.map((node) => `${(node as HTMLElement).dataset.matched} ${node.querySelector(':scope > .what')?.textContent?.trim()}`));
    const actionsShown = () =>
      panel.getByTestId('rule-test-action').evaluateAll((nodes) => nodes.map((node) => `${(node as HTMLElement).dataset.outcome} ${node.querySelector(':scope > .what')?.textContent?.trim()}`));

    // From the list, keyboard only: "Test" puts the focus on the ticket number, Enter runs the saved rule.
    await page.getByRole('button', { name: 'Test Big customers on a ticket' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rule-test-ticket');
    expect(await panel.getByTestId('rule-test-trigger').inputValue()).toBe('TICKET_CREATED');
    await page.keyboard.type(`#${matching.number}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('rule-test-verdict').textContent()).toContain(`Matches: the rule would act on ticket #${matching.number}.`);
    expect(await conditionsShown()).toEqual([
      'true Customer e-mail domain: bigcorp.com',
      'true Any of these',
      'true Priority: High',
      'false Subject contains: “outage”',
    ]);
    expect(await actionsShown()).toEqual([
      'applies Set the priority: Urgent',
      'applies Add tags: vip',
      'applies Assign to a team: Tier 2',
      'applies Send an automatic reply: “Hello {{customer.firstName}}, we are on it.”',
    ]);
    expect(await panel.getByTestId('rule-test-note').textContent()).toBe('This was a test: nothing was changed on the ticket.');
    await panel.screenshot({ path: path.join(artefactsDir, 'ticket-rule-test.png') });

    await panel.getByTestId('rule-test-ticket').fill(String(other.number));
    await panel.getByTestId('rule-test-run').click();
    await expect.poll(() => panel.getByTestId('rule-test-verdict').textContent()).toContain(`Does not match: the rule would leave ticket #${other.number} alone.`);
    expect(await conditionsShown()).toEqual(['false Customer e-mail domain: bigcorp.com', 'false Any of these', 'false Priority: High', 'false Subject contains: “outage”']);
    expect(await actionsShown()).toEqual([
      'notRun Set the priority: Urgent (the conditions do not hold)',
      'notRun Add tags: vip (the conditions do not hold)',
      'notRun Assign to a team: Tier 2 (the conditions do not hold)',
      'notRun Send an automatic reply: “Hello {{customer.firstName}}, we are on it.” (the conditions do not hold)',
    ]);

    // A number no ticket has, and words: said so, in place of a result.
    await panel.getByTestId('rule-test-ticket').fill('#987654');
    await panel.getByTestId('rule-test-run').click();
    await expect.poll(() => panel.getByTestId('rule-test-error').textContent()).toBe('There is no ticket #987654 in this workspace.');
    expect(await panel.getByTestId('rule-test-result').count()).toBe(0);
    await panel.getByTestId('rule-test-ticket').fill('the login one');
    await panel.getByTestId('rule-test-run').click();
    await expect.poll(() => panel.getByTestId('rule-test-error').textContent()).toBe('Enter a ticket number, such as 1042.');

    // An unsaved change: the test could only run the saved rule, so it waits for save or cancel.
    await form().getByTestId('rule-name').fill('Big customers (draft)');
    await panel.getByTestId('rule-test-unsaved').waitFor();
    expect(await panel.getByTestId('rule-test-run').isDisabled()).toBe(true);
    await form().getByRole('button', { name: 'Cancel' }).click();

    expect({ matching: await stateOf(matching.id), other: await stateOf(other.id) }).toEqual(before);
  });

  it('reorders and deletes rules', async () => {
    await page.getByRole('button', { name: 'Move Big customers up' }).click();
    await expect.poll(async () => (await rulesOfApi()).map((entry) => entry.name)).toEqual(['Big customers', 'First rule']);
    await expect.poll(() => page.getByTestId('ticket-rule').first().textContent()).toContain('Big customers');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete First rule' }).click();
    await expect.poll(() => page.getByTestId('ticket-rule').count()).toBe(1);
    expect((await rulesOfApi()).map((entry) => entry.name)).toEqual(['Big customers']);
  });
});
