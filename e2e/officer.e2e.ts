import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';
import { makeCreditCode } from '../apps/server/src/core/reference/domain/credit-code';

/** An officer of the county's economy bureau at work: finds, opens, imports, exports. */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
  await login(page, 'officer');
});
afterAll(() => browser?.close());

describe('officer journey', () => {
  it('lands on the enterprise list in Chinese and finds an enterprise by name', async () => {
    await expect.poll(() => page.url()).toContain('/enterprises');
    await page.getByTestId('enterprise-table').waitFor();
    expect(await page.getByTestId('side-menu').innerText()).toContain('企业档案');
    await screenshot(page, '01-enterprise-list');
    await page.getByTestId('enterprise-search').fill('中双元');
    await page.getByTestId('enterprise-search-submit').click();
    await expect.poll(() => page.getByTestId('enterprise-link').count()).toBe(1);
    expect(await page.getByTestId('enterprise-link').innerText()).toContain('中双元（杭州）科技有限公司');
  });

  it('opens the enterprise file (一企一档) with profile, contacts and history', async () => {
    await page.getByTestId('enterprise-link').click();
    await page.getByTestId('enterprise-name').waitFor();
    expect(await page.getByTestId('enterprise-name').innerText()).toContain('中双元');
    expect(await page.getByTestId('enterprise-credit-code').innerText()).toMatch(/91330110[0-9A-Z]{10}/);
    await screenshot(page, '02-enterprise-file');
    await page.getByTestId('tab-contacts').click();
    // Phones are masked until revealed.
    await expect.poll(() => page.locator('body').innerText()).toMatch(/1\d{2}\*{4}\d{4}/);
    await screenshot(page, '03-enterprise-contacts');
  });

  it('imports an Excel file with one bad row: sees the error, imports the valid rows', async () => {
    const file = await importFile();
    await page.goto(`${baseUrl()}/enterprises/import`);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-summary').waitFor();
    await expect.poll(() => page.getByTestId('import-error-table').innerText()).toContain('校验位');
    const errors = await page.getByTestId('import-error-table').innerText();
    expect(errors).toContain('校验位');
    expect(errors).toMatch(/\b3\b/); // the bad row is line 3
    await screenshot(page, '04-import-errors');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-report').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('import-only-valid').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-result').innerText()).toMatch(/2/);
    await screenshot(page, '05-import-done');
    // The imported enterprise is in the registry.
    await page.goto(`${baseUrl()}/enterprises?q=${encodeURIComponent('浏览器导入一号')}`);
    await expect.poll(() => page.getByTestId('enterprise-link').count()).toBe(1);
  });

  it('exports the current list to Excel', async () => {
    await page.goto(`${baseUrl()}/enterprises`);
    await page.getByTestId('enterprise-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-excel').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(200);
  });

  it('opens a park file (一园一档) with its totals and charts', async () => {
    await page.goto(`${baseUrl()}/parks`);
    await page.getByTestId('park-table').waitFor();
    await page.getByTestId('park-table').getByText('梦想小镇', { exact: true }).first().click();
    await page.getByTestId('park-stats').waitFor();
    await page.getByTestId('chart-size').locator('canvas').waitFor();
    await page.getByTestId('chart-industry').locator('canvas').waitFor();
    await screenshot(page, '06-park-file');
  });

  it('switches the interface to English', async () => {
    await page.goto(`${baseUrl()}/enterprises`);
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('locale-en-US').click();
    await expect.poll(async () => page.getByTestId('side-menu').innerText()).toMatch(/Enterprise/);
    await screenshot(page, '07-enterprise-list-en');
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(async () => page.getByTestId('side-menu').innerText()).toContain('企业档案');
  });
});

async function importFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(['统一社会信用代码', '企业名称', '行业代码', '所属街道', '从业人数', '营业收入（万元）']);
  const good1 = makeCreditCode('91330110MA2E2E001');
  const good2 = makeCreditCode('91330110MA2E2E002');
  const bad = makeCreditCode('91330110MA2E2E003');
  ws.addRow([good1, '杭州浏览器导入一号科技有限公司', '6513', '良渚街道', 20, 500]);
  ws.addRow([bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0'), '杭州浏览器导入坏行有限公司', '6513', '良渚街道', 5, 50]);
  ws.addRow([good2, '杭州浏览器导入二号检测技术有限公司', '7452', '仓前街道', 8, 90]);
  const file = `/tmp/zz-e2e-import-${process.pid}.xlsx`;
  await wb.xlsx.writeFile(file);
  return file;
}
