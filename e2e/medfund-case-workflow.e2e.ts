import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser';

/**
 * 医保案件 in the browser: the head of inspection finds the demo cases in every stage and the
 * article's case recovered to the fen; the recovery page sums it; 卫健's officer sees only what was
 * transferred to 卫健 and reports a check; an inspector moves a case of its area along the chain.
 */
let browser: Browser;
const slow = { timeout: 240_000, interval: 2_000 };

async function as(username: string): Promise<Page> {
  const page = await newPage(browser);
  await login(page, username);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('medfund cases journey', () => {
  it('lists the demo cases in every stage, with the overdue one marked', async () => {
    const page = await as('mf_lead');
    // the demo cases are opened by a job once the demo year is loaded and screened
    await expect.poll(async () => {
      await page.goto(`${baseUrl()}/medfund/cases`);
      await page.getByTestId('medfund-cases').waitFor();
      await page.waitForTimeout(1_000);
      return page.getByTestId('medfund-cases').innerText();
    }, slow).toContain('调查核实');
    const text = await page.getByTestId('medfund-cases').innerText();
    for (const s of ['初审', '复审', '申诉', '已处理', '超期']) expect(text).toContain(s);
    await page.waitForTimeout(800);
    await screenshot(page, 'medfund-cases-01-list');

    // the article's case: duplicate reimbursement, 1,133.81 yuan recovered
    await page.getByTestId('medfund-cases').locator('tr', { hasText: '1,133.81' }).first().click();
    await expect.poll(() => page.getByTestId('case-recovered').innerText()).toContain('1,133.81');
    expect(await page.getByTestId('case-timeline').innerText()).toContain('追回款到账');
    expect(await page.getByTestId('case-transfers').innerText()).toContain('纪委监委派驻纪检监察组');
    await screenshot(page, 'medfund-cases-02-article-case');

    await page.goto(`${baseUrl()}/medfund/recovery`);
    await expect.poll(() => page.getByTestId('recovery-total').innerText()).toContain('1,133.81');
    await page.waitForTimeout(800);
    await screenshot(page, 'medfund-cases-03-recovery');
    await page.goto(`${baseUrl()}/medfund/partners`);
    await expect.poll(() => page.getByTestId('medfund-partners').innerText()).toContain('纪委监委派驻纪检监察组');
    await screenshot(page, 'medfund-cases-04-partners');
  });

  it('shows a partner department only its transfers, and takes its check', async () => {
    const page = await as('mf_wjw');
    await page.goto(`${baseUrl()}/medfund/inbox`);
    await expect.poll(() => page.getByTestId('medfund-inbox').innerText()).toContain('联合检查');
    expect(await page.getByTestId('medfund-inbox').innerText()).not.toContain('线索移交'); // 公安's and 纪检's are not 卫健's
    await screenshot(page, 'medfund-cases-05-inbox');
    await page.getByTestId('medfund-inbox').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('inbox-action').waitFor();
    await page.getByTestId('inbox-action').fill('复核医嘱 12 份');
    await page.getByTestId('inbox-action-save').click();
    await expect.poll(() => page.locator('.ant-card').first().innerText()).toContain('复核医嘱 12 份');
    await screenshot(page, 'medfund-cases-06-inbox-item');
  });

  it('lets an inspector move a case of its area along the chain', async () => {
    const page = await as('mf_inspector');
    await page.goto(`${baseUrl()}/medfund/cases?`);
    await page.getByTestId('medfund-cases').waitFor();
    await page.getByTestId('filter-stage').click();
    await page.locator('.ant-select-item-option', { hasText: '初审' }).click();
    await page.waitForTimeout(1_000);
    const rows = page.getByTestId('medfund-cases').locator('tbody tr.ant-table-row');
    const n = await rows.count();
    let moved = false;
    for (let i = 0; i < n && !moved; i++) {
      await rows.nth(i).click();
      await page.getByTestId('case-summary').waitFor();
      if (await page.getByTestId('case-action-pass_first_review').count()) {
        await page.getByTestId('case-action-pass_first_review').click();
        await page.getByTestId('case-dialog').locator('textarea').fill('疑点成立，转复审');
        await screenshot(page, 'medfund-cases-07-action');
        await page.getByRole('button', { name: /确\s*定|OK/ }).click();
        await expect.poll(() => page.getByTestId('case-timeline').innerText()).toContain('初审通过');
        moved = true;
      } else {
        await page.goBack();
        await page.getByTestId('medfund-cases').waitFor();
      }
    }
    expect(moved).toBe(true);
    await screenshot(page, 'medfund-cases-08-case-page');
  });
});
