import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * The science and technology officer's transfer (issue 9, 科技成果转化): opens a research result
 * of 天目山实验室, reads its matched enterprises and one score's factors, records a contact with
 * the best match and lands the transfer in it; the result reads 已落地 and the statistics count it.
 * Runs on its own county: the landing changes the demo for good.
 */
let page: Page;
const journey = journeyOnOwnServer();

describe('a science and technology officer matches a result and lands it', () => {
  const TITLE = '航空复合材料自动铺放工艺';
  let landedBefore = 0;

  it('opens the result from the list and sees the matched enterprises with the factors of a score', async () => {
    page = await newPage(journey.browser);
    await login(page, 'eco_tech');
    await page.goto(`${baseUrl()}/economy/transfer`);
    await page.getByTestId('transfer-results').getByText(TITLE).waitFor();
    const stats = await page.evaluate(async () => (await (await fetch('/api/economy/transfer/stats')).json()) as { totals: { landed: number } });
    landedBefore = stats.totals.landed;
    await screenshot(page, 'transfer-01-results');
    await page.getByTestId('transfer-results').getByText(TITLE).click();
    await page.getByTestId('transfer-result').waitFor();
    expect(await page.getByTestId('transfer-result-status').innerText()).toBe('对接中');
    const matches = page.getByTestId('transfer-matches');
    await matches.getByTestId('transfer-score').first().waitFor();
    await matches.locator('.ant-table-row-expand-icon').first().click();
    await matches.getByTestId('factor-industry').first().waitFor();
    const factors = await matches.locator('.ant-table-expanded-row').first().innerText();
    expect(factors).toContain('行业');
    expect(factors).toContain('关键词');
    expect(factors).toContain('研发投入');
    expect(factors).toMatch(/\d+(\.\d)?\/35/);
    await screenshot(page, 'transfer-02-matches');
  });

  it('records a contact with the best match, then lands the transfer in it', async () => {
    const matches = page.getByTestId('transfer-matches');
    const name = (await matches.locator('.ant-table-row').first().locator('a').first().innerText()).trim();
    await matches.getByTestId('transfer-contact').first().click();
    await page.getByTestId('transfer-deal-note').fill('走访企业，介绍自动铺放工艺，企业技术负责人有意向');
    await page.getByTestId('transfer-deal-save').click();
    const deals = page.getByTestId('transfer-deals');
    await expect.poll(() => deals.innerText()).toContain(name);
    expect(await deals.getByTestId('transfer-deal-stage').first().innerText()).toBe('已对接');
    expect(await deals.innerText()).toContain('走访企业');

    await deals.getByTestId('transfer-land').first().click();
    // antd's InputNumber puts the test id on the <input> itself or on its wrapper, by version
    await page.locator('[data-testid="transfer-land-value"], [data-testid="transfer-land-value"] input').last().fill('380');
    await page.getByTestId('transfer-deal-note').fill('签订技术许可合同');
    await page.getByTestId('transfer-deal-save').click();
    await expect.poll(() => deals.getByTestId('transfer-deal-stage').first().innerText()).toBe('已落地');
    expect(await deals.getByTestId('transfer-landed-enterprise').first().innerText()).toBe(name);
    expect(await deals.innerText()).toContain('380');
    await expect.poll(() => page.getByTestId('transfer-result-status').innerText()).toBe('已落地');
    await screenshot(page, 'transfer-03-landed');
  });

  it('the statistics count the landing, by lab and by year', async () => {
    await page.goto(`${baseUrl()}/economy/transfer`);
    await page.getByRole('tab', { name: '转化统计' }).click();
    await page.getByTestId('transfer-stats').waitFor();
    await expect.poll(async () => Number((await page.getByTestId('transfer-total-landed').innerText()).replace(/\D/g, ''))).toBe(landedBefore + 1);
    await page.getByTestId('transfer-chart-lab').locator('canvas').first().waitFor();
    expect(await page.getByTestId('transfer-stats').innerText()).toContain('天目山实验室');
    await screenshot(page, 'transfer-04-stats');
  });
});
