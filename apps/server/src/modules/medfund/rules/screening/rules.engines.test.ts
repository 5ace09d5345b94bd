import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_RULES } from '../domain/rule-catalog';
import { templateSql } from '../domain/template-sql';
import { findingQuery, toRawFinding, type RawFinding } from '../domain/finding-rows';
import type { ParamValues, TableValues } from '../domain/parameters';
import { ClaimsFixture } from '../test-support/claims-fixture';
import { testEngines } from '../test-support/engines';

/**
 * Each of the 14 rules on tiny data sets: a hit, a near miss (just inside the rule's limit) and an
 * exclusion (the case the definition leaves out), on DuckDB and PostgreSQL (PGlite, and the real
 * server under TEST_DB=postgres) — the same SQL text, the same findings.
 */
const engines = testEngines();
// Opening the engines (a PGlite start, a PostgreSQL connection) takes seconds on a busy machine: not in a test's time.
beforeAll(async () => {
  for (const e of engines) await e.run([], 'SELECT 1');
}, 120_000);
afterAll(async () => {
  for (const e of engines) await e.close();
});

/** Local rule-table rows (matched by code prefix) the tests screen with, besides the catalogue's. */
const LOCAL_TABLES: Record<string, TableValues> = {
WI_DUPLICATE: {},
WI_PAID_BY_MEDICAL: { workInjuryDrugs: [{ code: 'XD03AXG001', note: '疤痕止痒软化膏（工伤保险目录用药）' }, { code: 'XJ07BGK001', note: '冻干人用狂犬病疫苗（工伤）' }] },
PAIR_EXCLUSION: {
      pairs: [
        { mainCode: '110200005', subCode: '110200001', window: 'day', note: '住院诊查费 与 门诊诊查费 同日' },
        { mainCode: '310701001', subCode: '310701002', window: 'visit', note: '心电图 与 床边心电图 同次就诊' },
        { mainCode: '250305004', subCode: '250305003', window: 'hours', hours: 6, note: '血糖测定（仪器法）与 血糖测定（试纸法）6 小时内' },
      ],
    },
FREQUENCY_LIMIT: {
      limits: [
        { code: '110200005', maxUnits: 1, per: 'day', note: '住院诊查费 1 次/日' },
        { code: '120100001', maxUnits: 1, per: 'day', note: '床位费 1 日/日' },
        { code: '250101015', maxUnits: 1, per: 'visit', note: '血常规 1 次/次就诊' },
      ],
    },
SEX_RESTRICTION: {
      restrictions: [
        { code: '311201', sex: '2', note: '产科项目（限女性）' },
        { code: 'XG03DAP', sex: '2', note: '黄体酮类（限女性）' },
        { code: '311000025', sex: '1', note: '前列腺按摩（限男性）' },
      ],
    },
AGE_RESTRICTION: {
      bands: [
        { band: 'infant', minAge: 0, maxAge: 3, note: '婴幼儿（0–2 周岁）' },
        { band: 'young_child', minAge: 0, maxAge: 7, note: '婴幼儿（不满 7 周岁）' },
        { band: 'child', minAge: 0, maxAge: 15, note: '少年儿童（不满 15 周岁）' },
        { band: 'working_age', minAge: 16, maxAge: 61, note: '法定劳动年龄（16–60 周岁）' },
        { band: 'adult', minAge: 18, maxAge: 151, note: '成人（18 周岁及以上）' },
      ],
      restrictions: [{ code: '311202', band: 'child', note: '儿童项目（本地补充）' }],
    },
PAYMENT_SCOPE: {
      inpatientOnly: [{ code: 'XB05BAW', note: 'ω-3 鱼油脂肪乳（限住院）' }],
      minLevel: [{ code: 'XL01XCR', minLevel: 2, note: '利妥昔单抗（限二级及以上）' }],
      maxDays: [{ code: 'XB01ACA', maxDays: 14, note: '奥扎格雷（限 14 天）' }],
    },
OUTPATIENT_DURING_STAY: {},
OVERLAPPING_STAYS: {},
SHORT_READMISSION: {},
AFTER_DEATH: {},
DRUG_OVERSUPPLY: {},
PRICE_CAP: {
      caps: [
        { code: '120100001', capFen: 4500, note: '普通床位费 45 元/日' },
        { code: '110200005', capFen: 2000, note: '住院诊查费 20 元/日' },
      ],
    },
DUPLICATE_SETTLEMENT: {},
};

async function screen(code: string, fx: ClaimsFixture, params: ParamValues = {}, tables?: TableValues): Promise<RawFinding[]> {
  const rule = SHIPPED_RULES.find((r) => r.code === code)!;
  const sql = findingQuery(
    templateSql({ template: rule.template, params: { ...rule.params, ...params }, tables: tables ?? { ...rule.tables, ...LOCAL_TABLES[code] }, window: { from: '2026-01-01', to: '2026-12-31' } }),
  );
  let first: RawFinding[] | null = null;
  for (const engine of engines) {
    const rows = (await engine.run(fx.statements(), sql)).map(toRawFinding);
    if (first === null) first = rows;
    else expect(rows, `${code} on ${engine.name}`).toEqual(first);
  }
  return first!;
}

const base = () => new ClaimsFixture().person({ psn: 'P1', gend: '1', brdy: '1980-05-01' }).person({ psn: 'P2', gend: '2', brdy: '2020-02-01' });

describe('WI_DUPLICATE: duplicate across the medical and the work-injury fund', () => {
  it('same provider, overlapping dates, amount within 1 % → red; other provider → orange', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', prov: 'H1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-05', medfee: 100000, fund: 70000 })
      .wiPayment({ id: 'W1', psn: 'P1', prov: 'H1', beg: '2026-03-01', end: '2026-03-05', amount: 100500 })
      .setl({ id: 'S2', psn: 'P1', prov: 'H2', beg: '2026-04-02', medfee: 5000, fund: 3000 })
      .wiPayment({ id: 'W2', psn: 'P1', prov: 'H9', beg: '2026-04-02', amount: 5000 });
    const f = await screen('WI_DUPLICATE', fx);
    expect(f.map((x) => [x.setlId, x.severity, x.amountFen, x.evNum])).toEqual([
      ['S1', 'red', 70000, 5],
      ['S2', 'orange', 3000, 1],
    ]);
  });
  it('adjacent dates (no overlap) → nothing; a settlement the fund paid nothing for is excluded', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-05' })
      .wiPayment({ id: 'W1', psn: 'P1', beg: '2026-03-06', end: '2026-03-09', amount: 10000 })
      .setl({ id: 'S2', psn: 'P1', beg: '2026-05-01', fund: 0 })
      .wiPayment({ id: 'W2', psn: 'P1', beg: '2026-05-01', amount: 10000 });
    expect(await screen('WI_DUPLICATE', fx)).toEqual([]);
  });
});

describe('WI_PAID_BY_MEDICAL: work-injury treatment paid by the medical fund', () => {
  it('injury diagnosis within the year after a recognised injury → orange; a work-injury-only drug → red', async () => {
    const fx = base()
      .wiRecognition({ id: 'R1', psn: 'P1', injury: '2026-02-10' })
      .setl({ id: 'S1', psn: 'P1', beg: '2026-03-01', diags: ['S62.3'], fund: 4000 })
      .setl({ id: 'S2', psn: 'P2', beg: '2026-03-01', diags: ['J06.9'] })
      .line({ setl: 'S2', code: 'XD03AXG001A001', amount: 2000, fund: 1500 });
    const f = await screen('WI_PAID_BY_MEDICAL', fx);
    expect(f.map((x) => [x.setlId, x.severity, x.amountFen, x.evText])).toEqual([
      ['S1', 'orange', 4000, 'S62.3'],
      ['S2', 'red', 1500, 'XD03AXG001A001'],
    ]);
  });
  it('near miss: 366 days after the injury; exclusion: injury diagnosis but no recognised work injury', async () => {
    const fx = base()
      .wiRecognition({ id: 'R1', psn: 'P1', injury: '2025-02-10' })
      .setl({ id: 'S1', psn: 'P1', beg: '2026-02-11', diags: ['S62.3'] })
      .setl({ id: 'S2', psn: 'P2', beg: '2026-03-01', diags: ['T14.0'] });
    expect(await screen('WI_PAID_BY_MEDICAL', fx)).toEqual([]);
  });
});

describe('PAIR_EXCLUSION: mutually exclusive pairs', () => {
  it('same-day pair → the secondary line is the finding, its fund share at risk', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-04' })
      .line({ setl: 'S1', code: '110200005', date: '2026-03-02', amount: 2000, fund: 1600 })
      .line({ setl: 'S1', code: '110200001', date: '2026-03-02', amount: 1000, fund: 800, id: 'S1-SUB' });
    const f = await screen('PAIR_EXCLUSION', fx);
    expect(f.map((x) => [x.setlId, x.lineIds, x.amountFen, x.subjectKey])).toEqual([['S1', ['S1-SUB'], 800, '110200005+110200001']]);
  });
  it('near miss: the 6-hour pair 7 hours apart; exclusion: a same-day pair on different days', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-04' })
      .line({ setl: 'S1', code: '250305004', date: '2026-03-02', time: '08:00' })
      .line({ setl: 'S1', code: '250305003', date: '2026-03-02', time: '15:00' })
      .line({ setl: 'S1', code: '110200005', date: '2026-03-02' })
      .line({ setl: 'S1', code: '110200001', date: '2026-03-03' });
    expect(await screen('PAIR_EXCLUSION', fx)).toEqual([]);
    const hit = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-04' })
      .line({ setl: 'S1', code: '250305004', date: '2026-03-02', time: '08:00' })
      .line({ setl: 'S1', code: '250305003', date: '2026-03-02', time: '13:30' });
    expect((await screen('PAIR_EXCLUSION', hit)).length).toBe(1);
  });
});

describe('FREQUENCY_LIMIT: units over the limit', () => {
  it('two 住院诊查费 on one day → the excess unit at risk', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-04' })
      .line({ setl: 'S1', code: '110200005', date: '2026-03-02', cnt: 2, pric: 1000, amount: 2000, fund: 1600 });
    const f = await screen('FREQUENCY_LIMIT', fx);
    expect(f.map((x) => [x.setlId, x.amountFen, x.evNum, x.subjectKey])).toEqual([['S1', 800, 2, '110200005@day@2026-03-02']]);
  });
  it('near miss: one a day on several days; exclusion: an item without a limit', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-04' })
      .line({ setl: 'S1', code: '110200005', date: '2026-03-02' })
      .line({ setl: 'S1', code: '110200005', date: '2026-03-03' })
      .line({ setl: 'S1', code: '250101001', date: '2026-03-03', cnt: 5 });
    expect(await screen('FREQUENCY_LIMIT', fx)).toEqual([]);
  });
});

describe('SEX_RESTRICTION: sex-restricted items', () => {
  it('an obstetric item for a man → red', async () => {
    const fx = base().setl({ id: 'S1', psn: 'P1', beg: '2026-03-01' }).line({ setl: 'S1', code: '311201001', fund: 900 });
    const f = await screen('SEX_RESTRICTION', fx);
    expect(f.map((x) => [x.setlId, x.amountFen, x.evText])).toEqual([['S1', 900, '1|2']]);
  });
  it('near miss: the same item for a woman; exclusion: a person whose sex is unknown (9)', async () => {
    const fx = base()
      .person({ psn: 'P3', gend: '2' })
      .person({ psn: 'P9', gend: '9' as '1' })
      .setl({ id: 'S1', psn: 'P3', beg: '2026-03-01' })
      .line({ setl: 'S1', code: '311201001' })
      .setl({ id: 'S2', psn: 'P9', beg: '2026-03-01' })
      .line({ setl: 'S2', code: '311201001' });
    expect(await screen('SEX_RESTRICTION', fx)).toEqual([]);
  });
});

describe('AGE_RESTRICTION: age-restricted items', () => {
  it('a children’s item for a 15-year-old → red, with the age in evidence', async () => {
    const fx = base().person({ psn: 'P3', brdy: '2011-03-01' }).setl({ id: 'S1', psn: 'P3', beg: '2026-03-01' }).line({ setl: 'S1', code: '311202001' });
    const f = await screen('AGE_RESTRICTION', fx);
    expect(f.map((x) => [x.setlId, x.evNum, x.evText])).toEqual([['S1', 15, 'child:0-15']]);
  });
  it('near miss: the day before the 15th birthday; exclusion: no birth date', async () => {
    const fx = base()
      .person({ psn: 'P3', brdy: '2011-03-02' })
      .setl({ id: 'S1', psn: 'P3', beg: '2026-03-01' })
      .line({ setl: 'S1', code: '311202001' });
    expect(await screen('AGE_RESTRICTION', fx)).toEqual([]);
  });
});

describe('PAYMENT_SCOPE: payment scope', () => {
  it('an inpatient-only drug in an outpatient visit, a level-2 drug at level 1, day 15 of a 14-day drug', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', beg: '2026-03-01' })
      .line({ setl: 'S1', code: 'XB05BAW001' })
      .setl({ id: 'S2', psn: 'P1', beg: '2026-03-02', lv: 1 })
      .line({ setl: 'S2', code: 'XL01XCR001' })
      .setl({ id: 'S3', psn: 'P1', kind: 'inpatient', beg: '2026-04-01', end: '2026-04-20' });
    for (let day = 1; day <= 15; day++) fx.line({ setl: 'S3', code: 'XB01ACA001', date: `2026-04-${String(day).padStart(2, '0')}`, id: `S3-D${String(day).padStart(2, '0')}` });
    const f = await screen('PAYMENT_SCOPE', fx);
    expect(f.map((x) => [x.setlId, x.subjectKey, x.lineIds])).toEqual([
      ['S1', 'visit_type:XB05BAW', ['S1-L001']],
      ['S2', 'level:XL01XCR', ['S2-L002']],
      ['S3', 'days:XB01ACA', ['S3-D15']],
    ]);
  });
  it('near miss: 14 days of the drug; exclusion: the inpatient-only drug in a stay', async () => {
    const fx = base().setl({ id: 'S3', psn: 'P1', kind: 'inpatient', beg: '2026-04-01', end: '2026-04-20' }).line({ setl: 'S3', code: 'XB05BAW001' });
    for (let day = 1; day <= 14; day++) fx.line({ setl: 'S3', code: 'XB01ACA001', date: `2026-04-${String(day).padStart(2, '0')}` });
    expect(await screen('PAYMENT_SCOPE', fx)).toEqual([]);
  });
});

describe('OUTPATIENT_DURING_STAY: outpatient during a stay', () => {
  it('an outpatient visit inside a stay: red at the same provider, orange at another', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', prov: 'H1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-10' })
      .setl({ id: 'S2', psn: 'P1', prov: 'H1', beg: '2026-03-04', fund: 500 })
      .setl({ id: 'S3', psn: 'P1', prov: 'D1', kind: 'pharmacy', beg: '2026-03-05', fund: 300 });
    const f = await screen('OUTPATIENT_DURING_STAY', fx);
    expect(f.map((x) => [x.setlId, x.severity, x.amountFen, x.evRef])).toEqual([
      ['S2', 'red', 500, 'S1'],
      ['S3', 'orange', 300, 'S1'],
    ]);
  });
  it('exclusion: on the admission and the discharge day; near miss: the day after discharge', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-10' })
      .setl({ id: 'S2', psn: 'P1', beg: '2026-03-01' })
      .setl({ id: 'S3', psn: 'P1', beg: '2026-03-10' })
      .setl({ id: 'S4', psn: 'P1', beg: '2026-03-11' });
    expect(await screen('OUTPATIENT_DURING_STAY', fx)).toEqual([]);
  });
});

describe('OVERLAPPING_STAYS: overlapping stays', () => {
  it('a second stay starting inside the first → red on the later stay', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', prov: 'H1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-10' })
      .setl({ id: 'S2', psn: 'P1', prov: 'H2', kind: 'inpatient', beg: '2026-03-05', end: '2026-03-12', fund: 9000 });
    const f = await screen('OVERLAPPING_STAYS', fx);
    expect(f.map((x) => [x.setlId, x.evRef, x.evNum, x.amountFen])).toEqual([['S2', 'S1', 5, 9000]]);
  });
  it('exclusion: a same-day transfer (discharged and admitted the same day)', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', prov: 'H1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-10' })
      .setl({ id: 'S2', psn: 'P1', prov: 'H2', kind: 'inpatient', beg: '2026-03-10', end: '2026-03-12' });
    expect(await screen('OVERLAPPING_STAYS', fx)).toEqual([]);
  });
});

describe('SHORT_READMISSION: short-interval readmission', () => {
  it('same provider, same 3-character diagnosis, 15 days after discharge → orange', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-10', diag: 'J18.0' })
      .setl({ id: 'S2', psn: 'P1', kind: 'inpatient', beg: '2026-03-25', end: '2026-03-30', diag: 'J18.9', fund: 6000 });
    const f = await screen('SHORT_READMISSION', fx);
    expect(f.map((x) => [x.setlId, x.evRef, x.evNum, x.amountFen])).toEqual([['S2', 'S1', 15, 6000]]);
  });
  it('near miss: 16 days; exclusions: chemotherapy (Z51), another diagnosis, another provider', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-10', diag: 'J18.0' })
      .setl({ id: 'S2', psn: 'P1', kind: 'inpatient', beg: '2026-03-26', end: '2026-03-30', diag: 'J18.9' })
      .setl({ id: 'S3', psn: 'P2', kind: 'inpatient', beg: '2026-05-01', end: '2026-05-03', diag: 'Z51.1' })
      .setl({ id: 'S4', psn: 'P2', kind: 'inpatient', beg: '2026-05-10', end: '2026-05-12', diag: 'Z51.1' })
      .setl({ id: 'S5', psn: 'P2', kind: 'inpatient', beg: '2026-05-15', end: '2026-05-18', diag: 'K35.8' })
      .setl({ id: 'S6', psn: 'P2', prov: 'H2', kind: 'inpatient', beg: '2026-05-20', end: '2026-05-22', diag: 'K35.8' });
    expect(await screen('SHORT_READMISSION', fx)).toEqual([]);
  });
});

describe('AFTER_DEATH: services after death', () => {
  it('lines dated more than the grace day (1) after the death → red, their fund share at risk', async () => {
    const fx = base()
      .person({ psn: 'P3', death: '2026-03-05' })
      .setl({ id: 'S1', psn: 'P3', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-07' })
      .line({ setl: 'S1', code: '120100001', date: '2026-03-05', fund: 100 })
      .line({ setl: 'S1', code: '120100001', date: '2026-03-06', fund: 200 })
      .line({ setl: 'S1', code: '120100001', date: '2026-03-07', fund: 300 });
    const f = await screen('AFTER_DEATH', fx);
    expect(f.map((x) => [x.setlId, x.amountFen, x.lineIds.length, x.evNum])).toEqual([['S1', 300, 1, 2]]);
  });
  it('near miss: on the day of death; exclusion: within the grace days', async () => {
    const fx = base().person({ psn: 'P3', death: '2026-03-05' }).setl({ id: 'S1', psn: 'P3', beg: '2026-03-05' }).line({ setl: 'S1', code: '120100001', date: '2026-03-05' });
    expect(await screen('AFTER_DEATH', fx)).toEqual([]);
    const late = base().person({ psn: 'P3', death: '2026-03-05' }).setl({ id: 'S1', psn: 'P3', beg: '2026-03-06' }).line({ setl: 'S1', code: '120100001', date: '2026-03-06' });
    expect(await screen('AFTER_DEATH', late)).toEqual([]);
    expect((await screen('AFTER_DEATH', late, { graceDays: 0 })).length).toBe(1);
  });
});

describe('DRUG_OVERSUPPLY: over-supply across providers', () => {
  it('30 + 30 days of one drug from two providers within 30 days → the second dispensing', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', prov: 'H1', beg: '2026-03-01' })
      .line({ setl: 'S1', code: 'XC09AAB001', days: 30, id: 'A' })
      .setl({ id: 'S2', psn: 'P1', prov: 'D1', kind: 'pharmacy', beg: '2026-03-10' })
      .line({ setl: 'S2', code: 'XC09AAB001', days: 30, id: 'B', fund: 3000 });
    const f = await screen('DRUG_OVERSUPPLY', fx);
    expect(f.map((x) => [x.setlId, x.lineIds, x.evNum, x.amountFen])).toEqual([['S2', ['B'], 60, 2000]]);
  });
  it('near miss: 20 + 20 days, exactly the 40 allowed; exclusion: the same provider only', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', prov: 'H1', beg: '2026-03-01' })
      .line({ setl: 'S1', code: 'XC09AAB001', days: 20 })
      .setl({ id: 'S2', psn: 'P1', prov: 'D1', kind: 'pharmacy', beg: '2026-03-10' })
      .line({ setl: 'S2', code: 'XC09AAB001', days: 20 })
      .setl({ id: 'S3', psn: 'P2', prov: 'H1', beg: '2026-03-01' })
      .line({ setl: 'S3', code: 'XC09AAB001', days: 30 })
      .setl({ id: 'S4', psn: 'P2', prov: 'H1', beg: '2026-03-05' })
      .line({ setl: 'S4', code: 'XC09AAB001', days: 30 });
    expect(await screen('DRUG_OVERSUPPLY', fx)).toEqual([]);
  });
});

describe('PRICE_CAP: price above the cap', () => {
  it('a bed day at 50 yuan against a 45-yuan cap → the excess share', async () => {
    const fx = base().setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-03' }).line({ setl: 'S1', code: '120100001', cnt: 2, pric: 5000, amount: 10000, fund: 8000 });
    const f = await screen('PRICE_CAP', fx);
    expect(f.map((x) => [x.setlId, x.amountFen, x.evNum, x.evText])).toEqual([['S1', 800, 5000, '4500']]);
  });
  it('near miss: exactly the cap; exclusion: a code only starting like a capped one', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-03' })
      .line({ setl: 'S1', code: '120100001', pric: 4500 })
      .line({ setl: 'S1', code: '1201000019', pric: 9000 });
    expect(await screen('PRICE_CAP', fx)).toEqual([]);
  });
});

describe('DUPLICATE_SETTLEMENT: same bill settled twice', () => {
  it('same person, provider, date, items and amount → the second settlement', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', beg: '2026-03-01', medfee: 3000, fund: 2000 })
      .line({ setl: 'S1', code: '250101015', amount: 1000 })
      .line({ setl: 'S1', code: 'XC09AAB001', amount: 2000 })
      .setl({ id: 'S2', psn: 'P1', beg: '2026-03-01', medfee: 3000, fund: 2000 })
      .line({ setl: 'S2', code: 'XC09AAB001', amount: 2000 })
      .line({ setl: 'S2', code: '250101015', amount: 1000 });
    const f = await screen('DUPLICATE_SETTLEMENT', fx);
    expect(f.map((x) => [x.setlId, x.evRef, x.amountFen])).toEqual([['S2', 'S1', 2000]]);
  });
  it('near miss: one item differs; exclusion: another day', async () => {
    const fx = base()
      .setl({ id: 'S1', psn: 'P1', beg: '2026-03-01', medfee: 3000 })
      .line({ setl: 'S1', code: '250101015', amount: 1000 })
      .line({ setl: 'S1', code: 'XC09AAB001', amount: 2000 })
      .setl({ id: 'S2', psn: 'P1', beg: '2026-03-01', medfee: 3000 })
      .line({ setl: 'S2', code: '250101016', amount: 1000 })
      .line({ setl: 'S2', code: 'XC09AAB001', amount: 2000 })
      .setl({ id: 'S3', psn: 'P1', beg: '2026-03-02', medfee: 3000 })
      .line({ setl: 'S3', code: '250101015', amount: 1000 })
      .line({ setl: 'S3', code: 'XC09AAB001', amount: 2000 });
    expect(await screen('DUPLICATE_SETTLEMENT', fx)).toEqual([]);
  });
});

describe('the catalogue (知识库) as the source of restrictions', () => {
  it('exact catalogue codes, valid on the day of the line: sex, age band, frequency, price cap, exclusive pair, work-injury drug', async () => {
    const fx = base()
      .catalogue({ code: 'X-OB-1', gend: '2' })
      .catalogue({ code: 'X-CH-1', ageBand: 'young_child' })
      .catalogue({ code: 'X-BED', perDay: 1, capFen: 4000 })
      .catalogue({ code: 'X-WI', wiOnly: true })
      .pair({ main: 'X-A', sub: 'X-B', win: 'visit' })
      .setl({ id: 'S1', psn: 'P1', kind: 'inpatient', beg: '2026-03-01', end: '2026-03-03' })
      .line({ setl: 'S1', code: 'X-OB-1' })
      .line({ setl: 'S1', code: 'X-CH-1' })
      .line({ setl: 'S1', code: 'X-BED', cnt: 2, pric: 4500, amount: 9000, fund: 9000 })
      .line({ setl: 'S1', code: 'X-WI', fund: 100 })
      .line({ setl: 'S1', code: 'X-A', date: '2026-03-01' })
      .line({ setl: 'S1', code: 'X-B', date: '2026-03-03' })
      .line({ setl: 'S1', code: 'X-OB-10' });
    const none = {};
    expect((await screen('SEX_RESTRICTION', fx, {}, none)).map((f) => f.subjectKey)).toEqual(['sex:X-OB-1']);
    expect((await screen('AGE_RESTRICTION', fx, {}, { bands: LOCAL_TABLES.AGE_RESTRICTION!.bands!, restrictions: [] })).map((f) => f.subjectKey)).toEqual(['age:X-CH-1']);
    expect((await screen('FREQUENCY_LIMIT', fx, {}, { limits: [] })).map((f) => [f.subjectKey, f.amountFen])).toEqual([['X-BED@day@2026-03-01', 4500]]);
    expect((await screen('PRICE_CAP', fx, {}, { caps: [] })).map((f) => [f.subjectKey, f.amountFen])).toEqual([['price:X-BED', 1000]]);
    expect((await screen('PAIR_EXCLUSION', fx, {}, { pairs: [] })).map((f) => f.subjectKey)).toEqual(['X-A+X-B']);
    expect((await screen('WI_PAID_BY_MEDICAL', fx, {}, { workInjuryDrugs: [] })).map((f) => [f.subjectKey, f.amountFen])).toEqual([['drug', 100]]);
  });
});
