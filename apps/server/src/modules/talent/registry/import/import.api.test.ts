import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../../test/test-app';
import { makeIdNumber } from '../../../../core/reference/domain/id-number';
import { DEMO_STORY_ENTERPRISE } from '../../seed/demo-talents';

let t: TestApp;
let hr: Client;
let office: Client;
let zsyId: string;
let otherCreditCode: string;
let otherId: string;

const HEADER = '身份证号码,姓名,手机号码,学历,职称,获奖（级别:年份）,发明专利（件）,年薪（元）,人才类别';
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const idn = (n: number) => makeIdNumber(`3301101988${pad(1 + (n % 12), 2)}${pad(1 + (Math.floor(n / 12) % 28), 2)}${pad(n % 1000, 3)}`);
const csv = (rows: string[], header = HEADER) => Buffer.from(`\uFEFF${[header, ...rows].join('\n')}\n`, 'utf8');

const GOOD = [
  `${idn(501)},导入甲,13900001111,本科,中级,省级:2023；市级:2021,2,180000,D类`,
  `${idn(502)},导入乙,,硕士研究生,,,,,`,
];
const BAD = `${idn(503).slice(0, 17)}${idn(503).endsWith('0') ? '1' : '0'},导入丙,123,学士,神级,省级2023,很多,,Z类`;

beforeAll(async () => {
  t = await createTestApp();
  [hr, office] = await Promise.all([t.as('ent_zsy'), t.as('talent_office')]);
  zsyId = (await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirstOrThrow()).id;
  const other = await t.deps.db.selectFrom('enterprises').select(['id', 'credit_code']).where('id', '!=', zsyId).orderBy('credit_code').limit(1).executeTakeFirstOrThrow();
  otherCreditCode = other.credit_code;
  otherId = other.id;
});
afterAll(() => t.close());

async function commitAndWait(c: Client, batchId: string, onlyValid: boolean) {
  const res = await c.post(`/api/imports/${batchId}/commit`, { onlyValid });
  expect(res.statusCode).toBe(202);
  expect(await t.deps.jobs.drain()).toBeGreaterThan(0);
  const job = (await c.get(`/api/jobs/${res.json().jobId}`)).json();
  expect(job.status).toBe('succeeded');
  return job;
}

const talentsWith = (numbers: string[]) => t.deps.db.selectFrom('talents').selectAll().where('id_number', 'in', numbers).orderBy('id_number').execute();

/** The facts an enterprise has claimed for a talent (approved + its open claim), as its file shows them. */
async function claimed(talentId: string): Promise<Record<string, unknown>> {
  const file = (await hr.get(`/api/talent/talents/${talentId}`)).json();
  const facts: Record<string, unknown> = { ...file.facts };
  for (const c of file.pendingClaim?.changes ?? []) if (c.claimed === null) delete facts[c.fact]; else facts[c.fact] = c.claimed;
  return facts;
}

describe('talent import', () => {
  it('reports every bad row with line and reason, writes nothing until the user chooses the valid rows', async () => {
    const res = await hr.upload('/api/talent/talents/imports', '人才名单.csv', csv([GOOD[0]!, BAD, GOOD[1]!]));
    expect(res.statusCode).toBe(200);
    const batch = res.json();
    expect(batch).toMatchObject({ kind: 'talents', status: 'validated', totalRows: 3, validRows: 2 });
    expect(batch.errors.every((e: { line: number }) => e.line === 3)).toBe(true);
    expect(batch.errors.map((e: { column: string }) => e.column)).toEqual([
      '身份证号码', '手机号码', '学历', '职称', '人才类别', '发明专利（件）', '获奖（级别:年份）',
    ]);
    expect(await talentsWith([idn(501), idn(502)])).toHaveLength(0);

    const report = await hr.get(`/api/imports/${batch.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(3);

    expect((await hr.post(`/api/imports/${batch.id}/commit`, { onlyValid: false })).json().error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await talentsWith([idn(501), idn(502)])).toHaveLength(0);

    const job = await commitAndWait(hr, batch.id, true);
    expect(job.result).toMatchObject({ created: 2, updated: 0, conflicts: 0 });
    const rows = await talentsWith([idn(501), idn(502)]);
    expect(rows.map((r) => r.enterprise_id)).toEqual([zsyId, zsyId]);
    // an enterprise's facts are claimed for review: none is approved yet, each talent has one open claim
    expect(rows.map((r) => r.facts)).toEqual([{}, {}]);
    const a = rows.find((r) => r.id_number === idn(501))!;
    expect(await claimed(a.id)).toEqual({
      education: 'bachelor', titleLevel: 'intermediate', awards: [{ level: 'provincial', year: 2023 }, { level: 'city', year: 2021 }],
      inventionPatents: 2, annualSalary: 180000, talentCategory: 'D',
    });
    const b = rows.find((r) => r.id_number === idn(502))!;
    expect(await claimed(b.id)).toEqual({ education: 'master' }); // empty cells are unknown facts, not zero
    const employments = await t.deps.db.selectFrom('talent_employments').select('talent_id').where('talent_id', 'in', rows.map((r) => r.id)).execute();
    expect(employments).toHaveLength(2);
  });

  it('creates no duplicates when the same file is imported twice, and updates what changed', async () => {
    const again = (await hr.upload('/api/talent/talents/imports', 'again.csv', csv(GOOD))).json();
    expect(again.errorCount).toBe(0);
    expect((await commitAndWait(hr, again.id, false)).result).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await talentsWith([idn(501), idn(502)])).toHaveLength(2);

    const changed = (await hr.upload('/api/talent/talents/imports', 'changed.csv', csv([GOOD[0]!.replace(',2,180000,', ',3,180000,'), GOOD[1]!]))).json();
    expect((await commitAndWait(hr, changed.id, false)).result).toMatchObject({ created: 0, updated: 0, claimed: 1, unchanged: 1 });
    const [a] = await talentsWith([idn(501)]);
    expect(a!.facts).toEqual({}); // still nothing approved: the change amends the open claim
    expect(await claimed(a!.id)).toMatchObject({ inventionPatents: 3, education: 'bachelor' });
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', a!.id).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['talent.import']);
    const claims = await t.deps.db.selectFrom('talent_claims').select('id').where('talent_id', '=', a!.id).execute();
    expect(claims).toHaveLength(1);
    const claimAudit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', claims[0]!.id).orderBy('id').execute();
    expect(claimAudit.map((x) => x.action)).toEqual(['talent.claim.submit', 'talent.claim.amend']);
  });

  it('applies the talent office\'s imported facts directly', async () => {
    const [a] = await talentsWith([idn(501)]);
    const header = `${HEADER},所属企业统一社会信用代码`;
    const credit = (await t.deps.db.selectFrom('enterprises').select('credit_code').where('id', '=', zsyId).executeTakeFirstOrThrow()).credit_code;
    const batch = (await office.upload('/api/talent/talents/imports', 'office.csv', csv([`${GOOD[0]!.replace(',2,180000,', ',4,180000,')},${credit}`], header))).json();
    expect(batch.errorCount).toBe(0);
    expect((await commitAndWait(office, batch.id, false)).result).toMatchObject({ updated: 1 });
    const [after] = await talentsWith([idn(501)]);
    expect(after!.facts).toMatchObject({ inventionPatents: 4, education: 'bachelor' });
    expect(a!.id).toBe(after!.id);
  });

  it('files a conflict, not a second talent, for a person another enterprise employs', async () => {
    const other = await t.deps.db.selectFrom('talents').select(['id', 'id_number']).where('enterprise_id', '=', otherId).limit(1).executeTakeFirstOrThrow();
    const batch = (await hr.upload('/api/talent/talents/imports', 'conflict.csv', csv([`${other.id_number},别家的人,,本科,,,,,`]))).json();
    expect(batch.errorCount).toBe(0);
    expect((await commitAndWait(hr, batch.id, false)).result).toMatchObject({ created: 0, conflicts: 1 });
    expect(await talentsWith([other.id_number])).toHaveLength(1);
    const again = (await hr.upload('/api/talent/talents/imports', 'conflict.csv', csv([`${other.id_number},别家的人,,本科,,,,,`]))).json();
    await commitAndWait(hr, again.id, false);
    const open = await t.deps.db.selectFrom('talent_conflicts').select('id').where('talent_id', '=', other.id).where('status', '=', 'open').execute();
    expect(open).toHaveLength(1);
  });

  it('refuses another enterprise in an enterprise user\'s file', async () => {
    const header = `${HEADER},所属企业统一社会信用代码`;
    const batch = (await hr.upload('/api/talent/talents/imports', 'other.csv', csv([`${idn(504)},导入丁,,本科,,,,,,${otherCreditCode}`], header))).json();
    expect(batch.errors).toEqual([expect.objectContaining({ line: 2, column: '所属企业统一社会信用代码', message: '只能导入本企业的人才' })]);
  });

  it('makes the county name the employer, and serves a template that imports back', async () => {
    const noColumn = (await office.upload('/api/talent/talents/imports', 'office.csv', csv([GOOD[0]!]))).json();
    expect(noColumn.errors).toEqual([expect.objectContaining({ line: 1, column: '所属企业统一社会信用代码' })]);

    const template = await office.get('/api/talent/talents/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    ws.getRow(2).getCell(headers.indexOf('所属企业统一社会信用代码') + 1).value = otherCreditCode;
    ws.getRow(2).getCell(headers.indexOf('身份证号码') + 1).value = idn(505);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const batch = (await office.upload('/api/talent/talents/imports', '模板.xlsx', file)).json();
    expect(batch).toMatchObject({ totalRows: 1, validRows: 1, errorCount: 0 });
    expect((await commitAndWait(office, batch.id, false)).result).toMatchObject({ created: 1 });
    expect((await talentsWith([idn(505)]))[0]!.enterprise_id).toBe(otherId);
  });

  it('flags an ID number that appears twice in one file, and keeps the batch private', async () => {
    const batch = (await hr.upload('/api/talent/talents/imports', 'dup.csv', csv([GOOD[0]!, GOOD[0]!]))).json();
    expect(batch.errors).toEqual([{ line: 3, column: '身份证号码', message: '与第 2 行重复' }]);
    expect((await office.get(`/api/imports/${batch.id}`)).statusCode).toBe(404);
  });

  it('is refused to users without the import permission', async () => {
    const self = await t.as('talent_demo');
    expect((await self.upload('/api/talent/talents/imports', 'x.csv', csv(GOOD))).statusCode).toBe(403);
    expect((await self.get('/api/talent/talents/import-template.xlsx')).statusCode).toBe(403);
    expect((await t.anonymous.upload('/api/talent/talents/imports', 'x.csv', csv(GOOD))).statusCode).toBe(401);
  });
});
