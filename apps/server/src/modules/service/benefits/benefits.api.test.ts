import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { readEnterpriseFacts, recordPeriodicFacts } from '../../../core/enterprises/enterprise-facts';
import { rematchChanged } from './benefit-jobs';
import { compiledPolicyCounts } from './compiled-policies';
import { rematchEnterprises } from './matching';

let t: TestApp;
let officer: Client;
let ent: Client;
let unit: Client;
let admin: Client;
const ids = {} as Record<'zsy' | 'zsyPark' | 'policy' | 'gaoqi', string>;
const P = '/api/service/benefits';

const policyBody = (over: Record<string, unknown> = {}) => ({
  title: '测试：科创园高企免申即享奖励', issuer: '余杭区科学技术局', documentNumber: '测〔2026〕1号', interpretation: '测试政策解读',
  benefitAmountFen: 5_000_000, benefitDescription: '奖励 5 万元', autoGrant: true,
  criteria: { combine: 'all', items: [{ field: 'park', op: 'in', values: [ids.zsyPark] }, { field: 'highTech', op: 'is', value: true }] },
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  officer = await t.as('benefits');
  ent = await t.as('ent_zsy');
  unit = await t.as('unit_lz');
  const zsy = await t.deps.db.selectFrom('enterprises').select(['id', 'park_id']).where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow();
  ids.zsy = zsy.id;
  ids.zsyPark = zsy.park_id!;
  ids.gaoqi = (await t.deps.db.selectFrom('benefit_policies').select('id').where('title', '=', '国家高新技术企业认定奖励').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('access', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await t.anonymous.get(`${P}/policies`)).statusCode).toBe(401);
    expect((await t.anonymous.get(`${P}/mine`)).statusCode).toBe(401);
    expect((await ent.get(`${P}/policies`)).statusCode).toBe(403);
    expect((await ent.post(`${P}/policies`, policyBody())).statusCode).toBe(403);
    expect((await unit.get(`${P}/policies/${ids.gaoqi}`)).statusCode).toBe(403);
    expect((await unit.get(`${P}/mine`)).statusCode).toBe(403);
    expect((await ent.post(`${P}/policies/${ids.gaoqi}/grant-list/confirm`, { version: 1 })).statusCode).toBe(403);
    expect((await (await t.as('service_leader')).post(`${P}/policies`, policyBody())).statusCode).toBe(403);
  });
});

describe('the demo county', () => {
  it('has a dozen policies, matched on first start, two of them 免申即享', async () => {
    const res = await officer.get(`${P}/policies?pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.total).toBe(12);
    expect(list.items.filter((p: { autoGrant: boolean }) => p.autoGrant)).toHaveLength(2);
    const gaoqi = list.items.find((p: { id: string }) => p.id === ids.gaoqi);
    expect(gaoqi.counts.eligible).toBeGreaterThan(10);
    expect(gaoqi.counts.notified).toBe(gaoqi.counts.eligible);
  });
  it('explains per criterion, with the facts read and what is missing', async () => {
    const res = await officer.get(`${P}/policies/${ids.gaoqi}/enterprises/${ids.zsy}`);
    expect(res.statusCode, res.body).toBe(200);
    const x = res.json();
    expect(x.outcome).toBe('eligible');
    expect(x.criteria.map((c: { result: string; fact: unknown }) => [c.result, c.fact])).toEqual([['P', true], ['P', expect.any(Number)]]);
    // an enterprise sees its own explanation, not another's
    expect((await ent.get(`${P}/policies/${ids.gaoqi}/enterprises/${ids.zsy}`)).statusCode).toBe(200);
    const other = await t.deps.db.selectFrom('enterprises').select('id').where('id', '!=', ids.zsy).executeTakeFirstOrThrow();
    expect((await ent.get(`${P}/policies/${ids.gaoqi}/enterprises/${other.id}`)).statusCode).toBe(404);
  });
  it('the enterprise sees its eligible and nearly-eligible policies with what is missing, and its grant', async () => {
    const res = await ent.get(`${P}/mine`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine.eligible.map((p: { title: string }) => p.title)).toContain('国家高新技术企业认定奖励');
    expect(mine.nearly.every((p: { missing: string[]; failed: string[] }) => p.missing.length + p.failed.length > 0)).toBe(true);
    expect(mine.grants).toHaveLength(1);
    expect(mine.grants[0].intent).toBe('confirmed');
    expect(mine.receivedFen).toBe(200_000_00);
    // the 小升规 draft is nowhere to be seen by the enterprise
    const draft = await t.deps.db.selectFrom('benefit_policies').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    expect((await ent.get(`${P}/policies/${draft.id}`)).statusCode).toBe(404);
  });
});

describe('criteria refused with a clear 400', () => {
  it('names an unknown field', async () => {
    const res = await officer.post(`${P}/policies`, policyBody({ criteria: { combine: 'all', items: [{ field: 'profitFen', op: 'gte', value: 1 }] } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BENEFIT_CRITERIA_INVALID');
    expect(res.json().error.message).toContain('profitFen');
    expect(res.json().error.fields['criteria.items.0.field']).toContain('profitFen');
  });
  it('names an impossible value, an unknown park and a bad street', async () => {
    const res = await officer.post(`${P}/policies`, policyBody({
      criteria: { combine: 'all', items: [
        { field: 'ageYears', op: 'gte', value: -2 },
        { field: 'park', op: 'in', values: ['00000000-0000-0000-0000-000000000001'] },
        { field: 'street', op: 'in', values: ['330110999'] },
      ] },
    }));
    expect(res.statusCode).toBe(400);
    const f = res.json().error.fields;
    expect(Object.keys(f)).toEqual(['criteria.items.0.value']);
    const res2 = await officer.post(`${P}/policies`, policyBody({
      criteria: { combine: 'all', items: [{ field: 'park', op: 'in', values: ['00000000-0000-0000-0000-000000000001'] }, { field: 'street', op: 'in', values: ['330110999'] }] },
    }));
    expect(res2.statusCode).toBe(400);
    expect(Object.keys(res2.json().error.fields).sort()).toEqual(['criteria.items.0.values', 'criteria.items.1.values']);
    expect(await t.deps.db.selectFrom('benefit_policies').select('id').where('title', '=', policyBody().title).execute()).toHaveLength(0);
  });
});

describe('publishing a 免申即享 policy, the grant list and the intent', () => {
  it('creates a draft, matched in the background', async () => {
    const res = await officer.post(`${P}/policies`, policyBody());
    expect(res.statusCode, res.body).toBe(201);
    ids.policy = res.json().id;
    expect(res.json().status).toBe('draft');
    expect(res.json().matching).toBe(true);
    await t.deps.jobs.drain();
    const p = (await officer.get(`${P}/policies/${ids.policy}`)).json();
    expect(p.matching).toBe(false);
    expect(p.counts.eligible).toBeGreaterThan(0);
    expect(p.counts.notified).toBe(0); // a draft tells nobody
  });
  it('publishing tells the eligible enterprises once', async () => {
    const v = (await officer.get(`${P}/policies/${ids.policy}`)).json().version;
    const res = await officer.post(`${P}/policies/${ids.policy}/publish`, { version: v });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('published');
    await t.deps.jobs.drain();
    const p = (await officer.get(`${P}/policies/${ids.policy}`)).json();
    expect(p.counts.notified).toBe(p.counts.eligible);
    const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'ent_zsy').executeTakeFirstOrThrow();
    const notes = await t.deps.db.selectFrom('notifications').select('title').where('user_id', '=', user.id).where('title', 'like', '%测试：科创园高企%').execute();
    expect(notes).toHaveLength(1);
    expect((await officer.post(`${P}/policies/${ids.policy}/publish`, { version: p.version })).statusCode).toBe(409);
    const matches = (await officer.get(`${P}/policies/${ids.policy}/matches?outcome=eligible&pageSize=100`)).json();
    expect(matches.items.map((m: { enterpriseId: string }) => m.enterpriseId)).toContain(ids.zsy);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', ids.policy).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['benefit_policy.create', 'benefit_policy.publish']));
  });
  it('the office reviews the generated list and confirms it once; twice is a clear 409', async () => {
    const gen = await officer.post(`${P}/policies/${ids.policy}/grant-list`);
    expect(gen.statusCode, gen.body).toBe(200);
    const summary = gen.json();
    expect(summary.status).toBe('review');
    expect(summary.total).toBeGreaterThan(0);
    // the enterprise sees nothing while the list is in review
    expect((await ent.get(`${P}/mine`)).json().grants.map((g: { policyId: string }) => g.policyId)).not.toContain(ids.policy);
    const list = (await officer.get(`${P}/policies/${ids.policy}/grant-list?pageSize=100`)).json();
    const other = list.items.find((g: { enterpriseId: string }) => g.enterpriseId !== ids.zsy);
    if (other) {
      const noReason = await officer.put(`${P}/policies/${ids.policy}/grant-list/${other.enterpriseId}`, { included: false, version: summary.version });
      expect(noReason.statusCode).toBe(400);
      const off = await officer.put(`${P}/policies/${ids.policy}/grant-list/${other.enterpriseId}`, { included: false, reason: '已享受同类奖励', version: summary.version });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().included).toBe(summary.total - 1);
    }
    const v = (await officer.get(`${P}/policies/${ids.policy}`)).json().grantList.version;
    const ok = await officer.post(`${P}/policies/${ids.policy}/grant-list/confirm`, { version: v });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('confirmed');
    const again = await officer.post(`${P}/policies/${ids.policy}/grant-list/confirm`, { version: ok.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('BENEFIT_GRANT_LIST_CONFIRMED');
    expect(again.json().error.message).toContain('林晓');
    expect((await officer.post(`${P}/policies/${ids.policy}/grant-list`)).statusCode).toBe(409);
  });
  it('the enterprise confirms its intent once, with its bank details', async () => {
    const mine = (await ent.get(`${P}/mine`)).json();
    const g = mine.grants.find((x: { policyId: string }) => x.policyId === ids.policy);
    expect(g.intent).toBe('pending');
    const noBank = await ent.post(`${P}/grants/${g.id}/intent`, { accept: true });
    expect(noBank.statusCode).toBe(400);
    expect(Object.keys(noBank.json().error.fields)).toContain('bankAccountNo');
    expect((await officer.post(`${P}/grants/${g.id}/intent`, { accept: false })).statusCode).toBe(403);
    const body = { accept: true, bankName: '杭州银行余杭科技支行', bankAccountName: '中双元（杭州）科技有限公司', bankAccountNo: '33010123456789012', contactName: '王会计', contactPhone: '13900001111' };
    const ok = await ent.post(`${P}/grants/${g.id}/intent`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().intent).toBe('confirmed');
    expect(ok.json().bankAccountNo).toBe('************9012');
    expect(ok.json().contactPhone).toBe('139****1111');
    expect((await ent.post(`${P}/grants/${g.id}/intent`, body)).statusCode).toBe(409);
    // recorded in the enterprise's file and the park's
    const file = (await officer.get(`${P}/enterprises/${ids.zsy}`)).json();
    expect(file.receivedFen).toBe(200_000_00 + 50_000_00);
    const park = (await officer.get(`${P}/parks/${ids.zsyPark}`)).json();
    const row = park.policies.find((p: { id: string }) => p.id === ids.policy);
    expect(row.granted).toBe(1);
    expect(row.grantedFen).toBe(50_000_00);
    expect(park.totals.grantedEnterprises).toBeGreaterThanOrEqual(1);
    // the Excel export carries the full account, and is audited
    const x = await officer.get(`${P}/policies/${ids.policy}/grant-list/export.xlsx`);
    expect(x.statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', ids.policy).where('action', '=', 'benefit_grant_list.export').execute();
    expect(audit).toHaveLength(1);
  });
  it('confirmed criteria are locked', async () => {
    const p = (await officer.get(`${P}/policies/${ids.policy}`)).json();
    const res = await officer.put(`${P}/policies/${ids.policy}`, { ...policyBody(), criteria: { combine: 'all', items: [{ field: 'highTech', op: 'is', value: true }] }, version: p.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('BENEFIT_CRITERIA_LOCKED');
  });
});

describe('re-matching when enterprise data changes', () => {
  it('a changed enterprise and new periodic facts are re-matched by the job', async () => {
    const now = new Date();
    // what the demo's later seeds changed (the economy module's above-scale status) is re-matched first
    await rematchChanged(t.deps.db, now);
    // research subsidy needs revenue, tax and a tag. An eligible enterprise gets a newer period whose
    // tax is not known yet: nearly (tax unknown); then the tax arrives alone — the revenue stays — and it is eligible again.
    const research = (await t.deps.db.selectFrom('benefit_policies').select('id').where('title', '=', '企业研发投入补助').executeTakeFirstOrThrow()).id;
    const eligible = await t.deps.db.selectFrom('benefit_matches').select(['enterprise_id', 'codes']).where('policy_id', '=', research).where('outcome', '=', 'eligible').where('codes', '=', 'PPP').executeTakeFirst();
    expect(eligible, 'the demo has an enterprise eligible for the research subsidy').toBeDefined();
    const [facts] = await readEnterpriseFacts(t.deps.db, [eligible!.enterprise_id]);
    await t.deps.db.transaction().execute((tx) => recordPeriodicFacts(tx, [{ enterpriseId: eligible!.enterprise_id, period: '2099', revenueFen: facts!.revenueFen, taxFen: null, source: 'test' }], new Date(now.getTime() + 500)));
    await rematchChanged(t.deps.db, new Date(now.getTime() + 600));
    const nearly = await t.deps.db.selectFrom('benefit_matches').select(['enterprise_id', 'outcome', 'codes']).where('policy_id', '=', research).where('enterprise_id', '=', eligible!.enterprise_id).executeTakeFirstOrThrow();
    expect(nearly).toMatchObject({ outcome: 'nearly', codes: 'PUP' });
    await t.deps.db.transaction().execute((tx) => recordPeriodicFacts(tx, [{ enterpriseId: nearly.enterprise_id, period: '2099', taxFen: 80 * 1_000_000, source: 'test' }], new Date(now.getTime() + 1000)));
    // and make 中双元 lose its high-tech status
    await t.deps.db.updateTable('enterprises').set({ high_tech: false, updated_at: new Date(now.getTime() + 1000) }).where('id', '=', ids.zsy).execute();
    const r = await rematchChanged(t.deps.db, new Date(now.getTime() + 2000));
    expect(r.enterprises).toBe(2);
    expect((await readEnterpriseFacts(t.deps.db, [nearly.enterprise_id]))[0]!.revenueFen, 'the revenue stays when only the tax is supplied').toBe(facts!.revenueFen);
    const after = await t.deps.db.selectFrom('benefit_matches').select(['outcome', 'codes']).where('policy_id', '=', research).where('enterprise_id', '=', nearly.enterprise_id).executeTakeFirstOrThrow();
    expect(after).toEqual({ outcome: 'eligible', codes: 'PPP' });
    const zsy = await t.deps.db.selectFrom('benefit_matches').select(['outcome', 'codes']).where('policy_id', '=', ids.gaoqi).where('enterprise_id', '=', ids.zsy).executeTakeFirst();
    expect(zsy).toEqual({ outcome: 'nearly', codes: 'FP' }); // high-tech is attainable: one step away
    // nothing changed since: nothing to do
    expect((await rematchChanged(t.deps.db, new Date(now.getTime() + 3000))).enterprises).toBe(0);
  });
});

describe('scope', () => {
  it('an officer bound to a street sees only its enterprises', async () => {
    const res = await admin.post('/api/users', { username: 'benefit_street', displayName: '仓前政策专员', password: 'Benefit#2026', roles: ['benefit_officer'], divisionCode: '330110012' });
    expect(res.statusCode, res.body).toBe(201);
    const street = await t.as('benefit_street', 'Benefit#2026');
    const m = (await street.get(`${P}/policies/${ids.gaoqi}/matches?pageSize=100`)).json();
    const all = (await officer.get(`${P}/policies/${ids.gaoqi}/matches?pageSize=100`)).json();
    expect(m.total).toBeLessThan(all.total);
    const divisions = await t.deps.db.selectFrom('enterprises').select('division_code').where('id', 'in', m.items.map((i: { enterpriseId: string }) => i.enterpriseId)).execute();
    expect(divisions.every((d) => d.division_code.startsWith('330110012'))).toBe(true);
    expect((await street.get(`${P}/policies/${ids.gaoqi}/enterprises/${ids.zsy}`)).statusCode).toBe(404);
    expect((await street.get(`${P}/enterprises/${ids.zsy}`)).statusCode).toBe(404);
  });
});

describe('re-matching one enterprise with the compiled criteria kept in the process', () => {
  const rematch = (now: Date) => t.deps.db.transaction().execute((tx) => rematchEnterprises(tx, [ids.zsy], now));
  const outcome = async (policyId: string) =>
    (await t.deps.db.selectFrom('benefit_matches').select(['outcome', 'codes']).where('policy_id', '=', policyId).where('enterprise_id', '=', ids.zsy).executeTakeFirst()) ?? null;

  it('an edited policy is compiled again (a new version, or criteria changed behind its back); the others are reused', async () => {
    const now = new Date();
    const res = await officer.post(`${P}/policies`, policyBody({ title: '测试：缓存失效', autoGrant: false, criteria: { combine: 'all', items: [{ field: 'park', op: 'in', values: [ids.zsyPark] }] } }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    await rematch(now);
    expect(await outcome(id)).toEqual({ outcome: 'eligible', codes: 'P' });
    const before = { ...compiledPolicyCounts };
    const again = await rematch(now);
    expect(compiledPolicyCounts.compiled - before.compiled, 'nothing changed: nothing compiled').toBe(0);
    expect(compiledPolicyCounts.reused - before.reused).toBe(again.policies);
    expect(again.changed, 'the same outcomes: nothing written').toBe(0);

    // edited through the API (version + 1): 中双元 is not in agriculture
    const v = (await officer.get(`${P}/policies/${id}`)).json().version;
    const put = await officer.put(`${P}/policies/${id}`, { ...policyBody({ title: '测试：缓存失效', autoGrant: false }), criteria: { combine: 'all', items: [{ field: 'industry', op: 'prefix', values: ['01'] }] }, version: v });
    expect(put.statusCode, put.body).toBe(200);
    const mid = { ...compiledPolicyCounts };
    const edited = await rematch(now);
    expect(await outcome(id), 'a stale cache would keep it eligible').toBeNull();
    expect(compiledPolicyCounts.compiled - mid.compiled, 'only the edited policy is compiled again').toBe(1);
    expect(edited.changed).toBe(1);

    // criteria changed without a new version (a direct write; back to its park): the fingerprint notices
    await t.deps.db.updateTable('benefit_policies').set({ criteria: JSON.stringify({ combine: 'all', items: [{ field: 'park', op: 'in', values: [ids.zsyPark] }] }) }).where('id', '=', id).execute();
    await rematch(now);
    expect(await outcome(id)).toEqual({ outcome: 'eligible', codes: 'P' });

    // expired: no longer matched
    const v2 = (await officer.get(`${P}/policies/${id}`)).json().version;
    expect((await officer.post(`${P}/policies/${id}/expire`, { version: v2 })).statusCode).toBe(200);
    const key = (await t.deps.db.selectFrom('benefit_policies').select('match_key').where('id', '=', id).executeTakeFirstOrThrow()).match_key;
    expect((await rematch(now)).policies).toBe(again.policies - 1);
    const row = await t.deps.db.selectFrom('benefit_enterprise_matches').select(['eligible', 'nearly']).where('enterprise_id', '=', ids.zsy).executeTakeFirstOrThrow();
    expect([...row.eligible, ...row.nearly]).not.toContain(key);
  });

  it('a new day (Asia/Shanghai) compiles the age criteria again', async () => {
    await t.deps.db.updateTable('enterprises').set({ established_on: '2016-12-01' }).where('id', '=', ids.zsy).execute();
    const [policy] = await t.deps.db.insertInto('benefit_policies')
      .values({ title: '测试：成立满十年', issuer: '测试', criteria: JSON.stringify({ combine: 'all', items: [{ field: 'ageYears', op: 'gte', value: 10 }] }) })
      .returning('id').execute();
    // 2026-11-30 20:00 in Shanghai: 9 full years, not eligible (age cannot be reached: not even nearly)
    await rematch(new Date('2026-11-30T12:00:00Z'));
    expect(await outcome(policy!.id)).toBeNull();
    // 00:30 on 2026-12-01 in Shanghai (same UTC day): ten years — a cache kept across the day would still say no
    const before = compiledPolicyCounts.compiled;
    const r = await rematch(new Date('2026-11-30T16:30:00Z'));
    expect(await outcome(policy!.id)).toEqual({ outcome: 'eligible', codes: 'P' });
    expect(compiledPolicyCounts.compiled - before, 'every policy is compiled for the new day').toBe(r.policies);
  });

  it('reads the facts as the registry holds them, alike on both databases (one JSON value since run 25)', async () => {
    const [f] = await readEnterpriseFacts(t.deps.db, [ids.zsy]);
    const e = await t.deps.db.selectFrom('enterprises')
      .select(['industry_code', 'size_class', 'above_scale', 'high_tech', 'division_code', 'park_id', 'established_on', 'employees', 'tags'])
      .where('id', '=', ids.zsy).executeTakeFirstOrThrow();
    expect(f).toMatchObject({
      enterpriseId: ids.zsy, industryCode: e.industry_code, sizeClass: e.size_class, aboveScale: e.above_scale, highTech: e.high_tech,
      divisionCode: e.division_code, parkId: e.park_id, establishedOn: '2016-12-01', employees: e.employees, tags: e.tags,
    });
    expect(typeof f!.revenueFen === 'number' || f!.revenueFen === null).toBe(true);
    const all = await readEnterpriseFacts(t.deps.db);
    expect(all.map((x) => x.enterpriseId)).toEqual([...all.map((x) => x.enterpriseId)].sort());
    expect(all.find((x) => x.enterpriseId === ids.zsy)).toEqual(f);
  });
});
