import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * The economy officer's quarter (issue 9, indicators): imports a quarter of figures with one bad
 * row (negative employees), sees the row's error, imports the valid rows, opens the 经济运行
 * screen and an enterprise's 经济指标 tab with the imported quarter. Runs on its own county: the
 * import changes the demo's figures for good.
 */
let page: Page;
const journey = journeyOnOwnServer();

/** The last complete quarter before today (Asia/Shanghai). */
function lastQuarter(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3); // quarters fully past this year
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}

describe('an economy officer loads a quarter and reads the screen', () => {
  const quarter = lastQuarter();
  let enterpriseId = '';

  it('imports a quarter of figures: the bad row is reported, the valid rows are written', async () => {
    page = await newPage(journey.browser);
    await login(page, 'eco_stats');
    const list = await page.evaluate(async () => (await (await fetch('/api/enterprises?pageSize=3&sort=name')).json()) as { items: { id: string; creditCode: string; name: string }[] });
    const [a, b, c] = list.items;
    enterpriseId = a!.id;
    const csv = [
      '统一社会信用代码,企业名称,期间,口径,营业收入（万元）,税收（万元）,从业人员（人）,用地面积（亩）',
      `${a!.creditCode},${a!.name},${quarter},累计,5678.9,234.5,88,12`,
      `${b!.creditCode},${b!.name},${quarter},累计,3456.7,123.4,-5,8`,
      `${c!.creditCode},${c!.name},${quarter},累计,2345.6,99.1,40,6`,
    ].join('\n');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zz-eco-')), `${quarter}.csv`);
    fs.writeFileSync(file, `\uFEFF${csv}\n`);
    await page.goto(`${baseUrl()}/economy/import`);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-summary').waitFor();
    await expect.poll(() => page.getByTestId('import-error-table').innerText()).toContain('不能为负数');
    expect(await page.getByTestId('import-error-table').innerText()).toMatch(/\b3\b/);
    await screenshot(page, 'economy-01-import-review');
    await page.getByTestId('import-only-valid').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-result').innerText()).toContain('新增 2 条');
  });

  it('opens the dashboard: headline figures, the trend and the groups', async () => {
    await page.goto(`${baseUrl()}/economy/dashboard`);
    await page.getByTestId('economy-revenue').waitFor();
    expect(Number((await page.getByTestId('economy-count-enterprises').innerText()).replace(/\D/g, ''))).toBeGreaterThan(100);
    await expect.poll(() => page.getByTestId('economy-revenue').innerText()).toContain('同口径增速');
    await page.getByTestId('economy-trend').locator('canvas').first().waitFor();
    expect(await page.getByTestId('economy-table-ecosystem').innerText()).toContain('数字经济核心产业');
    await screenshot(page, 'economy-02-dashboard');
  });

  it('the enterprise file shows the imported quarter, the above-scale reason and 亩均', async () => {
    await page.goto(`${baseUrl()}/enterprises/${enterpriseId}`);
    await page.getByTestId('tab-economy').click();
    await page.getByTestId('economy-enterprise-tab').waitFor();
    await expect.poll(() => page.getByTestId('economy-series').innerText()).toContain(quarter);
    expect(await page.getByTestId('economy-series').innerText()).toContain('5,678.9');
    expect(await page.getByTestId('economy-enterprise-tab').innerText()).toContain('门槛');
    await screenshot(page, 'economy-03-enterprise-tab');
  });
});
