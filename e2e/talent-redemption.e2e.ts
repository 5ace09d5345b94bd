import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/**
 * Redemption (兑现) in the browser, on the demo county, the parts the year's journey
 * (talent-points-year.e2e.ts: a round opened, a unit handed over, an application with ordered
 * preferences, the allocation, the result and why) does not tell: the talent office grants every
 * tier a quota of recuperation places and 中双元's HR sees them; the housing bureau reads the
 * demo's final apartment round, masked, and exports it.
 */
let browser: Browser;
let office: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const inputOf = (l: Locator) => l.locator('xpath=self::input | .//input').first();

async function as(username: string): Promise<Page> {
  const page = await newPage(browser);
  await login(page, username);
  return page;
}

describe('redemption journey', () => {
  it('the office sets the tiers\' quotas of recuperation places', async () => {
    office = await as('talent_office');
    await office.goto(`${baseUrl()}/talent/redemption/quotas`);
    // the menu group of the page is open: the office's four redemption pages
    await expect.poll(() => office.getByTestId('side-menu').innerText()).toContain('档次配额');
    const menu = await office.getByTestId('side-menu').innerText();
    for (const entry of ['兑现资源', '兑现轮次', '配额调剂']) expect(menu).toContain(entry);
    // every tier may hand out two recuperation places in 2026 (the demo grants none to 三档、四档)
    await expect.poll(() => inputOf(office.getByTestId('quota-tier4-recuperation')).inputValue()).toBe('0');
    for (const tier of ['tier1', 'tier2', 'tier3', 'tier4']) await inputOf(office.getByTestId(`quota-${tier}-recuperation`)).fill('2');
    await office.getByTestId('quota-save').click();
    await expect.poll(() => office.locator('.ant-message').innerText()).toMatch(/已保存 [1-4] 项配额/);
    await expect.poll(() => inputOf(office.getByTestId('quota-tier4-recuperation')).inputValue()).toBe('2');
    await screenshot(office, 'redemption-office-quotas');
  });

  it('中双元\'s HR sees the units its tier now grants, ready to hand over', async () => {
    const hr = await as('ent_zsy');
    await hr.goto(`${baseUrl()}/talent/redemption/handovers`);
    const row = hr.getByTestId('handover-quota-table').locator('tr', { hasText: '人才疗休养' });
    await expect.poll(() => row.getByTestId('quota-left').innerText()).toBe('2');
    expect(await row.getByTestId('handover-give').isEnabled()).toBe(true);
    await screenshot(hr, 'redemption-hr-quotas');
    await hr.context().close();
  });

  it('the housing bureau sees who got its apartments in the demo\'s final round, masked, and exports them', async () => {
    const owner = await as('res_housing');
    await owner.goto(`${baseUrl()}/talent/redemption/rounds`);
    const menu = await owner.getByTestId('side-menu').innerText();
    expect(menu).toContain('兑现轮次');
    expect(menu).not.toContain('档次配额');
    await owner.getByTestId('round-link').filter({ hasText: '2025 年度人才公寓配租' }).click();
    await owner.getByTestId('round-status').filter({ hasText: '已确定' }).waitFor();
    const table = owner.getByTestId('result-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await table.innerText()).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(await table.innerText()).toContain('配额持有人');
    const [file] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('results-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^兑现分配结果.*\.xlsx$/);
    await screenshot(owner, 'redemption-owner-final-round');
    await owner.context().close();
  });
});
