import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/**
 * The annual cycle in the browser: the office takes the demo's 2026 year from submissions through
 * review and the points day to the public notice; anyone (no login) reads the notice with masked
 * names; a talent objects to an entry; the office upholds it with a correction; the notice shows it.
 */
let browser: Browser;
let office: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('talent cycle journey', () => {
  it('the office publishes the 2026 cycle step by step', async () => {
    office = await newPage(browser);
    await login(office, 'talent_office');
    await office.goto(`${baseUrl()}/talent/cycles`);
    await office.getByTestId('cycle-card').waitFor();
    expect(await office.getByTestId('side-menu').innerText()).toContain('年度周期');
    expect(await office.getByTestId('cycle-status').innerText()).toBe('企业申报中');
    await office.getByTestId('cycle-action-review').click();
    await office.getByTestId('cycle-confirm').click();
    await poll(() => office.getByTestId('cycle-status').innerText()).toBe('审核中');
    await office.getByTestId('cycle-action-compute').click();
    await office.getByTestId('cycle-confirm').click();
    await poll(() => office.getByTestId('cycle-status').innerText()).toBe('积分已计算');
    await office.getByTestId('cycle-action-publish').click();
    await office.getByTestId('cycle-confirm').click();
    await poll(() => office.getByTestId('cycle-status').innerText()).toBe('公示中');
    expect(await office.getByTestId('cycle-notice').innerText()).toMatch(/个工作日/);
    await screenshot(office, 'talent-cycle-dashboard');
  });

  it('the public notice needs no login and shows names masked', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl()}/talent-notice`);
    await page.getByTestId('notice-table').waitFor();
    expect(await page.getByTestId('notice-title').innerText()).toContain('2026');
    expect(await page.getByTestId('notice-status').innerText()).toBe('公示中');
    const names = await page.getByTestId('notice-name').allInnerTexts();
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(n).toContain('*');
    await screenshot(page, 'talent-cycle-public-notice');
    await page.getByTestId('notice-list').getByText('企业积分与档次').click();
    await poll(() => page.getByTestId('notice-table').innerText()).toContain('档');
    await page.context().close();
  });

  it('a talent objects to an entry during the notice', async () => {
    const page = await newPage(browser);
    await login(page, 'talent_demo');
    await page.goto(`${baseUrl()}/talent/objections`);
    await page.getByTestId('objection-raise').click();
    await page.getByTestId('objection-entries').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('objection-text').fill('该人才 2026 年取得的发明专利未计入积分，请复核。');
    await page.getByTestId('objection-submit').click();
    await poll(() => page.getByTestId('objection-table').innerText()).toContain('待答复');
    expect(await page.getByTestId('objection-entry').first().innerText()).toContain('*');
    await screenshot(page, 'talent-cycle-objection-raised');
    await page.context().close();
  });

  it('the office upholds it with a correction; the talent list is corrected', async () => {
    await office.goto(`${baseUrl()}/talent/objections`);
    await poll(() => office.getByTestId('objection-table').innerText()).toContain('发明专利');
    await office.getByTestId('objection-answer').first().click();
    await office.getByTestId('answer-decision').getByText('采纳').click();
    await office.getByTestId('answer-points').locator('xpath=self::input | .//input').first().fill('999');
    await office.getByTestId('answer-text').fill('经核实补计发明专利积分。');
    await office.getByTestId('answer-submit').click();
    await office.getByTestId('objection-filter').getByText('已采纳').click();
    await poll(() => office.getByTestId('objection-table').innerText()).toContain('经核实补计发明专利积分');
    await screenshot(office, 'talent-cycle-objection-answered');
    const page = await newPage(browser);
    await page.goto(`${baseUrl()}/talent-notice`);
    await poll(() => page.getByTestId('notice-table').innerText()).toContain('经异议更正');
    await page.context().close();
  });

  it('the tier board and the reports show the two years', async () => {
    await office.goto(`${baseUrl()}/talent/tiers?year=2026`);
    await office.getByTestId('tiers-summary').waitFor();
    expect(await office.getByTestId('tiers-summary').innerText()).toMatch(/升档 \d+ 家/);
    await screenshot(office, 'talent-cycle-tiers');
    await office.goto(`${baseUrl()}/talent/reports?year=2026`);
    await office.getByTestId('report-growth').waitFor();
    expect(await office.getByTestId('report-growth').innerText()).toMatch(/%/);
    await screenshot(office, 'talent-cycle-reports');
  });
});
