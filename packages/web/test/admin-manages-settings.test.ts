// An admin sets up the workspace in the browser: a ticket status and a tag, a new user, and an API token whose secret
// is shown once (gone after dismissing it or reloading, only its prefix stays); the workspace keeps its last admin.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { en } from '../src/lib/i18n/en.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artefactsDir, followMenuLink, launchBrowser, requireChromium, screenshotIfFailed, shiftableClock, signIn, startApi, startWeb } from './browser.js';

let api: Awaited<ReturnType<typeof startApi>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: { email: string; password: string; token: string };
let productId: string;

async function call(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.t.gql(query, variables, admin.token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });

beforeAll(async () => {
  requireChromium();
  api = await startApi(shiftableClock());
  const workspace = await api.t.signUp('Ayarlar Destek');
  admin = { email: workspace.adminEmail, password: workspace.adminPassword, token: workspace.token };
  productId = (await call(`mutation { createProduct(input: { name: "Mobile app" }) { id } }`)).createProduct.id;
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

describe('an admin manages the workspace settings', () => {
  it('adds a status and a tag, a user and an API token, and sees them listed', async () => {
    await signIn(page, web.url, admin);

    // Vocabularies, reached from the navigation.
    await followMenuLink(page, 'Settings', 'Vocabularies');
    await page.waitForURL(/\/settings\/vocabulary$/);
    await page.getByTestId('status-row').first().waitFor();
    const statusesBefore = await page.getByTestId('status-row').count();
    await page.getByTestId('new-status-name').fill('Waiting on the bank');
    await page.getByTestId('new-status-category').selectOption('PENDING');
    await page.getByTestId('new-status-name').press('Enter');
    await expect.poll(() => page.getByTestId('status-row').count()).toBe(statusesBefore + 1);
    const newStatusRow = page.getByTestId('status-row').filter({ hasText: 'Waiting on the bank' });
    expect(await newStatusRow.textContent()).toContain('Pending');

    // A ticket uses the new status: deleting it asks where that ticket goes.
    const statuses = (await call('{ ticketStatuses { id name } }')).ticketStatuses as { id: string; name: string }[];
    await call(`mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
      i: { productId, subject: 'Refund pending', description: 'Waiting', statusId: statuses.find((status) => status.name === 'Waiting on the bank')!.id, customer: { name: 'Ece', email: 'ece@example.test' } },
    });
    await newStatusRow.getByRole('button', { name: 'Delete' }).click();
    const replace = page.getByTestId('replace-form');
    expect(await replace.getByRole('alert').textContent()).toMatch(/1/);
    await replace.getByLabel('Replace with').selectOption({ label: 'Pending' });
    await replace.getByRole('button', { name: 'Move tickets and delete' }).click();
    await expect.poll(() => page.getByTestId('status-row').count()).toBe(statusesBefore);

    await page.getByTestId('new-type-name').fill('Refund');
    await page.getByTestId('new-type-name').press('Enter');
    await expect.poll(() => page.getByTestId('type-row').filter({ hasText: 'Refund' }).count()).toBe(1);
    await page.getByLabel('Product').last().selectOption({ label: 'Mobile app' });
    await page.getByTestId('new-topic-name').fill('Login problems');
    await page.getByTestId('new-topic-name').press('Enter');
    await expect.poll(() => page.getByTestId('topic-row').filter({ hasText: 'Login problems' }).count()).toBe(1);

    await page.getByTestId('new-tag-name').fill('billing');
    await page.getByTestId('new-tag-name').press('Enter');
    await expect.poll(() => page.getByTestId('tag-row').filter({ hasText: 'billing' }).count()).toBe(1);
    // An empty name is refused by the browser; a duplicate one by the server, shown under the form.
    await page.getByTestId('new-tag-name').fill('billing');
    await page.getByTestId('new-tag-name').press('Enter');
    expect(await page.locator('#new-tag-error').textContent()).toBe(en.serverErrors.taken);
    await shot('settings-vocabulary');

    // A canned response: an unknown placeholder is refused next to the text, then fixed.
    await followMenuLink(page, 'Settings', 'Responses & templates');
    await page.waitForURL(/\/settings\/responses$/);
    await page.getByTestId('canned-title').fill('Refund sent');
    await page.getByTestId('canned-body').fill('Hello {{customer.nickname}}, the refund is on its way.');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByTestId('canned-body').locator('xpath=..').getByRole('alert').textContent()).toContain('customer.nickname');
    await page.getByTestId('canned-body').fill('Hello {{customer.firstName}}, the refund is on its way.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('canned-row').filter({ hasText: 'Refund sent' }).count()).toBe(1);

    // Users: a new agent, listed; the only admin cannot stop being one.
    await followMenuLink(page, 'Settings', 'Users & tokens');
    await page.waitForURL(/\/settings\/users$/);
    await page.getByTestId('user-row').first().waitFor();
    await page.getByTestId('new-user-name').fill('Deniz Ajan');
    await page.getByTestId('new-user-email').fill('deniz@example.test');
    await page.getByTestId('new-user-password').fill('a long enough password 1');
    await page.getByTestId('new-user-role').selectOption('AGENT');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.getByTestId('user-row').filter({ hasText: 'deniz@example.test' }).count()).toBe(1);
    expect(await page.getByTestId('user-row').filter({ hasText: 'deniz@example.test' }).textContent()).toContain('Active');

    // Deactivated users leave the list (unless asked for) and come back when reactivated.
    const deniz = page.getByTestId('user-row').filter({ hasText: 'deniz@example.test' });
    await deniz.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => deniz.count()).toBe(0);
    await page.getByLabel('Show deactivated users').check();
    await expect.poll(() => deniz.textContent()).toContain('Deactivated');
    await deniz.getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => deniz.textContent()).toContain('Active');

    const adminRole = page.getByTestId('user-row').filter({ hasText: admin.email }).getByRole('combobox');
    await adminRole.selectOption('AGENT');
    await page.getByTestId('users-error').waitFor();
    expect(await page.getByTestId('users-error').textContent()).toMatch(/admin/i);
    expect(await adminRole.inputValue()).toBe('ADMIN');

    // A team with the new agent, and live chat switched on for the product.
    await followMenuLink(page, 'Settings', 'Teams & products');
    await page.waitForURL(/\/settings\/organisation$/);
    await page.getByTestId('team-name').fill('Payments');
    await page.getByLabel('Deniz Ajan').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('team-row').filter({ hasText: 'Payments' }).textContent()).toContain('Deniz Ajan');
    await page.getByLabel('Live chat for Mobile app').check();
    await expect
      .poll(async () => ((await call('{ products(first: 5) { edges { node { channels { channel enabled } } } } }')).products.edges[0].node.channels as { channel: string; enabled: boolean }[]).some((item) => item.channel === 'LIVE_CHAT' && item.enabled))
      .toBe(true);
    await followMenuLink(page, 'Settings', 'Users & tokens');
    await page.waitForURL(/\/settings\/users$/);

    // An API token: the secret is shown once, then only its prefix.
    await page.getByTestId('new-token-name').fill('Billing sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret').textContent({ timeout: 10_000 }))!.trim();
    expect(secret.length).toBeGreaterThan(20);
    const tokenRow = page.getByTestId('token-row').filter({ hasText: 'Billing sync' });
    await expect.poll(() => tokenRow.count()).toBe(1);
    const prefix = (await tokenRow.locator('code').textContent())!.replace('…', '');
    expect(secret.startsWith(prefix)).toBe(true);
    await shot('settings-users-and-tokens');
    // The secret works against the API.
    const viewer = await api.t.gql('{ viewer { role } }', {}, secret);
    expect(viewer.errors).toBeUndefined();

    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    await page.reload();
    await page.getByTestId('token-row').first().waitFor();
    expect(await page.content()).not.toContain(secret);

    // Revoked: the API no longer takes it.
    page.once('dialog', (dialog) => void dialog.accept());
    await tokenRow.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => tokenRow.textContent()).toContain('Revoked');
    expect((await api.t.gql('{ viewer { role } }', {}, secret)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
