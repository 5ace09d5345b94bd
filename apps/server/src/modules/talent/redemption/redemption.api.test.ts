import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';

/**
 * Redemption (兑现) through the API on the demo county: resources, tier quotas and handovers
 * (调剂), rounds, applications and the allocation (docs/talent/REDEMPTION.md). Runs on PGlite and
 * on PostgreSQL (TEST_DB=postgres), where the concurrent handovers really run in parallel.
 */
let now = new Date('2026-11-29T04:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
let office: Client; // talent_office
let hr: Client; // ent_zsy: HR of 中双元
let self: Client; // talent_demo, a talent of 中双元
let officer: Client; // no talent permission
let eduOwner: Client; // 资源单位 bound to 教育局
let housingOwner: Client; // 资源单位 of another department
let otherHr: Client; // HR of another enterprise
let zsyId: string;
let otherId: string;
let selfTalentId: string;
let eduDept: string;
let housingDept: string;
let tier: string;
/** Other talents of the county with complete points, each with their own login. */
const peers: { talentId: string; client: Client; points: number }[] = [];
let otherTalentId: string;
let zsyTalents: string[];

async function addUser(username: string, roles: string[], binding: { department_id?: string; enterprise_id?: string }) {
  const db = t.deps.db;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('username', '=', 'officer').executeTakeFirstOrThrow();
  const { id } = await db.insertInto('users').values({ username, display_name: username, password_hash, ...binding }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values(roles.map((role_code) => ({ user_id: id, role_code }))).execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  const db = t.deps.db;
  // start from no redemption at all: the demo's resources, quotas, handovers and rounds
  // (seed/demo-redemption.ts, tested in demo-redemption.api.test.ts) would change every count here
  for (const table of ['talent_round_results', 'talent_round_applications', 'talent_quota_handovers', 'talent_round_options', 'talent_rounds',
    'talent_quota_usage', 'talent_tier_quotas', 'talent_resources', 'notifications'] as const) await db.deleteFrom(table).execute();
  zsyId = (await db.selectFrom('enterprises').select('id').where('name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirstOrThrow()).id;
  const me = await db.selectFrom('talents as t').innerJoin('users as u', 'u.id', 't.user_id').select('t.id').where('u.username', '=', 'talent_demo').executeTakeFirstOrThrow();
  selfTalentId = me.id;
  eduDept = (await db.insertInto('departments').values({ name: '区教育局', kind: 'department' }).returning('id').executeTakeFirstOrThrow()).id;
  const eduSection = (await db.insertInto('departments').values({ name: '招生科', kind: 'section', parent_id: eduDept }).returning('id').executeTakeFirstOrThrow()).id;
  housingDept = (await db.insertInto('departments').values({ name: '区住建局', kind: 'department' }).returning('id').executeTakeFirstOrThrow()).id;
  await addUser('edu_owner', ['talent_resource_owner'], { department_id: eduSection });
  await addUser('housing_owner', ['talent_resource_owner'], { department_id: housingDept });
  // another enterprise with talents
  const other = await db.selectFrom('talents').select(['enterprise_id', 'id']).where('enterprise_id', '<>', zsyId).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
  otherId = other.enterprise_id!;
  otherTalentId = other.id;
  await addUser('ent_other', ['enterprise_user', 'talent_hr'], { enterprise_id: otherId });
  zsyTalents = (await db.selectFrom('talents').select('id').where('enterprise_id', '=', zsyId).where('status', '=', 'active').where('id', '<>', me.id).orderBy('id').limit(20).execute()).map((x) => x.id);
  // four more talents with complete points get their own login
  const v = await db.selectFrom('talent_scheme_versions').select('id').where('kind', '=', 'personal').where('status', '=', 'published')
    .where('effective_from', '<=', '2026-11-29').where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', '2026-11-29')])).executeTakeFirstOrThrow();
  const day = await db.selectFrom('talent_score_days').select((eb) => eb.fn.max('as_of').as('d')).where('scheme_version_id', '=', v.id).executeTakeFirstOrThrow();
  const scored = await db.selectFrom('talent_scores as s').innerJoin('talents as t', 't.id', 's.talent_id')
    .select(['t.id', 's.total']).where('s.scheme_version_id', '=', v.id).where('s.as_of', '=', day.d as string).where('s.complete', '=', true)
    .where('t.status', '=', 'active').where('t.user_id', 'is', null).orderBy('t.id').limit(4).execute();
  expect(scored).toHaveLength(4);
  for (const [i, s] of scored.entries()) {
    const uid = await addUser(`peer${i}`, ['talent'], {});
    await db.updateTable('talents').set({ user_id: uid }).where('id', '=', s.id).execute();
  }
  [office, hr, self, officer, eduOwner, housingOwner, otherHr] = await Promise.all([
    t.as('talent_office'), t.as('ent_zsy'), t.as('talent_demo'), t.as('officer'), t.as('edu_owner'), t.as('housing_owner'), t.as('ent_other'),
  ]);
  for (const [i, s] of scored.entries()) peers.push({ talentId: s.id, client: await t.as(`peer${i}`), points: Number(s.total) });
  tier = (await hr.get(`/api/talent/enterprises/${zsyId}/quotas`)).json().tier.id;
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
};
const err = (res: { statusCode: number; body: string }, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(JSON.parse(res.body).error.code).toBe(code);
  return JSON.parse(res.body).error as { code: string; message: string; fields?: Record<string, string> };
};

let school: { id: string };
let roundId: string;
let options: { id: string; name: string; capacity: number }[];
let handoverId: string;

describe('resources and tier quotas', () => {
  it('the office defines a resource owned by a department, and what each tier grants', async () => {
    school = ok(await office.post('/api/talent/resources', { code: 'school-place', name: '子女入学名额', unit: '个', departmentId: eduDept }), 201);
    expect(school).toMatchObject({ name: '子女入学名额', departmentId: eduDept, departmentName: '区教育局', active: true });
    err(await office.post('/api/talent/resources', { code: 'school-place', name: '重复', unit: '个', departmentId: eduDept }), 409, 'TALENT_RESOURCE_CODE_TAKEN');
    const q = ok(await office.put('/api/talent/quotas', { tier, resourceId: school.id, period: '2026', units: 3 }));
    expect(q).toMatchObject({ tier, units: 3, period: '2026', resourceName: '子女入学名额' });
    expect(q.tierLabel.zh).toMatch(/档/);
    const bad = err(await office.put('/api/talent/quotas', { tier: 'tier9', resourceId: school.id, period: '2026', units: 1 }), 400, 'VALIDATION_FAILED');
    expect(bad.fields?.tier).toContain('tier9');
    err(await office.put('/api/talent/quotas', { tier, resourceId: school.id, period: '26', units: 1 }), 400, 'VALIDATION_FAILED');
    const list = ok(await office.get('/api/talent/quotas?period=2026'));
    expect(list.items).toHaveLength(1);
    expect(list.tiers.map((x: { id: string }) => x.id)).toContain(tier);
  });

  it('resource owners see their own department\'s resources; others the active ones', async () => {
    expect(ok(await eduOwner.get('/api/talent/resources')).items.map((r: { id: string }) => r.id)).toEqual([school.id]);
    expect(ok(await housingOwner.get('/api/talent/resources')).items).toEqual([]);
    expect(ok(await self.get('/api/talent/resources')).items.map((r: { id: string }) => r.id)).toEqual([school.id]);
  });

  it('HR sees its tier, the quotas it grants and what is left; another enterprise\'s is 404', async () => {
    const mine = ok(await hr.get(`/api/talent/enterprises/${zsyId}/quotas?period=2026`));
    expect(mine.tier.id).toBe(tier);
    expect(mine.quotas).toEqual([{ resourceId: school.id, resourceName: '子女入学名额', unit: '个', period: '2026', units: 3, used: 0, left: 3 }]);
    err(await otherHr.get(`/api/talent/enterprises/${zsyId}/quotas`), 404, 'ENTERPRISE_NOT_FOUND');
    err(await hr.get(`/api/talent/enterprises/${otherId}/handovers`), 404, 'ENTERPRISE_NOT_FOUND');
    err(await self.get(`/api/talent/enterprises/${zsyId}/quotas`), 404, 'ENTERPRISE_NOT_FOUND');
    expect(ok(await office.get(`/api/talent/enterprises/${zsyId}/quotas?period=2026`)).quotas[0].units).toBe(3);
  });
});

describe('handing quotas over (调剂)', () => {
  it('HR hands a unit to its own talent, logged, and the talent is told', async () => {
    const h = ok(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2026', talentId: selfTalentId, note: '骨干' }), 201);
    handoverId = h.id;
    expect(h).toMatchObject({ talentId: selfTalentId, tier, status: 'assigned', note: '骨干', assignedBy: '中双元 管理员' });
    expect(h.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    err(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2026', talentId: selfTalentId }), 409, 'TALENT_QUOTA_ALREADY_HELD');
    const ledger = ok(await hr.get(`/api/talent/enterprises/${zsyId}/handovers?period=2026`));
    expect(ledger.items.map((x: { id: string }) => x.id)).toEqual([handoverId]);
    expect(ok(await hr.get(`/api/talent/enterprises/${zsyId}/quotas?period=2026`)).quotas[0]).toMatchObject({ used: 1, left: 2 });
    const notes = ok(await self.get('/api/notifications'));
    expect(notes[0].title).toContain('子女入学名额');
    const audit = await t.deps.db.selectFrom('audit_log').select(['after', 'actor_name']).where('action', '=', 'talent.quota.handover').where('entity_id', '=', handoverId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ talentId: selfTalentId, units: 3, used: 1 });
  });

  it('an enterprise cannot hand out another\'s quota nor to another\'s talent; the office does not hand out', async () => {
    err(await hr.post(`/api/talent/enterprises/${otherId}/handovers`, { resourceId: school.id, period: '2026', talentId: otherTalentId }), 404, 'ENTERPRISE_NOT_FOUND');
    err(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2026', talentId: otherTalentId }), 404, 'TALENT_NOT_FOUND');
    err(await otherHr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2026', talentId: selfTalentId }), 404, 'ENTERPRISE_NOT_FOUND');
    err(await office.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2026', talentId: selfTalentId }), 403, 'FORBIDDEN');
    err(await otherHr.post(`/api/talent/handovers/${handoverId}/revoke`), 404, 'TALENT_HANDOVER_NOT_FOUND');
    err(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2027', talentId: zsyTalents[0] }), 409, 'TALENT_QUOTA_NOT_GRANTED');
  });

  it('a unit is revocable while unused, and the count comes back', async () => {
    const h = ok(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: school.id, period: '2026', talentId: zsyTalents[0] }), 201);
    expect(ok(await hr.get(`/api/talent/enterprises/${zsyId}/quotas?period=2026`)).quotas[0].used).toBe(2);
    expect(ok(await hr.post(`/api/talent/handovers/${h.id}/revoke`))).toMatchObject({ status: 'revoked' });
    err(await hr.post(`/api/talent/handovers/${h.id}/revoke`), 409, 'TALENT_HANDOVER_IN_USE');
    expect(ok(await hr.get(`/api/talent/enterprises/${zsyId}/quotas?period=2026`)).quotas[0].used).toBe(1);
  });

  it('never exceeds the quota under many concurrent handovers', async () => {
    const check = ok(await office.post('/api/talent/resources', { code: 'health-check', name: '健康体检', unit: '人次', departmentId: housingDept }), 201);
    const units = 4;
    ok(await office.put('/api/talent/quotas', { tier, resourceId: check.id, period: '2026', units }));
    const talents = zsyTalents.slice(0, 16);
    expect(talents.length).toBe(16);
    const results = await Promise.all(talents.map((id) => hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: check.id, period: '2026', talentId: id })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(units);
    expect(codes.filter((c) => c === 409)).toHaveLength(talents.length - units);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('TALENT_QUOTA_EXHAUSTED');
    const live = await t.deps.db.selectFrom('talent_quota_handovers').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('resource_id', '=', check.id).where('status', '<>', 'revoked').executeTakeFirstOrThrow();
    expect(Number(live.n)).toBe(units);
    const usage = await t.deps.db.selectFrom('talent_quota_usage').select('used').where('resource_id', '=', check.id).executeTakeFirstOrThrow();
    expect(usage.used).toBe(units);
    const exhausted = err(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: check.id, period: '2026', talentId: zsyTalents[19] }), 409, 'TALENT_QUOTA_EXHAUSTED');
    expect(exhausted.message).toContain('4');
  });
});

describe('a redemption round', () => {
  const roundBody = () => ({
    name: '2026 年人才子女入学', resourceId: school.id, period: '2026', minPoints: 0, quotaHolders: true, quotaFirst: true,
    tieBreakItems: ['education', 'titleOrSkill'], opensAt: new Date(now.getTime() - HOUR).toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString(), noticeDays: 5,
  });

  it('the office creates a draft; bad rules are refused with the field', async () => {
    const bad = err(await office.post('/api/talent/rounds', { ...roundBody(), tieBreakItems: ['nope'], minPoints: null, quotaHolders: false }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['minPoints', 'quotaFirst', 'tieBreakItems.0']);
    const r = ok(await office.post('/api/talent/rounds', roundBody()), 201);
    roundId = r.id;
    expect(r).toMatchObject({ status: 'draft', seedCommitment: null, seed: null, options: [] });
    expect(r.tieBreakItems.map((x: { itemId: string }) => x.itemId)).toEqual(['education', 'titleOrSkill']);
    // a draft is not shown to talents or HR
    err(await self.get(`/api/talent/rounds/${roundId}`), 404, 'TALENT_ROUND_NOT_FOUND');
    expect(ok(await hr.get('/api/talent/rounds')).items).toEqual([]);
    // it cannot open before places are published
    err(await office.post(`/api/talent/rounds/${roundId}/open`), 409, 'TALENT_ROUND_STATE');
  });

  it('the resource owner publishes the places of its own resource only', async () => {
    const body = { options: [{ name: '实验小学', capacity: 1 }, { name: '城关小学', capacity: 1 }] };
    err(await housingOwner.put(`/api/talent/rounds/${roundId}/options`, body), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await hr.put(`/api/talent/rounds/${roundId}/options`, body), 403, 'FORBIDDEN');
    const r = ok(await eduOwner.put(`/api/talent/rounds/${roundId}/options`, body));
    options = r.options;
    expect(options.map((o) => [o.name, o.capacity])).toEqual([['实验小学', 1], ['城关小学', 1]]);
    expect(r.capacity).toBe(2);
  });

  it('opening publishes the seed commitment, never the seed', async () => {
    const r = ok(await office.post(`/api/talent/rounds/${roundId}/open`));
    expect(r.status).toBe('open');
    expect(r.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(r.seed).toBeNull();
    err(await office.post(`/api/talent/rounds/${roundId}/open`), 409, 'TALENT_ROUND_STATE');
    // once open, the owner may change places but not the set of options
    err(await eduOwner.put(`/api/talent/rounds/${roundId}/options`, { options: [...options, { name: '新校区', capacity: 3 }] }), 409, 'TALENT_ROUND_STATE');
    err(await office.put(`/api/talent/rounds/${roundId}`, roundBody()), 409, 'TALENT_ROUND_STATE');
    // every talent with a login who may apply is told, with why (a quota holder; points at the threshold)
    const [told] = ok(await self.get('/api/notifications'));
    expect(told).toMatchObject({ title: '“2026 年人才子女入学”开始申报', link: '/talent/redemption' });
    expect(told.body).toContain('持有本企业调剂的配额');
    const [peerTold] = ok(await peers[0]!.client.get('/api/notifications'));
    expect(peerTold.body).toContain(`个人积分 ${peers[0]!.points} 分`);
    expect((await t.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'talent.round.open').where('entity_id', '=', roundId).executeTakeFirstOrThrow()).after)
      .toMatchObject({ notified: expect.any(Number) });
  });

  it('a talent sees the open round with their eligibility and applies with ordered preferences, once', async () => {
    const mine = ok(await self.get('/api/talent/my/rounds'));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].eligibility).toMatchObject({ eligible: true, holdsQuota: true });
    expect(mine.items[0].round.options).toHaveLength(2);
    const a = ok(await self.post(`/api/talent/rounds/${roundId}/applications`, { preferences: [options[0]!.id, options[1]!.id] }), 201);
    expect(a).toMatchObject({ roundId, byQuota: true, result: null, seed: null });
    expect(a.preferences.map((p: { name: string }) => p.name)).toEqual(['实验小学', '城关小学']);
    err(await self.post(`/api/talent/rounds/${roundId}/applications`, { preferences: [options[1]!.id] }), 409, 'TALENT_ROUND_ALREADY_APPLIED');
    const [received] = ok(await self.get('/api/notifications'));
    expect(received).toMatchObject({ title: '“2026 年人才子女入学”申请已受理', link: `/talent/applications/${a.id}` });
    expect(received.body).toContain('1. 实验小学；2. 城关小学');
    const dup = err(await peers[0]!.client.post(`/api/talent/rounds/${roundId}/applications`, { preferences: [options[0]!.id, options[0]!.id] }), 400, 'VALIDATION_FAILED');
    expect(dup.fields).toHaveProperty('preferences.1');
    // a unit backing a pending application cannot be revoked
    err(await hr.post(`/api/talent/handovers/${handoverId}/revoke`), 409, 'TALENT_HANDOVER_IN_USE');
    // three peers by points, all wanting the first school first
    for (const p of peers.slice(0, 3)) ok(await p.client.post(`/api/talent/rounds/${roundId}/applications`, { preferences: [options[0]!.id, options[1]!.id] }), 201);
  });

  it('the talent reorders their preferences while the round is open, audited; bad preferences are refused', async () => {
    const swapped = ok(await self.put(`/api/talent/rounds/${roundId}/applications/mine`, { preferences: [options[1]!.id, options[0]!.id] }));
    expect(swapped.preferences.map((p: { name: string }) => p.name)).toEqual(['城关小学', '实验小学']);
    expect(swapped.byQuota).toBe(true);
    const bad = err(await self.put(`/api/talent/rounds/${roundId}/applications/mine`, { preferences: [options[1]!.id, options[1]!.id] }), 400, 'VALIDATION_FAILED');
    expect(bad.fields).toHaveProperty('preferences.1');
    err(await peers[3]!.client.put(`/api/talent/rounds/${roundId}/applications/mine`, { preferences: [options[0]!.id] }), 404, 'TALENT_APPLICATION_NOT_FOUND');
    const back = ok(await self.put(`/api/talent/rounds/${roundId}/applications/mine`, { preferences: [options[0]!.id, options[1]!.id] }));
    expect(back.preferences.map((p: { name: string }) => p.name)).toEqual(['实验小学', '城关小学']);
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'talent.round.change').where('entity_id', '=', swapped.id).orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.before).toEqual({ preferences: [options[0]!.id, options[1]!.id] });
  });

  it('refuses an applicant without eligibility, with the reason', async () => {
    const r = ok(await office.post('/api/talent/rounds', { ...roundBody(), name: '仅配额持有人', minPoints: null }), 201);
    ok(await eduOwner.put(`/api/talent/rounds/${r.id}/options`, { options: [{ name: '实验小学', capacity: 5 }] }));
    const opened = ok(await office.post(`/api/talent/rounds/${r.id}/open`));
    const e = err(await peers[3]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: [opened.options[0].id] }), 409, 'TALENT_ROUND_NOT_ELIGIBLE');
    expect(e.message).toContain('未持有');
    const listed = ok(await peers[3]!.client.get('/api/talent/my/rounds')).items.find((x: { round: { id: string } }) => x.round.id === r.id);
    expect(listed.eligibility).toMatchObject({ eligible: false, holdsQuota: false });
  });

  it('refuses an application after the round closed', async () => {
    err(await office.post(`/api/talent/rounds/${roundId}/allocate`), 409, 'TALENT_ROUND_STATE'); // still open
    ok(await office.post(`/api/talent/rounds/${roundId}/close`));
    const e = err(await peers[3]!.client.post(`/api/talent/rounds/${roundId}/applications`, { preferences: [options[0]!.id] }), 409, 'TALENT_ROUND_NOT_OPEN');
    expect(e.message).toContain('截止');
    err(await peers[2]!.client.delete(`/api/talent/rounds/${roundId}/applications/mine`), 409, 'TALENT_ROUND_NOT_OPEN');
    err(await peers[2]!.client.put(`/api/talent/rounds/${roundId}/applications/mine`, { preferences: [options[1]!.id] }), 409, 'TALENT_ROUND_NOT_OPEN');
  });

  it('allocates once: never beyond capacity, quota holder first, seed revealed and checkable; a re-run is refused', async () => {
    const r = ok(await office.post(`/api/talent/rounds/${roundId}/allocate`));
    expect(r.status).toBe('allocated');
    expect(createHash('sha256').update(r.seed).digest('hex')).toBe(r.seedCommitment);
    expect(r.applications).toBe(4);
    expect(r.placed).toBe(2);
    for (const o of r.options) expect(o.filled).toBeLessThanOrEqual(o.capacity);
    expect(r.options[0].cutoff).toMatchObject({ rank: 1 });
    expect(new Date(r.noticeEndsAt).getTime() - now.getTime()).toBe(5 * DAY);
    const again = err(await office.post(`/api/talent/rounds/${roundId}/allocate`), 409, 'TALENT_ROUND_ALREADY_ALLOCATED');
    expect(again.message).toContain('新建轮次');
    err(await eduOwner.put(`/api/talent/rounds/${roundId}/options`, { options: options.map((o) => ({ ...o, capacity: 9 })) }), 409, 'TALENT_ROUND_STATE');
    const stored = await t.deps.db.selectFrom('talent_round_results').select(['option_id']).where('round_id', '=', roundId).execute();
    expect(stored.filter((x) => x.option_id !== null)).toHaveLength(2);
    // the quota holder's unit is used now
    const h = await t.deps.db.selectFrom('talent_quota_handovers').select(['status', 'used_round_id']).where('id', '=', handoverId).executeTakeFirstOrThrow();
    expect(h).toEqual({ status: 'used', used_round_id: roundId });
    err(await hr.post(`/api/talent/handovers/${handoverId}/revoke`), 409, 'TALENT_HANDOVER_IN_USE');
  });

  it('the talent sees their result and why; each applicant is told', async () => {
    const { items } = ok(await self.get('/api/talent/my/applications'));
    expect(items).toHaveLength(1);
    const a = items[0];
    expect(a.result).toMatchObject({ rank: 1, applicants: 4, optionName: '实验小学', preferenceIndex: 0, priorityClass: 0, decidedBy: null });
    expect(a.result.why.zh).toContain('第 1 志愿');
    expect(a.result.cutoffs.map((c: { name: string }) => c.name)).toEqual(['实验小学', '城关小学']);
    expect(a.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(`${a.seed}:${a.id}`).digest('hex')).toBe(a.result.ticket);
    // the best peer by the published order gets the second school; the others are told why not
    const peerResults = await Promise.all(peers.slice(0, 3).map(async (p) => ok(await p.client.get('/api/talent/my/applications')).items[0].result));
    const second = peerResults.find((x) => x.rank === 2)!;
    expect(second).toMatchObject({ optionName: '城关小学', preferenceIndex: 1, priorityClass: 1, decidedBy: { key: 'priorityClass' } });
    for (const x of peerResults.filter((y) => y.rank > 2)) {
      expect(x.optionId).toBeNull();
      expect(x.why.zh).toContain('满额');
    }
    for (const p of [self, ...peers.slice(0, 3).map((x) => x.client)]) {
      expect(ok(await p.get('/api/notifications'))[0].title).toContain('分配结果');
    }
  });

  it('a talent sees only their own application', async () => {
    const mine = ok(await self.get('/api/talent/my/applications')).items[0];
    const theirs = ok(await peers[0]!.client.get('/api/talent/my/applications')).items[0];
    ok(await self.get(`/api/talent/my/applications/${mine.id}`));
    err(await self.get(`/api/talent/my/applications/${theirs.id}`), 404, 'TALENT_APPLICATION_NOT_FOUND');
    err(await self.get(`/api/talent/rounds/${roundId}/results`), 403, 'FORBIDDEN');
  });

  it('the resource owner sees who got its places, masked; another owner does not', async () => {
    const res = ok(await eduOwner.get(`/api/talent/rounds/${roundId}/results`));
    expect(res.items.map((x: { rank: number }) => x.rank)).toEqual([1, 2, 3, 4]);
    expect(res.items[0]).toMatchObject({ talentId: selfTalentId, optionName: '实验小学' });
    for (const x of res.items) expect(x.idNumber).toMatch(/\*{10}/);
    err(await housingOwner.get(`/api/talent/rounds/${roundId}/results`), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await hr.get(`/api/talent/rounds/${roundId}/results`), 403, 'FORBIDDEN');
  });

  it('exports the result to Excel for the office and the owner: rank order, masked, with the seed; audited', async () => {
    const res = await office.get(`/api/talent/rounds/${roundId}/results/export.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('兑现分配结果'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['排名', '姓名', '身份证号码（脱敏）', '所属企业', '分配结果']);
    expect(ws.rowCount).toBe(5);
    const col = (name: string) => header.indexOf(name) + 1;
    expect([2, 3, 4, 5].map((i) => ws.getRow(i).getCell(1).value)).toEqual([1, 2, 3, 4]);
    expect(ws.getRow(2).getCell(col('分配结果')).value).toBe('实验小学');
    expect(ws.getRow(5).getCell(col('分配结果')).value).toBe('未获分配');
    for (const i of [2, 3, 4, 5]) expect(String(ws.getRow(i).getCell(col('身份证号码（脱敏）')).value)).toMatch(/\*{10}/);
    const seed = String(ws.getRow(2).getCell(col('种子（分配时公布）')).value);
    expect(createHash('sha256').update(seed).digest('hex')).toBe(ws.getRow(2).getCell(col('种子承诺 SHA-256(种子)')).value);
    const appId = String(ws.getRow(3).getCell(col('申请编号')).value);
    expect(createHash('sha256').update(`${seed}:${appId}`).digest('hex')).toBe(ws.getRow(3).getCell(col('摇号票据 SHA-256(种子:申请编号)')).value);
    expect((await eduOwner.get(`/api/talent/rounds/${roundId}/results/export.xlsx`)).statusCode).toBe(200);
    err(await housingOwner.get(`/api/talent/rounds/${roundId}/results/export.xlsx`), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await self.get(`/api/talent/rounds/${roundId}/results/export.xlsx`), 403, 'FORBIDDEN');
    const audit = await t.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'talent.round.export').where('entity_id', '=', roundId).execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.after).toMatchObject({ rows: 4 });
  });

  it('becomes final only after the notice period', async () => {
    const e = err(await office.post(`/api/talent/rounds/${roundId}/finalize`), 409, 'TALENT_ROUND_NOTICE_RUNNING');
    expect(e.message).toContain('公示期');
    const today = now;
    now = new Date(today.getTime() + 5 * DAY + HOUR); // sessions idle that long expire: sign in again
    const later = await t.as('talent_office');
    expect(ok(await later.post(`/api/talent/rounds/${roundId}/finalize`)).status).toBe('final');
    const [final] = ok(await (await t.as('talent_demo')).get('/api/notifications'));
    expect(final).toMatchObject({ title: '“2026 年人才子女入学”结果已确定' });
    expect(final.body).toContain('实验小学');
    err(await later.post(`/api/talent/rounds/${roundId}/allocate`), 409, 'TALENT_ROUND_ALREADY_ALLOCATED');
    now = today;
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', roundId).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['talent.round.create', 'talent.round.options', 'talent.round.open', 'talent.round.close', 'talent.round.allocate', 'talent.round.finalize']));
  });
});

describe('integrity under concurrency (review: quota, rounds, points day)', () => {
  const onPostgres = process.env.TEST_DB === 'postgres';
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let card: { id: string };
  const hand = async (talentId: string) => ok(await hr.post(`/api/talent/enterprises/${zsyId}/handovers`, { resourceId: card.id, period: '2026', talentId }), 201).id as string;
  /** An open round on the card resource with two options of one place each. */
  async function openRound(name: string, rules: { minPoints: number | null; quotaHolders: boolean; quotaFirst: boolean }) {
    const r = ok(await office.post('/api/talent/rounds', {
      name, resourceId: card.id, period: '2026', ...rules, tieBreakItems: [],
      opensAt: new Date(now.getTime() - HOUR).toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString(), noticeDays: 5,
    }), 201);
    ok(await eduOwner.put(`/api/talent/rounds/${r.id}/options`, { options: [{ name: '甲', capacity: 1 }, { name: '乙', capacity: 1 }] }));
    const opened = ok(await office.post(`/api/talent/rounds/${r.id}/open`));
    return { id: r.id as string, prefs: opened.options.map((o: { id: string }) => o.id) as string[] };
  }
  const resultOf = (roundId: string, talentId: string) => t.deps.db.selectFrom('talent_round_results').select(['priority_class', 'option_id', 'points'])
    .where('round_id', '=', roundId).where('talent_id', '=', talentId).executeTakeFirstOrThrow();
  const handover = (id: string) => t.deps.db.selectFrom('talent_quota_handovers').select(['status', 'used_round_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const quotaRules = { minPoints: 0, quotaHolders: true, quotaFirst: true };

  beforeAll(async () => {
    card = ok(await office.post('/api/talent/resources', { code: 'library-card', name: '图书馆借阅卡', unit: '张', departmentId: eduDept }), 201);
    ok(await office.put('/api/talent/quotas', { tier, resourceId: card.id, period: '2026', units: 10 }));
  });

  it('a unit revoked behind an application: the allocation still succeeds, ranks the holder by points and leaves the unit revoked', async () => {
    const h = await hand(selfTalentId);
    const r = await openRound('撤回竞态', quotaRules);
    expect(ok(await self.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }), 201).byQuota).toBe(true);
    ok(await peers[0]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }), 201);
    // what a revoke racing the application used to leave behind: an application by quota on a revoked unit
    await t.deps.db.updateTable('talent_quota_handovers').set({ status: 'revoked', revoked_at: now }).where('id', '=', h).execute();
    ok(await office.post(`/api/talent/rounds/${r.id}/close`));
    const done = ok(await office.post(`/api/talent/rounds/${r.id}/allocate`)); // was a 500 (CHECK on the revoked row), on every retry
    expect(done).toMatchObject({ status: 'allocated', placed: 2 });
    expect((await resultOf(r.id, selfTalentId)).priority_class).toBe(1);
    expect(await handover(h)).toEqual({ status: 'revoked', used_round_id: null });
  });

  it.runIf(onPostgres)('an application racing a revoke of its unit waits and does not apply by the revoked unit (PostgreSQL)', async () => {
    const h = await hand(selfTalentId);
    const r = await openRound('撤回竞态·真', quotaRules);
    let res: Awaited<ReturnType<Client['post']>> | undefined;
    await t.deps.db.transaction().execute(async (tx) => {
      await tx.selectFrom('talent_quota_handovers').select('id').where('id', '=', h).forUpdate().execute(); // what revoke holds
      void self.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }).then((x) => { res = x; });
      await sleep(300);
      await tx.updateTable('talent_quota_handovers').set({ status: 'revoked', revoked_at: now }).where('id', '=', h).execute();
    });
    while (!res) await sleep(20);
    // the talent has no complete points: without the unit they are not eligible (before the fix: 201 by the revoked unit)
    expect(err(res, 409, 'TALENT_ROUND_NOT_ELIGIBLE').message).toContain('未持有');
    expect(ok(await office.get(`/api/talent/rounds/${r.id}`)).applications).toBe(0);
  });

  it('one unit backs one pending application: a second round is refused, and an allocation skips a unit another round used', async () => {
    const h = await hand(selfTalentId);
    const r1 = await openRound('同一配额·一', quotaRules);
    const r2 = await openRound('同一配额·二', quotaRules);
    expect(ok(await self.post(`/api/talent/rounds/${r1.id}/applications`, { preferences: r1.prefs }), 201).byQuota).toBe(true);
    const e = err(await self.post(`/api/talent/rounds/${r2.id}/applications`, { preferences: r2.prefs }), 409, 'TALENT_QUOTA_IN_OTHER_ROUND');
    expect(e.message).toContain('同一配额·一');
    // what two applications racing each other used to leave behind: the same unit in both rounds
    await t.deps.db.insertInto('talent_round_applications').values({
      round_id: r2.id, talent_id: selfTalentId, preferences: r2.prefs, points: null, by_quota: true, handover_id: h, submitted_at: now,
    }).execute();
    ok(await peers[1]!.client.post(`/api/talent/rounds/${r2.id}/applications`, { preferences: r2.prefs }), 201);
    ok(await office.post(`/api/talent/rounds/${r1.id}/close`));
    ok(await office.post(`/api/talent/rounds/${r1.id}/allocate`));
    expect(await handover(h)).toEqual({ status: 'used', used_round_id: r1.id });
    ok(await office.post(`/api/talent/rounds/${r2.id}/close`));
    ok(await office.post(`/api/talent/rounds/${r2.id}/allocate`));
    expect((await resultOf(r2.id, selfTalentId)).priority_class).toBe(1); // no second priority from the used unit
    expect(await handover(h)).toEqual({ status: 'used', used_round_id: r1.id });
  });

  it('apply and withdraw go by the round status they lock: a closed round refuses both', async () => {
    const r = await openRound('截止后', { minPoints: 0, quotaHolders: false, quotaFirst: false });
    ok(await peers[2]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }), 201);
    ok(await office.post(`/api/talent/rounds/${r.id}/close`));
    err(await peers[2]!.client.delete(`/api/talent/rounds/${r.id}/applications/mine`), 409, 'TALENT_ROUND_NOT_OPEN');
    err(await peers[3]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }), 409, 'TALENT_ROUND_NOT_OPEN');
    expect(ok(await office.get(`/api/talent/rounds/${r.id}`)).applications).toBe(1);
  });

  it.runIf(onPostgres)('an application racing a close waits for it and is refused (PostgreSQL)', async () => {
    const r = await openRound('截止竞态', { minPoints: 0, quotaHolders: false, quotaFirst: false });
    let res: Awaited<ReturnType<Client['post']>> | undefined;
    await t.deps.db.transaction().execute(async (tx) => {
      await tx.selectFrom('talent_rounds').select('id').where('id', '=', r.id).forUpdate().execute(); // what close holds
      const pending = peers[3]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }).then((x) => { res = x; });
      await sleep(300);
      expect(res).toBeUndefined(); // waiting for the lock
      await tx.updateTable('talent_rounds').set({ status: 'closed', updated_at: now }).where('id', '=', r.id).execute();
      void pending;
    });
    while (!res) await sleep(20);
    err(res, 409, 'TALENT_ROUND_NOT_OPEN');
    expect(ok(await office.get(`/api/talent/rounds/${r.id}`)).applications).toBe(0);
  });

  it('refuses to allocate while an applicant has no points on the points day, instead of ranking them at 0', async () => {
    const r = await openRound('缺积分', { minPoints: 0, quotaHolders: false, quotaFirst: false });
    ok(await peers[0]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }), 201);
    ok(await peers[3]!.client.post(`/api/talent/rounds/${r.id}/applications`, { preferences: r.prefs }), 201);
    ok(await office.post(`/api/talent/rounds/${r.id}/close`));
    const db = t.deps.db;
    const day = await db.selectFrom('talent_score_days as d').innerJoin('talent_scheme_versions as v', 'v.id', 'd.scheme_version_id')
      .select(['d.scheme_version_id', (eb) => eb.fn.max('d.as_of').as('as_of')]).where('v.kind', '=', 'personal').where('v.status', '=', 'published')
      .groupBy('d.scheme_version_id').orderBy('as_of', 'desc').executeTakeFirstOrThrow();
    const where = db.selectFrom('talent_scores').selectAll().where('talent_id', '=', peers[3]!.talentId).where('scheme_version_id', '=', day.scheme_version_id).where('as_of', '=', day.as_of as string);
    const score = await where.executeTakeFirstOrThrow();
    // the day being rewritten: this applicant's row is not there (yet)
    await db.deleteFrom('talent_scores').where('talent_id', '=', score.talent_id).where('scheme_version_id', '=', score.scheme_version_id).where('as_of', '=', score.as_of).execute();
    const e = err(await office.post(`/api/talent/rounds/${r.id}/allocate`), 409, 'TALENT_ROUND_POINTS_MISSING');
    expect(e.message).toContain('1 名申请人');
    expect(ok(await office.get(`/api/talent/rounds/${r.id}`)).status).toBe('closed');
    await db.insertInto('talent_scores').values({ ...score, result: JSON.stringify(score.result) as never }).execute();
    expect(ok(await office.post(`/api/talent/rounds/${r.id}/allocate`)).status).toBe('allocated');
    expect(Number((await resultOf(r.id, peers[3]!.talentId)).points)).toBe(peers[3]!.points);
  });
});

describe('every route is closed to strangers (401) and to users without its permission (403)', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/talent/resources'], ['POST', '/api/talent/resources', {}], ['PUT', `/api/talent/resources/${id}`, {}],
    ['GET', '/api/talent/quotas'], ['PUT', '/api/talent/quotas', {}],
    ['GET', `/api/talent/enterprises/${id}/quotas`], ['GET', `/api/talent/enterprises/${id}/handovers`], ['POST', `/api/talent/enterprises/${id}/handovers`, {}],
    ['POST', `/api/talent/handovers/${id}/revoke`],
    ['GET', '/api/talent/rounds'], ['POST', '/api/talent/rounds', {}], ['GET', `/api/talent/rounds/${id}`], ['PUT', `/api/talent/rounds/${id}`, {}],
    ['PUT', `/api/talent/rounds/${id}/options`, {}], ['POST', `/api/talent/rounds/${id}/open`], ['POST', `/api/talent/rounds/${id}/close`],
    ['POST', `/api/talent/rounds/${id}/allocate`], ['POST', `/api/talent/rounds/${id}/finalize`], ['GET', `/api/talent/rounds/${id}/results`],
    ['GET', '/api/talent/my/rounds'], ['POST', `/api/talent/rounds/${id}/applications`, {}], ['DELETE', `/api/talent/rounds/${id}/applications/mine`],
    ['GET', '/api/talent/my/applications'], ['GET', `/api/talent/my/applications/${id}`],
  ];
  const send = (c: Client, method: string, url: string, body?: unknown) =>
    method === 'GET' ? c.get(url) : method === 'POST' ? c.post(url, body) : method === 'PUT' ? c.put(url, body) : c.delete(url);

  it('401 without a session, 403 without the permission', async () => {
    for (const [method, url, body] of routes) {
      expect((await send(t.anonymous, method, url, body)).statusCode, `${method} ${url}`).toBe(401);
      expect((await send(officer, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('the talent cannot manage; HR cannot manage or apply; the office does not apply for anyone', async () => {
    for (const [method, url, body] of routes.filter(([m, u]) => /quotas$|resources|rounds(\/[^/]+)?(\/(open|close|allocate|finalize|options))?$/.test(u) && m !== 'GET')) {
      expect((await send(self, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
      expect((await send(hr, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await hr.post(`/api/talent/rounds/${id}/applications`, { preferences: [id] })).statusCode).toBe(403);
    expect((await office.post(`/api/talent/rounds/${id}/applications`, { preferences: [id] })).statusCode).toBe(403);
    expect((await self.post(`/api/talent/enterprises/${zsyId}/handovers`, {})).statusCode).toBe(403);
  });

  it('404 for what does not exist or lies outside the scope', async () => {
    err(await office.get(`/api/talent/rounds/${id}`), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await office.put(`/api/talent/resources/${id}`, { name: 'x', unit: '个', departmentId: eduDept }), 404, 'TALENT_RESOURCE_NOT_FOUND');
    err(await office.post(`/api/talent/rounds/${id}/allocate`), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await eduOwner.get(`/api/talent/rounds/${id}/results`), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await self.post(`/api/talent/rounds/${id}/applications`, { preferences: [id] }), 404, 'TALENT_ROUND_NOT_FOUND');
    err(await self.get(`/api/talent/my/applications/${id}`), 404, 'TALENT_APPLICATION_NOT_FOUND');
    err(await hr.post(`/api/talent/handovers/${id}/revoke`), 404, 'TALENT_HANDOVER_NOT_FOUND');
    err(await office.get(`/api/talent/enterprises/${id}/quotas`), 404, 'ENTERPRISE_NOT_FOUND');
  });
});
