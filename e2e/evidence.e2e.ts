import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';
import { tinyPdf, tinyPng } from '../apps/server/src/db/seed/sample-files';

/**
 * Evidence and review in the browser: enterprise HR changes a talent's fact (a claim, 待审核),
 * uploads a certificate and is refused a program disguised as a PNG; the talent office finds the
 * claim in 审核队列, asks for more, HR answers and resubmits, the office approves; the fact is
 * then the talent's approved fact.
 */
let browser: Browser;
let hr: Page;
let office: Page;
let talentId = '';
let claimUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const inputOf = (l: Locator) => l.locator('xpath=self::input | .//input').first();

describe('evidence and review journey', () => {
  it('HR changes a fact: the file shows it 待审核 and the points count only approved facts', async () => {
    hr = await newPage(browser);
    await login(hr, 'ent_zsy');
    // a talent of the enterprise without an open claim
    talentId = await hr.evaluate(async () => {
      const page = await (await fetch('/api/talent/talents?pageSize=100&sort=name&order=asc')).json();
      for (const t of page.items) {
        const file = await (await fetch(`/api/talent/talents/${t.id}`)).json();
        if (!file.pendingClaim && !file.hasUser) return t.id as string;
      }
      return '';
    });
    expect(talentId).not.toBe('');
    await hr.goto(`${baseUrl()}/talent/claims`);
    await expect.poll(() => hr.getByTestId('side-menu').innerText()).toContain('积分申报');
    await hr.goto(`${baseUrl()}/talent/talents/${talentId}/edit`);
    await hr.getByTestId('talent-claim-hint').waitFor();
    await inputOf(hr.getByTestId('field-inventionPatents')).fill('6');
    await hr.getByTestId('talent-save').click();
    await hr.waitForURL(new RegExp(`/talent/talents/${talentId}$`));
    const pending = hr.getByTestId('pending-claim');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('待审核');
    expect(await pending.innerText()).toContain('积分只计已审核通过的积分事实');
    await screenshot(hr, 'evidence-01-talent-file-pending');
  });

  it('HR uploads a certificate for the fact; a program named .png is refused with its name', async () => {
    await hr.getByTestId('pending-claim-link').click();
    await hr.waitForURL(/\/talent\/claims\/[0-9a-f-]{36}$/);
    claimUrl = hr.url();
    await hr.getByTestId('claim-changes').waitFor();
    const input = hr.locator('input[type=file]');
    await input.setInputFiles({ name: '发明专利证书.png', mimeType: 'image/png', buffer: tinyPng(320, 200, [30, 120, 200]) });
    await expect.poll(() => hr.getByTestId('evidence-item').count()).toBe(1);
    await input.setInputFiles({ name: '专利清单.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Patent list') });
    await expect.poll(() => hr.getByTestId('evidence-item').count()).toBe(2);
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]) });
    await expect.poll(() => hr.locator('.ant-message').innerText()).toContain('photo.png');
    expect(await hr.getByTestId('evidence-item').count()).toBe(2);
    await screenshot(hr, 'evidence-02-claim-hr');
  });

  it('the office finds it in 审核队列 and asks for more; HR answers and resubmits', async () => {
    office = await newPage(browser);
    await login(office, 'talent_office');
    await office.goto(`${baseUrl()}/talent/claims`);
    await expect.poll(() => office.getByTestId('side-menu').innerText()).toContain('审核队列');
    await expect.poll(() => office.getByTestId('claim-link').count()).toBeGreaterThan(1);
    expect(await office.getByTestId('claim-status-filter').innerText()).toContain('办理中');
    await screenshot(office, 'evidence-03-review-queue');
    await office.goto(claimUrl);
    await office.getByTestId('claim-evidence').locator('img').first().waitFor();
    await office.getByTestId('claim-request-info').click();
    await office.getByTestId('claim-step-text').fill('请补充专利缴费凭证');
    await office.getByTestId('claim-step-ok').click();
    await expect.poll(() => office.getByTestId('claim-status').innerText()).toBe('待补充材料');

    await hr.reload();
    await hr.getByTestId('claim-asked').waitFor();
    expect(await hr.getByTestId('claim-asked').innerText()).toContain('请补充专利缴费凭证');
    await hr.locator('input[type=file]').setInputFiles({ name: '缴费凭证.png', mimeType: 'image/png', buffer: tinyPng(200, 120, [20, 160, 80]) });
    await expect.poll(() => hr.getByTestId('evidence-item').count()).toBe(3);
    await hr.getByTestId('claim-resubmit').click();
    await hr.getByTestId('claim-step-ok').click();
    await expect.poll(() => hr.getByTestId('claim-status').innerText()).toBe('已补充，待审核');
  });

  it('the office approves: the fact becomes the talent\'s approved fact', async () => {
    await office.reload();
    await office.getByTestId('claim-changes').waitFor();
    await screenshot(office, 'evidence-04-claim-office');
    await office.getByTestId('claim-approve').click();
    await office.getByTestId('claim-step-ok').click();
    await expect.poll(() => office.getByTestId('claim-status').innerText()).toBe('已通过');
    expect(await office.getByTestId('claim-timeline').innerText()).toContain('审核通过');
    await hr.goto(`${baseUrl()}/talent/talents/${talentId}`);
    await hr.getByTestId('talent-facts').waitFor();
    expect(await hr.getByTestId('pending-claim').count()).toBe(0);
    const facts = await hr.evaluate(async (id) => (await (await fetch(`/api/talent/talents/${id}`)).json()).facts, talentId);
    expect(facts.inventionPatents).toBe(6);
    await hr.context().close();
    await office.context().close();
  });
});
