import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/**
 * Talent points, part 1, in the browser: enterprise HR imports talents from Excel; the talent
 * office drafts a new personal scheme version, changes a value, runs a what-if and publishes it;
 * the talent sees their explained score under the new version; enterprise points for HR and office.
 */
let browser: Browser;
let office: Page;
let draftUrl = '';
const NEW_VERSION = '2026-example-2';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** expect.poll waits 1 s by default; a loaded machine (the whole suite, a build) needs longer. */

/** The <input> of an antd InputNumber / Input carrying a test id (on the input or its wrapper). */
const inputOf = (l: Locator) => l.locator('xpath=self::input | .//input').first();

describe('talent points journey', () => {
  it('enterprise HR imports talents from Excel: sees the bad row, imports the valid ones', async () => {
    const page = await newPage(browser);
    await login(page, 'ent_zsy');
    await page.goto(`${baseUrl()}/talent/import`);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(await talentWorkbook());
    await page.getByTestId('import-summary').waitFor();
    await expect.poll(() => page.getByTestId('import-error-table').innerText()).toContain('校验位');
    expect(await page.getByTestId('import-error-table').innerText()).toMatch(/\b3\b/); // the bad row is line 3
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-report').click()]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('import-only-valid').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-result').innerText()).toMatch(/2/);
    await page.goto(`${baseUrl()}/talent/talents?q=${encodeURIComponent('积分导入甲')}`);
    await expect.poll(() => page.getByTestId('talent-link').count()).toBe(1);
    await page.context().close();
  });

  it('the office drafts a new personal version from the published one; validation runs as it types', async () => {
    office = await newPage(browser);
    await login(office, 'talent_office');
    await office.goto(`${baseUrl()}/talent/schemes`);
    await office.getByTestId('scheme-table-personal').waitFor();
    const menu = await office.getByTestId('side-menu').innerText();
    expect(menu).toContain('积分办法');
    expect(menu).toContain('企业积分');
    await expect.poll(() => office.getByTestId('scheme-table-personal').innerText()).toContain('已发布');
    await office.getByTestId('scheme-new-draft-personal').click();
    expect(await office.getByTestId('new-draft-version').inputValue()).toBe(NEW_VERSION);
    await office.getByTestId('new-draft-ok').click();
    await office.waitForURL(/\/talent\/schemes\/[0-9a-f-]{36}$/);
    draftUrl = office.url();
    await office.getByTestId('scheme-form').waitFor();
    await office.getByTestId('scheme-valid').waitFor();

    // An invalid value: the problem is listed with its path and the field is marked.
    const totalCap = inputOf(office.getByTestId('scheme-field-totalCap'));
    await totalCap.fill('-5');
    await expect.poll(() => office.getByTestId('scheme-issues').innerText()).toContain('totalCap');
    expect(await office.getByTestId('scheme-save').isDisabled()).toBe(true);
    await totalCap.fill('200');
    await office.getByTestId('scheme-valid').waitFor();

    // The value that changes: a master's degree is worth 35 points instead of 30.
    const master = inputOf(office.getByTestId('scheme-field-items[0].rule.categories[4].points'));
    expect(await master.inputValue()).toBe('30');
    await master.fill('35');
    await office.getByTestId('scheme-dirty').waitFor();
    await office.getByTestId('scheme-valid').waitFor();
    // The raw text follows the form, comments kept.
    await office.getByTestId('scheme-tab-raw').click();
    const raw = await office.getByTestId('scheme-raw').inputValue();
    expect(raw).toContain('{ value: master, points: 35 }');
    expect(raw).toContain('# 天台县企业人才积分制');
    expect(raw).toContain(`version: ${NEW_VERSION}`);
    await office.getByTestId('scheme-save').click();
    await expect.poll(() => office.getByTestId('scheme-dirty').count()).toBe(0);

    await office.getByTestId('scheme-tab-diff').click();
    await expect.poll(() => office.getByTestId('scheme-diff').innerText()).toContain('items[id=education].rule.categories[value=master].points');
    expect(await office.getByTestId('scheme-diff').innerText()).toMatch(/30\s*→\s*35/);
    await screenshot(office, 'talent-20-scheme-diff');
    await office.getByTestId('scheme-tab-form').click();
    await screenshot(office, 'talent-21-scheme-editor');
  });

  it('runs a what-if and sees the counts, the chart and the rows', async () => {
    await office.getByTestId('scheme-what-if').click();
    await office.waitForURL(/\/talent\/what-if\/[0-9a-f-]{36}$/);
    await office.getByTestId('what-if-done').waitFor({ timeout: 60_000 });
    const gained = Number((await office.getByTestId('what-if-talent-gained').locator('.ant-statistic-content').innerText()).replace(/\D/g, ''));
    expect(gained).toBeGreaterThan(0);
    expect(await office.getByTestId('what-if-talent-lost').innerText()).toMatch(/\b0\b/);
    await office.getByTestId('what-if-chart').locator('canvas').waitFor();
    await expect.poll(() => office.getByTestId('what-if-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await office.getByTestId('what-if-table').innerText()).toContain('+5');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('what-if-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(office, 'talent-22-what-if');
  });

  it('publishes: the overlap with the version in effect is explained, then resolved by retiring it', async () => {
    await office.goto(draftUrl);
    await office.getByTestId('scheme-valid').waitFor();
    await office.getByTestId('scheme-publish').click();
    expect(await office.getByTestId('publish-period').innerText()).toContain('2026-01-01');
    await office.getByTestId('publish-confirm').click();
    await expect.poll(() => office.getByTestId('publish-error').innerText()).toContain('重叠');
    await office.getByTestId('publish-retire-overlap').click();
    await office.getByTestId('publish-confirm').click();
    await office.waitForURL(/\/talent\/schemes\?published=/);
    await expect.poll(() => office.getByTestId('recompute-progress').getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    const list = await office.getByTestId('scheme-table-personal').innerText();
    expect(list).toContain(NEW_VERSION);
    expect(list).toContain('已停用');
  });

  it('the talent sees their explained score under the new version, in Chinese and in English', async () => {
    const page = await newPage(browser);
    await login(page, 'talent_demo');
    await page.goto(`${baseUrl()}/talent/me`);
    await page.getByTestId('talent-score').waitFor();
    await expect.poll(() => page.getByTestId('score-version').innerText()).toContain(NEW_VERSION);
    const items = page.getByTestId('score-items');
    await expect.poll(() => items.innerText()).toContain('学历分');
    expect(await items.innerText()).toContain('35 分');
    // Items without facts are 未评分, never 0.
    expect(await items.innerText()).toContain('未评分');
    expect(await page.getByTestId('score-history').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'talent-23-explained-score');
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('locale-en-US').click();
    await expect.poll(() => items.innerText()).toContain('Education points');
    expect(await items.innerText()).toContain('Not evaluated');
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => items.innerText()).toContain('学历分');
    await page.context().close();
  });

  it('enterprise points: HR sees its own enterprise, the office the county distribution and ranking', async () => {
    const hr = await newPage(browser);
    await login(hr, 'ent_zsy');
    await hr.goto(`${baseUrl()}/talent/enterprise-points`);
    await hr.getByTestId('enterprise-points').waitFor();
    expect(await hr.getByTestId('enterprise-points-name').innerText()).toContain('中双元');
    await hr.getByTestId('tier-badge').first().waitFor();
    await expect.poll(() => hr.getByTestId('enterprise-points-talents').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await hr.getByTestId('evaluation-bonus-points').waitFor();
    await screenshot(hr, 'talent-24-enterprise-points');
    // HR enters the year's enterprise facts in a form built from the scheme's declarations
    const facts = hr.getByTestId('enterprise-facts-form');
    await facts.waitFor();
    await inputOf(hr.getByTestId('fact-recruitsSkilled')).fill('305');
    await inputOf(hr.getByTestId('fact-recruitsBachelorPlus')).fill('19');
    await hr.getByTestId('fact-platforms-add').click();
    await hr.getByTestId('fact-platforms').locator('.ant-select').last().click();
    await hr.locator('.ant-select-item-option', { hasText: '博士后工作站' }).click();
    await hr.getByTestId('enterprise-facts-save').click();
    // an enterprise's facts are a claim for the talent office to review (docs/talent/EVIDENCE.md)
    await expect.poll(async () => {
      const view = await hr.evaluate(async () => {
        const me = await (await fetch('/api/auth/me')).json();
        return (await fetch(`/api/talent/enterprise-facts/${me.scope.enterpriseId}`)).json();
      });
      return Object.fromEntries((view.pendingClaim?.changes ?? []).map((c: { fact: string; claimed: unknown }) => [c.fact, c.claimed]));
    }).toMatchObject({ recruitsBachelorPlus: 19, recruitsSkilled: 305, platforms: expect.arrayContaining([{ kind: 'postdoc_station' }]) });
    await hr.getByTestId('pending-claim').waitFor();
    await screenshot(hr, 'talent-24b-enterprise-facts');
    // Only its own enterprise: the ranking holds one row.
    const list = await hr.evaluate(async () => (await fetch('/api/talent/enterprise-scores?pageSize=100')).json());
    expect(list.total).toBe(1);
    await hr.context().close();

    await office.goto(`${baseUrl()}/talent/enterprise-points`);
    await office.getByTestId('chart-tiers').locator('canvas').waitFor();
    await office.getByTestId('chart-points-histogram').locator('canvas').waitFor();
    await expect.poll(() => office.getByTestId('enterprise-points-link').count()).toBeGreaterThan(1);
    await screenshot(office, 'talent-25-enterprise-points-office');
  });

  it('the office sees the evaluation bonus of every industrial enterprise and exports the record', async () => {
    await office.goto(`${baseUrl()}/talent/evaluation-bonus`);
    const rows = office.getByTestId('bonus-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await screenshot(office, 'talent-27-evaluation-bonus');
    const [file] = await Promise.all([office.waitForEvent('download'), office.getByTestId('bonus-export').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['企业名称', '人才加分', '说明', '加分办法', '企业积分办法']));
    expect(ws.rowCount).toBeGreaterThan(1);
  });

  it('the office lists talents by points band (from the histogram) and by item, and exports them', async () => {
    await office.goto(`${baseUrl()}/talent/points?minTotal=40&maxTotal=60`);
    const rows = office.getByTestId('talent-points-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const totals = async () => (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[2]?.textContent))));
    expect((await totals()).every((x) => x >= 40 && x < 60)).toBe(true);
    // an item: only talents with points in it, with a column for its points
    await office.getByTestId('points-filter-item').click();
    await office.locator('.ant-select-item-option', { hasText: '荣誉分' }).click();
    await expect.poll(() => office.getByTestId('talent-points-table').locator('thead').innerText()).toContain('荣誉分');
    await expect.poll(() => office.url()).toContain('item=honours');
    await screenshot(office, 'talent-26-points-list');
    const [file] = await Promise.all([office.waitForEvent('download'), office.getByTestId('points-export').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['姓名', '总分', '荣誉分']));
    const honours = (ws.getRow(1).values as unknown[]).indexOf('荣誉分');
    for (let r = 2; r <= ws.rowCount; r++) expect(Number(ws.getRow(r).getCell(honours).value)).toBeGreaterThan(0);
  });
});

/** GB 11643 check digit. */
function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return first17 + '10X98765432'[sum % 11];
}

async function talentWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人才');
  ws.addRow(['身份证号码', '姓名', '手机号码', '学历', '职称', '年薪（元）', '社保缴纳月数']);
  const serial = String(process.pid % 1000).padStart(3, '0');
  const good1 = withCheckDigit(`33102319900101${serial}`);
  const good2 = withCheckDigit(`33102319910202${serial}`);
  const bad = withCheckDigit(`33102319920303${serial}`);
  const badWrong = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');
  ws.addRow([good1, '积分导入甲', '13800001111', '硕士研究生', '中级', 180000, 24]);
  ws.addRow([badWrong, '积分导入坏行', '13800002222', '本科', '无', 90000, 12]);
  ws.addRow([good2, '积分导入乙', '13800003333', '本科', '初级', 120000, 36]);
  const file = `/tmp/zz-e2e-talents-${process.pid}.xlsx`;
  await wb.xlsx.writeFile(file);
  return file;
}
