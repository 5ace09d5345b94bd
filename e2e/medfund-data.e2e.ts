import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/**
 * 医保数据加载 in the browser: the analyst finds the demo district-year loaded, saves a column
 * mapping for the civil affairs bureau's death file (Chinese headers, dates as YYYYMMDD), uploads
 * the file, follows the load to its end and opens the error report of its bad row; the overview
 * shows the year by month.
 */
let browser: Browser;
let page: Page;
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  await login(page, 'mf_analyst');
});
afterAll(() => browser?.close());

describe('medfund data loads journey', () => {
  it('shows the demo district-year loaded', async () => {
    await page.goto(`${baseUrl()}/medfund/loads`);
    await expect.poll(() => page.getByTestId('side-menu').innerText()).toContain('数据加载');
    await page.getByTestId('medfund-loads').waitFor();
    await expect.poll(() => page.getByTestId('medfund-loads').innerText()).toContain('已完成');
    expect(await page.getByTestId('medfund-loads').innerText()).toContain('合成数据');
    await screenshot(page, 'medfund-01-loads');
  });

  it('saves a column mapping for a file in another layout', async () => {
    await page.getByRole('tab', { name: '列映射' }).click();
    await page.getByTestId('mapping-add').click();
    await page.getByTestId('mapping-name').fill('民政殡葬登记（浏览器）');
    const dialog = page.getByRole('dialog');
    await dialog.locator('.ant-select').nth(0).click();
    await page.locator('.ant-select-item-option', { hasText: '死亡登记' }).first().click();
    await dialog.locator('.ant-select').nth(1).click();
    await page.locator('.ant-select-item-option', { hasText: 'YYYYMMDD' }).click();
    await page.getByTestId('mapping-col-death_reg_id').fill('登记编号');
    await page.getByTestId('mapping-col-certno').fill('身份证号');
    await page.getByTestId('mapping-col-psn_name').fill('姓名');
    await page.getByTestId('mapping-col-death_date').fill('死亡日期');
    await page.getByTestId('mapping-col-source_dept').fill('来源部门');
    await screenshot(page, 'medfund-02-mapping-editor');
    await page.getByTestId('mapping-save').click();
    await expect.poll(() => page.locator('.ant-table').last().innerText()).toContain('民政殡葬登记（浏览器）');
  });

  it('uploads the file with the mapping, follows the load and opens its error report', async () => {
    await page.getByRole('tab', { name: '加载记录' }).click();
    await page.getByTestId('medfund-upload-table').click();
    await page.locator('.ant-select-item-option', { hasText: '死亡登记' }).first().click();
    await page.getByTestId('medfund-upload-mapping').click();
    await page.locator('.ant-select-item-option', { hasText: '民政殡葬登记（浏览器）' }).click();
    const csv = ['登记编号,身份证号,姓名,死亡日期,来源部门', 'E2E-1,330110193905061234,周福,20250506,民政', 'E2E-2,330110193905071236,吴秀,20251345,民政'].join('\n');
    await page.getByTestId('medfund-upload').locator('input[type=file]').setInputFiles({ name: '殡葬登记.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const first = page.getByTestId('medfund-loads').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => first.innerText()).toContain('殡葬登记.csv');
    await expect.poll(() => first.innerText()).toContain('已完成');
    await first.locator('[data-testid^=load-errors-]').click();
    const drawer = page.getByTestId('medfund-errors');
    await expect.poll(() => drawer.innerText()).toContain('日期无法识别');
    expect(await drawer.innerText()).toContain('第 2 行');
    await screenshot(page, 'medfund-03-error-report');
  });

  it('shows the overview of the year', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '数据概况' }).click();
    await page.getByTestId('medfund-overview-months').waitFor();
    await expect.poll(() => page.getByText('费用明细').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await screenshot(page, 'medfund-04-overview');
  });
});
