import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { DEMO_STREETS } from '../../db/seed/demo-county';

/**
 * Parks (一园一档): the list, the park file with its totals, and their edits. The totals are
 * checked against direct SQL over the enterprises table, for the whole county and for a street
 * officer whose scope must never leak through a count.
 */
let t: TestApp;
let officer: Client;
let streetOfficer: Client;
let leader: Client;
let officerId: string;
let parks: { id: string; name: string; division_code: string }[];
const PARK_NAMES = ['梦想小镇', '人工智能小镇', '良渚新城科创园', '未来科技城医药港小镇'];
const parkNamed = (name: string) => parks.find((p) => p.name === name)!;

type Park = { id: string; name: string; kind: string; divisionCode: string; divisionName: string; address: string; areaMu: number | null; description: string; enterpriseCount: number };
type ParkFile = Park & {
  totals: { enterprises: number; aboveScale: number; highTech: number; listed: number; employees: number; revenueFen: number };
  bySizeClass: Record<string, number>;
  byIndustry: { code: string; name: string; count: number }[];
};

/** The park's figures straight from the enterprises table, optionally inside one street. */
async function sqlTotals(parkId: string, street?: string) {
  let q = t.deps.db.selectFrom('enterprises').where('park_id', '=', parkId);
  if (street) q = q.where('division_code', 'like', `${street}%`);
  const row = await q.select([
    sql<number>`count(*)`.as('enterprises'),
    sql<number>`count(*) FILTER (WHERE above_scale)`.as('aboveScale'),
    sql<number>`count(*) FILTER (WHERE high_tech)`.as('highTech'),
    sql<number>`count(*) FILTER (WHERE listed)`.as('listed'),
    sql<number>`coalesce(sum(employees), 0)`.as('employees'),
    sql<number>`coalesce(sum(revenue_fen), 0)`.as('revenueFen'),
  ]).executeTakeFirstOrThrow();
  const sizes = await q.select(['size_class', sql<number>`count(*)`.as('n')]).groupBy('size_class').execute();
  return {
    totals: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])),
    bySizeClass: Object.fromEntries(sizes.map((s) => [s.size_class ?? 'unknown', Number(s.n)])),
  };
}

const file = async (c: Client, id: string): Promise<ParkFile> => {
  const res = await c.get(`/api/parks/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const auditOf = (id: string, action: string) =>
  t.deps.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'park').where('entity_id', '=', id).where('action', '=', action).execute();

const newPark = (over: Record<string, unknown> = {}) => ({
  name: '良渚文化艺术小镇', kind: 'characteristic_town', divisionCode: DEMO_STREETS.liangzhu, address: '良渚街道港南路', areaMu: 800, description: '文化创意产业', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  [officer, streetOfficer, leader] = await Promise.all([t.as('officer'), t.as('street_officer'), t.as('leader')]);
  officerId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow()).id;
  parks = await t.deps.db.selectFrom('parks').select(['id', 'name', 'division_code']).orderBy('name').execute();
});
afterAll(() => t.close());

describe('the park list', () => {
  it('lists the 4 demo parks with their street and the number of enterprises in each', async () => {
    const res = await leader.get('/api/parks');
    expect(res.statusCode).toBe(200);
    const list: Park[] = res.json();
    expect(list.map((p) => p.name).sort()).toEqual([...PARK_NAMES].sort());
    expect(list.find((p) => p.name === '良渚新城科创园')).toMatchObject({ kind: 'science_park', divisionCode: DEMO_STREETS.liangzhu, divisionName: '良渚街道', areaMu: 1200 });
    for (const p of list) expect(p.enterpriseCount, p.name).toBe((await sqlTotals(p.id)).totals.enterprises);
    expect(list.reduce((s, p) => s + p.enterpriseCount, 0)).toBeGreaterThan(50); // about 55% of 200 are in a park
  });

  it('counts for a street officer only the enterprises of the street', async () => {
    const list: Park[] = (await streetOfficer.get('/api/parks')).json();
    expect(list).toHaveLength(4); // a park is public knowledge; its figures are not
    for (const p of list) expect(p.enterpriseCount, p.name).toBe((await sqlTotals(p.id, DEMO_STREETS.liangzhu)).totals.enterprises);
    expect(list.find((p) => p.name === '梦想小镇')!.enterpriseCount).toBe(0);
    expect(list.find((p) => p.name === '良渚新城科创园')!.enterpriseCount).toBeGreaterThan(0);
  });
});

describe('the park file (一园一档)', () => {
  it.each(PARK_NAMES)('%s: totals and size classes equal a direct count over enterprises', async (name) => {
    const park = parkNamed(name);
    const f = await file(leader, park.id);
    const expected = await sqlTotals(park.id);
    expect(f.totals).toEqual(expected.totals);
    expect(f.totals.enterprises).toBeGreaterThan(0);
    expect(f.bySizeClass).toEqual({ large: 0, medium: 0, small: 0, micro: 0, unknown: 0, ...expected.bySizeClass });
    expect(Object.values(f.bySizeClass).reduce((a, b) => a + b, 0)).toBe(f.totals.enterprises);
    expect(f.enterpriseCount).toBe(f.totals.enterprises);
  });

  it.each(PARK_NAMES)('%s: byIndustry adds up, sorted by count, each slice matching the enterprise list filter', async (name) => {
    const park = parkNamed(name);
    const f = await file(officer, park.id);
    expect(f.byIndustry.reduce((s, x) => s + x.count, 0)).toBe(f.totals.enterprises);
    const counts = f.byIndustry.map((x) => x.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const names = new Map((await t.deps.db.selectFrom('industries').select(['code', 'name']).where('code', 'in', f.byIndustry.map((x) => x.code)).execute()).map((r) => [r.code, r.name]));
    for (const slice of f.byIndustry) {
      expect(slice.name).toBe(names.get(slice.code));
      // The web opens the enterprise list filtered by the slice's code (ParkFilePage onPick).
      const listed = (await officer.get(`/api/enterprises?park=${park.id}&industry=${slice.code}&pageSize=1`)).json();
      expect(listed.total, `${park.name} ${slice.code}`).toBe(slice.count);
    }
  });

  it('the 良渚 park holds the two companies of the Liangzhu story', async () => {
    const park = parkNamed('良渚新城科创园');
    const names = (await t.deps.db.selectFrom('enterprises').select('name').where('park_id', '=', park.id).execute()).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['中双元（杭州）科技有限公司', '杭州良渚正信检测技术有限公司']));
  });

  it.each(PARK_NAMES)('%s seen by the 良渚 street officer counts only 良渚 enterprises', async (name) => {
    const park = parkNamed(name);
    const f = await file(streetOfficer, park.id);
    const expected = await sqlTotals(park.id, DEMO_STREETS.liangzhu);
    expect(f.totals).toEqual(expected.totals);
    expect(f.bySizeClass).toEqual({ large: 0, medium: 0, small: 0, micro: 0, unknown: 0, ...expected.bySizeClass });
    expect(f.byIndustry.reduce((s, x) => s + x.count, 0)).toBe(expected.totals.enterprises);
    if (park.division_code !== DEMO_STREETS.liangzhu) {
      expect(f.totals).toEqual({ enterprises: 0, aboveScale: 0, highTech: 0, listed: 0, employees: 0, revenueFen: 0 });
      expect(f.byIndustry).toEqual([]);
    }
  });

  it('answers 404 PARK_NOT_FOUND for an unknown park', async () => {
    const res = await leader.get('/api/parks/00000000-0000-4000-8000-000000000001');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PARK_NOT_FOUND');
  });
});

describe('creating and editing parks', () => {
  let id: string;

  it('creates a park (201): an empty park file, audited', async () => {
    const res = await officer.post('/api/parks', newPark());
    expect(res.statusCode).toBe(201);
    const f: ParkFile = res.json();
    expect(f).toMatchObject({ name: '良渚文化艺术小镇', divisionName: '良渚街道', areaMu: 800, enterpriseCount: 0 });
    expect(f.totals).toEqual({ enterprises: 0, aboveScale: 0, highTech: 0, listed: 0, employees: 0, revenueFen: 0 });
    expect(f.bySizeClass).toEqual({ large: 0, medium: 0, small: 0, micro: 0, unknown: 0 });
    expect(f.byIndustry).toEqual([]);
    id = f.id;
    const [audit] = await auditOf(id, 'park.create');
    expect(audit).toMatchObject({ actor_id: officerId, actor_name: '陈建国', before: null, after: newPark() });
    expect(audit!.request_id).toBe(res.headers['x-request-id']);
    expect((await leader.get('/api/parks')).json()).toHaveLength(5);
  });

  it('refuses a name already used (409 PARK_NAME_TAKEN)', async () => {
    const res = await officer.post('/api/parks', newPark({ name: '梦想小镇' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PARK_NAME_TAKEN');
    expect(res.json().error.fields).toHaveProperty('name');
  });

  it.each([
    ['a division that does not exist', { name: '虚构园区', divisionCode: '330110999' }, 'divisionCode'],
    ['a malformed division code', { name: '虚构园区', divisionCode: '3301' }, 'divisionCode'],
    ['an unknown kind', { name: '虚构园区', kind: 'free_zone' }, 'kind'],
    ['a negative area', { name: '虚构园区', areaMu: -1 }, 'areaMu'],
    ['a one-character name', { name: '园' }, 'name'],
  ])('refuses %s (400) and creates nothing', async (_what, over, field) => {
    const res = await officer.post('/api/parks', newPark(over));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json().error.fields)).toContain(field);
    expect(await t.deps.db.selectFrom('parks').select('id').where('name', 'in', ['虚构园区', '园']).execute()).toEqual([]);
  });

  it('edits a park; the audit entry holds only what changed', async () => {
    const res = await officer.put(`/api/parks/${id}`, newPark({ areaMu: 950, address: '良渚街道港南路 1 号' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, areaMu: 950, address: '良渚街道港南路 1 号' });
    const [audit] = await auditOf(id, 'park.update');
    expect(audit!.before).toEqual({ areaMu: 800, address: '良渚街道港南路' });
    expect(audit!.after).toEqual({ areaMu: 950, address: '良渚街道港南路 1 号' });
  });

  it('writes no audit entry when nothing changed, and keeps its own name', async () => {
    expect((await officer.put(`/api/parks/${id}`, newPark({ areaMu: 950, address: '良渚街道港南路 1 号' }))).statusCode).toBe(200);
    expect(await auditOf(id, 'park.update')).toHaveLength(1);
  });

  it('refuses renaming to another park’s name (409) and an unknown division (400)', async () => {
    const taken = await officer.put(`/api/parks/${id}`, newPark({ name: '人工智能小镇' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('PARK_NAME_TAKEN');
    const bad = await officer.put(`/api/parks/${id}`, newPark({ divisionCode: '330110999' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('divisionCode');
    expect((await file(officer, id)).name).toBe('良渚文化艺术小镇');
  });

  it('answers 404 PARK_NOT_FOUND when editing an unknown park', async () => {
    const res = await officer.put('/api/parks/00000000-0000-4000-8000-000000000001', newPark({ name: '不存在的园区' }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PARK_NOT_FOUND');
  });

  it('is refused to a reader without park.write (leader: 403)', async () => {
    expect((await leader.post('/api/parks', newPark({ name: '领导园区' }))).statusCode).toBe(403);
    expect((await leader.put(`/api/parks/${id}`, newPark({ name: '领导园区' }))).statusCode).toBe(403);
  });
});
