import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * 医保预警 in the browser, on a county of its own (it closes a red warning for good): the demo's
 * first start screens the generated year; the analyst follows that run, opens the screening rules,
 * a finding's evidence, the provider risk page, then the warnings list and a red warning of
 * duplicate reimbursement (like the article's), the roll-up rules, and closes the warning with a
 * reason. The discipline inspection group sees red warnings only, and how this one was handled.
 */
let page: Page;
const journey = journeyOnOwnServer();
const poll = <T>(fn: () => T | Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout });
let warningUrl = '';

beforeAll(async () => {
  page = await newPage(journey.browser);
  await login(page, 'mf_analyst');
});

describe('medfund warnings journey', () => {
  it('the demo\'s first start screens the generated year', async () => {
    await page.goto(`${baseUrl()}/medfund/runs`);
    const runs = page.getByTestId('medfund-runs');
    await runs.waitFor();
    // generation, then the screening run: a few minutes on a loaded machine
    // the row of the demo's run (the status column's title also reads 已完成: match the row, not the table)
    const demoRun = runs.locator('tbody tr.ant-table-row', { hasText: '演示数据首次启动' });
    await poll(async () => {
      await page.reload();
      await runs.waitFor();
      return (await demoRun.count()) ? demoRun.first().innerText() : '';
    }, 240_000).toContain('已完成');
    await screenshot(page, 'medfund-warnings-01-runs');
  }, 300_000);

  it('shows the screening rules, a finding\'s evidence and the provider risk', async () => {
    await page.goto(`${baseUrl()}/medfund/rules`);
    await poll(() => page.getByTestId('medfund-rules').innerText()).toContain('医保与工伤重复报销');
    await screenshot(page, 'medfund-warnings-02-rules');
    await page.goto(`${baseUrl()}/medfund/findings`);
    const findings = page.getByTestId('medfund-findings');
    await poll(() => findings.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByTestId('filter-rule').click();
    await page.locator('.ant-select-item-option', { hasText: '医保与工伤重复报销' }).click();
    await poll(() => findings.innerText()).toContain('医保与工伤重复报销');
    await findings.locator('tbody tr.ant-table-row').first().click();
    const drawer = page.getByTestId('finding-evidence');
    await poll(() => drawer.innerText()).toContain('费用明细');
    await screenshot(page, 'medfund-warnings-03-evidence');
    await page.keyboard.press('Escape');
    await page.goto(`${baseUrl()}/medfund/risk`);
    await poll(() => page.getByTestId('medfund-risk').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);
    await page.waitForTimeout(600);
    await screenshot(page, 'medfund-warnings-04-risk');
  });

  it('lists the warnings, red first, and opens a red warning of duplicate reimbursement', async () => {
    await page.goto(`${baseUrl()}/medfund/warnings`);
    const list = page.getByTestId('medfund-warnings');
    await poll(() => list.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await poll(() => list.locator('tbody tr.ant-table-row').first().innerText()).toContain('红色');
    await page.waitForTimeout(600);
    await screenshot(page, 'medfund-warnings-05-list');
    await page.getByTestId('warnings-filter-level').click();
    await page.locator('.ant-select-item-option', { hasText: '红色' }).click();
    const row = list.locator('tbody tr.ant-table-row', { hasText: 'WI_DUPLICATE' }).first();
    await row.waitFor();
    await row.click();
    await page.waitForURL(/\/medfund\/warnings\/\d+$/);
    warningUrl = page.url();
    await poll(() => page.getByTestId('warning-findings').innerText()).toContain('医保与工伤重复报销');
    const history = page.getByTestId('warning-history');
    expect(await history.innerText()).toContain('生成红色预警');
    expect(await history.innerText()).toContain('已通知纪检监察组');
    expect(await page.getByTestId('warning-summary').innerText()).toMatch(/\*{6,}/);
    await screenshot(page, 'medfund-warnings-06-red-warning');
  });

  it('closing needs a reason; with one, the history shows who and why', async () => {
    await page.getByTestId('warning-close').click();
    await page.getByTestId('warning-action-ok').click();
    await poll(() => page.getByRole('dialog').innerText()).toContain('请说明处置理由');
    await page.getByTestId('warning-reason').fill('经医保部门核实，追回违规费用，已办结');
    await page.getByTestId('warning-action-ok').click();
    await poll(() => page.getByTestId('warning-status').innerText()).toBe('已办结');
    await poll(() => page.getByTestId('warning-history').innerText()).toContain('经医保部门核实');
    await screenshot(page, 'medfund-warnings-07-closed');
  });

  it('the roll-up rules editor refuses a value out of range, naming it', async () => {
    await page.goto(`${baseUrl()}/medfund/warning-rules`);
    const days = page.getByTestId('person-red-withinDays').locator('xpath=self::input | .//input').first();
    await days.waitFor();
    await days.fill('400');
    await page.getByTestId('warning-rules-note').fill('试调');
    await page.getByTestId('warning-rules-save').click();
    await poll(() => page.locator('.ant-alert').first().innerText()).toContain('天数窗口');
    await screenshot(page, 'medfund-warnings-08-rules-editor');
  });

  it('the discipline inspection group sees red warnings only, and how this one was handled', async () => {
    const jj = await newPage(journey.browser);
    await login(jj, 'mf_jijian');
    await jj.goto(`${baseUrl()}/medfund/warnings`);
    const list = jj.getByTestId('medfund-warnings');
    await poll(() => list.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const text = await list.innerText();
    expect(text).not.toContain('橙色');
    expect(text).not.toContain('黄色');
    expect(await jj.getByText('纪检监察组：红色预警及其处置情况').count()).toBe(1);
    await screenshot(jj, 'medfund-warnings-09-oversight-list');
    await jj.goto(warningUrl);
    await poll(() => jj.getByTestId('warning-status').innerText()).toBe('已办结');
    expect(await jj.getByTestId('warning-history').innerText()).toContain('经医保部门核实');
    expect(await jj.getByTestId('warning-close').count()).toBe(0);
    await screenshot(jj, 'medfund-warnings-10-oversight-detail');
  });
});
