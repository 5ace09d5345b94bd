import { ageOn, dayOf } from './calendar';
import { DIAG, ITEMS, type DiagnosisSpec, type ProviderSpec } from './catalogue';
import type { ClaimsBuilder, LineSpec, Person, VisitResult } from './builder';
import type { Prng } from './prng';

/**
 * The clean part of the district-year: persons with outpatient visits (seasonal), pharmacy
 * purchases, inpatient stays, chemotherapy cycles, deaths, work injuries, refunds and cancelled
 * settlements, all within the rules: no restricted item outside its restriction, prices within
 * caps, frequencies within limits, no exclusive pair billed together, no visit during a stay, one
 * stay per person (or planned chemotherapy cycles 21 days apart), no visit after death, days of
 * supply within the over-supply limit, no medical visit after a recognised work injury. The few
 * findings the screening still makes on it are reported next to the injected ones.
 */
export interface District {
  year: number;
  admdvs: string;
  firstDay: number;
  lastDay: number;
  providers: ProviderSpec[];
  hospitals: ProviderSpec[]; // lv_rank ≥ 2
  main: ProviderSpec; // 三级
  maternity: ProviderSpec;
  centres: ProviderSpec[];
  pharmacies: ProviderSpec[];
  /** The ID numbers issued in this generation: each person's is unique, as a real one is. */
  certnos: Set<string>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玲红梅丹宇浩然欣怡子涵雨轩嘉琪思远晨阳佳颖志诚';
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * An 18-digit 居民身份证号码 with a valid check digit (GB 11643), for a synthetic person: region,
 * birth date, a 3-digit sequence code (odd for men, even for women) and the check digit. The
 * sequence code starts from the person's own sequence number and moves on (keeping its parity)
 * past the codes already `issued` for the same region, birth date and sex, so no two persons share
 * an ID number — the death and work-injury registers are matched to persons by it (at 663,600
 * persons, 15,221 shared one before, and living persons looked dead).
 */
export function certnoFor(admdvs: string, birth: string, seq: number, gend: '1' | '2', issued?: Set<string>): string {
  let s3 = seq % 1000;
  if ((s3 % 2 === 1) !== (gend === '1')) s3 = (s3 + 1) % 1000;
  for (let tries = 0; tries < 500; tries++, s3 = (s3 + 2) % 1000) {
    const body = `${admdvs}${birth.replaceAll('-', '')}${String(s3).padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(body[i]) * CHECK_WEIGHTS[i]!;
    const certno = body + CHECK_CHARS[sum % 11];
    if (!issued?.has(certno)) {
      issued?.add(certno);
      return certno;
    }
  }
  throw new Error(`more than 500 persons of one sex born on ${birth} in ${admdvs}: no ID number left`);
}

export interface PersonOptions {
  gend?: '1' | '2';
  /** Age on 1 January of the year, or an exact birth day. */
  age?: [number, number];
  birth?: number;
  insutype?: '310' | '390';
}

export function makePerson(rng: Prng, d: District, seq: number, opts: PersonOptions = {}): Person {
  const gend = opts.gend ?? (rng.chance(0.5) ? '1' : '2');
  let birth = opts.birth;
  if (birth === undefined) {
    const [lo, hi] = opts.age ?? pickAgeRange(rng);
    birth = dayOf(d.year - rng.int(lo, hi) - 1, rng.int(0, 11), rng.int(1, 28));
  }
  const age = ageOn(birth, d.firstDay);
  const insutype = opts.insutype ?? (age >= 18 && age < 60 && rng.chance(0.55) ? '310' : '390');
  const name = rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.6) ? rng.pick([...GIVEN]) : '');
  const birthText = new Date(birth * 86_400_000).toISOString().slice(0, 10);
  return {
    psnNo: `P${d.admdvs}${String(seq).padStart(9, '0')}`,
    certno: certnoFor(d.admdvs, birthText, seq, gend, d.certnos),
    name,
    gend,
    birth,
    insutype,
    dieDay: null,
  };
}

function pickAgeRange(rng: Prng): [number, number] {
  const r = rng.next();
  if (r < 0.16) return [0, 14];
  if (r < 0.78) return [15, 59];
  return [60, 92];
}

/** Days of supply per generic, to keep the clean data under the over-supply limit. */
export class SupplyLedger {
  private readonly byGeneric = new Map<string, { day: number; days: number }[]>();
  constructor(private readonly windowDays = 30, private readonly maxDays = 40) {}
  take(generic: string, day: number, days: number): boolean {
    const list = this.byGeneric.get(generic) ?? [];
    const inWindow = list.filter((x) => Math.abs(x.day - day) <= this.windowDays).reduce((a, x) => a + x.days, 0);
    if (inWindow + days > this.maxDays) return false;
    list.push({ day, days });
    this.byGeneric.set(generic, list);
    return true;
  }
}

export function priceAt(p: ProviderSpec, item: { priceFen: number; capFen: number }): number {
  const factor = p.lvRank >= 3 ? 1.08 : p.lvRank === 2 ? 1.0 : 0.92;
  return Math.min(item.capFen, Math.round(item.priceFen * factor));
}

const at = (h: number, m = 0) => h * 60 + m;

/** The lines of an inpatient stay of `days` days from `a` (bed days: admission day to the day before discharge). */
export function stayLines(diag: DiagnosisSpec, prov: ProviderSpec, a: number, days: number, rng: Prng): LineSpec[] {
  const L: LineSpec[] = [];
  const add = (item: LineSpec['item'], day: number, minute: number, cnt = 1) => L.push({ item, day, minute, cnt, priceFen: priceAt(prov, item) });
  for (let i = 0; i < days; i++) {
    const day = a + i;
    add(ITEMS.bed, day, at(8));
    add(ITEMS.inpatientConsult, day, at(8, 30));
    add(ITEMS.nursing1, day, at(9));
    if (diag === DIAG.pneumonia) {
      if (prov.lvRank >= 2) {
        add(ITEMS.cefoperazone, day, at(10), 2);
        add(ITEMS.infusion, day, at(10, 5));
        add(ITEMS.infusionSet, day, at(10, 5));
      } else add(ITEMS.amoxicillin, day, at(10), 1);
    } else if (diag === DIAG.stroke) {
      if (i < 12) {
        add(ITEMS.ozagrel, day, at(10), 2);
        add(ITEMS.infusion, day, at(10, 5));
        add(ITEMS.infusionSet, day, at(10, 5));
      }
    } else if (diag === DIAG.gallstone) {
      add(ITEMS.infusion, day, at(10, 5));
      add(ITEMS.infusionSet, day, at(10, 5));
      if (i >= 1 && i <= 3) add(ITEMS.fishOil, day, at(14));
    } else if (diag === DIAG.chemo) {
      if (i === 1) {
        add(ITEMS.chemo, day, at(10));
        add(ITEMS.infusion, day, at(10, 5));
        add(ITEMS.infusionSet, day, at(10, 5));
      }
    }
  }
  add(ITEMS.bloodRoutine, a, at(8, 40));
  add(ITEMS.liverPanel, a, at(8, 45));
  add(ITEMS.ecg, a, at(9, 10));
  if (diag === DIAG.pneumonia) add(ITEMS.chestXray, a, at(9, 30));
  if (diag === DIAG.stroke) add(ITEMS.ctHead, a, at(9, 30));
  if (diag === DIAG.gallstone) add(ITEMS.ultrasound, a, at(9, 30));
  if (rng.chance(0.3)) add(ITEMS.bloodRoutine, a + Math.max(1, days - 1), at(8, 40));
  return L;
}

/** The lines of an outpatient visit (or a pharmacy purchase when prov is a pharmacy). */
export function visitLines(diag: DiagnosisSpec, prov: ProviderSpec, day: number, minute: number, person: Person, ledger: SupplyLedger, rng: Prng): LineSpec[] {
  const L: LineSpec[] = [];
  const add = (item: LineSpec['item'], cnt = 1, prdDays?: number, offset = 10) =>
    L.push({ item, day, minute: minute + offset, cnt, priceFen: priceAt(prov, item), prdDays });
  const drug = (item: LineSpec['item'], cnt: number, days: number) => {
    if (ledger.take(item.generic ?? item.code, day, days)) add(item, cnt, days, 20);
  };
  const pharmacy = prov.type === '2';
  if (!pharmacy) add(ITEMS.outpatientConsult, 1, undefined, 0);
  const age = ageOn(person.birth, day);
  switch (diag) {
    case DIAG.uri:
    case DIAG.bronchitis:
      if (!pharmacy && rng.chance(0.5)) add(ITEMS.bloodRoutine);
      if (age <= 12) drug(ITEMS.childCold, 1, 3);
      else {
        drug(ITEMS.amoxicillin, 2, 6);
        if (rng.chance(0.5)) drug(ITEMS.paracetamol, 1, 3);
      }
      if (!pharmacy && diag === DIAG.bronchitis && rng.chance(0.3)) {
        add(ITEMS.infusion, 1, undefined, 30);
        add(ITEMS.infusionSet, 1, undefined, 30);
      }
      break;
    case DIAG.hypertension:
      if (!pharmacy && rng.chance(0.3)) add(ITEMS.ecg);
      drug(ITEMS.amlodipine, 2, 28);
      break;
    case DIAG.diabetes:
      if (!pharmacy && rng.chance(0.2)) add(ITEMS.liverPanel);
      drug(ITEMS.metformin, 2, 28);
      break;
    case DIAG.gastritis:
      if (!pharmacy && rng.chance(0.3)) add(ITEMS.ultrasound);
      drug(ITEMS.omeprazole, 1, rng.chance(0.5) ? 7 : 14);
      break;
    case DIAG.cervicitis:
      add(ITEMS.colposcopy);
      break;
    case DIAG.prostatitis:
      add(ITEMS.prostateMassage);
      break;
    case DIAG.development:
      add(ITEMS.childIq);
      break;
    default:
      if (!pharmacy && rng.chance(0.3)) add(ITEMS.chestXray);
      drug(ITEMS.paracetamol, 1, 3);
  }
  return L;
}

function outpatientDiag(rng: Prng, p: Person, age: number, chronic: DiagnosisSpec | null): DiagnosisSpec {
  if (chronic && rng.chance(0.6)) return chronic;
  const r = rng.next();
  if (age >= 3 && age <= 12 && r < 0.05) return DIAG.development;
  if (p.gend === '2' && age >= 20 && age <= 50 && r < 0.06) return DIAG.cervicitis;
  if (p.gend === '1' && age >= 40 && r < 0.05) return DIAG.prostatitis;
  return rng.pick([DIAG.uri, DIAG.uri, DIAG.bronchitis, DIAG.gastritis, DIAG.backPain]);
}

/** One clean person: their visits, stays, death or work injury. */
export function emitBasePerson(b: ClaimsBuilder, d: District, rng: Prng, p: Person): void {
  const age0 = ageOn(p.birth, d.firstDay);
  let limit = d.lastDay;
  let deathStay = false;
  if (age0 >= 70 && rng.chance(0.02)) {
    p.dieDay = rng.int(d.firstDay + 40, d.lastDay - 1);
    limit = p.dieDay - 1;
    deathStay = rng.chance(0.5);
  }
  let injury: number | null = null;
  if (p.insutype === '310' && age0 >= 18 && age0 <= 55 && rng.chance(0.004)) {
    injury = rng.int(d.firstDay + 30, d.lastDay - 40);
    limit = injury - 2;
  }
  b.person(p, d.admdvs);
  if (p.dieDay !== null) b.emit('death_reg', [`DR${p.psnNo}`, p.certno, p.name, dayTextOf(p.dieDay), rng.pick(['民政', '公安', '卫健']), 0]);
  if (injury !== null) emitWorkInjury(b, d, rng, p, injury);

  const stays: [number, number][] = [];
  if (age0 >= 50 && rng.chance(0.004)) {
    const start = rng.int(d.firstDay, d.firstDay + 90);
    for (let k = 0; k < 5; k++) {
      const a = start + 21 * k;
      if (a + 3 > limit) break;
      b.visit({ person: p, provider: d.main, medType: '21', beginDay: a, beginMinute: at(7, rng.int(0, 59)), endDay: a + 3, endMinute: at(10, rng.int(0, 59)), diag: DIAG.chemo, secondDiag: DIAG.lungCancer, lines: stayLines(DIAG.chemo, d.main, a, 3, rng) });
      stays.push([a, a + 3]);
    }
  } else if (deathStay || rng.chance(age0 >= 60 ? 0.2 : age0 < 15 ? 0.05 : 0.08)) {
    const femaleAdult = p.gend === '2' && age0 >= 20 && age0 <= 40;
    const diag = femaleAdult && rng.chance(0.5) ? DIAG.delivery : age0 >= 55 && rng.chance(0.4) ? DIAG.stroke : rng.chance(0.6) ? DIAG.pneumonia : DIAG.gallstone;
    const prov = diag === DIAG.delivery ? d.maternity : diag === DIAG.pneumonia && rng.chance(0.3) ? rng.pick(d.centres) : rng.pick(d.hospitals);
    const len = diag === DIAG.delivery ? 3 : rng.int(4, 12);
    const end = deathStay && p.dieDay !== null ? p.dieDay : Math.min(limit, dayOf(d.year, rng.month(), rng.int(1, 28)) + len);
    const a = end - len;
    if (a >= d.firstDay) {
      b.visit({
        person: p, provider: prov, medType: '21', beginDay: a, beginMinute: at(7, rng.int(0, 59)), endDay: end, endMinute: at(10, rng.int(0, 59)),
        diag, lines: stayLines(diag, prov, a, len, rng), dscgWay: deathStay ? '5' : '1',
      });
      stays.push([a, end]);
    }
  }
  const chronic = age0 >= 45 && rng.chance(0.3) ? (rng.chance(0.6) ? DIAG.hypertension : DIAG.diabetes) : null;
  const mean = age0 < 15 ? 3 : age0 < 60 ? 2.5 : 5;
  const wanted = rng.int(0, Math.round(mean * 2));
  const pharmacyVisits = rng.int(0, chronic ? 4 : 2);
  const days: { day: number; pharmacy: boolean }[] = [];
  const free = (day: number) =>
    day >= d.firstDay && day <= limit &&
    !stays.some(([a, e]) => day >= a - 1 && day <= e + 1) &&
    !days.some((x) => Math.abs(x.day - day) < 8);
  for (let i = 0; i < wanted + pharmacyVisits; i++) {
    const day = dayOf(d.year, rng.month(), rng.int(1, 28));
    if (free(day)) days.push({ day, pharmacy: i >= wanted });
  }
  days.sort((x, y) => x.day - y.day);
  const ledger = new SupplyLedger();
  for (const { day, pharmacy } of days) {
    const age = ageOn(p.birth, day);
    const prov = pharmacy ? rng.pick(d.pharmacies) : rng.chance(0.6) ? rng.pick(d.centres) : rng.pick(d.hospitals);
    const diag = pharmacy ? (chronic ?? rng.pick([DIAG.gastritis, DIAG.backPain])) : outpatientDiag(rng, p, age, chronic);
    const minute = at(rng.int(8, 16), rng.int(0, 59));
    const lines = visitLines(diag, prov, day, minute, p, ledger, rng);
    if (!lines.length) continue;
    const medType = pharmacy ? '41' : chronic === diag ? '14' : '11';
    const cancelled = rng.chance(0.003);
    const r: VisitResult = b.visit({ person: p, provider: prov, medType, beginDay: day, beginMinute: minute, endDay: day, endMinute: minute + 25, diag, lines, cancelled });
    if (!cancelled && rng.chance(0.007)) b.refund(r, day, Math.min(1439, minute + 90));
  }
}

function dayTextOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** A recognised work injury: the recognition and the work-injury fund's payment for its treatment. */
function emitWorkInjury(b: ClaimsBuilder, d: District, rng: Prng, p: Person, injury: number): void {
  const recg = `WR${p.psnNo}`;
  const prov = rng.pick(d.hospitals);
  const len = rng.int(2, 8);
  b.emit('wi_recognition', [recg, p.certno, p.name, rng.pick(['杭州某机械有限公司', '余杭某建筑工程公司', '某物流有限公司']), dayTextOf(injury), dayTextOf(injury + rng.int(15, 40)), '1', rng.pick(['手部', '腿部', '腰部']), DIAG.handInjury.code, dayTextOf(injury + 90), 0]);
  const amount = rng.int(3000, 30000) * 100;
  b.emit('wi_payment', [`WP${p.psnNo}`, recg, p.certno, prov.code, dayTextOf(injury), dayTextOf(injury + len), yuanOf(amount), yuanOf(amount), `INV${p.psnNo}`, dayTextOf(injury + len + 30), 0]);
}

function yuanOf(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
