import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject, onTestFailed } from 'vitest';
import { startServer, type RunningServer } from './server';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

let ownServer: string | undefined;
/** The server this file's journey talks to: the shared one, or its own (useOwnServer). */
export const baseUrl = () => ownServer ?? inject('baseUrl');
/** For a journey that changes the demo for good: it runs against a server of its own (e2e/server.ts). */
export const useOwnServer = (url: string | undefined) => { ownServer = url; };
export const DEMO_PASSWORD = 'Zhizhi@2026';

/**
 * A journey that changes the demo for good (publishing the year, importing figures, sending
 * messages …) runs against a server of its own, so that the order the files run in does not
 * matter. Call it once at the top of the file: it registers the hooks — before the journey, start
 * the server (e2e/server.ts) and a browser; after it, close the browser and stop the server,
 * checking its clean shutdown — and gives the browser once started (`journey.browser`).
 */
export function journeyOnOwnServer(): { readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    useOwnServer(server.baseUrl);
    browser = await launchBrowser();
  }, 330_000); // startServer waits up to 300 s for a first start (it seeds the demo county)
  afterAll(async () => {
    await browser?.close();
    useOwnServer(undefined);
    await server?.stop();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the journey\'s browser is not started yet: use it in a test or a later beforeAll');
      return browser;
    },
  };
}

export async function newPage(browser: Browser, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  watch(page);
  return page;
}

/**
 * What a page went through, for the report of a failed step: CI keeps only the console output,
 * so a journey that fails there says where its pages were, what they showed (alerts, messages,
 * open dialogs), which API calls failed and what the browser logged.
 */
interface PageTrail { page: Page; events: string[] }
const trails: PageTrail[] = [];

function watch(page: Page): void {
  const trail: PageTrail = { page, events: [] };
  const note = (e: string) => {
    trail.events.push(`${new Date().toISOString().slice(11, 23)} ${e}`);
    if (trail.events.length > 15) trail.events.shift();
  };
  page.on('response', (r) => {
    if (r.url().includes('/api/') && (r.status() >= 400 || r.request().method() !== 'GET')) note(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfailed', (r) => note(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on('console', (m) => { if (m.type() === 'error') note(`console: ${m.text().slice(0, 300)}`); });
  page.on('pageerror', (e) => note(`page error: ${e.message.slice(0, 300)}`));
  trails.push(trail);
}

beforeEach(() => {
  onTestFailed(async ({ task }) => {
    for (const [i, { page, events }] of trails.entries()) {
      if (page.isClosed()) continue;
      const shown = await page
        .locator('.ant-alert, .ant-message-notice, .ant-notification-notice, .ant-modal-content, .ant-form-item-explain-error')
        .allInnerTexts()
        .catch(() => [] as string[]);
      const file = await screenshotNow(page, `failed-${task.name.slice(0, 40).replace(/[^\w\u4e00-\u9fff-]+/g, '_')}-${i}`).catch(() => '');
      console.error([
        `[journey failed: ${task.name}] page ${i}: ${page.url()}${file ? ` (screenshot ${path.relative(process.cwd(), file)})` : ''}`,
        ...shown.map((t) => `  shows: ${t.replace(/\s+/g, ' ').slice(0, 300)}`),
        ...events.map((e) => `  ${e}`),
      ].join('\n'));
    }
  });
});

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const SHOTS = path.resolve(import.meta.dirname, '../.test-artifacts/screenshots');

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await page.waitForLoadState('networkidle');
  return screenshotNow(page, name);
}

/** The page as it is, without waiting for it to settle (a failed step's page may never settle). */
async function screenshotNow(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
  return file;
}
