import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';

/**
 * The annual cycle through the API on the demo county (2025 final, 2026 open): the steps allowed
 * and refused, the notice period on the working-day calendar, objections and their window, the
 * public notice's masking and exposure, the tier board, the reports and exports, 401/403.
 * Runs on PGlite and PostgreSQL.
 */
let now = new Date('2026-11-27T02:00:00Z'); // Friday 27 November 2026, 10:00 in Tiantai
let t: TestApp;
let office: Client;
let hr: Client; // ent_zsy, HR of 中双元
let self: Client; // talent_demo
let officer: Client; // no talent permission
let cycle2026: string;
let zsyId: string;

let listed: Client; // a listed talent of 2026 (complete points) given a login
let listedTalentId: string;

/** Moves the clock and signs everyone in again (sessions expire when days pass). */
async function at(iso: string) {
  now = new Date(iso);
  [office, hr, self, officer, listed] = await Promise.all([t.as('talent_office'), t.as('ent_zsy'), t.as('talent_demo'), t.as('officer'), t.as('listed_talent')]);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  const db = t.deps.db;
  zsyId = (await db.selectFrom('enterprises').select('id').where('name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirstOrThrow()).id;
  const v = await db.selectFrom('talent_scheme_versions').select('id').where('kind', '=', 'personal').where('status', '=', 'published').where('effective_from', '=', '2026-01-01').executeTakeFirstOrThrow();
  // one without a login if there is one; else one of the demo applicants' (rc…: which of 中双元's
  // talents got one depends on their random ids) — never talent_demo's
  const selfUser = (await db.selectFrom('users').select('id').where('username', '=', 'talent_demo').executeTakeFirstOrThrow()).id;
  const s = await db.selectFrom('talent_scores as s').innerJoin('talents as p', 'p.id', 's.talent_id').select('p.id')
    .where('s.scheme_version_id', '=', v.id).where('s.complete', '=', true).where('p.enterprise_id', '=', zsyId)
    .where((eb) => eb.or([eb('p.user_id', 'is', null), eb('p.user_id', '!=', selfUser)]))
    .orderBy(sql`p.user_id is null`, 'desc').orderBy('p.id').executeTakeFirstOrThrow();
  listedTalentId = s.id;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('username', '=', 'officer').executeTakeFirstOrThrow();
  const u = await db.insertInto('users').values({ username: 'listed_talent', display_name: 'listed', password_hash }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: u.id, role_code: 'talent' }).execute();
  await db.updateTable('talents').set({ user_id: u.id }).where('id', '=', listedTalentId).execute();
  await at(now.toISOString());
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
};
const err = (res: { statusCode: number; body: string }, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  const e = JSON.parse(res.body).error as { code: string; message: string; fields?: Record<string, string> };
  expect(e.code).toBe(code);
  return e;
};

describe('the demo: 2025 final, 2026 open', () => {
  it('lists both cycles for the office, with 2025\'s answered objections', async () => {
    const { items } = ok(await office.get('/api/talent/cycles'));
    expect(items.map((c: { year: number; status: string }) => [c.year, c.status])).toEqual([[2026, 'open'], [2025, 'final']]);
    const y25 = items[1];
    expect(y25.notice).toMatchObject({ startsOn: '2026-01-05', endsOn: '2026-01-09', workdays: 5, phase: 'ended' });
    expect(y25.counts.objections).toEqual({ pending: 0, upheld: 1, dismissed: 1 });
    expect(y25.counts.listedTalents).toBeGreaterThan(100);
    // the demo's claims waiting for review (docs/talent/EVIDENCE.md): the same number the queue lists
    const queue = ok(await office.get('/api/talent/claims?status=submitted&pageSize=100'));
    const resubmitted = ok(await office.get('/api/talent/claims?status=resubmitted&pageSize=100'));
    const waiting = [...queue.items, ...resubmitted.items].filter((c: { subjectKind: string; year: number | null }) => c.subjectKind === 'talent' || c.year === 2025);
    expect(waiting.length).toBeGreaterThan(0);
    expect(y25.counts.evidencePending).toBe(waiting.length);
    cycle2026 = items[0].id;
  });
  it('others see the published years only', async () => {
    const { items } = ok(await hr.get('/api/talent/cycles'));
    expect(items.map((c: { year: number }) => c.year)).toEqual([2025]);
    err(await hr.get(`/api/talent/cycles/${cycle2026}`), 404, 'TALENT_CYCLE_NOT_FOUND');
  });
});

describe('the public notice', () => {
  it('is readable without login and shows only what a notice may show', async () => {
    const res = await t.anonymous.get('/api/public/talent-notice?pageSize=100');
    const body = ok(res);
    expect(body.notice).toMatchObject({ year: 2025, status: 'final', startsOn: '2026-01-05', endsOn: '2026-01-09', workdays: 5 });
    expect(body.notice.objectionChannel).toContain('人才科');
    expect(body.items).toHaveLength(100);
    for (const it of body.items) {
      expect(Object.keys(it).sort()).toEqual(['corrected', 'enterpriseName', 'name', 'points', 'rank']);
      expect(it.name).toMatch(/\*/);
    }
    // nothing personal: no full name, ID number, phone or id of the listed talents
    const rows = await t.deps.db.selectFrom('talent_cycle_talent_entries as x').innerJoin('talents as p', 'p.id', 'x.talent_id')
      .innerJoin('talent_cycles as c', 'c.id', 'x.cycle_id').select(['p.id', 'p.name', 'p.id_number', 'p.phone', 'x.id as entry_id', 'x.rank'])
      .where('c.year', '=', 2025).orderBy('x.rank').orderBy('x.id').limit(100).execute();
    for (const r of rows) {
      if ([...r.name].length >= 2) expect(res.body).not.toContain(`"${r.name}"`);
      expect(res.body).not.toContain(r.id_number);
      if (r.phone) expect(res.body).not.toContain(r.phone);
      expect(res.body).not.toContain(r.id);
      expect(res.body).not.toContain(r.entry_id);
    }
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
  it('the enterprise list carries name, points, rank, tier and bonus only', async () => {
    const body = ok(await t.anonymous.get('/api/public/talent-notice?year=2025&list=enterprises'));
    expect(body.items.length).toBeGreaterThan(0);
    for (const it of body.items) expect(Object.keys(it).sort()).toEqual(['corrected', 'evaluationBonus', 'name', 'points', 'rank', 'tier']);
    expect(body.items[0].rank).toBe(1);
  });
  it('an unpublished year is not there; searching by a person\'s name is not offered', async () => {
    err(await t.anonymous.get('/api/public/talent-notice?year=2026'), 404, 'TALENT_CYCLE_NOT_FOUND');
    const { items } = ok(await t.anonymous.get(`/api/public/talent-notice?enterprise=${encodeURIComponent('中双元')}`));
    for (const it of items) expect(it.enterpriseName).toContain('中双元');
  });
});

describe('401 and 403', () => {
  it('every signed-in route refuses strangers and users without the permission', async () => {
    err(await t.anonymous.get('/api/talent/cycles'), 401, 'UNAUTHENTICATED');
    err(await officer.get('/api/talent/cycles'), 403, 'FORBIDDEN');
    err(await hr.post(`/api/talent/cycles/${cycle2026}/review`, {}), 403, 'FORBIDDEN');
    err(await self.post('/api/talent/cycles', { year: 2027 }), 403, 'FORBIDDEN');
    err(await officer.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: cycle2026, text: '异议内容测试' }), 403, 'FORBIDDEN');
    err(await hr.get('/api/talent/reports/2025'), 403, 'FORBIDDEN');
    err(await self.get('/api/talent/reports/2025/export.xlsx'), 403, 'FORBIDDEN');
    err(await office.post('/api/talent/objections/00000000-0000-4000-8000-000000000000/answer', { decision: 'dismissed', answer: '不存在' }), 404, 'TALENT_OBJECTION_NOT_FOUND');
  });
});

describe('the 2026 cycle, step by step', () => {
  it('opens one cycle per year only, and needs a published scheme for the year', async () => {
    err(await office.post('/api/talent/cycles', { year: 2026 }), 409, 'TALENT_CYCLE_EXISTS');
    const e = err(await office.post('/api/talent/cycles', { year: 2031 }), 409, 'TALENT_CYCLE_NO_SCHEME');
    expect(e.message).toContain('2031');
  });
  it('refuses a step out of order with the status in the message', async () => {
    const e = err(await office.post(`/api/talent/cycles/${cycle2026}/publish`, {}), 409, 'TALENT_CYCLE_STATE');
    expect(e.message).toContain('企业申报中');
    err(await office.post(`/api/talent/cycles/${cycle2026}/finalize`, {}), 409, 'TALENT_CYCLE_STATE');
  });
  it('review → compute (the latest complete points day) → publish, notifying the listed', async () => {
    const r = ok(await office.post(`/api/talent/cycles/${cycle2026}/review`, {}));
    expect(r.status).toBe('reviewing');
    err(await office.post(`/api/talent/cycles/${cycle2026}/compute`, { asOf: '2025-12-31' }), 409, 'TALENT_CYCLE_POINTS_MISSING');
    const c = ok(await office.post(`/api/talent/cycles/${cycle2026}/compute`, {}));
    expect(c).toMatchObject({ status: 'computed', pointsAsOf: '2026-01-01', enterpriseAsOf: '2026-01-01' });
    expect(c.counts.scoredTalents).toBeGreaterThan(100);
    ok(await office.put(`/api/talent/cycles/${cycle2026}`, { noticeWorkdays: 5, objectionChannel: '人才科 402 室' }));
    // published on Saturday 28 November: the notice starts Monday and lasts five working days
    await at('2026-11-28T02:00:00Z');
    const p = ok(await office.post(`/api/talent/cycles/${cycle2026}/publish`, {}));
    expect(p.status).toBe('notice');
    expect(p.notice).toMatchObject({ startsOn: '2026-11-30', endsOn: '2026-12-04', workdays: 5, phase: 'before', workdaysLeft: 5 });
    expect(p.counts.listedTalents).toBeGreaterThan(100);
    expect(p.counts.listedTalents).toBeLessThanOrEqual(c.counts.scoredTalents);
    expect(p.counts.listedEnterprises).toBeGreaterThan(0);
    err(await office.put(`/api/talent/cycles/${cycle2026}`, { noticeWorkdays: 3, objectionChannel: '' }), 409, 'TALENT_CYCLE_STATE');
    const notes = await t.deps.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.username', 'n.title'])
      .where('n.title', 'like', '2026 年度%已公示').execute();
    expect(notes.map((n) => n.username)).toEqual(expect.arrayContaining(['listed_talent', 'ent_zsy']));
    expect(notes.map((n) => n.username)).not.toContain('talent_demo'); // not listed: incomplete facts
    const pub = ok(await t.anonymous.get('/api/public/talent-notice'));
    expect(pub.notice).toMatchObject({ year: 2026, status: 'notice' });
    expect(pub.years.map((y: { year: number }) => y.year)).toEqual([2026, 2025]);
  });
});

let talentEntry: { id: string; points: number; rank: number };
let enterpriseEntry: { id: string; points: number };
let talentObjection: string;
let hrObjection: string;

describe('objections during the notice', () => {
  it('a talent objects to their own entry, HR to their enterprise\'s; the office is told', async () => {
    // still Saturday 28 November: the list is out, the first notice day is Monday; accepted
    const me = await t.deps.db.selectFrom('talent_cycle_talent_entries as x')
      .select(['x.id', 'x.points', 'x.rank', 'x.masked_name']).where('x.cycle_id', '=', cycle2026).where('x.talent_id', '=', listedTalentId).executeTakeFirstOrThrow();
    talentEntry = { id: me.id, points: Number(me.points), rank: me.rank };
    const list = ok(await self.get(`/api/talent/cycles/${cycle2026}/entries?list=talents&pageSize=100`));
    expect(list.items.every((i: { name: string; talentId: string | null }) => i.name.includes('*') && i.talentId === null)).toBe(true);
    const o = ok(await listed.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: me.id, text: '本人的发明专利未计入积分，请复核。' }), 201);
    expect(o).toMatchObject({ status: 'pending', mine: true, entry: { name: me.masked_name } });
    talentObjection = o.id;
    await at('2026-11-30T01:00:00Z');
    const ent = ok(await hr.get(`/api/talent/cycles/${cycle2026}/entries?list=enterprises&q=${encodeURIComponent('中双元')}`));
    enterpriseEntry = ent.items[0];
    hrObjection = ok(await hr.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'enterprise', entryId: enterpriseEntry.id, text: '本企业新认定的研发中心未计入。' }), 201).id;
    err(await self.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: enterpriseEntry.id, text: '不存在的条目异议' }), 404, 'TALENT_ENTRY_NOT_FOUND');
    const v = err(await self.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: me.id, text: '短' }), 400, 'VALIDATION_FAILED');
    expect(v.fields?.text).toBeTruthy();
    const n = await t.deps.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.title')
      .where('u.username', '=', 'talent_office').where('n.title', 'like', '2026 年度公示收到%').execute();
    expect(n).toHaveLength(2);
  });
  it('each objector sees their own objections; the office all', async () => {
    const mine = ok(await listed.get(`/api/talent/objections?cycleId=${cycle2026}`));
    expect(mine.items.map((o: { id: string }) => o.id)).toEqual([talentObjection]);
    err(await listed.get(`/api/talent/objections/${hrObjection}`), 404, 'TALENT_OBJECTION_NOT_FOUND');
    expect(ok(await self.get(`/api/talent/objections?cycleId=${cycle2026}`)).items).toEqual([]);
    const all = ok(await office.get(`/api/talent/objections?cycleId=${cycle2026}&status=pending`));
    expect(all.items).toHaveLength(2);
    expect(all.items.find((o: { id: string }) => o.id === talentObjection).entry.name).not.toContain('*');
  });
  it('finalizing waits for the notice\'s end and for every answer', async () => {
    const e = err(await office.post(`/api/talent/cycles/${cycle2026}/finalize`, {}), 409, 'TALENT_CYCLE_NOTICE_RUNNING');
    expect(e.message).toContain('2026-12-04');
  });
  it('accepts an objection until 23:59 of the last day (Asia/Shanghai), then 409 with the end date', async () => {
    await at('2026-12-04T15:55:00Z');
    now = new Date('2026-12-04T15:59:00Z'); // 23:59 on Friday 4 December in Tiantai
    ok(await hr.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: talentEntry.id, text: '该人才已离职，请核实。' }), 201);
    now = new Date('2026-12-04T16:00:01Z'); // 00:00:01 on Saturday 5 December
    const e = err(await self.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: talentEntry.id, text: '逾期提出的异议内容' }), 409, 'TALENT_OBJECTION_CLOSED');
    expect(e.message).toContain('2026-12-04');
    expect(e.message).toContain('公示期');
    const f = err(await office.post(`/api/talent/cycles/${cycle2026}/finalize`, {}), 409, 'TALENT_CYCLE_OBJECTIONS_PENDING');
    expect(f.message).toContain('3');
  });
  it('the office upholds one with a correction (re-ranked, logged), dismisses the others; objectors are notified', async () => {
    err(await hr.post(`/api/talent/objections/${talentObjection}/answer`, { decision: 'dismissed', answer: '无权答复' }), 403, 'FORBIDDEN');
    err(await office.post(`/api/talent/objections/${talentObjection}/answer`, { decision: 'upheld', answer: '采纳', correction: { tier: 'tier1' } }), 400, 'VALIDATION_FAILED');
    const up = ok(await office.post(`/api/talent/objections/${talentObjection}/answer`, { decision: 'upheld', answer: '经核实补计发明专利积分。', correction: { points: talentEntry.points + 1000 } }));
    expect(up).toMatchObject({ status: 'upheld', correction: { before: { points: talentEntry.points }, after: { points: talentEntry.points + 1000 } } });
    expect(up.entry).toMatchObject({ rank: 1, corrected: true });
    err(await office.post(`/api/talent/objections/${talentObjection}/answer`, { decision: 'dismissed', answer: '再次答复' }), 409, 'TALENT_OBJECTION_ANSWERED');
    const badTier = err(await office.post(`/api/talent/objections/${hrObjection}/answer`, { decision: 'upheld', answer: '调整档次', correction: { tier: 'tier9' } }), 400, 'VALIDATION_FAILED');
    expect(badTier.fields?.['correction.tier']).toContain('tier1');
    ok(await office.post(`/api/talent/objections/${hrObjection}/answer`, { decision: 'upheld', answer: '经核实调整为一档。', correction: { tier: 'tier1' } }));
    const rest = ok(await office.get(`/api/talent/objections?cycleId=${cycle2026}&status=pending`));
    for (const o of rest.items) ok(await office.post(`/api/talent/objections/${o.id}/answer`, { decision: 'dismissed', answer: '经核实该人才仍在职，异议不成立。' }));
    const note = await t.deps.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.title', 'n.body'])
      .where('u.username', '=', 'listed_talent').where('n.title', 'like', '%异议已采纳%').executeTakeFirstOrThrow();
    expect(note.body).toContain('积分');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'in', ['talent.cycle.entry.correct', 'talent.cycle.objection.answer', 'talent.cycle.publish']).execute();
    expect(audit.filter((a) => a.action === 'talent.cycle.entry.correct').length).toBeGreaterThanOrEqual(2);
    const pub = ok(await t.anonymous.get('/api/public/talent-notice?pageSize=1'));
    expect(pub.items[0]).toMatchObject({ rank: 1, corrected: true, points: talentEntry.points + 1000 });
  });
  it('then the results are final, and a later objection is refused', async () => {
    const f = ok(await office.post(`/api/talent/cycles/${cycle2026}/finalize`, {}));
    expect(f.status).toBe('final');
    err(await office.post(`/api/talent/cycles/${cycle2026}/finalize`, {}), 409, 'TALENT_CYCLE_STATE');
    err(await self.post(`/api/talent/cycles/${cycle2026}/objections`, { entryType: 'talent', entryId: talentEntry.id, text: '结果确定后的异议' }), 409, 'TALENT_OBJECTION_CLOSED');
  });
  it('a recompute later changes the scores, never the published entries', async () => {
    const before = await t.deps.db.selectFrom('talent_cycle_talent_entries').select(['id', 'points']).where('cycle_id', '=', cycle2026).orderBy('id').execute();
    await t.deps.db.updateTable('talent_scores').set({ total: 1 }).where('as_of', '=', '2026-01-01').execute();
    const after = await t.deps.db.selectFrom('talent_cycle_talent_entries').select(['id', 'points']).where('cycle_id', '=', cycle2026).orderBy('id').execute();
    expect(after).toEqual(before);
  });
});

describe('tier board and reports', () => {
  it('the tier board: enterprises by tier, last year\'s tier, the move; HR sees its own; a talent none', async () => {
    const b = ok(await office.get('/api/talent/tiers/2026'));
    expect(b.previousYear).toBe(2025);
    expect(b.tiers.map((x: { tierOrder: number }) => x.tierOrder)).toEqual([...b.tiers.map((x: { tierOrder: number }) => x.tierOrder)].sort());
    const zsy = b.items.find((i: { enterpriseId: string }) => i.enterpriseId === zsyId);
    expect(zsy).toMatchObject({ tier: 'tier1', corrected: true });
    expect(zsy.previous).not.toBeNull();
    for (const it of b.items) {
      if (it.previous?.tier && it.tier) {
        const prev = b.items.length && (it.previous.tier as string);
        expect(['up', 'down', 'same']).toContain(it.move);
        expect(it.move === 'same').toBe(prev === it.tier);
      }
    }
    expect(b.moves.up).toBe(b.items.filter((i: { move: string }) => i.move === 'up').length);
    const mine = ok(await hr.get('/api/talent/tiers/2026'));
    expect(mine.items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([zsyId]);
    expect(ok(await self.get('/api/talent/tiers/2026')).items).toEqual([]);
    err(await office.get('/api/talent/tiers/2019'), 404, 'TALENT_CYCLE_NOT_FOUND');
  });
  it('the reports agree with the published entries', async () => {
    const r = ok(await office.get('/api/talent/reports/2026'));
    const cur = await t.deps.db.selectFrom('talent_cycle_enterprise_entries').select(['points', 'tier']).where('cycle_id', '=', cycle2026).execute();
    expect(r.growth.totalThisYear).toBeCloseTo(cur.reduce((s, x) => s + Number(x.points), 0), 6);
    expect(r.distribution.enterprises.count).toBe(cur.length);
    expect(r.distribution.enterprises.bins.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(cur.length);
    for (const tier of r.tiers) expect(tier.thisYear).toBe(cur.filter((x) => x.tier === tier.tier).length);
    const b = ok(await office.get('/api/talent/tiers/2026'));
    expect(r.tierChanges.up).toBe(b.moves.up);
    expect(r.growth.totalGrowth).not.toBeNull();
    expect(r.served).toEqual({ resources: [], distinctTalents: 0 });
  });
  it('counts the talents served by resource from the redemption results of the year', async () => {
    const db = t.deps.db;
    const dept = (await db.selectFrom('departments').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const res = (await db.insertInto('talent_resources').values({ code: 'school', name: '入学名额', unit: '个', department_id: dept }).returning('id').executeTakeFirstOrThrow()).id;
    const talents = (await db.selectFrom('talents').select('id').where('status', '=', 'active').orderBy('id').limit(3).execute()).map((x) => x.id);
    for (const [period, placed] of [['2026-H1', [0, 1]], ['2026-H2', [1, 2]], ['2025', [0]]] as const) {
      const round = (await db.insertInto('talent_rounds').values({
        name: `测试 ${period}`, resource_id: res, period, status: 'allocated', seed_commitment: 'c', min_points: 0, opens_at: new Date('2026-01-01'), closes_at: new Date('2026-02-01'), notice_days: 5,
      }).returning('id').executeTakeFirstOrThrow()).id;
      const option = (await db.insertInto('talent_round_options').values({ round_id: round, position: 0, name: '城关小学', capacity: 5 }).returning('id').executeTakeFirstOrThrow()).id;
      for (const [rank, i] of placed.entries()) {
        const app = (await db.insertInto('talent_round_applications').values({ round_id: round, talent_id: talents[i]!, preferences: [option], points: 0 }).returning('id').executeTakeFirstOrThrow()).id;
        await db.insertInto('talent_round_results').values({ round_id: round, application_id: app, talent_id: talents[i]!, rank: rank + 1, option_id: option, preference_index: 0, priority_class: 0, points: 0, sub_scores: '[]', ticket: 'x' }).execute();
      }
    }
    const r = ok(await office.get('/api/talent/reports/2026'));
    expect(r.served.resources).toEqual([{ resourceId: res, name: '入学名额', unit: '个', talents: 3, places: 4 }]);
    expect(r.served.distinctTalents).toBe(3);
  });
  it('exports the reports and the tier board as Excel, audited', async () => {
    const x = await office.get('/api/talent/reports/2026/export.xlsx');
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按资源兑现人才', '各档次企业数', '人才积分分布', '企业积分分布']);
    expect(wb.getWorksheet('汇总')!.getRow(2).getCell(2).value).toBe(3);
    const tb = await hr.get('/api/talent/tiers/2026/export.xlsx');
    expect(tb.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(tb.rawPayload as never);
    expect(wb2.worksheets[0]!.rowCount).toBe(2); // the header and HR's own enterprise
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'in', ['talent.cycle.reports.export', 'talent.cycle.tiers.export']).execute();
    expect(audit).toHaveLength(2);
  });
});
