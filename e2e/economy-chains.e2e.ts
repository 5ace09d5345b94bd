import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, journeyOnOwnServer, login, newPage, screenshot } from './browser';

/**
 * The investment promotion officer (issue 9, chains and projects): opens the economy dashboard,
 * the 集成电路 chain with its gaps, the project filling the packaging gap, ticks a milestone and
 * moves the project a stage forward — the missing required milestone is warned and the change is
 * recorded with the officer's reason. Runs on its own county: the project's stage changes for good.
 */
let page: Page;
const journey = journeyOnOwnServer();

describe('an investment officer reads a chain\'s gaps and moves the project that fills one', () => {
  it('opens the dashboard', async () => {
    page = await newPage(journey.browser);
    await login(page, 'eco_invest');
    await page.goto(`${baseUrl()}/economy/dashboard`);
    await page.getByTestId('economy-revenue').waitFor();
    await expect.poll(() => page.getByTestId('economy-revenue').innerText()).toContain('同口径增速');
  });

  it('opens the 集成电路 chain: the map, and its gaps with the projects filling them', async () => {
    await page.goto(`${baseUrl()}/economy/chains`);
    await page.getByTestId('chain-switch').getByText('集成电路').click();
    await page.getByTestId('chain-tree').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('chain-gaps').innerText()).toContain('封装测试');
    const gap = page.getByTestId('gap-封装测试');
    expect(await gap.innerText()).toContain('缺链');
    expect(await gap.innerText()).toContain('先进封装测试基地');
    expect(await page.getByTestId('chain-table').innerText()).toContain('芯片设计');
    await screenshot(page, 'economy-chains-01-map');
    await gap.getByRole('link', { name: '先进封装测试基地' }).click();
  });

  it('opens the project and moves it a stage forward, confirming the milestone it skips with a reason', async () => {
    await page.getByTestId('project-detail').waitFor();
    await expect.poll(() => page.getByTestId('project-stage').innerText()).toBe('供地');
    await page.getByTestId('milestone-done-规划设计方案批复').click();
    // done: the row shows who ticked it
    await expect.poll(() => page.getByTestId('project-milestones').getByRole('row', { name: /规划设计方案批复/ }).innerText()).toContain('孙招商');
    await page.getByTestId('stage-advance').click();
    await page.getByTestId('stage-reason').waitFor();
    const warning = page.getByRole('dialog');
    expect(await warning.innerText()).toContain('施工许可证');
    expect(await warning.innerText()).not.toContain('规划设计方案批复');
    await screenshot(page, 'economy-chains-02-warning');
    await page.getByTestId('stage-reason').fill('施工许可证已受理，承诺开工后 10 日内取得');
    await page.locator('#stage-confirm').click();
    await expect.poll(() => page.getByTestId('project-stage').innerText()).toBe('开工');
    await expect.poll(() => page.getByText('跳过节点：供地：施工许可证').count()).toBeGreaterThan(0);
    await screenshot(page, 'economy-chains-03-moved');
  });

  it('the board shows the project under its new stage', async () => {
    await page.goto(`${baseUrl()}/economy/projects`);
    await page.getByTestId('project-board').waitFor();
    expect(await page.getByTestId('board-construction').innerText()).toContain('先进封装测试基地');
    await screenshot(page, 'economy-chains-04-board');
  });

  it('the map shows the projects where they are, coloured by stage; a click on one opens it', async () => {
    await page.getByRole('tab', { name: '项目地图' }).click();
    const area = page.getByTestId('project-map-area');
    await area.locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('project-map-unlocated').innerText()).toContain('细胞治疗中试平台');
    await page.waitForTimeout(800); // the scatter's entry animation
    await screenshot(page, 'economy-chains-05-map');
    // the point of 先进封装测试基地: its location through the chart's bounds and margins onto the canvas
    const map = await page.evaluate(async () => (await fetch('/api/economy/projects/map')).json()) as { projects: { id: string; name: string; location: { lat: number; lng: number } }[] };
    const target = map.projects.find((p) => p.name === '先进封装测试基地')!;
    const b = JSON.parse((await area.getAttribute('data-bounds'))!) as { minLat: number; maxLat: number; minLng: number; maxLng: number; left: number; right: number; top: number; bottom: number };
    const box = (await area.getByTestId('project-map').boundingBox())!;
    const x = box.x + b.left + ((target.location.lng - b.minLng) / (b.maxLng - b.minLng)) * (box.width - b.left - b.right);
    const y = box.y + b.top + ((b.maxLat - target.location.lat) / (b.maxLat - b.minLat)) * (box.height - b.top - b.bottom);
    await page.mouse.move(x, y);
    await page.waitForTimeout(400); // the tooltip
    await screenshot(page, 'economy-chains-06-map-tooltip');
    await page.mouse.click(x, y);
    await page.waitForURL(`**/economy/projects/${target.id}`);
    await page.getByTestId('project-detail').waitFor();
  });
});
