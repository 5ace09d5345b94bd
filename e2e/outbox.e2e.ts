import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * 消息发送记录 (issue 4's SMS and e-mail): the administrator sees the demo's outbound messages with
 * recipients masked, filters the failed one, sends it again and watches it go out (the server's
 * delivery job, log-only adapter); the counts by status follow. Then a user turns SMS off under the
 * bell. Retrying changes the demo for good: this journey runs on a county of its own.
 */
let page: Page;

const journey = journeyOnOwnServer();
beforeAll(async () => {
  page = await newPage(journey.browser);
  await login(page, 'admin');
});

describe('outbound messages', () => {
  it('lists the messages masked, retries the failed one, and it is sent', async () => {
    await page.goto(`${baseUrl()}/admin/outbox`);
    await expect.poll(() => page.getByTestId('outbox-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const text = await page.getByTestId('outbox-table').innerText();
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/); // phones as 138****5678
    expect(text).not.toMatch(/1\d{10}/); // never a whole number
    await expect.poll(() => page.getByTestId('outbox-counts').innerText()).toMatch(/发送失败\s*1/);
    await screenshot(page, '24-admin-outbox');

    await page.getByTestId('outbox-counts').getByText('发送失败').click();
    await expect.poll(() => page.getByTestId('outbox-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    const retry = page.locator('[data-testid^="outbox-retry-"]').first();
    const id = (await retry.getAttribute('data-testid'))!.replace('outbox-retry-', '');
    await screenshot(page, '25-admin-outbox-failed');
    await retry.click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(`消息 #${id} 已重新排队发送`).waitFor();
    // The delivery job sends it within a second or two; the list shows it sent.
    await page.getByTestId('outbox-counts').getByText('发送失败').click(); // filter off
    await expect.poll(async () => {
      await page.reload();
      return page.getByTestId(`outbox-status-${id}`).innerText();
    }).toBe('已发送');
    await expect.poll(() => page.getByTestId('outbox-counts').innerText()).toMatch(/发送失败\s*0/);
    await screenshot(page, '26-admin-outbox-retried');
  });

  it('lets a user turn SMS off under the bell', async () => {
    const officer = await newPage(journey.browser);
    await login(officer, 'officer');
    await officer.getByTestId('notifications').click();
    const sms = officer.getByTestId('notification-channel-sms');
    await sms.waitFor();
    expect(await sms.getAttribute('aria-checked')).toBe('true');
    expect(await officer.getByTestId('notification-channels').innerText()).toMatch(/1\d{2}\*{4}\d{4}/);
    await sms.click();
    await officer.getByText('通知方式已保存').waitFor();
    expect(await sms.getAttribute('aria-checked')).toBe('false');
    await screenshot(officer, '27-notification-channels');
    await officer.context().close();
  });
});
