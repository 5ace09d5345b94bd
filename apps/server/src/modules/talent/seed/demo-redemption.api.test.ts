import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';

/**
 * The demo county's redemption (seed/demo-redemption.ts), as its users meet it on the first start:
 * the office's resources, quotas and two rounds (one final with its result, one open with
 * applications), the resource owners' rounds, 中双元's quotas and ledger, and talent_demo's open
 * round with eligibility and notices. Everything was made through the services, so the audit
 * trail and the notifications are there too.
 */
let t: TestApp;
let office: Client;
beforeAll(async () => {
  t = await createTestApp();
  office = await t.as('talent_office');
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body);
};

describe('the demo redemption', () => {
  it('has four resources owned by three bureaus and tier quotas for 2025 and 2026', async () => {
    const { items } = ok(await office.get('/api/talent/resources'));
    expect(items.map((r: { name: string }) => r.name).sort()).toEqual(['人才健康体检', '人才公寓', '人才疗休养', '子女入学学位'].sort());
    expect(new Set(items.map((r: { departmentName: string }) => r.departmentName)).size).toBe(3);
    for (const period of ['2025', '2026']) expect(ok(await office.get(`/api/talent/quotas?period=${period}`)).items.length).toBeGreaterThan(8);
  });

  it('has a final 2025 round with its result and a checkable seed, and an open 2026 round with applications', async () => {
    const { items } = ok(await office.get('/api/talent/rounds'));
    const finished = items.find((r: { period: string }) => r.period === '2025');
    const open = items.find((r: { period: string }) => r.period === '2026');
    expect(finished).toMatchObject({ status: 'final', applications: 23 });
    expect(finished.placed).toBeGreaterThan(10);
    expect(finished.placed).toBeLessThanOrEqual(finished.capacity);
    expect(createHash('sha256').update(finished.seed).digest('hex')).toBe(finished.seedCommitment);
    const result = ok(await office.get(`/api/talent/rounds/${finished.id}/results`));
    expect(result.items).toHaveLength(23);
    expect(result.items[0]).toMatchObject({ rank: 1, priorityClass: 0 }); // the quota holder first
    for (const o of result.round.options) expect(o.filled).toBeLessThanOrEqual(o.capacity);
    expect(open).toMatchObject({ status: 'open', applications: 13, seed: null });
    expect(open.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(open.opensAt)).toBeLessThan(Date.now());
    expect(Date.parse(open.closesAt)).toBeGreaterThan(Date.now() + 20 * 86_400_000);
  });

  it('shows each resource owner the rounds of its own bureau', async () => {
    const housing = ok(await (await t.as('res_housing')).get('/api/talent/rounds')).items;
    expect(housing.map((r: { period: string }) => r.period)).toEqual(['2025']);
    const edu = ok(await (await t.as('res_edu')).get('/api/talent/rounds')).items;
    expect(edu.map((r: { period: string }) => r.period)).toEqual(['2026']);
    expect(ok(await (await t.as('res_health')).get('/api/talent/rounds')).items).toEqual([]);
  });

  it('gives 中双元 its quotas, used and left, and a ledger', async () => {
    const hr = await t.as('ent_zsy');
    const zsy = (await t.deps.db.selectFrom('users').select('enterprise_id').where('username', '=', 'ent_zsy').executeTakeFirstOrThrow()).enterprise_id!;
    const q = ok(await hr.get(`/api/talent/enterprises/${zsy}/quotas?period=2026`));
    expect(q.tier).not.toBeNull();
    const school = q.quotas.find((x: { resourceName: string }) => x.resourceName === '子女入学学位');
    expect(school).toMatchObject({ used: 2 });
    const ledger = ok(await hr.get(`/api/talent/enterprises/${zsy}/handovers`)).items;
    expect(ledger.length).toBe(6);
    expect(ledger.filter((h: { status: string }) => h.status === 'used')).toHaveLength(1); // the 2025 apartment, placed
  });

  it('lets talent_demo see the open round, eligible by the unit HR handed over, with the notices that told them', async () => {
    const self = await t.as('talent_demo');
    const { items } = ok(await self.get('/api/talent/my/rounds'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ applicationId: null, eligibility: { eligible: true, holdsQuota: true } });
    const titles = ok(await self.get('/api/notifications')).map((n: { title: string }) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['您获得一个“子女入学学位”配额', '“2026 年度人才子女入学（秋季学位）”开始申报']));
  });

  it('gave the applicants logins that see their own applications and results', async () => {
    const rc01 = await t.as('rc01');
    const mine = ok(await rc01.get('/api/talent/my/applications')).items;
    expect(mine.length).toBeGreaterThan(0);
    const final = mine.find((a: { roundStatus: string }) => a.roundStatus === 'final');
    expect(final.result.why.zh).toMatch(/排名第 \d+\/23 位/);
  });
});
