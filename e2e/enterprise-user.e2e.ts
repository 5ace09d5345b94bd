import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/** An enterprise's own user: sees and edits its own file, and nothing of any other enterprise. */
let browser: Browser;
let page: Page;
let otherId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // Another enterprise's id, found as an officer through the API.
  const officer = await newPage(browser);
  await login(officer, 'officer');
  const list = await officer.evaluate(async () => (await fetch('/api/enterprises?q=检测&pageSize=5')).json());
  otherId = list.items.find((e: { name: string }) => !e.name.includes('中双元')).id;
  await officer.context().close();
  page = await newPage(browser);
  await login(page, 'ent_zsy');
});
afterAll(() => browser?.close());

describe('enterprise user journey', () => {
  it('lands on its own file and sees only its own entry in the menu', async () => {
    await page.getByTestId('enterprise-name').waitFor();
    expect(await page.getByTestId('enterprise-name').innerText()).toContain('中双元（杭州）科技有限公司');
    const menu = await page.getByTestId('side-menu').innerText();
    expect(menu).not.toContain('园区');
    expect(menu).not.toContain('用户管理');
    await screenshot(page, '10-enterprise-user-own-file');
  });

  it('edits its own profile; the change shows in the history', async () => {
    await page.getByTestId('enterprise-edit').click();
    const employees = page.getByTestId('field-employees').locator('xpath=self::input | .//input').first();
    await employees.fill('130');
    await page.getByTestId('enterprise-save').click();
    await expect.poll(async () => page.getByTestId('enterprise-profile').innerText()).toContain('130');
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history-entry').first().waitFor();
    expect(await page.getByTestId('history-entry').first().innerText()).toMatch(/126[\s\S]*130/);
  });

  it('cannot reach another enterprise: its page is not found, and so is its data', async () => {
    await page.goto(`${baseUrl()}/enterprises/${otherId}`);
    await page.getByTestId('page-404').waitFor();
    await screenshot(page, '11-enterprise-user-other-enterprise');
    const status = await page.evaluate(async (id) => (await fetch(`/api/enterprises/${id}`)).status, otherId);
    expect(status).toBe(404);
    const list = await page.evaluate(async () => (await fetch('/api/enterprises?pageSize=100')).json());
    expect(list.total).toBe(1);
  });

  it('is refused the administration pages', async () => {
    await page.goto(`${baseUrl()}/admin/users`);
    await page.getByTestId('page-403').waitFor();
  });
});
