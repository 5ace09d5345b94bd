import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { readTable } from '../../../core/excel/read-table';
import { completeFacts, personalSource } from './test-helpers';

/**
 * A what-if run over a population small enough to compute by hand: every demo talent is made
 * inactive, then four talents are added, A at enterprise X alone, B, C, D at enterprise Y.
 *
 * Published (demo, 2026): education master 30, doctorate 40, bachelor 20. Draft: master 35,
 * doctorate 30. With completeFacts (title intermediate 15, salary 200,000 → 20, 5 years → 10,
 * 40 months → 10, category none 0):
 *   A master     85 → 90  gained      B bachelor 75 → 75  unchanged
 *   C doctorate  95 → 85  lost        D no education: incomplete → undecided (55 both sides)
 * Enterprises (staffPoints: 1 point per full 10 personal points):
 *   X: 90 (30 recruits) + 11 (55 skilled) + 70 (national + city centre) + 20 (training 500,000)
 *      + staff 85 → 8 = 199 (tier3) → staff 90 → 9 = 200 (tier2): gained, tier up.
 *   Y: zero facts, staff 225 → 22 → 215 → 21: lost.
 */
const NOW = new Date('2026-11-29T04:00:00Z');
let t: TestApp;
let office: Client;
let xId: string;
let yId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  office = await t.as('talent_office');
  const ents = await t.deps.db.selectFrom('enterprises').select('id').orderBy('credit_code').limit(2).execute();
  [xId, yId] = [ents[0]!.id, ents[1]!.id];
  await t.deps.db.updateTable('talents').set({ status: 'inactive' }).execute();
  const people = [
    ['A', xId, completeFacts({ education: 'master' }), '330110199001010011'],
    ['B', yId, completeFacts({ education: 'bachelor' }), '330110199001020012'],
    ['C', yId, completeFacts({ education: 'doctorate' }), '330110199001030013'],
    ['D', yId, completeFacts({ education: undefined }), '330110199001040014'],
  ] as const;
  for (const [name, ent, facts, idNumber] of people) {
    const row = await t.deps.db
      .insertInto('talents')
      .values({ id_number: fixCheck(idNumber), name: `试算${name}`, gender: 'male', birth_date: '1990-01-01', enterprise_id: ent, facts: JSON.stringify(facts) })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[name] = row.id;
  }
  const x = await office.put(`/api/talent/enterprise-facts/${xId}`, {
    year: 2026, facts: { recruitsBachelorPlus: 30, recruitsSkilled: 55, platforms: [{ kind: 'national_rd_centre' }, { kind: 'city_rd_centre' }], trainingSpend: 500_000 },
  });
  expect(x.statusCode).toBe(200);
  expect((await office.put(`/api/talent/enterprise-facts/${yId}`, { year: 2026, facts: { recruitsBachelorPlus: 0, recruitsSkilled: 0, platforms: [], trainingSpend: 0 } })).statusCode).toBe(200);
});
afterAll(() => t.close());

/** GB 11643 check digit. */
function fixCheck(id: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...id.slice(0, 17)].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return id.slice(0, 17) + '10X98765432'[sum % 11];
}

describe('what-if run', () => {
  it('counts who gains, loses, stays and changes tier, as computed by hand', async () => {
    const source = personalSource({
      version: '2026-draft-2',
      edit: (s) => s.replace('{ value: master, points: 30 }', '{ value: master, points: 35 }').replace('{ value: doctorate, points: 40 }', '{ value: doctorate, points: 30 }'),
    });
    const draft = (await office.post('/api/talent/schemes', { source })).json();
    const started = await office.post(`/api/talent/schemes/${draft.id}/what-if`, {});
    expect(started.statusCode).toBe(202);
    await t.deps.jobs.drain();
    const run = (await office.get(`/api/talent/what-if/${started.json().run.id}`)).json();
    expect(run.status).toBe('succeeded');
    expect(run.talentCounts).toMatchObject({ subjects: 4, gained: 1, lost: 1, unchanged: 1, undecided: 1, tierChanged: 0, passGained: 0, passLost: 0 });
    const enterprises = await t.deps.db.selectFrom('talent_enterprise_facts').select('enterprise_id').where('year', '=', 2026).execute();
    expect(run.enterpriseCounts).toMatchObject({ subjects: enterprises.length, gained: 1, lost: 1, unchanged: enterprises.length - 2, undecided: 0, tierChanged: 1, tierUp: 1, tierDown: 0 });

    const rows = (await office.get(`/api/talent/what-if/${run.id}/rows?pageSize=100`)).json();
    const by = new Map(rows.items.map((r: { subjectId: string }) => [r.subjectId, r]));
    expect(by.get(ids.A!)).toMatchObject({ beforeTotal: 85, afterTotal: 90, delta: 5, change: 'gained', name: '试算A' });
    expect(by.get(ids.C!)).toMatchObject({ beforeTotal: 95, afterTotal: 85, delta: -10, change: 'lost' });
    expect(by.get(ids.D!)).toMatchObject({ change: 'undecided' });
    expect(by.has(ids.B!)).toBe(false);
    expect(by.get(xId)).toMatchObject({ beforeTotal: 199, afterTotal: 200, beforeTier: 'tier3', afterTier: 'tier2', tierMove: 'up' });
    expect(by.get(yId)).toMatchObject({ change: 'lost', delta: -1 });

    const file = await office.get(`/api/talent/what-if/${run.id}/rows.xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const table = await readTable(file.rawPayload, 'whatif.xlsx');
    expect(table.headers).toEqual(expect.arrayContaining(['名称', '现行积分', '草稿积分', '变化', '档次变化']));
    expect(table.rows).toHaveLength(5);
    const xRow = table.rows.find((r) => r.values.ID === xId)!;
    expect(xRow.values).toMatchObject({ 现行积分: '199', 草稿积分: '200', 档次变化: '升档' });

    // publishing nothing: the published scores are untouched by a what-if
    const scored = await t.deps.db.selectFrom('talent_scores').select('talent_id').where('talent_id', 'in', Object.values(ids)).execute();
    expect(scored).toHaveLength(0);
  });

  it('only runs drafts', async () => {
    const published = (await office.get('/api/talent/schemes?kind=personal&status=published')).json().items[0];
    const res = await office.post(`/api/talent/schemes/${published.id}/what-if`, {});
    expect(res.statusCode).toBe(409);
  });

  it('recomputes on demand: the new talents get scores, inactive ones are dropped from that day', async () => {
    const res = await office.post('/api/talent/scores/recompute', { kind: 'personal' });
    expect(res.statusCode).toBe(202);
    await t.deps.jobs.drain();
    const job = (await office.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ talents: 4, asOf: '2026-11-29' });
    const a = (await office.get(`/api/talent/scores/${ids.A}`)).json();
    expect(a).toMatchObject({ total: 85, asOf: '2026-11-29', complete: true, passed: true });
    const x = (await office.get(`/api/talent/enterprise-scores/${xId}`)).json();
    expect(x).toMatchObject({ total: 199, tier: { id: 'tier3' }, staffPointsTotal: 85, talentCount: 1, asOf: '2026-11-29' });
    expect(x.talents).toEqual([expect.objectContaining({ talentId: ids.A, total: 85 })]);
  });
});
