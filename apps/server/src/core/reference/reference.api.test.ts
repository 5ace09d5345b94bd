import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { DEMO_COUNTY, DEMO_STREETS } from '../../db/seed/demo-county';

/** Reference data over HTTP: the county served, industries, divisions and the workday calendar. */
let t: TestApp;
let officer: Client;
let ent: Client;

type CodeRow = { code: string; name: string; level: number; parentCode: string | null };
const get = async (c: Client, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  [officer, ent] = await Promise.all([t.as('officer'), t.as('ent_zsy')]);
});
afterAll(() => t.close());

describe('/api/reference/county', () => {
  it('is 余杭区 with its 12 streets and towns, in code order', async () => {
    const county = await get(officer, '/api/reference/county');
    expect(county.code).toBe(DEMO_COUNTY);
    expect(county.name).toBe('余杭区');
    expect(county.streets).toHaveLength(12);
    expect(county.streets).toContainEqual({ code: DEMO_STREETS.liangzhu, name: '良渚街道' });
    expect(county.streets).toContainEqual({ code: DEMO_STREETS.cangqian, name: '仓前街道' });
    expect(county.streets).toContainEqual({ code: DEMO_STREETS.wuchang, name: '五常街道' });
    expect(county.streets.filter((s: { name: string }) => s.name.endsWith('镇'))).toHaveLength(5);
    const codes = county.streets.map((s: { code: string }) => s.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes.every((c: string) => c.startsWith(DEMO_COUNTY) && c.length === 9)).toBe(true);
  });

  it('is readable by any signed-in user, an enterprise user too, and by no one anonymous', async () => {
    expect(await get(ent, '/api/reference/county')).toEqual(await get(officer, '/api/reference/county'));
    expect((await t.anonymous.get('/api/reference/county')).statusCode).toBe(401);
  });
});

describe('/api/reference/industries', () => {
  it('lists the 20 门类 (A–T) without a parent', async () => {
    const rows: CodeRow[] = await get(officer, '/api/reference/industries');
    expect(rows.map((r) => r.code)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
    expect(rows.every((r) => r.level === 1 && r.parentCode === null)).toBe(true);
    expect(rows.find((r) => r.code === 'C')!.name).toBe('制造业');
  });

  it.each([
    ['M', 2, ['73', '74', '75']], // 科学研究和技术服务业
    ['74', 3, ['745', '746']],
    ['745', 4, ['7451', '7452']],
  ])('lists the children of %s (level %i)', async (parent, level, some) => {
    const rows: CodeRow[] = await get(officer, `/api/reference/industries?parent=${parent}`);
    expect(rows.every((r) => r.parentCode === parent && r.level === level)).toBe(true);
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(some));
  });

  it('finds 7452 检测服务 by the word 检测', async () => {
    const rows: CodeRow[] = await get(officer, `/api/reference/industries?q=${encodeURIComponent('检测')}`);
    expect(rows).toContainEqual({ code: '7452', name: '检测服务', level: 4, parentCode: '745' });
    expect(rows.every((r) => r.name.includes('检测'))).toBe(true);
  });

  it('finds by the start of a code, at most 50 rows', async () => {
    const rows: CodeRow[] = await get(officer, '/api/reference/industries?q=745');
    const codes = rows.map((r) => r.code);
    expect(codes[0]).toBe('745'); // the 中类 first, then its 小类, in code order
    expect(codes).toContain('7452');
    expect(codes).toEqual([...codes].sort());
    expect(codes.every((c) => c.startsWith('745'))).toBe(true);
    expect((await get(officer, '/api/reference/industries?q=1')).length).toBe(50);
  });

  it('finds nothing for nonsense and refuses an over-long parent (400)', async () => {
    expect(await get(officer, `/api/reference/industries?q=${encodeURIComponent('不存在的行业')}`)).toEqual([]);
    expect((await officer.get('/api/reference/industries?parent=74521')).statusCode).toBe(400);
  });
});

describe('/api/reference/divisions', () => {
  it('lists the province without a parent', async () => {
    expect(await get(officer, '/api/reference/divisions')).toEqual([{ code: '330000', name: '浙江省', level: 1, parentCode: null }]);
  });

  it('lists the streets and towns of 余杭区 by parent, the same as the county', async () => {
    const rows: CodeRow[] = await get(officer, `/api/reference/divisions?parent=${DEMO_COUNTY}`);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.level === 4 && r.parentCode === DEMO_COUNTY)).toBe(true);
    const county = await get(officer, '/api/reference/county');
    expect(rows.map(({ code, name }) => ({ code, name }))).toEqual(county.streets);
  });

  it('lists the districts of 杭州市, 余杭区 among them', async () => {
    const rows: CodeRow[] = await get(officer, '/api/reference/divisions?parent=330100');
    expect(rows).toContainEqual({ code: '330110', name: '余杭区', level: 3, parentCode: '330100' });
    expect(rows.every((r) => r.level === 3)).toBe(true);
  });

  it('lists everything within a county', async () => {
    const rows: CodeRow[] = await get(officer, `/api/reference/divisions?within=${DEMO_COUNTY}`);
    expect(rows).toHaveLength(13); // the county and its 12 streets and towns
    expect(rows[0]).toMatchObject({ code: DEMO_COUNTY, name: '余杭区' });
  });

  it.each(['parent=3301', 'parent=abc', 'within=330110010'])('refuses %s (400)', async (query) => {
    expect((await officer.get(`/api/reference/divisions?${query}`)).statusCode).toBe(400);
  });
});

describe('/api/reference/workdays', () => {
  type Days = { coveredYears: number[]; days: { date: string; workday: boolean }[] };
  const days = async (from: string, to: string): Promise<Days> => get(officer, `/api/reference/workdays?from=${from}&to=${to}`);
  const workday = async (date: string) => (await days(date, date)).days[0]!.workday;

  it.each([
    ['2026-02-14', true, 'a Saturday worked in lieu (春节调休)'],
    ['2026-02-28', true, 'a Saturday worked in lieu (春节调休)'],
    ['2026-02-16', false, 'a Monday of the Spring Festival holiday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'a day of the National Day holiday'],
    ['2026-09-20', true, 'a Sunday worked in lieu (国庆调休)'],
    ['2026-10-10', true, 'a Saturday worked in lieu (国庆调休)'],
    ['2026-03-02', true, 'an ordinary Monday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
  ])('%s is %s: %s', async (date, expected) => {
    expect(await workday(date)).toBe(expected);
  });

  it('returns every day of a range, in order, and the years the data covers', async () => {
    const r = await days('2026-02-10', '2026-03-01');
    expect(r.days).toHaveLength(20);
    expect(r.days[0]!.date).toBe('2026-02-10');
    expect(r.days.at(-1)!.date).toBe('2026-03-01');
    expect(r.days.filter((d) => d.workday).map((d) => d.date)).toEqual([
      '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', // Tue–Fri, and Saturday in lieu
      '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', // back after the holiday, Saturday in lieu
    ]);
    expect(r.coveredYears).toContain(2026);
    expect(Math.max(...r.coveredYears)).toBe(2026);
  });

  it('accepts a range of 400 days and refuses 401 (400)', async () => {
    expect((await days('2025-01-01', '2026-02-05')).days).toHaveLength(401);
    const res = await officer.get('/api/reference/workdays?from=2025-01-01&to=2026-02-06');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.to).toContain('400');
  });

  it('refuses a range that ends before it starts (400)', async () => {
    expect((await officer.get('/api/reference/workdays?from=2026-03-02&to=2026-03-01')).statusCode).toBe(400);
  });

  it('refuses a 2027 date with a message, as the calendar stops at 2026 (400)', async () => {
    for (const [from, to] of [['2027-01-04', '2027-01-04'], ['2026-12-30', '2027-01-02']]) {
      const res = await officer.get(`/api/reference/workdays?from=${from}&to=${to}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.to).toBe('2027 年的节假日安排尚未收录');
    }
  });

  it.each(['from=2026-02-30&to=2026-03-01', 'from=2026-1-5&to=2026-01-06', 'from=2026-01-05'])('refuses %s (400)', async (query) => {
    const res = await officer.get(`/api/reference/workdays?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
