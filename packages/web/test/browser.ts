// What the browser tests share: the real API in this process (with a clock the test can set back, so an SLA
// target falls due within seconds), the built web app as a child process, and Debian's Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startServer } from '../../server/src/server.js';
import { startTestApp, type TestApp } from '../../server/test/harness.js';
// Brings in the server's declaration of what its global setup provides (databaseUrl, redisUrl).
import type {} from '../../server/test/global-setup.js';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artefactsDir = path.join(webDir, 'test-results');

/** Real time moved by `offsetMs`: set it back before creating a ticket and its SLA targets fall due sooner. */
export function shiftableClock() {
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  return clock;
}

export async function startApi(clock: { now(): Date }) {
  // The scan that marks breaches runs every second, so a breach reaches the browser within a second of its due time.
  const t: TestApp = await startTestApp({ SLA_SCAN_MS: '1000' }, { clock });
  const server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
  return {
    t,
    url: `http://127.0.0.1:${server.port}/graphql`,
    async stop() {
      await server.close();
      await t.stop();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The production build (`vite build`, adapter-node) on a free port, talking to `apiUrl`. */
export async function startWeb(apiUrl: string) {
  const entry = path.join(webDir, 'build', 'index.js');
  if (!existsSync(entry)) throw new Error(`The web app is not built (${entry} is missing): run \`pnpm --filter @deskgraph/web test\`, which builds first.`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: webDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, PUBLIC_GRAPHQL_URL: apiUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web app did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      if (output.includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`web app exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails at once, saying what to install, when the machine has no Chromium (checked before anything starts). */
export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing (${CHROMIUM}): the browser tests drive Debian's Chromium. Install it with \`apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH). Do not run `playwright install`.',
    );
  }
}

/** Debian's Chromium, headless, in a fresh profile. Never a browser downloaded by Playwright. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireChromium();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'deskgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
  });
  mkdirSync(artefactsDir, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Follows a link inside one of the header's menus ("Settings", "Reports"), as a user does: open it, then click. */
export async function followMenuLink(page: Page, menu: string | RegExp, link: string | RegExp) {
  await page.getByRole('banner').getByRole('navigation').getByRole('button', { name: menu }).click();
  await page.getByRole('banner').getByRole('navigation').getByRole('link', { name: link, exact: typeof link === 'string' }).click();
}

/** Signs in on the sign-in page, as a person does, and waits for the ticket list it leads to. */
export async function signIn(page: Page, webUrl: string, user: { email: string; password: string }) {
  await page.goto(`${webUrl}/signin`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/tickets$/);
}

/** For afterEach: a failed test leaves a picture of what the user saw, named after the test. */
export async function screenshotIfFailed(page: Page | undefined, context: { task: { name: string; result?: { state?: string } } }) {
  if (context.task.result?.state !== 'fail' || !page) return;
  const file = path.join(artefactsDir, `failed-${context.task.name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
}
