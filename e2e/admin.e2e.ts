import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/** The platform administrator: users, roles, departments, the audit log. */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  await login(page, 'admin');
});
afterAll(() => browser?.close());

describe('administrator journey', () => {
  it('sees the users with their roles and scopes', async () => {
    await page.goto(`${baseUrl()}/admin/users`);
    // The table's header renders before its rows arrive: wait for the rows (by username, 20 a page).
    await expect.poll(() => page.getByTestId('user-table').innerText()).toContain('admin');
    // Sorted by username, 20 a page: the demo's medfund accounts (mf_*) push officer to page 2.
    const text = await page.getByTestId('user-table').innerText();
    for (const u of ['agent', 'ent_zsy']) expect(text).toContain(u);
    await screenshot(page, '20-admin-users');
    // Past the first page (the demo has 50-odd accounts): found by the search, with its street scope.
    await page.getByTestId('user-search').fill('street_officer');
    await page.getByTestId('user-search-submit').click();
    await expect.poll(() => page.getByTestId('user-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('user-table').innerText()).toContain('street_officer');
  });

  it('sees roles, departments and the audit log of what happened', async () => {
    await page.goto(`${baseUrl()}/admin/roles`);
    await page.getByText('平台管理员').first().waitFor();
    await screenshot(page, '21-admin-roles');
    await page.goto(`${baseUrl()}/admin/departments`);
    await page.getByText('良渚街道办事处').first().waitFor();
    await screenshot(page, '22-admin-departments');
    await page.goto(`${baseUrl()}/admin/audit`);
    await page.getByTestId('audit-table').waitFor();
    await expect.poll(async () => page.getByTestId('audit-table').innerText()).toContain('user.login');
    await screenshot(page, '23-admin-audit');
  });

  it('rejects a wrong password with a Chinese message', async () => {
    const other = await newPage(browser);
    await other.goto(`${baseUrl()}/login`);
    await other.getByTestId('login-username').fill('officer');
    await other.getByTestId('login-password').fill('not-the-password');
    await other.getByTestId('login-submit').click();
    await other.getByTestId('login-error').waitFor();
    expect(await other.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await screenshot(other, '00-login-error');
    await other.context().close();
  });
});
