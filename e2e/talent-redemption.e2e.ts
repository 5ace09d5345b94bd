import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/**
 * Redemption (兑现) in the browser, on the demo county: the talent office grants every tier a
 * quota of recuperation places and opens a round; 中双元's HR hands a unit to talent_demo; the
 * talent applies with ordered preferences; the office closes and runs the allocation (and is
 * refused a finalize during the notice, with the server's words); the talent sees the result and why.
 */
let browser: Browser;
let office: Page;
let roundUrl = '';
const ROUND = '2026 年度人才疗休养（第一期）';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const inputOf = (l: Locator) => l.locator('xpath=self::input | .//input').first();

async function as(username: string): Promise<Page> {
  const page = await newPage(browser);
  await login(page, username);
  return page;
}

async function pick(page: Page, testId: string, typed: string, option: string) {
  await page.getByTestId(testId).click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Clicks a round action and confirms it in the dialog. */
async function roundAction(page: Page, action: string) {
  await page.getByTestId(`round-${action}`).click();
  await page.getByTestId('round-action-confirm').click();
}

describe('redemption journey', () => {
  it('the office sets the tiers\' quotas and opens a round with published places', async () => {
    office = await as('talent_office');
    await office.goto(`${baseUrl()}/talent/redemption/quotas`);
    // the menu group of the page is open: the office's four redemption pages
    await poll(() => office.getByTestId('side-menu').innerText()).toContain('档次配额');
    const menu = await office.getByTestId('side-menu').innerText();
    for (const entry of ['兑现资源', '兑现轮次', '配额调剂']) expect(menu).toContain(entry);
    // every tier may hand out two recuperation places in 2026 (the demo grants none to 三档、四档)
    await poll(() => inputOf(office.getByTestId('quota-tier4-recuperation')).inputValue()).toBe('0');
    for (const tier of ['tier1', 'tier2', 'tier3', 'tier4']) await inputOf(office.getByTestId(`quota-${tier}-recuperation`)).fill('2');
    await office.getByTestId('quota-save').click();
    await poll(() => office.locator('.ant-message').innerText()).toMatch(/已保存 [1-4] 项配额/);
    await poll(() => inputOf(office.getByTestId('quota-tier4-recuperation')).inputValue()).toBe('2');
    await screenshot(office, 'redemption-office-quotas');

    await office.goto(`${baseUrl()}/talent/redemption/rounds`);
    await poll(() => office.getByTestId('round-table').innerText()).toContain('2025 年度人才公寓配租');
    await office.getByTestId('round-create').click();
    await office.getByTestId('round-name').fill(ROUND);
    await pick(office, 'round-resource', '疗休养', '人才疗休养');
    await inputOf(office.getByTestId('round-min-points')).fill('150');
    await office.getByTestId('round-save').click();
    await office.waitForURL(/\/talent\/redemption\/rounds\/[0-9a-f-]{36}$/);
    roundUrl = office.url();
    await office.getByTestId('round-status').filter({ hasText: '草稿' }).waitFor();

    // opening without places is refused with the server's reason
    await roundAction(office, 'open');
    await poll(() => office.getByTestId('error-alert').innerText()).toContain('尚未发布名额');

    await office.getByTestId('option-add').click();
    await office.getByTestId('option-name-0').fill('千岛湖疗休养基地');
    await office.getByTestId('option-add').click();
    await office.getByTestId('option-name-1').fill('莫干山疗休养基地');
    await office.getByTestId('options-save').click();
    await poll(() => office.locator('.ant-message').innerText()).toContain('名额已发布');
    await roundAction(office, 'open');
    await office.getByTestId('round-status').filter({ hasText: '申报中' }).waitFor();
    await poll(() => office.getByTestId('seed-commitment').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(office, 'redemption-office-round-open');
  });

  it('中双元\'s HR hands a unit to talent_demo and sees it in the ledger', async () => {
    const self = await as('talent_demo');
    const me = await self.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { displayName: string });
    await self.context().close();

    const hr = await as('ent_zsy');
    await hr.goto(`${baseUrl()}/talent/redemption/handovers`);
    const row = hr.getByTestId('handover-quota-table').locator('tr', { hasText: '人才疗休养' });
    await poll(() => row.getByTestId('quota-left').innerText()).toBe('2');
    await row.getByTestId('handover-give').click();
    await pick(hr, 'handover-talent', me.displayName, me.displayName);
    await hr.getByTestId('handover-note').fill('年度优秀员工');
    await hr.getByTestId('handover-ok').click();
    await poll(() => hr.getByTestId('handover-ledger').innerText()).toContain('年度优秀员工');
    await poll(() => row.getByTestId('quota-left').innerText()).toBe('1');
    await screenshot(hr, 'redemption-hr-handover');
    await hr.context().close();
  });

  it('the talent sees the round, eligible by the unit, and applies with ordered preferences', async () => {
    const self = await as('talent_demo');
    await self.goto(`${baseUrl()}/talent/redemption`);
    const card = self.locator(`[data-testid="open-round"][data-round="${ROUND}"]`);
    await poll(() => card.getByTestId('eligibility').getAttribute('data-eligible')).toBe('true');
    expect(await card.getByTestId('eligibility-reason').innerText()).toContain('持有本企业调剂的配额');
    await card.getByTestId('apply-open').click();
    const add = self.getByTestId('apply-add');
    await add.first().click(); // 千岛湖
    await add.first().click(); // 莫干山
    await self.getByTestId('apply-down-0').click(); // 莫干山 first
    await poll(() => self.getByTestId('apply-chosen').innerText()).toMatch(/1\. 莫干山疗休养基地[\s\S]*2\. 千岛湖疗休养基地/);
    await screenshot(self, 'redemption-talent-apply');
    await self.getByTestId('apply-submit').click();
    await poll(() => card.innerText()).toContain('已申请');
    expect(await card.innerText()).toContain('1. 莫干山疗休养基地');
    await self.context().close();
  });

  it('the office closes and runs the allocation; a finalize during the notice is refused', async () => {
    await office.goto(roundUrl);
    await roundAction(office, 'close');
    await office.getByTestId('round-status').filter({ hasText: '已截止' }).waitFor();
    await roundAction(office, 'allocate');
    await office.getByTestId('round-status').filter({ hasText: '已分配' }).waitFor();
    await poll(() => office.getByTestId('result-table').innerText()).toContain('莫干山疗休养基地');
    expect(await office.getByTestId('seed-value').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await office.getByTestId('fill-chart').waitFor();
    await roundAction(office, 'finalize');
    await poll(() => office.getByTestId('error-alert').innerText()).toContain('公示期');
    await screenshot(office, 'redemption-office-result');
  });

  it('the talent sees the allocation result and why', async () => {
    const self = await as('talent_demo');
    await self.goto(`${baseUrl()}/talent/redemption`);
    const row = self.getByTestId('my-applications').locator('tr', { hasText: ROUND });
    await poll(() => row.getByTestId('my-result').innerText()).toBe('莫干山疗休养基地');
    await row.getByTestId('my-application-link').click();
    await poll(() => self.getByTestId('application-result').innerText()).toContain('获得第 1 志愿：莫干山疗休养基地');
    expect(await self.getByTestId('application-why').innerText()).toContain('排名第 1/1 位');
    await screenshot(self, 'redemption-talent-result');
    await self.context().close();
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
    await poll(() => table.locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await table.innerText()).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(await table.innerText()).toContain('配额持有人');
    const [file] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('results-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^兑现分配结果.*\.xlsx$/);
    await screenshot(owner, 'redemption-owner-final-round');
    await owner.context().close();
  });
});
