import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { REQUEST_STATUSES } from '../domain';

/**
 * The demo county's 亲企办 requests (seed/demo-service.ts) as the office meets them on the first
 * start (issue 5: "several months of requests in every state, so the dashboards are alive"): the
 * request list has requests in every status of the lifecycle, and the 三率看板 by month shows
 * several calendar months, each with requests and rates to show.
 */
let t: TestApp;
let leader: Client;
beforeAll(async () => {
  t = await createTestApp();
  leader = await t.as('service_leader');
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body);
};

describe('the demo requests', () => {
  it('are in every status of the lifecycle, as the request list filters them', async () => {
    const found: Record<string, number> = {};
    for (const status of REQUEST_STATUSES) {
      const page = ok(await leader.get(`/api/service/requests?status=${status}&pageSize=5`));
      found[status] = page.total;
      for (const r of page.items) expect(r.status).toBe(status);
    }
    // Every status, by name: a state missing from the demo shows as a 0 here.
    expect(Object.entries(found).filter(([, n]) => n === 0).map(([s]) => s), JSON.stringify(found)).toEqual([]);
    // The list without a filter holds exactly these.
    const all = ok(await leader.get('/api/service/requests?pageSize=1')).total;
    expect(Object.values(found).reduce((a, b) => a + b, 0)).toBe(all);
  });

  it('span several calendar months, each alive on the dashboard by month', async () => {
    const oldest = ok(await leader.get('/api/service/requests?pageSize=1&sort=submittedAt&order=asc')).items[0];
    const newest = ok(await leader.get('/api/service/requests?pageSize=1&sort=submittedAt&order=desc')).items[0];
    const month = (at: string) => new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 7); // Asia/Shanghai
    const [y0, m0] = month(oldest.submittedAt).split('-').map(Number) as [number, number];
    const [y1, m1] = month(newest.submittedAt).split('-').map(Number) as [number, number];
    expect((y1 - y0) * 12 + (m1 - m0) + 1).toBeGreaterThanOrEqual(3);

    const report = ok(await leader.get('/api/service/metrics?period=all&groupBy=month'));
    const months = report.groups.filter((g: { figures: { requests: number } }) => g.figures.requests > 0);
    expect(months.map((g: { key: string }) => g.key)).toContain(month(newest.submittedAt));
    expect(months.map((g: { key: string }) => g.key)).toContain(month(oldest.submittedAt));
    // Every full month before the current one has requests answered and followed up: the three rates have values.
    const past = months.filter((g: { key: string }) => g.key < month(newest.submittedAt) && g.key > month(oldest.submittedAt));
    expect(past.length).toBeGreaterThanOrEqual(1);
    for (const g of past) {
      expect(g.figures.requests, g.key).toBeGreaterThan(20);
      expect(g.figures.responseRate.denominator, g.key).toBeGreaterThan(0);
      expect(g.figures.satisfactionRate.denominator, g.key).toBeGreaterThan(0);
      expect(g.figures.resolutionRate.denominator, g.key).toBeGreaterThan(0);
    }
  });
});
