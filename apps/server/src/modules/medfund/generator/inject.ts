import type { InjectedViolation, MedfundRuleCode, NearMiss } from '../claims/manifest';
import { dayText, yuan } from './calendar';
import { DIAG, ITEMS, type CatalogueEntry, type DiagnosisSpec, type ProviderSpec } from './catalogue';
import type { ClaimsBuilder, LineSpec, Person, VisitResult } from './builder';
import { makePerson, priceAt, stayLines, type District, type PersonOptions } from './population';
import type { Prng } from './prng';

/**
 * The injected violations of the 14 rules and their near-misses, each on persons of its own so
 * that no two cases touch. Every case is written to the manifest (claims/manifest.ts): the
 * finding's settlement is setlIds[0], the counterpart settlements follow, lineIds are the
 * offending lines of setlIds[0], otherIds the other departments' records the evidence cites.
 */
export interface InjectContext {
  b: ClaimsBuilder;
  d: District;
  rng: Prng;
  nextSeq: () => number;
  violations: InjectedViolation[];
  nearMisses: NearMiss[];
}

const at = (h: number, m = 0) => h * 60 + m;

function person(c: InjectContext, opts: PersonOptions = {}, dieDay: number | null = null): Person {
  const p = makePerson(c.rng, c.d, c.nextSeq(), opts);
  p.dieDay = dieDay;
  c.b.person(p, c.d.admdvs);
  return p;
}

function line(prov: ProviderSpec, item: CatalogueEntry, day: number, minute: number, cnt = 1, extra: Partial<LineSpec> = {}): LineSpec {
  return { item, day, minute, cnt, priceFen: priceAt(prov, item), ...extra };
}

function outpatient(c: InjectContext, p: Person, prov: ProviderSpec, day: number, diag: DiagnosisSpec, extra: LineSpec[], opts: { minute?: number; medType?: '11' | '41'; invono?: string } = {}): VisitResult {
  const minute = opts.minute ?? at(9);
  const lines = prov.type === '2' ? extra : [line(prov, ITEMS.outpatientConsult, day, minute), ...extra];
  return c.b.visit({ person: p, provider: prov, medType: opts.medType ?? (prov.type === '2' ? '41' : '11'), beginDay: day, beginMinute: minute, endDay: day, endMinute: minute + 25, diag, lines, invono: opts.invono });
}

function stay(c: InjectContext, p: Person, prov: ProviderSpec, a: number, end: number, diag: DiagnosisSpec, opts: { lines?: LineSpec[]; dscgWay?: string; reflOld?: string; invono?: string; setlDay?: number; secondDiag?: DiagnosisSpec } = {}): VisitResult {
  return c.b.visit({
    person: p, provider: prov, medType: '21', beginDay: a, beginMinute: at(7, 30), endDay: end, endMinute: at(10, 30), diag,
    lines: opts.lines ?? stayLines(diag, prov, a, Math.max(1, end - a), c.rng), dscgWay: opts.dscgWay, reflOldMdtrtId: opts.reflOld,
    invono: opts.invono, setlDay: opts.setlDay, secondDiag: opts.secondDiag,
  });
}

function hit(c: InjectContext, rule: MedfundRuleCode, p: Person, setls: VisitResult[], lineIds: string[], note: string, otherIds: string[] = [], severity?: 'red' | 'orange'): void {
  c.violations.push({ id: `V-${rule}-${String(c.violations.filter((v) => v.rule === rule).length + 1).padStart(3, '0')}`, rule, psnNo: p.psnNo, setlIds: setls.map((s) => s.setlId), lineIds, otherIds, severity, note });
}
function miss(c: InjectContext, rule: MedfundRuleCode, p: Person, setls: VisitResult[], lineIds: string[], note: string): void {
  c.nearMisses.push({ id: `N-${rule}-${String(c.nearMisses.filter((v) => v.rule === rule).length + 1).padStart(3, '0')}`, rule, psnNo: p.psnNo, setlIds: setls.map((s) => s.setlId), lineIds, note });
}
const linesOf = (r: VisitResult, item: CatalogueEntry) => r.lineIds.filter((_, i) => r.spec.lines[i]!.item === item);

function workInjury(c: InjectContext, p: Person, injury: number, result: '0' | '1', diag: DiagnosisSpec): string {
  const id = `WR${p.psnNo}`;
  c.b.emit('wi_recognition', [id, p.certno, p.name, '余杭某制造有限公司', dayText(injury), dayText(injury + 20), result, '手部', diag.code, dayText(injury + 90), 0]);
  return id;
}
function wiPayment(c: InjectContext, p: Person, recg: string, prov: ProviderSpec, a: number, e: number, amountFen: number, invono: string): string {
  const id = `WP${p.psnNo}`;
  c.b.emit('wi_payment', [id, recg, p.certno, prov.code, dayText(a), dayText(e), yuan(amountFen), yuan(amountFen), invono, dayText(e + 30), 0]);
  return id;
}

type Case = (c: InjectContext, i: number, day: number) => void;

export const INJECTORS: Record<MedfundRuleCode, Case> = {
  WI_DUPLICATE: (c, i, day) => {
    const p = person(c, { gend: '1', age: [25, 50], insutype: '310' });
    const recg = workInjury(c, p, day, '1', DIAG.handInjury);
    const inv = `INV${p.psnNo}`;
    const s = stay(c, p, c.d.main, day, day + 4, DIAG.handInjury, { invono: inv, lines: stayLines(DIAG.gallstone, c.d.main, day, 4, c.rng) });
    const pay = wiPayment(c, p, recg, c.d.main, day, day + 4, s.medfeeFen, inv);
    hit(c, 'WI_DUPLICATE', p, [s], [], 'medical settlement of the same stay, provider, invoice and amount as a work-injury payment', [pay, recg], 'red');
    // near-miss: the medical visit starts the day after the work-injury treatment ends, another illness
    const q = person(c, { gend: '2', age: [25, 50], insutype: '310' });
    const recg2 = workInjury(c, q, day, '1', DIAG.handInjury);
    wiPayment(c, q, recg2, c.d.main, day, day + 4, 500000 + i * 100, `INV${q.psnNo}`);
    const n = outpatient(c, q, c.d.main, day + 5, DIAG.uri, [line(c.d.main, ITEMS.amoxicillin, day + 5, at(9, 20), 2, { prdDays: 6 })]);
    miss(c, 'WI_DUPLICATE', q, [n], [], 'medical visit the day after the work-injury treatment ended (adjacent, no overlap)');
  },
  WI_PAID_BY_MEDICAL: (c, i, day) => {
    if (i % 2 === 0) {
      const p = person(c, { gend: '1', age: [25, 50], insutype: '310' });
      const recg = workInjury(c, p, day - 10, '1', DIAG.fracture);
      const s = outpatient(c, p, c.d.hospitals[1]!, day, DIAG.fracture, [line(c.d.hospitals[1]!, ITEMS.chestXray, day, at(9, 20))]);
      hit(c, 'WI_PAID_BY_MEDICAL', p, [s], [], 'injury-chapter diagnosis 10 days after a recognised work injury, paid by the medical fund', [recg], 'orange');
    } else {
      const p = person(c, { age: [20, 55] });
      const s = outpatient(c, p, c.d.hospitals[0]!, day, DIAG.backPain, [line(c.d.hospitals[0]!, ITEMS.scarCream, day, at(9, 20), 2, { prdDays: 10 })]);
      hit(c, 'WI_PAID_BY_MEDICAL', p, [s], linesOf(s, ITEMS.scarCream), 'work-injury-only drug paid by the medical fund', [], 'red');
    }
    const q = person(c, { gend: '1', age: [25, 50], insutype: '310' });
    workInjury(c, q, day - 10, '0', DIAG.fracture);
    const n = outpatient(c, q, c.d.hospitals[1]!, day, DIAG.fracture, [line(c.d.hospitals[1]!, ITEMS.chestXray, day, at(9, 20))]);
    miss(c, 'WI_PAID_BY_MEDICAL', q, [n], [], 'injury diagnosis after an injury the HRSS did NOT recognise as a work injury');
  },
  PAIR_EXCLUSION: (c, i, day) => {
    const prov = c.d.hospitals[i % c.d.hospitals.length]!;
    const p = person(c, { age: [30, 70] });
    const kind = i % 3;
    if (kind === 0) {
      const lines = stayLines(DIAG.pneumonia, prov, day, 3, c.rng);
      lines.push(line(prov, ITEMS.nursing2, day + 1, at(15)));
      const s = stay(c, p, prov, day, day + 3, DIAG.pneumonia, { lines });
      hit(c, 'PAIR_EXCLUSION', p, [s], linesOf(s, ITEMS.nursing2), '一级护理 and 二级护理 on the same day', [], 'red');
      const q = person(c, { age: [30, 70] });
      const ql = stayLines(DIAG.pneumonia, prov, day, 3, c.rng).filter((l) => !(l.item === ITEMS.nursing1 && l.day === day + 2));
      ql.push(line(prov, ITEMS.nursing2, day + 2, at(9)));
      const n = stay(c, q, prov, day, day + 3, DIAG.pneumonia, { lines: ql });
      miss(c, 'PAIR_EXCLUSION', q, [n], linesOf(n, ITEMS.nursing2), '二级护理 on a day without 一级护理 (same stay, window = day)');
    } else if (kind === 1) {
      const s = outpatient(c, p, prov, day, DIAG.diabetes, [line(prov, ITEMS.liverPanel, day, at(9, 10)), line(prov, ITEMS.alt, day, at(9, 12))]);
      hit(c, 'PAIR_EXCLUSION', p, [s], linesOf(s, ITEMS.alt), '肝功能组合 and its component ALT in the same visit', [], 'red');
      const q = person(c, { age: [30, 70] });
      outpatient(c, q, prov, day, DIAG.diabetes, [line(prov, ITEMS.liverPanel, day, at(9, 10))]);
      const n = outpatient(c, q, prov, day + 9, DIAG.diabetes, [line(prov, ITEMS.alt, day + 9, at(9, 10))]);
      miss(c, 'PAIR_EXCLUSION', q, [n], linesOf(n, ITEMS.alt), 'ALT in a later visit than the 肝功能组合 (window = visit)');
    } else {
      const s = outpatient(c, p, prov, day, DIAG.bronchitis, [line(prov, ITEMS.infusion, day, at(9, 0)), line(prov, ITEMS.injection, day, at(9, 40))]);
      hit(c, 'PAIR_EXCLUSION', p, [s], linesOf(s, ITEMS.injection), '静脉输液 and 静脉注射 40 minutes apart (window 1 hour)', [], 'red');
      const q = person(c, { age: [30, 70] });
      const n = outpatient(c, q, prov, day, DIAG.bronchitis, [line(prov, ITEMS.infusion, day, at(9, 0)), line(prov, ITEMS.injection, day, at(11, 30))]);
      miss(c, 'PAIR_EXCLUSION', q, [n], linesOf(n, ITEMS.injection), '静脉输液 and 静脉注射 2.5 hours apart (window 1 hour)');
    }
  },
  FREQUENCY_LIMIT: (c, i, day) => {
    const prov = c.d.hospitals[i % c.d.hospitals.length]!;
    const p = person(c, { age: [40, 80] });
    const lines = stayLines(DIAG.pneumonia, prov, day, 4, c.rng);
    let offending: LineSpec[];
    if (i % 2 === 0) {
      const extra = line(prov, ITEMS.inpatientConsult, day + 2, at(16));
      lines.push(extra);
      offending = lines.filter((l) => l.item === ITEMS.inpatientConsult && l.day === day + 2);
    } else {
      const bed = lines.find((l) => l.item === ITEMS.bed && l.day === day + 1)!;
      bed.cnt = 2;
      offending = [bed];
    }
    const s = stay(c, p, prov, day, day + 4, DIAG.pneumonia, { lines });
    hit(c, 'FREQUENCY_LIMIT', p, [s], offending.map((l) => s.lineIds[lines.indexOf(l)]!), i % 2 === 0 ? '住院诊查费 twice on one day (limit 1 per day)' : '床位费 quantity 2 on one day (limit 1 per day)', [], 'red');
    const q = person(c, { age: [40, 80] });
    const ql = stayLines(DIAG.pneumonia, prov, day, 4, c.rng);
    const c1 = ql.find((l) => l.item === ITEMS.inpatientConsult && l.day === day + 1)!;
    c1.minute = at(23, 50);
    const c2 = ql.find((l) => l.item === ITEMS.inpatientConsult && l.day === day + 2)!;
    c2.minute = at(0, 10);
    const n = stay(c, q, prov, day, day + 4, DIAG.pneumonia, { lines: ql });
    miss(c, 'FREQUENCY_LIMIT', q, [n], [], '住院诊查费 at 23:50 and 00:10: one per calendar day, at the limit');
  },
  SEX_RESTRICTION: (c, i, day) => {
    const prov = c.d.hospitals[i % c.d.hospitals.length]!;
    const male = i % 2 === 0;
    const p = person(c, { gend: male ? '1' : '2', age: [25, 60] });
    const item = male ? ITEMS.colposcopy : ITEMS.prostateMassage;
    const s = outpatient(c, p, prov, day, male ? DIAG.cervicitis : DIAG.prostatitis, [line(prov, item, day, at(9, 15))]);
    hit(c, 'SEX_RESTRICTION', p, [s], linesOf(s, item), `${item.name} (限${male ? '女' : '男'}) for a ${male ? 'man' : 'woman'}`, [], 'red');
    const q = person(c, { gend: '2', age: [25, 50] });
    const n = outpatient(c, q, prov, day, DIAG.cervicitis, [line(prov, ITEMS.colposcopy, day, at(9, 15))]);
    miss(c, 'SEX_RESTRICTION', q, [n], linesOf(n, ITEMS.colposcopy), '阴道镜检查 for a woman');
  },
  AGE_RESTRICTION: (c, i, day) => {
    const prov = c.d.centres[i % c.d.centres.length]!;
    if (i % 2 === 0) {
      const p = person(c, { age: [30, 55] });
      const s = outpatient(c, p, prov, day, DIAG.uri, [line(prov, ITEMS.childCold, day, at(9, 15), 1, { prdDays: 3 })]);
      hit(c, 'AGE_RESTRICTION', p, [s], linesOf(s, ITEMS.childCold), 'children-only drug (band child, < 15) for an adult', [], 'red');
    } else {
      const p = person(c, { age: [68, 80] });
      const s = outpatient(c, p, prov, day, DIAG.rehab, [line(prov, ITEMS.jobTraining, day, at(9, 15))]);
      hit(c, 'AGE_RESTRICTION', p, [s], linesOf(s, ITEMS.jobTraining), '职业功能训练 (band working_age, 16–59) for a person over 68', [], 'red');
    }
    // near-miss: the day before the 15th birthday
    const birthday15 = day + 1;
    const b = new Date(birthday15 * 86_400_000);
    const birth = Math.floor(Date.UTC(b.getUTCFullYear() - 15, b.getUTCMonth(), b.getUTCDate()) / 86_400_000);
    const q = person(c, { birth });
    const n = outpatient(c, q, prov, day, DIAG.uri, [line(prov, ITEMS.childCold, day, at(9, 15), 1, { prdDays: 3 })]);
    miss(c, 'AGE_RESTRICTION', q, [n], linesOf(n, ITEMS.childCold), 'children-only drug the day before the 15th birthday (still a child)');
  },
  PAYMENT_SCOPE: (c, i, day) => {
    const kind = i % 3;
    const p = person(c, { age: [40, 80] });
    if (kind === 0) {
      const prov = c.d.main;
      const s = outpatient(c, p, prov, day, DIAG.gallstone, [line(prov, ITEMS.fishOil, day, at(9, 20))]);
      hit(c, 'PAYMENT_SCOPE', p, [s], linesOf(s, ITEMS.fishOil), 'inpatient-only drug in an outpatient settlement', [], 'red');
      const q = person(c, { age: [40, 80] });
      const n = stay(c, q, prov, day, day + 5, DIAG.gallstone);
      miss(c, 'PAYMENT_SCOPE', q, [n], linesOf(n, ITEMS.fishOil), 'inpatient-only drug during a stay');
    } else if (kind === 1) {
      const prov = c.d.centres[i % c.d.centres.length]!;
      const s = outpatient(c, p, prov, day, DIAG.pneumonia, [line(prov, ITEMS.cefoperazone, day, at(9, 20), 2)]);
      hit(c, 'PAYMENT_SCOPE', p, [s], linesOf(s, ITEMS.cefoperazone), 'drug for level 2 and above billed by a level-1 centre', [], 'red');
      const q = person(c, { age: [40, 80] });
      const h = c.d.hospitals[1]!;
      const n = outpatient(c, q, h, day, DIAG.pneumonia, [line(h, ITEMS.cefoperazone, day, at(9, 20), 2)]);
      miss(c, 'PAYMENT_SCOPE', q, [n], linesOf(n, ITEMS.cefoperazone), 'the same drug at a level-2 hospital');
    } else {
      const prov = c.d.main;
      const lines = stayLines(DIAG.pneumonia, prov, day, 18, c.rng);
      for (let k = 0; k < 17; k++) lines.push(line(prov, ITEMS.ozagrel, day + k, at(11), 2));
      const s = stay(c, p, prov, day, day + 18, DIAG.stroke, { lines });
      const over = s.lineIds.filter((_, k) => lines[k]!.item === ITEMS.ozagrel && lines[k]!.day >= day + 14);
      hit(c, 'PAYMENT_SCOPE', p, [s], over, '奥扎格雷 paid on 17 days (course limit 14): days 15–17', [], 'red');
      const q = person(c, { age: [40, 80] });
      const ql = stayLines(DIAG.pneumonia, prov, day, 16, c.rng);
      for (let k = 0; k < 14; k++) ql.push(line(prov, ITEMS.ozagrel, day + k, at(11), 2));
      const n = stay(c, q, prov, day, day + 16, DIAG.stroke, { lines: ql });
      miss(c, 'PAYMENT_SCOPE', q, [n], linesOf(n, ITEMS.ozagrel), '奥扎格雷 on exactly 14 days (the limit)');
    }
  },
  OUTPATIENT_DURING_STAY: (c, i, day) => {
    const p = person(c, { age: [40, 80] });
    const s = stay(c, p, c.d.main, day, day + 8, DIAG.pneumonia);
    const pharmacy = i % 2 === 1;
    const prov = pharmacy ? c.d.pharmacies[i % c.d.pharmacies.length]! : c.d.centres[i % c.d.centres.length]!;
    const o = outpatient(c, p, prov, day + 4, DIAG.hypertension, [line(prov, ITEMS.amlodipine, day + 4, at(14), 1, { prdDays: 14 })], { minute: at(14) });
    hit(c, 'OUTPATIENT_DURING_STAY', p, [o, s], [], `${pharmacy ? 'pharmacy purchase' : 'outpatient visit'} on day 5 of a stay at another provider`);
    const q = person(c, { age: [40, 80] });
    const t = stay(c, q, c.d.main, day, day + 8, DIAG.pneumonia);
    const n1 = outpatient(c, q, prov, day, DIAG.hypertension, [line(prov, ITEMS.amlodipine, day, at(7), 1, { prdDays: 7 })], { minute: at(6, 30) });
    const n2 = outpatient(c, q, prov, day + 8, DIAG.hypertension, [line(prov, ITEMS.amlodipine, day + 8, at(15), 1, { prdDays: 7 })], { minute: at(15) });
    miss(c, 'OUTPATIENT_DURING_STAY', q, [n1, n2, t], [], 'outpatient visits on the admission day and on the discharge day');
  },
  OVERLAPPING_STAYS: (c, _i, day) => {
    const p = person(c, { age: [40, 80] });
    const a = stay(c, p, c.d.main, day, day + 8, DIAG.pneumonia);
    const b2 = stay(c, p, c.d.hospitals[3]!, day + 4, day + 10, DIAG.gallstone);
    hit(c, 'OVERLAPPING_STAYS', p, [b2, a], [], 'a second stay admitted on day 5 of the first, at another hospital', [], 'red');
    const q = person(c, { age: [40, 80] });
    const t1 = stay(c, q, c.d.hospitals[3]!, day, day + 6, DIAG.stroke, { dscgWay: '2' });
    const t2 = stay(c, q, c.d.main, day + 6, day + 14, DIAG.stroke, { reflOld: t1.mdtrtId });
    miss(c, 'OVERLAPPING_STAYS', q, [t2, t1], [], 'same-day transfer: discharged 医嘱转院 and admitted at the next hospital the same day');
  },
  SHORT_READMISSION: (c, i, day) => {
    const prov = c.d.hospitals[i % c.d.hospitals.length]!;
    const p = person(c, { age: [50, 85] });
    const a = stay(c, p, prov, day, day + 7, DIAG.pneumonia);
    const b2 = stay(c, p, prov, day + 14, day + 19, DIAG.pneumonia);
    hit(c, 'SHORT_READMISSION', p, [b2, a], [], 'readmitted 7 days after discharge, same hospital, same main diagnosis', [], 'orange');
    const q = person(c, { age: [50, 85] });
    stay(c, q, prov, day, day + 7, DIAG.pneumonia);
    const n = stay(c, q, prov, day + 23, day + 28, DIAG.pneumonia);
    miss(c, 'SHORT_READMISSION', q, [n], [], 'readmitted 16 days after discharge (window 15)');
    const r = person(c, { age: [50, 85] });
    stay(c, r, c.d.main, day, day + 3, DIAG.chemo, { secondDiag: DIAG.lungCancer });
    const n2 = stay(c, r, c.d.main, day + 10, day + 13, DIAG.chemo, { secondDiag: DIAG.lungCancer });
    miss(c, 'SHORT_READMISSION', r, [n2], [], 'planned chemotherapy cycle (Z51.1) 7 days after the last one');
  },
  AFTER_DEATH: (c, i, day) => {
    const p = person(c, { age: [70, 90] }, day);
    const dr = `DR${p.psnNo}`;
    c.b.emit('death_reg', [dr, p.certno, p.name, dayText(day), '民政', 0]);
    const prov = i % 2 === 0 ? c.d.centres[i % c.d.centres.length]! : c.d.pharmacies[i % c.d.pharmacies.length]!;
    const s = outpatient(c, p, prov, day + 5, DIAG.hypertension, [line(prov, ITEMS.amlodipine, day + 5, at(10), 2, { prdDays: 28 })]);
    hit(c, 'AFTER_DEATH', p, [s], [], 'settlement 5 days after the registered death', [dr], 'red');
    const q = person(c, { age: [70, 90] }, day);
    c.b.emit('death_reg', [`DR${q.psnNo}`, q.certno, q.name, dayText(day), '卫健', 0]);
    const n = stay(c, q, c.d.main, day - 6, day, DIAG.stroke, { dscgWay: '5', setlDay: day + 1 });
    miss(c, 'AFTER_DEATH', q, [n], [], 'stay ending in death on the day of death, settled the next day (posting grace)');
  },
  DRUG_OVERSUPPLY: (c, i, day) => {
    const p = person(c, { age: [50, 80] });
    const c1 = c.d.centres[i % c.d.centres.length]!;
    const ph = c.d.pharmacies[i % c.d.pharmacies.length]!;
    const first = outpatient(c, p, c1, day, DIAG.hypertension, [line(c1, ITEMS.amlodipine, day, at(9, 20), 2, { prdDays: 28 })]);
    const second = outpatient(c, p, ph, day + 10, DIAG.hypertension, [line(ph, ITEMS.amlodipine, day + 10, at(15), 2, { prdDays: 28 })], { minute: at(15) });
    hit(c, 'DRUG_OVERSUPPLY', p, [second, first], second.lineIds, '氨氯地平 28 + 28 days of supply within 10 days at two providers (limit 40 in 30 days)', [], 'orange');
    const q = person(c, { age: [50, 80] });
    outpatient(c, q, c1, day, DIAG.hypertension, [line(c1, ITEMS.amlodipine, day, at(9, 20), 2, { prdDays: 28 })]);
    const n = outpatient(c, q, ph, day + 31, DIAG.hypertension, [line(ph, ITEMS.amlodipine, day + 31, at(15), 2, { prdDays: 28 })], { minute: at(15) });
    miss(c, 'DRUG_OVERSUPPLY', q, [n], n.lineIds, 'the second 28 days supplied 31 days after the first (outside the window)');
    const r = person(c, { age: [50, 80] });
    outpatient(c, r, c1, day, DIAG.hypertension, [line(c1, ITEMS.amlodipine, day, at(9, 20), 1, { prdDays: 20 })]);
    const n2 = outpatient(c, r, ph, day + 10, DIAG.hypertension, [line(ph, ITEMS.amlodipine, day + 10, at(15), 1, { prdDays: 20 })], { minute: at(15) });
    miss(c, 'DRUG_OVERSUPPLY', r, [n2], n2.lineIds, '20 + 20 days within 10 days: exactly the limit of 40');
  },
  PRICE_CAP: (c, i, day) => {
    const prov = c.d.hospitals[i % c.d.hospitals.length]!;
    const item = i % 2 === 0 ? ITEMS.ultrasound : ITEMS.cefoperazone;
    const p = person(c, { age: [30, 70] });
    const s = outpatient(c, p, prov, day, DIAG.gastritis, [line(prov, item, day, at(9, 20), 1, { priceFen: item.capFen + 500 })]);
    hit(c, 'PRICE_CAP', p, [s], linesOf(s, item), `${item.name} charged 5 yuan above its cap`, [], 'red');
    const q = person(c, { age: [30, 70] });
    const n = outpatient(c, q, prov, day, DIAG.gastritis, [line(prov, item, day, at(9, 20), 1, { priceFen: item.capFen })]);
    miss(c, 'PRICE_CAP', q, [n], linesOf(n, item), 'charged exactly the cap');
  },
  DUPLICATE_SETTLEMENT: (c, i, day) => {
    const prov = c.d.hospitals[i % c.d.hospitals.length]!;
    const p = person(c, { age: [30, 70] });
    const lines = (d0: number) => [line(prov, ITEMS.ultrasound, d0, at(9, 20)), line(prov, ITEMS.omeprazole, d0, at(9, 30), 1, { prdDays: 7 })];
    const first = outpatient(c, p, prov, day, DIAG.gastritis, lines(day));
    const second = outpatient(c, p, prov, day, DIAG.gastritis, lines(day), { minute: at(11) });
    hit(c, 'DUPLICATE_SETTLEMENT', p, [second, first], [], 'the same bill (provider, day, items, amount) settled twice', [], 'red');
    const q = person(c, { age: [30, 70] });
    const orig = outpatient(c, q, prov, day, DIAG.gastritis, lines(day));
    c.b.refund(orig, day, at(10, 30));
    const again = outpatient(c, q, prov, day, DIAG.gastritis, lines(day), { minute: at(11) });
    miss(c, 'DUPLICATE_SETTLEMENT', q, [again, orig], [], 'settled, refunded in full (冲销), settled again: netted, one bill');
  },
};
