import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * The journey (医保基金监管 part 2), on a county of its own, every step on its page: an
 * analyst opens a case from a red warning, transfers the clue to 卫健局, the partner department
 * signs for it and records its action, the inspector of the area takes the case through the review
 * chain, confirms it and records a recovery; the discipline inspection group sees the warning
 * closed with the recovery, and the fund risk report and rule effectiveness show it.
 */
let analyst: Page;
const journey = journeyOnOwnServer();
const poll = <T>(fn: () => T | Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout });
let warningId = 0;
let caseId = 0;
let caseNumber = '';
let amountAtRiskFen = 0;
/** The total recovered on the recovery page (基金追回, all time) before the journey's recovery. */
let recoveryTotalBeforeFen = 0;
/** This month's recovered amount in the fund risk report before the journey's recovery (the demo's cases recovered some this month too). */
let recoveredBeforeFen = 0;
const thisMonth = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Confirms the open dialog and waits for it to close. */
async function okDialog(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await poll(() => page.getByRole('dialog').count(), 20_000).toBe(0);
}

/** Closes an open select's dropdown inside the dialog (Escape could close the dialog itself). */
async function closeDropdown(page: Page) {
  await page.getByRole('dialog').locator('.ant-modal-title').click();
}

/** A call to the API as the page's signed-in user (checks behind the pages). */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const me = await page.request.get(`${baseUrl()}/api/auth/me`);
  const { csrfToken } = await me.json() as { csrfToken: string };
  const res = method === 'GET'
    ? await page.request.get(`${baseUrl()}${path}`)
    : await page.request.post(`${baseUrl()}${path}`, { data: body ?? {}, headers: { 'x-csrf-token': csrfToken } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** The recovery page's total (元), as shown. */
const recoveryTotal = (page: Page) => page.getByTestId('recovery-total').locator('.ant-statistic-content-value').innerText();

beforeAll(async () => {
  analyst = await newPage(journey.browser);
  analyst.on('pageerror', (e) => console.error(`page error (mf_analyst): ${e.message}`));
  await login(analyst, 'mf_analyst');
}, 420_000); // its own county's first start: minutes on a loaded machine

describe('medfund cases journey: from a red warning to the recovery in the report', () => {
  it('the demo\'s first start screens the year, rolls up warnings and opens the demo\'s cases', async () => {
    await analyst.goto(`${baseUrl()}/medfund/warnings?level=red&status=open`);
    const list = analyst.getByTestId('medfund-warnings');
    await poll(async () => {
      await analyst.reload();
      await list.waitFor();
      return list.locator('tbody tr.ant-table-row').count();
    }, 360_000).toBeGreaterThan(0);
    // the screening run's end hands over to the demo cases, then their glue to the warnings: the
    // journey chooses its warning once the demo is complete, not while its cases are being opened
    await poll(async () => {
      const handled = await Promise.all(['in_case', 'closed'].map((s) => call<{ total: number }>(analyst, 'GET', `/api/medfund/warnings?status=${s}&pageSize=1`)));
      return handled[0]!.total + handled[1]!.total;
    }, 300_000).toBeGreaterThan(0);
    await analyst.reload();
    await list.waitFor();
    await screenshot(analyst, 'medfund-cases-01-red-warnings');
  }, 700_000);

  it('the analyst opens a case from an open red warning; the warning is now in a case', async () => {
    // an open red warning of one provider (so one inspector's area holds it) none of whose findings sits in an open case
    const red = await call<{ items: { id: number; providers: string[] }[] }>(analyst, 'GET', '/api/medfund/warnings?level=red&status=open&pageSize=100');
    const ordered = red.items.filter((w) => w.providers.length === 1);
    for (const w of ordered) {
      const mine = new Set((await call<{ findings: { id: number }[] }>(analyst, 'GET', `/api/medfund/warnings/${w.id}`)).findings.map((f) => f.id));
      let clash = false;
      for (const p of w.providers) {
        const cases = await call<{ items: { id: number; stage: string }[] }>(analyst, 'GET', `/api/medfund/cases?provider=${encodeURIComponent(p)}&pageSize=200`);
        for (const c of cases.items.filter((x) => x.stage !== 'closed')) {
          const detail = await call<{ findings: { id: number }[] }>(analyst, 'GET', `/api/medfund/cases/${c.id}`);
          if (detail.findings.some((f) => mine.has(f.id))) clash = true;
        }
      }
      if (!clash) { warningId = w.id; break; }
    }
    expect(warningId).toBeGreaterThan(0);
    await analyst.goto(`${baseUrl()}/medfund/warnings/${warningId}`);
    await poll(() => analyst.getByTestId('warning-status').innerText()).toBe('待处置');
    await analyst.getByTestId('warning-open-case').click();
    const title = analyst.getByTestId('open-case-title');
    await title.fill('');
    await analyst.getByTestId('open-case-ok').click();
    await poll(() => analyst.getByRole('dialog').innerText()).toContain('请填写案件名称');
    await title.fill('红色预警立案：重复报销核查');
    await analyst.getByTestId('open-case-ok').click();
    // the case's id from the warning's handling (the success message may be gone on a slow machine)
    await poll(() => call<{ handling: { caseId: number } | null }>(analyst, 'GET', `/api/medfund/warnings/${warningId}`).then((w) => w.handling?.caseId ?? 0)).toBeGreaterThan(0);
    caseId = (await call<{ handling: { caseId: number } }>(analyst, 'GET', `/api/medfund/warnings/${warningId}`)).handling.caseId;
    await poll(() => analyst.getByTestId('warning-status').innerText()).toBe('已立案');
    await poll(() => analyst.getByTestId('warning-handling').innerText()).toContain('初审');
    await poll(() => analyst.getByTestId('warning-history').innerText()).toContain('立案：案件');
    const c = await call<{ number: string; amountAtRiskFen: number; warningId: number }>(analyst, 'GET', `/api/medfund/cases/${caseId}`);
    expect(c.warningId).toBe(warningId);
    // the case's money at risk is the warning's: a settlement two rules flag counts once in both (issue 8's money rule)
    const opened = await call<{ amountFen: number }>(analyst, 'GET', `/api/medfund/warnings/${warningId}`);
    expect(c.amountAtRiskFen).toBe(opened.amountFen);
    caseNumber = c.number;
    amountAtRiskFen = c.amountAtRiskFen;
    recoveredBeforeFen = (await call<{ supervision: { recovery: { recoveredFen: number } } }>(analyst, 'GET', `/api/medfund/reports/periodic?period=${thisMonth()}`)).supervision.recovery.recoveredFen;
    await screenshot(analyst, 'medfund-cases-02-case-opened');
  });

  it('the analyst transfers the clue to 卫健局; the partner signs for it and records its action', async () => {
    await analyst.goto(`${baseUrl()}/medfund/cases/${caseId}`);
    await poll(() => analyst.getByTestId('case-summary').innerText()).toContain(yuan(amountAtRiskFen));
    await analyst.getByTestId('case-transfer').click();
    await analyst.getByTestId('transfer-departments').click();
    await analyst.keyboard.type('卫生健康');
    await analyst.locator('.ant-select-item-option', { hasText: '余杭区卫生健康局' }).first().click();
    await closeDropdown(analyst);
    await okDialog(analyst);
    await poll(() => analyst.getByTestId('case-transfers').innerText()).toContain('余杭区卫生健康局');
    await screenshot(analyst, 'medfund-cases-03-transferred');

    const partner = await newPage(journey.browser);
    await login(partner, 'mf_wjw');
    await partner.goto(`${baseUrl()}/medfund/inbox`);
    const row = partner.getByTestId('medfund-inbox').locator('tbody tr.ant-table-row', { hasText: caseNumber });
    await row.waitFor();
    await row.click();
    await partner.getByTestId('inbox-receive').click();
    await poll(() => partner.getByTestId('inbox-receive').count()).toBe(0);
    await partner.getByTestId('inbox-action').fill('约谈医院医务科，调取病历核查');
    await partner.getByTestId('inbox-action-save').click();
    await poll(() => partner.locator('body').innerText()).toContain('约谈医院医务科');
    await partner.getByTestId('inbox-report').fill('诊疗记录与结算不符，存在重复收费');
    await partner.getByTestId('inbox-report-save').click();
    await poll(() => call<{ transfers: { reportedAt: string | null }[] }>(analyst, 'GET', `/api/medfund/cases/${caseId}`).then((c) => c.transfers[0]?.reportedAt ?? null)).not.toBeNull();
    // the form stays filled in: a later report replaces this one, and the page says so
    await poll(() => partner.getByTestId('inbox-report-save').innerText()).toContain('更新反馈');
    expect(await partner.getByTestId('inbox-reported').innerText()).toContain('再次提交将替换');
    await screenshot(partner, 'medfund-cases-04-partner-action');
    // a partner department sees only what was transferred to it
    const other = await newPage(journey.browser);
    await login(other, 'mf_gaj');
    const inbox = await call<unknown>(other, 'GET', '/api/medfund/inbox?pageSize=200');
    expect(JSON.stringify(inbox)).not.toContain(caseNumber);
    expect((await other.request.get(`${baseUrl()}/api/medfund/cases/${caseId}`)).status()).toBe(403);
    await partner.close();
    await other.close();
  });

  it('the inspector of the area takes the case through the review chain, confirms it and records a recovery', async () => {
    // the recovery page's total before: the page shows what the totals say
    recoveryTotalBeforeFen = (await call<{ totalRecoveredFen: number }>(analyst, 'GET', '/api/medfund/recovery/totals')).totalRecoveredFen;
    await analyst.goto(`${baseUrl()}/medfund/recovery`);
    await poll(() => recoveryTotal(analyst)).toBe(yuan(recoveryTotalBeforeFen));
    const c = await call<{ ownerName: string }>(analyst, 'GET', `/api/medfund/cases/${caseId}`);
    const inspector = await newPage(journey.browser);
    await login(inspector, c.ownerName.includes('周倩') ? 'mf_inspector2' : 'mf_inspector');
    await inspector.goto(`${baseUrl()}/medfund/cases/${caseId}`);
    for (const action of ['pass_first_review', 'confirm_second_review']) {
      await inspector.getByTestId(`case-action-${action}`).click();
      await okDialog(inspector);
      await poll(() => inspector.getByTestId(`case-action-${action}`).count()).toBe(0);
    }
    // the provider was told and has 5 working days to appeal: the investigation starts once its appeal is on file
    await inspector.getByTestId('case-action-record_appeal').click();
    await inspector.getByTestId('appeal-statement').fill('医院申诉：部分收费有医嘱，申请调查核实');
    await okDialog(inspector);
    await poll(() => inspector.getByTestId('case-action-record_appeal').count()).toBe(0);
    await inspector.getByTestId('case-action-start_investigation').click();
    await okDialog(inspector);
    await poll(() => inspector.getByTestId('case-action-start_investigation').count()).toBe(0);
    await inspector.getByTestId('case-action-decide').click();
    await inspector.getByTestId('decision-basis').fill('重复报销，事实清楚，证据确凿');
    await inspector.getByRole('dialog').getByText('追回基金').click();
    await inspector.getByTestId('decision-recovery').fill((amountAtRiskFen / 100).toFixed(2));
    await okDialog(inspector);
    await poll(() => inspector.getByTestId('case-action-recover').count()).toBe(1);
    await inspector.getByTestId('case-action-recover').click();
    await inspector.getByTestId('recover-amount').fill((amountAtRiskFen / 100).toFixed(2));
    await okDialog(inspector);
    await poll(() => inspector.getByTestId('case-recovered').innerText()).toBe(yuan(amountAtRiskFen));
    await screenshot(inspector, 'medfund-cases-05-decided-recovered');
    await inspector.close();
  });

  it('the recovery page\'s total grew by the journey\'s recovery', async () => {
    await analyst.goto(`${baseUrl()}/medfund/recovery`);
    await poll(() => recoveryTotal(analyst)).toBe(yuan(recoveryTotalBeforeFen + amountAtRiskFen));
  });

  it('the discipline inspection group sees the red warning closed: confirmed, recovered', async () => {
    const jj = await newPage(journey.browser);
    await login(jj, 'mf_jijian');
    await jj.goto(`${baseUrl()}/medfund/warnings/${warningId}`);
    await poll(() => jj.getByTestId('warning-status').innerText()).toBe('已办结');
    const handling = jj.getByTestId('warning-handling');
    await poll(() => handling.innerText()).toContain('确认违规');
    expect(await handling.innerText()).toContain(caseNumber);
    expect(await handling.innerText()).toContain(yuan(amountAtRiskFen));
    expect(await jj.getByTestId('warning-history').innerText()).toContain(`案件 ${caseNumber} 办结：确认违规`);
    await screenshot(jj, 'medfund-cases-06-oversight-handled');
    await jj.goto(`${baseUrl()}/medfund/warnings`);
    await poll(() => jj.getByTestId('medfund-warnings').innerText()).toContain(caseNumber);
    await screenshot(jj, 'medfund-cases-07-oversight-list');
    await jj.close();
  });

  it('the fund risk report shows the case and the recovery this month; rule effectiveness counts the confirmation', async () => {
    const leader = await newPage(journey.browser);
    await login(leader, 'mf_viewer');
    await leader.goto(`${baseUrl()}/medfund/report`);
    const report = leader.getByTestId('medfund-report');
    await poll(() => report.innerText()).toContain('基金支付');
    await poll(() => leader.getByTestId('report-fund-trend').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(leader, 'medfund-cases-08-report-default');
    // this month: the case was opened and the money recovered today
    const month = thisMonth();
    await leader.getByTestId('report-period').click();
    await leader.keyboard.type(month);
    await leader.locator('.ant-select-item-option', { hasText: month }).first().click();
    const recovery = leader.getByTestId('report-recovery');
    await poll(() => recovery.innerText()).toContain(yuan(recoveredBeforeFen + amountAtRiskFen));
    await leader.waitForTimeout(800);
    await screenshot(leader, 'medfund-cases-09-report-month');
    await leader.goto(`${baseUrl()}/medfund/rule-effectiveness`);
    const table = leader.getByTestId('effectiveness-table');
    await poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);
    const e = await call<{ totals: { confirmed: number; recoveredFen: number } }>(leader, 'GET', '/api/medfund/reports/rule-effectiveness');
    expect(e.totals.confirmed).toBeGreaterThan(0);
    expect(e.totals.recoveredFen).toBeGreaterThanOrEqual(amountAtRiskFen);
    await leader.waitForTimeout(800);
    await screenshot(leader, 'medfund-cases-10-rule-effectiveness');
    await leader.close();
  });

  it('the head of inspection moves a provider from one inspector\'s area to another\'s', async () => {
    const lead = await newPage(journey.browser);
    await login(lead, 'mf_lead');
    type Area = { username: string; displayName: string; areaName: string; providers: { code: string; name: string }[] };
    const areas = (await call<{ items: Area[] }>(lead, 'GET', '/api/medfund/inspector-areas')).items;
    const from = areas.find((a) => a.username === 'mf_inspector2')!;
    const to = areas.find((a) => a.username === 'mf_inspector')!;
    const moved = from.providers.find((p) => p.code.startsWith('D'))!;
    const stays = from.providers.find((p) => p.code !== moved.code)!;
    await lead.goto(`${baseUrl()}/medfund/areas`);
    await poll(() => lead.getByTestId('area-providers-mf_inspector2').innerText()).toContain(moved.name);
    await screenshot(lead, 'medfund-cases-11-areas');

    const pick = async (name: string) => {
      await lead.getByTestId('area-providers').click();
      await lead.keyboard.type(name);
      return lead.locator('.ant-select-item-option', { hasText: name }).first();
    };
    // in 赵峰's area, a provider of 周倩's cannot be chosen: the choice says whose it is
    await lead.getByTestId('area-edit-mf_inspector').click();
    const taken = await pick(stays.name);
    await poll(() => taken.innerText()).toContain(from.displayName);
    expect(await taken.getAttribute('class')).toContain('ant-select-item-option-disabled');
    await screenshot(lead, 'medfund-cases-12-area-provider-taken');
    await closeDropdown(lead);
    await lead.getByRole('dialog').locator('.ant-modal-footer button').first().click();
    await poll(() => lead.getByRole('dialog').count()).toBe(0);

    // removed from 周倩's area …
    await lead.getByTestId('area-edit-mf_inspector2').click();
    await (await pick(moved.name)).click();
    await closeDropdown(lead);
    await poll(() => lead.getByTestId('area-count').innerText()).toContain(String(from.providers.length - 1));
    await okDialog(lead);
    await poll(() => lead.getByTestId('area-providers-mf_inspector2').innerText()).not.toContain(moved.name);
    // … and added to 赵峰's
    await lead.getByTestId('area-edit-mf_inspector').click();
    await (await pick(moved.name)).click();
    await closeDropdown(lead);
    await poll(() => lead.getByTestId('area-count').innerText()).toContain(String(to.providers.length + 1));
    await okDialog(lead);
    await poll(() => lead.getByTestId('area-providers-mf_inspector').innerText()).toContain(moved.name);
    await screenshot(lead, 'medfund-cases-13-area-moved');
    // others read the areas but may not change them
    const inspector = await newPage(journey.browser);
    await login(inspector, 'mf_inspector');
    await inspector.goto(`${baseUrl()}/medfund/areas`);
    await poll(() => inspector.getByTestId('area-providers-mf_inspector').innerText()).toContain(moved.name);
    expect(await inspector.getByTestId('area-edit-mf_inspector').count()).toBe(0);
    await inspector.close();
    await lead.close();
  });
});
