import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsStore } from '../../claims/claims-store';
import { openDuckdbStore } from '../../claims/duckdb-store';
import { LOAD_ORDER, type ClaimsTableName } from '../../claims/tables';
import { nationalMapping } from '../../domain/mapping';
import { CsvSink } from '../../generator/csv-sink';
import { generateDistrictYear } from '../../generator/generate';
import { loadFile } from './load-file';
import { scratchPostgresStore } from '../../claims/scratch-postgres';

const pgUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const engines: [string, () => Promise<{ store: ClaimsStore; done: () => Promise<void> }>][] = [
  ['duckdb', async () => {
    const store = await openDuckdbStore(':memory:');
    return { store, done: () => store.close() };
  }],
];
if (pgUrl) {
  engines.push(['postgres', () => scratchPostgresStore(pgUrl, 'zz_load')]);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-mf-load-test-'));
const gen = path.join(dir, 'gen');
const sink = new CsvSink(gen);
const manifest = generateDistrictYear(sink, { scale: 'tiny' });
sink.close();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const national = (table: ClaimsTableName, loadId: number) => ({
  loadId, table, file: path.join(gen, `${table}.csv`), columns: nationalMapping(table), dateFormat: 'YYYY-MM-DD' as const, delimiter: ',',
});

describe.each(engines)('loading files into the %s claims store', (_name, open) => {
  let store: ClaimsStore;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await open());
  });
  afterAll(() => done());

  it('loads the generated district-year, every table, every row, by the clean path, and reports progress', async () => {
    let loadId = 1;
    for (const t of LOAD_ORDER) {
      const shares: number[] = [];
      const phases = new Set<string>();
      const out = await loadFile(store, { ...national(t, loadId++), onProgress: (share, phase) => { shares.push(share); phases.add(phase); } });
      expect(out.rowsRejected, `${t}: ${JSON.stringify(out.errors.slice(0, 3))}`).toBe(0);
      expect(out.rowsAdded, t).toBe(manifest.counts[t]);
      expect(shares, t).toEqual([...shares].sort((a, b) => a - b)); // never backwards
      expect(shares.at(-1)).toBe(1);
      // a clean file goes straight into the store: no numbered, checked copy, no error report
      expect([...phases], t).not.toContain('读取并检查数据');
      expect([...phases], t).not.toContain('生成错误报告');
    }
    const [row] = await store.query<{ n: number; f: number }>('SELECT COUNT(*) AS n, SUM(fund_pay_amt) AS f FROM medfund.fee_list_d');
    expect(row?.n).toBe(manifest.counts.fee_list_d);
  });

  it('adds nothing when the same file comes again (natural keys)', async () => {
    const out = await loadFile(store, national('fee_list_d', 99));
    expect(out).toMatchObject({ rowsAdded: 0, rowsExisting: manifest.counts.fee_list_d, rowsRejected: 0 });
  });

  it('rejects impossible dates, negative amounts, unknown codes and in-file duplicates, row by row, and loads the rest', async () => {
    const file = path.join(dir, `bad-${_name}.csv`);
    fs.writeFileSync(file, [
      '就诊ID,人员编号,证件号码,机构编号,医疗类别,入院时间,出院时间',
      'MX1,P330110000000001,330110199001011234,H330110001,21,20250305 08:00:00,20250301 10:00:00',
      'MX2,P330110000000001,330110199001011234,H330110001,21,20250305,20250310',
      'MX3,P330110000000001,330110199001011234,NOPE,11,20250305,20250305',
      'MX2,P330110000000001,330110199001011234,H330110001,21,20250405,20250410',
      'MX4,P330110000000001,330110199001011234,H330110001,21,2025-13-45,20250410',
      'MX5,P999,330110199001011234,H330110001,11,20250305,20250305',
      ',P330110000000001,330110199001011234,H330110001,11,20250305,20250305',
    ].join('\n'));
    const out = await loadFile(store, {
      loadId: 7, table: 'mdtrt_d', file, dateFormat: 'YYYYMMDD', delimiter: ',',
      columns: { mdtrt_id: '就诊ID', psn_no: '人员编号', certno: '证件号码', fixmedins_code: '机构编号', med_type: '医疗类别', begntime: '入院时间', endtime: '出院时间' },
    });
    const codes = out.errors.map((e) => `${e.row_no}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['1:END_BEFORE_START', '3:UNKNOWN_PROVIDER', '4:DUPLICATE_IN_FILE', '5:BAD_TIME', '6:UNKNOWN_PERSON', '7:MISSING_VALUE']));
    expect(out.errors.find((e) => e.code === 'END_BEFORE_START')?.message).toContain('第 1 行');
    expect(out).toMatchObject({ rowsRead: 7, rowsAdded: 1, rowsRejected: 6 });
    const [m] = await store.query<{ begntime: string; load_id: number }>(`SELECT begntime, load_id FROM medfund.mdtrt_d WHERE mdtrt_id = 'MX2'`);
    expect(m).toEqual({ begntime: '2025-03-05 00:00:00', load_id: 7 });

    const fees = path.join(dir, `neg-${_name}.csv`);
    const header = fs.readFileSync(path.join(gen, 'fee_list_d.csv'), 'utf8').split('\n')[0]!;
    fs.writeFileSync(fees, `${header}\nFNEG1,M1,S1,P1,H330110001,2025-03-01 08:00:00,001102000010000,x,201,1,-10.00,-10.00,,-7.00,,0\nFNEG2,M1,S1,P1,H330110001,2025-03-01 08:00:00,NOT-IN-CATALOGUE,x,201,1,10.00,10.00,,7.00,,0\n`);
    const neg = await loadFile(store, { ...national('fee_list_d', 8), file: fees });
    expect(neg.errorsByCode).toMatchObject({ NEGATIVE_AMOUNT: 3, UNKNOWN_CODE: 1 });
    expect(neg.rowsAdded).toBe(0);
  });

  it('takes the checked path for a file whose only fault is a key twice (a key of three columns), and loads the first row', async () => {
    const file = path.join(dir, `dup-${_name}.csv`);
    const [header, first, second] = fs.readFileSync(path.join(gen, 'setl_list_diag_d.csv'), 'utf8').split('\n');
    const [a, b] = [first!.split(','), second!.split(',')];
    a[0] = b[0] = 'MDUP1'; // one visit, two diagnoses, the first one twice
    a[3] = 'A00.1';
    b[3] = 'B00.2';
    const again = [...a];
    fs.writeFileSync(file, [header, a.join(','), b.join(','), again.join(',')].join('\n'));
    const phases = new Set<string>();
    const out = await loadFile(store, { ...national('setl_list_diag_d', 10), file, onProgress: (_s, phase) => phases.add(phase) });
    expect(phases).toContain('生成错误报告');
    expect(out.errors.map((e) => `${e.row_no}:${e.code}`)).toEqual(['3:DUPLICATE_IN_FILE']);
    expect(out.errors[0]!.message).toContain('与第 1 行');
    expect(out).toMatchObject({ rowsRead: 3, rowsRejected: 1, rowsAdded: 2 });
  });

  it('refuses a file whose columns do not match the mapping, naming the missing ones', async () => {
    await expect(loadFile(store, { ...national('setl_d', 9), file: path.join(gen, 'psn_info.csv') })).rejects.toMatchObject({
      code: 'MEDFUND_FILE_COLUMNS_MISMATCH',
      userMessage: { zh: expect.stringContaining('setl_id') },
    });
  });

  it('reads Excel and Parquet the same way as CSV', async () => {
    const xlsx = path.join(dir, `deaths-${_name}.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('死亡登记');
    ws.addRow(['登记编号', '身份证号', '姓名', '死亡日期', '来源']);
    ws.addRow(['X-DR-1', '330110194001011234', '张三', new Date(Date.UTC(2025, 4, 6)), '民政']);
    ws.addRow(['X-DR-2', '330110194001011235', '李四', new Date(Date.UTC(2025, 4, 7)), '公安']);
    await wb.xlsx.writeFile(xlsx);
    const out = await loadFile(store, {
      loadId: 10, table: 'death_reg', file: xlsx, dateFormat: 'YYYY-MM-DD', delimiter: ',',
      columns: { death_reg_id: '登记编号', certno: '身份证号', psn_name: '姓名', death_date: '死亡日期', source_dept: '来源' },
    });
    expect(out).toMatchObject({ format: 'xlsx', rowsAdded: 2, rowsRejected: 0 });
    const rows = await store.query(`SELECT death_reg_id, death_date FROM medfund.death_reg WHERE death_reg_id LIKE 'X-DR-%' ORDER BY 1`);
    expect(rows).toEqual([{ death_reg_id: 'X-DR-1', death_date: '2025-05-06' }, { death_reg_id: 'X-DR-2', death_date: '2025-05-07' }]);

    const parquet = path.join(dir, `wi-${_name}.parquet`);
    const duck = await openDuckdbStore(':memory:');
    await duck.exec(`COPY (SELECT 'PQ-1' AS wi_pay_id, '330110198001011234' AS certno, DATE '2025-02-01' AS begndate, DATE '2025-02-03' AS enddate, 1200.50 AS medfee_amt, 1100.00 AS wi_fund_pay) TO '${parquet}' (FORMAT parquet)`);
    await duck.close();
    const pq = await loadFile(store, {
      loadId: 11, table: 'wi_payment', file: parquet, dateFormat: 'YYYY-MM-DD', delimiter: ',',
      columns: { wi_pay_id: 'wi_pay_id', certno: 'certno', begndate: 'begndate', enddate: 'enddate', medfee_amt: 'medfee_amt', wi_fund_pay: 'wi_fund_pay' },
    });
    expect(pq).toMatchObject({ format: 'parquet', rowsAdded: 1 });
    const [w] = await store.query(`SELECT medfee_amt, enddate FROM medfund.wi_payment WHERE wi_pay_id = 'PQ-1'`);
    expect(w).toEqual({ medfee_amt: 1200.5, enddate: '2025-02-03' });
  });
});
