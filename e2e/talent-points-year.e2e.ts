import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';
import { tinyPng } from '../apps/server/src/db/seed/sample-files';

/**
 * A talent's points year on the demo county, through the UI, in the order it happens (issue 4):
 * 中双元's HR completes talent_demo's scored facts (title, utility patent, a county honour) with a
 * certificate → the talent office approves the claim in 审核队列 → recomputes the points (积分办法)
 * and the talent's points show the approved facts, now complete → the office takes the 2026 cycle
 * to public notice, and the notice (no login) lists the talent, masked, with those points → the
 * talent objects to an entry and the office upholds it with a correction → the office opens a
 * 2026 talent-apartment round → HR hands its tier's apartment unit to the talent → the talent
 * applies with ordered preferences → the office closes and runs the round → the talent sees the
 * result and why. This journey owns the demo's 2026 cycle (publishing is one-way).
 */
let hr: Page;
let office: Page;
let talent: Page;
let talentId = '';
let talentName = '';
let total = '';
let roundUrl = '';
const ROUND = '2026 年度人才公寓配租（第三批）';

// This journey publishes the 2026 cycle and completes talent_demo's facts, for good: it runs on a
// county of its own, so that it and the other journeys (talent.e2e.ts checks talent_demo's
// missing facts and publishes a new scheme version) pass in any order.
const journey = journeyOnOwnServer();

const inputOf = (l: Locator) => l.locator('xpath=self::input | .//input').first();
/** Officials' masking of a Chinese name in a notice: first and last character kept. */
const masked = (name: string) => (name.length <= 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`);

async function as(username: string): Promise<Page> {
  const page = await newPage(journey.browser);
  await login(page, username);
  return page;
}

async function pick(page: Page, target: Locator, typed: string, option: string) {
  await target.click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Clicks a round action and confirms it in the dialog. */
async function roundAction(page: Page, action: string) {
  await page.getByTestId(`round-${action}`).click();
  await page.getByTestId('round-action-confirm').click();
}

describe('a talent\'s points year, end to end', () => {
  it('HR completes the talent\'s scored facts: a claim 待审核 with a certificate', async () => {
    talent = await as('talent_demo');
    talentName = (await talent.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { displayName: string })).displayName;
    await talent.goto(`${baseUrl()}/talent/me`);
    await talent.waitForURL(/\/talent\/talents\/[0-9a-f-]{36}$/);
    talentId = talent.url().split('/').pop()!;
    // before: items without facts are not evaluated, so the talent is not complete
    await expect.poll(() => talent.getByTestId('score-summary').innerText()).toContain('未评分');

    hr = await as('ent_zsy');
    await hr.goto(`${baseUrl()}/talent/talents/${talentId}`);
    await hr.getByTestId('talent-facts').waitFor();
    await hr.goto(`${baseUrl()}/talent/talents/${talentId}/edit`);
    await hr.getByTestId('talent-claim-hint').waitFor();
    await pick(hr, hr.getByTestId('field-titleLevel'), '', '中级');
    await inputOf(hr.getByTestId('field-utilityPatents')).fill('1');
    await hr.getByTestId('field-honours-add').click();
    await pick(hr, hr.getByTestId('field-honours-level-0'), '', '县级');
    await hr.getByTestId('talent-save').click();
    await hr.waitForURL(new RegExp(`/talent/talents/${talentId}$`));
    await expect.poll(() => hr.getByTestId('pending-claim').innerText()).toContain('待审核');
    await hr.getByTestId('pending-claim-link').click();
    await hr.waitForURL(/\/talent\/claims\/[0-9a-f-]{36}$/);
    await hr.getByTestId('claim-changes').waitFor();
    await hr.locator('input[type=file]').setInputFiles({ name: '中级职称证书.png', mimeType: 'image/png', buffer: tinyPng(320, 200, [200, 60, 40]) });
    await expect.poll(() => hr.getByTestId('evidence-item').count()).toBe(1);
    expect(await hr.getByTestId('claim-changes').innerText()).toContain('中级');
    await screenshot(hr, 'year-01-hr-claim');
  });

  it('the office approves it in 审核队列 and recomputes; the talent\'s points show the facts', async () => {
    office = await as('talent_office');
    await office.goto(`${baseUrl()}/talent/claims`);
    const link = office.getByTestId('claim-link').filter({ hasText: talentName });
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await office.getByTestId('claim-evidence').locator('img').first().waitFor();
    await office.getByTestId('claim-approve').click();
    await office.getByTestId('claim-step-ok').click();
    await expect.poll(() => office.getByTestId('claim-status').innerText()).toBe('已通过');
    await screenshot(office, 'year-02-office-approved');

    // approved facts count from the next computation: the office recomputes under the version in effect
    await office.goto(`${baseUrl()}/talent/schemes`);
    await office.getByTestId('scheme-recompute-personal').click();
    await office.getByTestId('scheme-recompute-confirm-personal').click();
    await expect.poll(() => office.getByTestId('recompute-progress').getAttribute('data-status'), { timeout: 90_000 }).toBe('succeeded');
    await screenshot(office, 'year-03-recomputed');

    await talent.reload();
    const items = talent.getByTestId('score-items');
    await expect.poll(() => items.innerText()).toContain('中级');
    expect(await talent.getByTestId('score-summary').innerText()).not.toContain('未评分');
    expect(await items.innerText()).not.toContain('未评分');
    total = (await talent.getByTestId('score-total').innerText()).replace(/[^\d.]/g, '');
    expect(Number(total)).toBeGreaterThan(80);
    await screenshot(talent, 'year-04-talent-points');
  });

  it('the office takes the 2026 cycle to public notice step by step', async () => {
    await office.goto(`${baseUrl()}/talent/cycles`);
    await office.getByTestId('cycle-card').waitFor();
    expect(await office.getByTestId('side-menu').innerText()).toContain('年度周期');
    expect(await office.getByTestId('cycle-status').innerText()).toBe('企业申报中');
    await office.getByTestId('cycle-action-review').click();
    await office.getByTestId('cycle-confirm').click();
    await expect.poll(() => office.getByTestId('cycle-status').innerText()).toBe('审核中');
    await office.getByTestId('cycle-action-compute').click();
    await office.getByTestId('cycle-confirm').click();
    await expect.poll(() => office.getByTestId('cycle-status').innerText()).toBe('积分已计算');
    await office.getByTestId('cycle-action-publish').click();
    await office.getByTestId('cycle-confirm').click();
    await expect.poll(() => office.getByTestId('cycle-status').innerText()).toBe('公示中');
    expect(await office.getByTestId('cycle-notice').innerText()).toMatch(/个工作日/);
    await screenshot(office, 'year-05-cycle-notice');
  });

  it('the public notice needs no login, shows names masked and lists the talent with those points', async () => {
    const page = await newPage(journey.browser);
    await page.goto(`${baseUrl()}/talent-notice`);
    await page.getByTestId('notice-table').waitFor();
    expect(await page.getByTestId('notice-title').innerText()).toContain('2026');
    expect(await page.getByTestId('notice-status').innerText()).toBe('公示中');
    const names = await page.getByTestId('notice-name').allInnerTexts();
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(n).toContain('*');
    expect((await page.getByTestId('notice-table').innerText())).not.toContain(talentName);
    await inputOf(page.getByTestId('notice-search')).fill('中双元');
    await inputOf(page.getByTestId('notice-search')).press('Enter');
    const row = page.getByTestId('notice-table').locator('tbody tr', { has: page.getByTestId('notice-name').getByText(masked(talentName), { exact: true }) })
      .filter({ hasText: total });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    await screenshot(page, 'year-06-public-notice');
    await page.getByTestId('notice-list').getByText('企业积分与档次').click();
    await expect.poll(() => page.getByTestId('notice-table').innerText()).toContain('档');
    await page.context().close();
  });

  it('during the notice the talent objects to an entry; the office upholds it with a correction', async () => {
    await talent.goto(`${baseUrl()}/talent/objections`);
    await talent.getByTestId('objection-raise').click();
    // a click while the entries are still loading lands on the spinner: click until the entry is chosen
    const firstEntry = talent.getByTestId('objection-entries').locator('tbody tr.ant-table-row').first();
    await expect.poll(async () => { await firstEntry.click(); return talent.getByTestId('objection-submit').isEnabled(); }).toBe(true);
    await talent.getByTestId('objection-text').fill('该人才 2026 年取得的发明专利未计入积分，请复核。');
    await talent.getByTestId('objection-submit').click();
    await expect.poll(() => talent.getByTestId('objection-table').innerText()).toContain('待答复');
    expect(await talent.getByTestId('objection-entry').first().innerText()).toContain('*');
    await screenshot(talent, 'year-07-objection-raised');

    await office.goto(`${baseUrl()}/talent/objections`);
    await expect.poll(() => office.getByTestId('objection-table').innerText()).toContain('发明专利');
    await office.getByTestId('objection-answer').first().click();
    await office.getByTestId('answer-decision').getByText('采纳').click();
    await inputOf(office.getByTestId('answer-points')).fill('999');
    await office.getByTestId('answer-text').fill('经核实补计发明专利积分。');
    await office.getByTestId('answer-submit').click();
    await office.getByTestId('objection-filter').getByText('已采纳').click();
    await expect.poll(() => office.getByTestId('objection-table').innerText()).toContain('经核实补计发明专利积分');
    await screenshot(office, 'year-08-objection-answered');
    const page = await newPage(journey.browser);
    await page.goto(`${baseUrl()}/talent-notice`);
    await expect.poll(() => page.getByTestId('notice-table').innerText()).toContain('经异议更正');
    await page.context().close();
  });

  it('the tier board and the reports show the two years', async () => {
    await office.goto(`${baseUrl()}/talent/tiers?year=2026`);
    await office.getByTestId('tiers-summary').waitFor();
    expect(await office.getByTestId('tiers-summary').innerText()).toMatch(/升档 \d+ 家/);
    await screenshot(office, 'year-09-tiers');
    await office.goto(`${baseUrl()}/talent/reports?year=2026`);
    await office.getByTestId('report-growth').waitFor();
    expect(await office.getByTestId('report-growth').innerText()).toMatch(/%/);
  });

  it('the office opens a 2026 talent-apartment round with published places', async () => {
    await office.goto(`${baseUrl()}/talent/redemption/rounds`);
    await expect.poll(() => office.getByTestId('round-table').innerText()).toContain('2025 年度人才公寓配租');
    await office.getByTestId('round-create').click();
    await office.getByTestId('round-name').fill(ROUND);
    await pick(office, office.getByTestId('round-resource'), '公寓', '人才公寓');
    // above everyone's points: only the holders of an enterprise's unit may apply
    await inputOf(office.getByTestId('round-min-points')).fill('900');
    await office.getByTestId('round-save').click();
    await office.waitForURL(/\/talent\/redemption\/rounds\/[0-9a-f-]{36}$/);
    roundUrl = office.url();
    await office.getByTestId('round-status').filter({ hasText: '草稿' }).waitFor();
    // opening without places is refused with the server's reason
    await roundAction(office, 'open');
    await expect.poll(() => office.getByTestId('error-alert').innerText()).toContain('尚未发布名额');
    await office.getByTestId('option-add').click();
    await office.getByTestId('option-name-0').fill('良渚人才公寓 B 幢');
    await office.getByTestId('option-add').click();
    await office.getByTestId('option-name-1').fill('仓前青年人才驿站');
    await office.getByTestId('options-save').click();
    await expect.poll(() => office.locator('.ant-message').innerText()).toContain('名额已发布');
    await roundAction(office, 'open');
    await office.getByTestId('round-status').filter({ hasText: '申报中' }).waitFor();
    await expect.poll(() => office.getByTestId('seed-commitment').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(office, 'year-10-round-open');
  });

  it('HR hands its tier\'s apartment unit to the talent and sees it in the ledger', async () => {
    await hr.goto(`${baseUrl()}/talent/redemption/handovers`);
    const row = hr.getByTestId('handover-quota-table').locator('tr', { hasText: '人才公寓' });
    await expect.poll(async () => Number(await row.getByTestId('quota-left').innerText())).toBeGreaterThan(0);
    const left = Number(await row.getByTestId('quota-left').innerText());
    await row.getByTestId('handover-give').click();
    await pick(hr, hr.getByTestId('handover-talent'), talentName, talentName);
    await hr.getByTestId('handover-note').fill('年度积分完善，配租人才公寓');
    await hr.getByTestId('handover-ok').click();
    await expect.poll(() => hr.getByTestId('handover-ledger').innerText()).toContain('年度积分完善，配租人才公寓');
    await expect.poll(() => row.getByTestId('quota-left').innerText()).toBe(String(left - 1));
    await screenshot(hr, 'year-11-hr-handover');
  });

  it('the talent sees the round, eligible by the unit, and applies with ordered preferences', async () => {
    await talent.goto(`${baseUrl()}/talent/redemption`);
    const card = talent.locator(`[data-testid="open-round"][data-round="${ROUND}"]`);
    await expect.poll(() => card.getByTestId('eligibility').getAttribute('data-eligible')).toBe('true');
    expect(await card.getByTestId('eligibility-reason').innerText()).toContain('持有本企业调剂的配额');
    await card.getByTestId('apply-open').click();
    const add = talent.getByTestId('apply-add');
    await add.first().click(); // 良渚
    await add.first().click(); // 仓前
    await talent.getByTestId('apply-down-0').click(); // 仓前 first
    await expect.poll(() => talent.getByTestId('apply-chosen').innerText()).toMatch(/1\. 仓前青年人才驿站[\s\S]*2\. 良渚人才公寓 B 幢/);
    await screenshot(talent, 'year-12-talent-apply');
    await talent.getByTestId('apply-submit').click();
    await expect.poll(() => card.innerText()).toContain('已申请');
    expect(await card.innerText()).toContain('1. 仓前青年人才驿站');
  });

  it('the office closes and runs the round; a finalize during its notice is refused', async () => {
    await office.goto(roundUrl);
    await roundAction(office, 'close');
    await office.getByTestId('round-status').filter({ hasText: '已截止' }).waitFor();
    await roundAction(office, 'allocate');
    await office.getByTestId('round-status').filter({ hasText: '已分配' }).waitFor();
    await expect.poll(() => office.getByTestId('result-table').innerText()).toContain('仓前青年人才驿站');
    expect(await office.getByTestId('seed-value').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await office.getByTestId('fill-chart').waitFor();
    await roundAction(office, 'finalize');
    await expect.poll(() => office.getByTestId('error-alert').innerText()).toContain('公示期');
    await screenshot(office, 'year-13-round-result');
  });

  it('the talent sees the allocation result and why', async () => {
    await talent.goto(`${baseUrl()}/talent/redemption`);
    const row = talent.getByTestId('my-applications').locator('tr', { hasText: ROUND });
    await expect.poll(() => row.getByTestId('my-result').innerText()).toBe('仓前青年人才驿站');
    await row.getByTestId('my-application-link').click();
    await expect.poll(() => talent.getByTestId('application-result').innerText()).toContain('获得第 1 志愿：仓前青年人才驿站');
    expect(await talent.getByTestId('application-why').innerText()).toContain('排名第 1/1 位');
    await screenshot(talent, 'year-14-talent-result');
    for (const p of [talent, hr, office]) await p.context().close();
  });
});
