import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';
import { tinyPng } from '../apps/server/src/db/seed/sample-files';

/**
 * 亲企办 in the browser: the hotline operator records a call; the dispatcher accepts and dispatches
 * it; the unit returns it with a reason; it is re-dispatched, signed, answered and resolved by the
 * right unit; the operator follows up (satisfied) and closes it. The timeline shows every step;
 * the enterprise sees its own request and not another enterprise's. An office admin adds a unit
 * and a routing rule, and a new request is routed by it.
 */
let browser: Browser;
let requestUrl = '';
const TITLE = `新生产线用电增容 ${Date.now() % 100_000}`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());


async function as(username: string): Promise<Page> {
  const page = await newPage(browser);
  await login(page, username);
  return page;
}

/** Picks an option of an antd Select after typing into it. */
async function pick(page: Page, testId: string, typed: string, option: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Opens the request, runs one action through its modal, waits for the new status. */
async function act(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.goto(requestUrl);
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor({ state: 'attached' });
  if (fill) await fill();
  await page.getByTestId('action-submit').click();
  await expect.poll(() => page.getByTestId('detail-status').innerText()).toBe(status);
}

/** The handling unit that answers the journey's request, as the dashboard names it by unit. */
const UNIT = '良渚街道办事处/经济发展科';
const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
type RateName = (typeof RATES)[number];
interface Fraction { numerator: number; denominator: number }
/** The three rates as the API counts them this month, in total and for the unit (to compute what the page should show). */
let before: { total: Record<RateName, Fraction>; unit: Record<RateName, Fraction> };

const pct = (f: Fraction) => (f.denominator === 0 ? '—' : `${((f.numerator / f.denominator) * 100).toFixed(1)}%`);

/** What the leader sees on the 三率看板 (this month, by unit): each rate's card value and fraction, and the unit's row. */
async function dashboard(page: Page) {
  const row = page.getByTestId('metrics-table').locator('tbody tr.ant-table-row', { hasText: UNIT });
  await row.waitFor();
  const cells = row.locator('td');
  const read = async (r: RateName, column: number) => ({
    card: /\d+(\.\d)?%|—/.exec(await page.getByTestId(`metrics-${r}`).innerText())?.[0], // the card: its title, then the rate
    fraction: (await page.getByTestId(`metrics-${r}-fraction`).innerText()).trim(),
    unit: (await cells.nth(column).innerText()).trim().split(/\s/)[0]!, // "92.3% #2": the rate, then its rank
  });
  return { responseRate: await read('responseRate', 2), resolutionRate: await read('resolutionRate', 3), satisfactionRate: await read('satisfactionRate', 4) };
}

/** The same figures from the API, for the leader signed in on `page`. */
async function apiRates(page: Page) {
  return page.evaluate(async ({ unit, rates }) => {
    const body = (await (await fetch('/api/service/metrics?period=this_month&groupBy=unit')).json()) as {
      total: Record<string, { numerator: number; denominator: number }>;
      groups: { name: string; figures: Record<string, { numerator: number; denominator: number }> }[];
    };
    const group = body.groups.find((g) => g.name === unit)!;
    const pick = (f: Record<string, { numerator: number; denominator: number }>) =>
      Object.fromEntries(rates.map((r) => [r, { numerator: f[r]!.numerator, denominator: f[r]!.denominator }]));
    return { total: pick(body.total), unit: pick(group.figures) } as { total: Record<RateName, Fraction>; unit: Record<RateName, Fraction> };
  }, { unit: UNIT, rates: [...RATES] });
}

async function openDashboard() {
  const page = await as('service_leader');
  await page.goto(`${baseUrl()}/service/metrics`);
  await expect.poll(() => page.getByTestId('metrics-group').locator('.ant-segmented-item-selected').innerText()).toBe('按承办单位');
  return page;
}

describe('亲企办 journey', () => {
  it('the hotline operator records a call: enterprise by name, the category suggested from the text', async () => {
    const page = await as('hotline');
    await page.getByTestId('side-menu').getByText('亲企办').click();
    await expect.poll(() => page.getByTestId('side-menu').innerText()).toContain('诉求登记');
    await page.goto(`${baseUrl()}/service/requests/new`);
    await pick(page, 'request-enterprise', '中双元', '中双元（杭州）科技有限公司');
    await page.getByTestId('request-title').fill(TITLE);
    await page.getByTestId('request-description').fill('新上一条生产线，变压器容量不够，需要申请用电增容，请帮忙协调供电部门。');
    await expect.poll(() => page.getByTestId('request-suggestion').innerText()).toContain('用电');
    await page.getByTestId('request-use-suggestion').click();
    await page.getByTestId('request-contact-name').fill('王经理');
    await page.getByTestId('request-contact-phone').fill('13912345678');
    await screenshot(page, 'service-record-call');
    await page.getByTestId('request-submit').click();
    await page.waitForURL(/\/service\/requests\/[0-9a-f-]{36}$/);
    requestUrl = page.url();
    expect(await page.getByTestId('detail-status').innerText()).toBe('待受理');
    await page.context().close();
  });

  it('the dispatcher accepts it and dispatches it to a unit, which returns it with a reason', async () => {
    const dispatcher = await as('dispatcher');
    await dispatcher.goto(`${baseUrl()}/service/requests`);
    await dispatcher.getByTestId('request-table').waitFor();
    await expect.poll(() => dispatcher.getByTestId('request-link').count()).toBeGreaterThan(5);
    await screenshot(dispatcher, 'service-list');
    await act(dispatcher, 'accept', '已受理');
    await act(dispatcher, 'dispatch', '已交办', () => pick(dispatcher, 'action-lead-unit', '规划建设科', '良渚街道办事处 / 规划建设科'));

    const wrongUnit = await as('unit_lz_plan');
    await wrongUnit.goto(requestUrl);
    // A return needs its reason: the form says so before the server would.
    await wrongUnit.getByTestId('action-return').click();
    await wrongUnit.getByTestId('action-submit').click();
    await expect.poll(() => wrongUnit.getByTestId('action-form-return').innerText()).toContain('请填写退单原因');
    await wrongUnit.getByText('不属于职责').click();
    await wrongUnit.getByTestId('action-note').fill('用电增容不属于规划建设科职责，建议交办经济发展科。');
    await wrongUnit.getByTestId('action-submit').click();
    await expect.poll(() => wrongUnit.getByTestId('detail-status').innerText()).toBe('已退单');
    await wrongUnit.context().close();

    // Re-dispatch naming the unit's service agent: the select lists the unit's agents with their open load.
    await act(dispatcher, 'dispatch', '已交办', async () => {
      await pick(dispatcher, 'action-lead-unit', '经济发展科', '良渚街道办事处 / 经济发展科');
      await dispatcher.getByTestId('action-agent').click();
      const option = dispatcher.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '沈佳' }).first();
      await expect.poll(() => option.innerText()).toMatch(/在办 \d+ 件/);
      await option.click();
      await screenshot(dispatcher, 'service-dispatch-modal');
    });
    expect(await dispatcher.getByTestId('detail-info').innerText()).toContain('助企服务员 沈佳');
    await screenshot(dispatcher, 'service-detail-dispatched');
    await dispatcher.context().close();
  });

  it('the enterprise attaches a photo online; the unit it is dispatched to sees it', async () => {
    const ent = await as('ent_zsy');
    await ent.goto(requestUrl);
    await ent.getByTestId('detail-attachments').waitFor();
    await ent.getByTestId('detail-attachments').locator('input[type=file]').setInputFiles({ name: '配电房现状.png', mimeType: 'image/png', buffer: tinyPng(320, 200, [200, 120, 30]) });
    await expect.poll(() => ent.getByTestId('attachment-item').count()).toBe(1);
    expect(await ent.getByTestId('attachment-item').innerText()).toContain('配电房现状.png');
    await screenshot(ent, 'service-enterprise-attachment');
    await ent.context().close();

    const unit = await as('unit_lz');
    await unit.goto(requestUrl);
    await expect.poll(() => unit.getByTestId('attachment-item').count()).toBe(1);
    expect(await unit.getByTestId('attachment-item').innerText()).toContain('企业');
    await unit.getByTestId('attachment-item').getByText('预览').click();
    const image = unit.getByTestId('attachment-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
    await screenshot(unit, 'service-unit-sees-attachment');
    await unit.context().close();
  });

  it('the leader notes the three rates of the month before the unit answers: in total and for the unit', async () => {
    const page = await openDashboard();
    before = await apiRates(page);
    // The page shows what the API counts: the leader's starting point.
    await expect.poll(async () => (await dashboard(page)).satisfactionRate.fraction).toMatch(/^\d+ \/ \d+$/);
    const seen = await dashboard(page);
    for (const r of RATES) {
      expect(seen[r].fraction, r).toBe(`${before.total[r].numerator} / ${before.total[r].denominator}`);
      expect(seen[r].card, r).toBe(pct(before.total[r]));
      expect(seen[r].unit, r).toBe(pct(before.unit[r]));
    }
    await screenshot(page, 'service-metrics-before');
    await page.context().close();
  });

  it('the right unit signs for it, answers and resolves it', async () => {
    const unit = await as('unit_lz');
    await act(unit, 'sign', '已签收');
    await act(unit, 'respond', '已回应', () => unit.getByTestId('action-content').fill('已联系供电所，客户经理明天上门勘查。'));
    await act(unit, 'resolve', '已办结', () => unit.getByTestId('action-summary').fill('供电部门已完成增容方案并安排施工。'));
    await unit.context().close();
  });

  it('the operator follows up (satisfied) and closes it; the timeline shows every step', async () => {
    const page = await as('hotline');
    await act(page, 'follow_up', '已回访', () => page.getByText('满意', { exact: true }).click());

    // The rates change on the dashboard: the request was answered in time (响应率), followed up as
    // solved (解决率: the form's default) and satisfied (满意率), each one more in the numerator and
    // the denominator, in the month's total and for the unit that resolved it (RATES.md).
    const leader = await openDashboard();
    const plusOne = (f: Fraction): Fraction => ({ numerator: f.numerator + 1, denominator: f.denominator + 1 });
    await expect.poll(async () => (await dashboard(leader)).satisfactionRate.fraction)
      .toBe(`${before.total.satisfactionRate.numerator + 1} / ${before.total.satisfactionRate.denominator + 1}`);
    const seen = await dashboard(leader);
    for (const r of RATES) {
      const total = plusOne(before.total[r]);
      expect(seen[r].fraction, r).toBe(`${total.numerator} / ${total.denominator}`);
      expect(seen[r].card, r).toBe(pct(total));
      expect(seen[r].unit, `${UNIT} ${r}`).toBe(pct(plusOne(before.unit[r])));
    }
    await screenshot(leader, 'service-metrics-after');
    await leader.context().close();

    await act(page, 'close', '已关闭');
    const timeline = page.getByTestId('detail-timeline');
    for (const type of ['submitted', 'accepted', 'returned', 'signed', 'responded', 'resolved', 'followed_up', 'closed']) {
      expect(await timeline.getByTestId(`event-${type}`).count(), type).toBeGreaterThan(0);
    }
    expect(await timeline.getByTestId('event-dispatched').count()).toBe(2);
    expect(await timeline.innerText()).toContain('不属于职责');
    expect(await page.getByTestId('detail-steps').innerText()).toContain('按时');
    await screenshot(page, 'service-detail-closed');
    await page.context().close();
  });

  it('the enterprise sees its own request, and not another enterprise’s', async () => {
    const office = await as('service_leader');
    const other = await office.evaluate(async () => {
      const res = await fetch('/api/service/requests?pageSize=50');
      const body = (await res.json()) as { items: { id: string; enterpriseName: string }[] };
      return body.items.find((r) => !r.enterpriseName.startsWith('中双元'))!.id;
    });
    await office.context().close();

    const ent = await as('ent_zsy');
    await ent.getByTestId('side-menu').getByText('亲企办').click();
    await expect.poll(() => ent.getByTestId('side-menu').innerText()).toContain('我的诉求');
    await ent.goto(`${baseUrl()}/service/requests?q=${encodeURIComponent(TITLE)}`);
    await expect.poll(() => ent.getByTestId('request-link').count()).toBe(1);
    await ent.goto(`${baseUrl()}/service/requests`);
    await expect.poll(() => ent.getByTestId('request-link').count()).toBeGreaterThan(0);
    await screenshot(ent, 'service-enterprise-list');
    await ent.goto(requestUrl);
    await expect.poll(() => ent.getByTestId('detail-status').innerText()).toBe('已关闭');
    expect(await ent.getByTestId('detail-timeline').getByTestId('event-returned').count()).toBe(0); // internal to the office
    await ent.goto(`${baseUrl()}/service/requests/${other}`);
    await ent.getByTestId('page-404').waitFor();
    await ent.context().close();
  });

  it('the enterprise file has a 诉求 tab for the office', async () => {
    const page = await as('dispatcher');
    await page.goto(`${baseUrl()}/enterprises?q=${encodeURIComponent('中双元')}`);
    await page.getByText('中双元（杭州）科技有限公司').first().click();
    await page.getByRole('tab', { name: '诉求' }).click();
    await expect.poll(() => page.getByTestId('enterprise-requests').getByTestId('request-link').count()).toBeGreaterThan(0);
    await screenshot(page, 'service-enterprise-file-tab');
    await page.context().close();
  });

  it('the operator finds a caller by phone; the park file has a 诉求 tab; the dispatcher sets the service levels', async () => {
    const hotline = await as('hotline');
    await hotline.goto(`${baseUrl()}/service/requests/new`);
    await hotline.getByTestId('phone-lookup').locator('input').fill('13900000000');
    await hotline.getByTestId('phone-lookup').getByRole('button').click();
    await hotline.getByTestId('phone-lookup-none').waitFor();
    await screenshot(hotline, 'service-phone-lookup');
    await hotline.context().close();

    const admin = await as('service_leader');
    await admin.goto(`${baseUrl()}/parks`);
    await admin.getByTestId('park-table').locator('a[href^="/parks/"]').first().click();
    await admin.getByTestId('park-tab-service').click();
    await admin.getByTestId('park-requests').waitFor();
    await expect.poll(() => admin.getByTestId('park-responseRate').innerText()).toMatch(/%|—/);
    await screenshot(admin, 'service-park-file-tab');
    await admin.context().close();

    const dispatcher = await as('dispatcher');
    await dispatcher.goto(`${baseUrl()}/service/settings/service-levels`);
    await dispatcher.getByTestId('policy-effect-note').waitFor();
    expect(await dispatcher.getByTestId('policy-effect-note').innerText()).toContain('保存之后开始的办理环节');
    await expect.poll(() => dispatcher.getByTestId('policy-defaults').locator('tbody tr.ant-table-row').count()).toBe(5);
    await screenshot(dispatcher, 'service-levels-settings');
    await dispatcher.context().close();
  });

  it('the enterprise rates its own resolved request online (回访 online); dissatisfied sends it back', async () => {
    const ent = await as('ent_zsy');
    await ent.goto(`${baseUrl()}/service/requests/new`);
    await ent.getByTestId('request-title').fill(`园区道路积水 ${Date.now() % 100_000}`);
    await ent.getByTestId('request-description').fill('厂区门口道路每逢下雨积水，影响货车进出，请协调处理。');
    await ent.getByTestId('request-contact-name').fill('王经理');
    await ent.getByTestId('request-contact-phone').fill('13912345678');
    await ent.getByTestId('request-submit').click();
    await ent.waitForURL(/\/service\/requests\/[0-9a-f-]{36}$/);
    requestUrl = ent.url();

    const dispatcher = await as('dispatcher');
    await act(dispatcher, 'accept', '已受理', async () => {
      await dispatcher.getByTestId('action-category').click();
      await dispatcher.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    });
    await act(dispatcher, 'dispatch', '已交办', () => pick(dispatcher, 'action-lead-unit', '经济发展科', '良渚街道办事处 / 经济发展科'));
    await dispatcher.context().close();
    const unit = await as('unit_lz');
    await act(unit, 'sign', '已签收');
    await act(unit, 'resolve', '已办结', () => unit.getByTestId('action-summary').fill('已协调城管部门疏通排水管道。'));
    await unit.context().close();

    await ent.goto(requestUrl);
    await ent.getByTestId('detail-rate-invite').waitFor();
    expect(await ent.getByTestId('action-follow_up').innerText()).toContain('评价');
    await ent.getByTestId('action-follow_up').click();
    await ent.getByTestId('action-form-follow_up').waitFor({ state: 'attached' });
    await ent.getByText('不满意', { exact: true }).click();
    await ent.getByText('未解决', { exact: true }).click();
    await ent.getByTestId('action-note').fill('雨天仍有积水');
    await screenshot(ent, 'service-enterprise-rating');
    await ent.getByTestId('action-submit').click();
    await expect.poll(() => ent.getByTestId('detail-status').innerText()).toBe('已受理'); // reopened
    expect(await ent.getByTestId('detail-timeline').innerText()).toContain('雨天仍有积水');
    await ent.context().close();
  }, 180_000); // four people's steps: 60–90 s at load 15

  it('an office admin adds a unit and a routing rule; a new request is routed by it', async () => {
    const suffix = Date.now() % 100_000;
    const UNIT = `危化品安全专班${suffix}`;
    const KEYWORD = `危化品仓储${suffix}`;
    // 系统管理 → 组织机构: the platform administrator adds a department; every department and section is a handling unit.
    const admin = await as('admin');
    await admin.goto(`${baseUrl()}/admin/departments`);
    await admin.getByTestId('department-create').click();
    await admin.getByTestId('department-name').fill(UNIT);
    await admin.getByTestId('department-save').click();
    await expect.poll(() => admin.getByTestId('department-table').innerText()).toContain(UNIT);
    await admin.context().close();

    // 承办单位: the dispatcher finds it switched on and has its agents picked by load.
    const dispatcher = await as('dispatcher');
    await dispatcher.goto(`${baseUrl()}/service/units`);
    await dispatcher.getByTestId('units-table').getByTestId('unit-link').filter({ hasText: UNIT }).click();
    await expect.poll(() => dispatcher.getByTestId('unit-active').getAttribute('aria-checked')).toBe('true');
    await dispatcher.getByTestId('unit-strategy').getByText('在办最少者优先').click();
    await expect.poll(() => dispatcher.getByTestId('unit-strategy').locator('.ant-radio-wrapper-checked').innerText()).toContain('在办最少者优先');
    await screenshot(dispatcher, 'service-unit-settings');

    // 分办规则: a rule first in order — the keyword → the new unit.
    await dispatcher.goto(`${baseUrl()}/service/settings/routing-rules`);
    await dispatcher.getByTestId('rules-table').waitFor();
    await dispatcher.getByTestId('rule-create').click();
    await dispatcher.getByTestId('rule-name').fill('危化品仓储');
    await dispatcher.getByTestId('rule-keywords').click();
    await dispatcher.keyboard.type(KEYWORD);
    await dispatcher.keyboard.press('Enter');
    await pick(dispatcher, 'rule-unit', UNIT, UNIT);
    await dispatcher.getByTestId('rule-position').fill('1');
    await screenshot(dispatcher, 'service-routing-rule-form');
    await dispatcher.getByTestId('rule-save').click();
    const first = dispatcher.getByTestId('rules-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => first.innerText()).toContain(UNIT);
    expect(await first.innerText()).toContain(KEYWORD);
    await screenshot(dispatcher, 'service-routing-rules');

    // A call mentioning the keyword: accepted, the dispatch form is prefilled with the new unit and says why.
    const hotline = await as('hotline');
    await hotline.goto(`${baseUrl()}/service/requests/new`);
    await pick(hotline, 'request-enterprise', '中双元', '中双元（杭州）科技有限公司');
    await hotline.getByTestId('request-title').fill(`${KEYWORD}备案咨询`);
    await hotline.getByTestId('request-description').fill(`新建${KEYWORD}仓库，想了解备案和安全评价需要准备哪些材料。`);
    await hotline.getByTestId('request-contact-name').fill('王经理');
    await hotline.getByTestId('request-contact-phone').fill('13912345678');
    await hotline.getByTestId('request-submit').click();
    await hotline.waitForURL(/\/service\/requests\/[0-9a-f-]{36}$/);
    requestUrl = hotline.url();
    await hotline.context().close();

    await act(dispatcher, 'accept', '已受理', async () => {
      await dispatcher.getByTestId('action-category').click();
      await dispatcher.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    });
    await act(dispatcher, 'dispatch', '已交办', async () => {
      await expect.poll(() => dispatcher.getByTestId('action-dispatch-suggestion').innerText()).toContain(UNIT);
      expect(await dispatcher.getByTestId('action-dispatch-suggestion').innerText()).toContain(KEYWORD);
      expect(await dispatcher.getByTestId('action-lead-unit').innerText()).toContain(UNIT);
      await screenshot(dispatcher, 'service-dispatch-by-rule');
    });
    expect(await dispatcher.getByTestId('detail-info').innerText()).toContain(UNIT);
    await dispatcher.context().close();
  }, 180_000); // three people, two settings pages and a request: 70 s and more at load 15

  it('the leader watches the three rates by unit, with the definitions and the overdue list', async () => {
    const page = await as('service_leader');
    await page.goto(`${baseUrl()}/service/metrics`);
    await page.getByTestId('metrics-chart').locator('canvas').waitFor();
    await expect.poll(() => page.getByTestId('metrics-responseRate').innerText()).toMatch(/\d+(\.\d)?%/);
    await expect.poll(() => page.getByTestId('metrics-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(1);
    // the definition behind a rate, in a tooltip
    await page.getByTestId('metrics-responseRate').hover();
    await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('响应率');
    await screenshot(page, 'service-metrics');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('metrics-export').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.context().close();
  });
});
