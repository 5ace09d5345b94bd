import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';

let t: TestApp;
let analyst: Client; // 医保基金监管分析员 (demo mf_analyst)
let viewer: Client; // 医保基金监管查看 (demo mf_viewer)
let officer: Client; // core officer: no medfund permission

const deaths = (rows: string[]) => Buffer.from(['登记编号,身份证号,姓名,死亡日期,来源部门', ...rows].join('\n'), 'utf8');

async function waitForLoad(id: number): Promise<Record<string, unknown>> {
  await t.deps.jobs.drain();
  const res = await analyst.get(`/api/medfund/loads/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  analyst = await t.as('mf_analyst');
  viewer = await t.as('mf_viewer');
  officer = await t.as('officer');
  await t.deps.jobs.drain(); // the demo district-year
}, 120_000);
afterAll(() => t.close());

describe('medfund data: access', () => {
  it('answers 401 to strangers and 403 to users without the permission', async () => {
    expect((await t.anonymous.get('/api/medfund/loads')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/medfund/overview')).statusCode).toBe(401);
    expect((await officer.get('/api/medfund/loads')).statusCode).toBe(403);
    expect((await officer.get('/api/medfund/tables')).statusCode).toBe(403);
    expect((await viewer.upload('/api/medfund/loads?table=death_reg', 'd.csv', deaths([]))).statusCode).toBe(403);
    expect((await viewer.post('/api/medfund/mappings', { name: 'x', targetTable: 'death_reg', columns: {} })).statusCode).toBe(403);
  });
});

describe('medfund data: the demo district-year and the overview', () => {
  it('generated the demo year into the claims store at the first start', async () => {
    const list = await viewer.get('/api/medfund/loads?table=*'.replace('?table=*', ''));
    expect(list.statusCode).toBe(200);
    const demo = list.json().items.find((l: { source: string }) => l.source === 'generator');
    expect(demo).toMatchObject({ status: 'succeeded', targetTable: '*' });
    expect(demo.rowsAdded).toBeGreaterThan(10_000);
    const o = (await viewer.get('/api/medfund/overview')).json();
    expect(o.engine).toBe('duckdb');
    expect(o.tables.fee_list_d).toBeGreaterThan(10_000);
    expect(o.months.map((m: { month: number }) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(o.providerKinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['level1', 'level2', 'level3', 'pharmacy']));
    expect(o.netted).toBeGreaterThan(0);
  });

  it('lists the tables with their columns in load order', async () => {
    const tables = (await viewer.get('/api/medfund/tables')).json();
    expect(tables[0].name).toBe('hilist');
    const fee = tables.find((x: { name: string }) => x.name === 'fee_list_d');
    expect(fee.columns.find((c: { name: string }) => c.name === 'feedetl_sn')).toMatchObject({ required: true, zh: '费用明细流水号' });
  });
});

describe('medfund data: mappings', () => {
  it('ships a national-layout mapping per table that cannot be changed', async () => {
    const list = (await viewer.get('/api/medfund/mappings?table=setl_d')).json();
    expect(list[0]).toMatchObject({ builtin: true, targetTable: 'setl_d' });
    const res = await analyst.put(`/api/medfund/mappings/${list[0].id}`, { name: 'x', targetTable: 'setl_d', columns: list[0].columns });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('MEDFUND_MAPPING_BUILTIN');
  });

  it('refuses a mapping that leaves a required column unmapped or names an unknown one, field by field', async () => {
    const res = await analyst.post('/api/medfund/mappings', { name: '民政死亡', targetTable: 'death_reg', columns: { death_reg_id: '编号', nonsense: 'x' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(Object.keys(fields).sort()).toEqual(['columns.certno', 'columns.death_date', 'columns.nonsense', 'columns.source_dept']);
    expect(fields['columns.certno']).toContain('证件号码');
  });
});

describe('medfund data: uploads', () => {
  let mappingId: number;
  let firstLoad: number;
  beforeAll(async () => {
    const res = await analyst.post('/api/medfund/mappings', {
      name: '民政殡葬数据', targetTable: 'death_reg', dateFormat: 'YYYYMMDD',
      columns: { death_reg_id: '登记编号', certno: '身份证号', psn_name: '姓名', death_date: '死亡日期', source_dept: '来源部门' },
    });
    expect(res.statusCode, res.body).toBe(201);
    mappingId = res.json().id;
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'medfund.mapping.create').execute();
    expect(audit.length).toBe(1);
  });

  it('loads a file with a saved mapping in the background, and reports its bad rows', async () => {
    const res = await analyst.upload(`/api/medfund/loads?table=death_reg&mappingId=${mappingId}`, '殡葬登记.csv', deaths([
      'API-1,330110194001011234,张三,20250506,民政',
      'API-2,330110194001011242,李四,20251307,民政',
      'API-3,33011019400101,王五,20250507,民政',
      'API-4,330110194001011250,赵六,20250508,民政',
    ]));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', mappingName: '民政殡葬数据', fileFormat: 'csv' });
    firstLoad = res.json().id;
    const load = await waitForLoad(firstLoad);
    expect(load).toMatchObject({ status: 'succeeded', rowsRead: 4, rowsAdded: 2, rowsRejected: 2, errorsByCode: { BAD_DATE: 1, BAD_ID_NUMBER: 1 } });
    const errors = load.errors as { rowNo: number; code: string; value: string; message: string }[];
    expect(errors.map((e) => `${e.rowNo}:${e.code}`)).toEqual(['2:BAD_DATE', '3:BAD_ID_NUMBER']);
    // the ID number in the report is masked, in the value and in the message
    expect(errors[1]!.value).not.toBe('33011019400101');
    expect(errors[1]!.message).not.toContain('33011019400101');
  });

  it('adds nothing when the same file comes again', async () => {
    const res = await analyst.upload(`/api/medfund/loads?table=death_reg&mappingId=${mappingId}`, 'again.csv', deaths([
      'API-1,330110194001011234,张三,20250506,民政',
      'API-2,330110194001011242,李四,20251307,民政',
      'API-3,33011019400101,王五,20250507,民政',
      'API-4,330110194001011250,赵六,20250508,民政',
    ]));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'duplicate', duplicateOf: firstLoad, rowsAdded: 0 });
    // overlapping content in another file: the stored keys are counted, not added
    const overlap = await analyst.upload(`/api/medfund/loads?table=death_reg&mappingId=${mappingId}`, 'overlap.csv', deaths([
      'API-1,330110194001011234,张三,20250506,民政',
      'API-5,330110194001011269,钱七,20250509,公安',
    ]));
    const load = await waitForLoad(overlap.json().id);
    expect(load).toMatchObject({ status: 'succeeded', rowsAdded: 1, rowsExisting: 1, rowsRejected: 0 });
  });

  it('fails a load whose file lacks the mapped columns, saying which', async () => {
    const res = await analyst.upload(`/api/medfund/loads?table=death_reg&mappingId=${mappingId}`, 'wrong.csv', Buffer.from('a,b\n1,2\n'));
    const load = await waitForLoad(res.json().id);
    expect(load.status).toBe('failed');
    expect(load.error).toContain('身份证号');
  });

  it('refuses a mapping of another table, an empty file and a missing file', async () => {
    const mismatch = await analyst.upload(`/api/medfund/loads?table=setl_d&mappingId=${mappingId}`, 'x.csv', deaths([]));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('MEDFUND_MAPPING_TABLE_MISMATCH');
    expect((await analyst.upload('/api/medfund/loads?table=death_reg', 'empty.csv', Buffer.alloc(0))).json().error.code).toBe('FILE_EMPTY');
    expect((await analyst.post('/api/medfund/loads?table=death_reg', {})).statusCode).toBe(400);
    expect((await analyst.get('/api/medfund/loads/999999')).statusCode).toBe(404);
  });

  it('downloads the error report as Excel, masked; unmasked only with personal.reveal, audited', async () => {
    const masked = await viewer.get(`/api/medfund/loads/${firstLoad}/errors.xlsx`);
    expect(masked.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('行号');
    expect(ws.rowCount).toBe(3);
    expect(String(ws.getRow(3).getCell(5).value)).not.toBe('33011019400101');
    expect((await viewer.get(`/api/medfund/loads/${firstLoad}/errors.xlsx?reveal=true`)).statusCode).toBe(403);
    const full = await analyst.get(`/api/medfund/loads/${firstLoad}/errors.xlsx?reveal=true`);
    expect(full.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    expect(String(wb2.worksheets[0]!.getRow(3).getCell(5).value)).toBe('33011019400101');
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'medfund.load.errors.reveal').execute();
    expect(audit).toEqual([{ action: 'medfund.load.errors.reveal', entity_id: String(firstLoad) }]);
  });
});
