import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { makeCreditCode } from '../../reference/domain/credit-code';
import { nameBigrams } from '../domain/name-bigrams';
import { toInput } from '../enterprise.service';

let t: TestApp;
let officer: Client;
let streetOfficer: Client;

beforeAll(async () => {
  t = await createTestApp();
  [officer, streetOfficer] = await Promise.all([t.as('officer'), t.as('street_officer')]);
});
afterAll(() => t.close());

const HEADER = '统一社会信用代码,企业名称,行业代码,所属街道,从业人数,营业收入（万元）,规上企业,标签';
const cc = (n: number) => makeCreditCode(`91330110MA2KQ${String(n).padStart(4, '0')}`);

function csv(rows: string[]): Buffer {
  return Buffer.from(`\uFEFF${[HEADER, ...rows].join('\n')}\n`, 'utf8');
}

const GOOD = [
  `${cc(1)},杭州导入一号科技有限公司,6513,良渚街道,30,800,否,数字经济`,
  `${cc(2)},杭州导入二号检测技术有限公司,7452,330110012,12,150,否,检验检测`,
];
const BAD = `${cc(3).slice(0, 17)}0,杭州导入三号有限公司,9999,临平街道,很多,,否,`;

async function commitAndWait(batchId: string, onlyValid: boolean) {
  const res = await officer.post(`/api/imports/${batchId}/commit`, { onlyValid });
  expect(res.statusCode).toBe(202);
  expect(await t.deps.jobs.drain()).toBeGreaterThan(0);
  const job = (await officer.get(`/api/jobs/${res.json().jobId}`)).json();
  expect(job.status).toBe('succeeded');
  return job;
}

describe('enterprise import', () => {
  it('reports every bad row with its line and reason, and writes nothing yet', async () => {
    const res = await officer.upload('/api/enterprises/imports', '企业名单.csv', csv([GOOD[0]!, BAD, GOOD[1]!]));
    expect(res.statusCode).toBe(200);
    const batch = res.json();
    expect(batch).toMatchObject({ fileName: '企业名单.csv', status: 'validated', totalRows: 3, validRows: 2 });
    expect(batch.errors.every((e: { line: number }) => e.line === 3)).toBe(true);
    expect(batch.errors.map((e: { column: string }) => e.column)).toEqual(['统一社会信用代码', '行业代码', '所属街道', '从业人数']);
    const written = await t.deps.db.selectFrom('enterprises').select('id').where('credit_code', 'in', [cc(1), cc(2)]).execute();
    expect(written).toHaveLength(0);

    const report = await officer.get(`/api/imports/${batch.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(2).getCell(1).value).toBe(3);

    // A file with errors is written only when the user chooses to import the valid rows.
    const refused = await officer.post(`/api/imports/${batch.id}/commit`, { onlyValid: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('IMPORT_HAS_ERRORS');

    const job = await commitAndWait(batch.id, true);
    expect(job.result).toMatchObject({ created: 2, updated: 0 });
    // Every column arrives as the service writes it (the job sends the rows as one JSON document),
    // and each creation's audit entry holds the row as imported.
    for (const code of [cc(1), cc(2)]) {
      const e = await t.deps.db.selectFrom('enterprises').selectAll().where('credit_code', '=', code).executeTakeFirstOrThrow();
      expect(e).toMatchObject({ version: 1, name_bigrams: nameBigrams(e.name) });
      const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_type', 'entity_id', 'before', 'after', 'actor_name'])
        .where('enterprise_id', '=', e.id).execute();
      expect(audit).toEqual([{ action: 'enterprise.import', entity_type: 'enterprise', entity_id: e.id, before: null, after: toInput(e), actor_name: expect.any(String) }]);
    }
    expect((await officer.get(`/api/imports/${batch.id}`)).json()).toMatchObject({ status: 'imported', summary: { created: 2 } });
    expect((await officer.post(`/api/imports/${batch.id}/commit`, { onlyValid: true })).json().error.code).toBe('IMPORT_ALREADY_DONE');
  });

  it('creates no duplicates when the same file is imported twice, and updates what changed', async () => {
    const again = (await officer.upload('/api/enterprises/imports', 'again.csv', csv(GOOD))).json();
    expect(again.errorCount).toBe(0);
    expect((await commitAndWait(again.id, false)).result).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const changed = (await officer.upload('/api/enterprises/imports', 'changed.csv', csv([GOOD[0]!.replace(',30,', ',45,'), GOOD[1]!]))).json();
    expect((await commitAndWait(changed.id, false)).result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const rows = await t.deps.db.selectFrom('enterprises').select(['id', 'employees']).where('credit_code', '=', cc(1)).execute();
    expect(rows).toEqual([expect.objectContaining({ employees: 45 })]);
    const history = await t.deps.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('enterprise_id', '=', rows[0]!.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['enterprise.import', 'enterprise.import']);
    expect(history[1]).toMatchObject({ before: { employees: 30 }, after: { employees: 45 } });
  });

  it('reads .xlsx files made from the downloadable template', async () => {
    const template = await officer.get('/api/enterprises/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(1).value = cc(10);
    ws.getRow(2).getCell(2).value = '杭州模板导入有限公司';
    ws.addRow([cc(11), '杭州模板导入二号有限公司']); // missing industry and street
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const batch = (await officer.upload('/api/enterprises/imports', '模板.xlsx', file)).json();
    expect(batch.totalRows).toBe(2);
    expect(batch.validRows).toBe(1);
    expect(batch.errors).toEqual([
      { line: 3, column: '行业代码', message: '必填' },
      { line: 3, column: '所属街道', message: '必填' },
    ]);
  });

  it('flags a credit code that appears twice in one file', async () => {
    const batch = (await officer.upload('/api/enterprises/imports', 'dup.csv', csv([GOOD[0]!, GOOD[0]!]))).json();
    expect(batch.errors).toEqual([{ line: 3, column: '统一社会信用代码', message: '与第 2 行重复' }]);
  });

  it('refuses files it cannot read and files without the required columns', async () => {
    const bin = await officer.upload('/api/enterprises/imports', 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff]));
    expect(bin.statusCode).toBe(400);
    expect(bin.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    const broken = await officer.upload('/api/enterprises/imports', 'broken.xlsx', Buffer.from('not a zip'));
    expect(broken.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    const cols = (await officer.upload('/api/enterprises/imports', 'cols.csv', Buffer.from('名称,地址\n甲,乙\n'))).json();
    expect(cols.errors.map((e: { column: string }) => e.column)).toEqual(['统一社会信用代码', '企业名称', '行业代码', '所属街道']);
  });

  it('lets a street officer import only into the street', async () => {
    const batch = (await streetOfficer.upload('/api/enterprises/imports', 'street.csv', csv([`${cc(20)},杭州仓前导入有限公司,6513,仓前街道,5,10,否,`]))).json();
    expect(batch.errors).toEqual([expect.objectContaining({ column: '所属街道' })]);
  });

  it('keeps a batch private to the user who uploaded it', async () => {
    const batch = (await officer.upload('/api/enterprises/imports', 'mine.csv', csv([GOOD[0]!]))).json();
    const other = await t.as('admin');
    for (const res of [await other.get(`/api/imports/${batch.id}`), await other.get(`/api/imports/${batch.id}/errors.xlsx`), await other.post(`/api/imports/${batch.id}/commit`, { onlyValid: true })]) {
      expect(res.statusCode).toBe(404);
    }
    expect((await officer.post(`/api/imports/${batch.id}/discard`)).statusCode).toBe(204);
    expect((await officer.get(`/api/imports/${batch.id}`)).json().status).toBe('discarded');
  });
});
