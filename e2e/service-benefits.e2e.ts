import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * 惠企政策直达 / 免申即享 through the UI (issue 6): the policy officer opens the demo's draft
 * 免申即享 policy (2026 年度“小升规”工业企业培育奖励), publishes it (matched and the eligible
 * enterprises told in the background), generates the grant list, takes one enterprise off it with
 * a reason, confirms it; 中双元 (eligible: above-scale, C40 instruments, founded 2016) sees the
 * grant on its benefits page and confirms its intent with its bank account and a contact.
 * Publishing and confirming are one-way: this journey runs on a county of its own.
 */
let officer: Page;
let ent: Page;
const POLICY = '2026 年度“小升规”工业企业培育奖励';

const journey = journeyOnOwnServer();

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const okInModal = (page: Page) => page.locator('.ant-modal-confirm .ant-btn-primary, .ant-modal-confirm-btns .ant-btn-primary').last().click();

describe('a 免申即享 policy, end to end', () => {
  it('the officer publishes the draft policy; it is matched and the eligible are told', async () => {
    officer = await newPage(journey.browser);
    await login(officer, 'benefits');
    await officer.goto(`${baseUrl()}/service/benefits/policies`);
    await officer.getByTestId('policy-link').filter({ hasText: POLICY }).first().click();
    await officer.getByTestId('policy-criteria').waitFor();
    expect(await officer.getByTestId('policy-status').innerText()).toBe('草稿');
    await officer.getByTestId('policy-publish').click();
    await okInModal(officer);
    await poll(() => officer.getByTestId('policy-status').innerText()).toBe('已发布');
    await poll(() => officer.getByTestId('matching-state').innerText()).toContain('匹配于');
    const eligible = Number(await officer.getByTestId('count-eligible').locator('.ant-statistic-content-value').innerText());
    expect(eligible).toBeGreaterThan(1);
    await screenshot(officer, 'benefits-policy-published');
  });

  it('the office reviews the generated grant list and confirms it', async () => {
    await officer.getByTestId('tab-grant').click();
    await officer.getByTestId('grant-generate').click();
    await poll(() => officer.getByTestId('grant-status').innerText()).toContain('审核中');
    // take one enterprise (not 中双元) off the list, with a reason
    const row = officer.getByTestId('grant-table').locator('tr.ant-table-row').filter({ hasNotText: '中双元' }).first();
    await row.getByTestId('grant-exclude').click();
    await officer.getByTestId('grant-exclude-reason').fill('该企业已享受同类奖励，不重复兑现');
    await officer.locator('.ant-modal:visible .ant-btn-primary').click();
    await poll(() => officer.getByTestId('grant-table').innerText()).toContain('该企业已享受同类奖励');
    await screenshot(officer, 'benefits-grant-review');
    await officer.getByTestId('grant-confirm').click();
    await okInModal(officer);
    // the status under review also says 确认后…: wait for the confirmer's name
    await poll(() => officer.getByTestId('grant-status').innerText()).toContain('林晓');
    await screenshot(officer, 'benefits-grant-confirmed');
  });

  it('the enterprise sees the grant and only confirms its intent', async () => {
    ent = await newPage(journey.browser);
    await login(ent, 'ent_zsy');
    await ent.goto(`${baseUrl()}/service/benefits/mine`);
    const row = ent.getByTestId('grants-table').locator('tr.ant-table-row').filter({ hasText: POLICY });
    await poll(() => row.getByTestId('grant-intent').innerText()).toBe('待确认');
    await row.getByTestId('intent-give').click();
    await ent.getByTestId('intent-bankName').fill('杭州银行余杭科技支行');
    await ent.getByTestId('intent-bankAccountName').fill('中双元（杭州）科技有限公司');
    await ent.getByTestId('intent-bankAccountNo').fill('33010198765432100');
    await ent.getByTestId('intent-contactName').fill('王会计');
    await ent.getByTestId('intent-contactPhone').fill('13900002222');
    await screenshot(ent, 'benefits-intent-form');
    await ent.locator('.ant-modal:visible .ant-btn-primary').click();
    await poll(() => row.getByTestId('grant-intent').innerText()).toBe('已确认领取');
    expect(await row.innerText()).toContain('2100'); // the account, masked but for its last digits
    expect(await ent.getByTestId('benefits-view').innerText()).toContain('可享受的政策');
    await screenshot(ent, 'benefits-mine');
  });

  it('the officer sees it on the grant list and in the enterprise file', async () => {
    await officer.reload();
    await officer.getByTestId('tab-grant').click();
    await poll(() => officer.getByTestId('grant-summary').innerText()).toMatch(/已确认领取 1 家/);
  });
});
