import { FEN_PER_WAN } from './indicators';

/**
 * 规模以上 (above-scale) status. An enterprise is counted above scale in year Y when its annual
 * operating revenue of year Y−1 reaches the threshold of its sector (the bureau's annual list);
 * sources in shared/domain/economy.md §3.5. Sectors that the bureau lists by qualification, not
 * revenue (construction, real-estate development), or not at all (agriculture, finance, public
 * administration), are never derived from figures here: their status says why.
 */
export interface ScaleSector {
  code: string;
  zh: string;
  /** The threshold in fen; null = not decided by revenue. */
  thresholdFen: number | null;
}

const wan = (n: number) => n * FEN_PER_WAN;

/** By 大类 (two-digit division) of GB/T 4754-2017; a 4-digit code may refine (物业管理 702 …). */
export function scaleSectorOf(industryCode: string): ScaleSector {
  const division = Number(industryCode.slice(0, 2));
  const in_ = (a: number, b: number) => division >= a && division <= b;
  if (in_(6, 46)) return { code: 'industry', zh: '规上工业（采矿业、制造业、电力热力燃气及水）', thresholdFen: wan(2000) };
  if (in_(47, 50)) return { code: 'construction', zh: '建筑业（按资质等级认定，不按营收）', thresholdFen: null };
  if (division === 51) return { code: 'wholesale', zh: '限额以上批发业', thresholdFen: wan(2000) };
  if (division === 52) return { code: 'retail', zh: '限额以上零售业', thresholdFen: wan(500) };
  if (in_(61, 62)) return { code: 'hospitality', zh: '限额以上住宿和餐饮业', thresholdFen: wan(200) };
  if (in_(53, 60) || in_(63, 65) || in_(76, 79) || division === 84) {
    return { code: 'service_2000', zh: '规上服务业（交通运输仓储邮政、信息传输软件和信息技术服务、水利环境公共设施、卫生）', thresholdFen: wan(2000) };
  }
  if (division === 70) {
    if (industryCode.startsWith('701')) return { code: 'real_estate_dev', zh: '房地产开发经营（按开发资质纳统，不按营收）', thresholdFen: null };
    return { code: 'service_1000', zh: '规上服务业（物业管理、房地产中介、租赁经营及其他房地产业）', thresholdFen: wan(1000) };
  }
  if (in_(71, 75) || division === 83) return { code: 'service_1000', zh: '规上服务业（租赁和商务服务、科学研究和技术服务、教育）', thresholdFen: wan(1000) };
  if (in_(80, 82) || division === 85 || in_(86, 90)) return { code: 'service_500', zh: '规上服务业（居民服务修理、社会工作、文化体育娱乐）', thresholdFen: wan(500) };
  return { code: 'not_covered', zh: '不属于规上统计范围（农林牧渔、金融、公共管理等）', thresholdFen: null };
}

/** One year's revenue rows of one enterprise. */
export interface RevenueRow {
  part: string;
  basis: 'cumulative' | 'current';
  revenueFen: number | null;
}

export type AnnualSource = 'cumulative_dec' | 'cumulative_q4' | 'sum_of_months' | 'sum_of_quarters';

/**
 * The annual revenue from a year's rows: the December (or Q4) cumulative figure; else the sum of
 * all twelve monthly (or four quarterly) single-period figures; else unknown.
 */
export function annualRevenue(rows: readonly RevenueRow[]): { fen: number; source: AnnualSource } | null {
  const find = (part: string, basis: RevenueRow['basis']) => rows.find((r) => r.part === part && r.basis === basis && r.revenueFen !== null)?.revenueFen ?? null;
  const dec = find('12', 'cumulative');
  if (dec !== null) return { fen: dec, source: 'cumulative_dec' };
  const q4 = find('Q4', 'cumulative');
  if (q4 !== null) return { fen: q4, source: 'cumulative_q4' };
  const months = Array.from({ length: 12 }, (_, i) => find(String(i + 1).padStart(2, '0'), 'current'));
  if (months.every((v) => v !== null)) return { fen: months.reduce((a, b) => a + b!, 0), source: 'sum_of_months' };
  const quarters = [1, 2, 3, 4].map((q) => find(`Q${q}`, 'current'));
  if (quarters.every((v) => v !== null)) return { fen: quarters.reduce((a, b) => a + b!, 0), source: 'sum_of_quarters' };
  return null;
}

const SOURCE_ZH: Record<AnnualSource, string> = {
  cumulative_dec: '12 月累计', cumulative_q4: '四季度累计', sum_of_months: '12 个月当期之和', sum_of_quarters: '4 个季度当期之和',
};

export interface ScaleStatus {
  year: number;
  aboveScale: boolean;
  revenueYear: number;
  annualRevenueFen: number | null;
  thresholdFen: number | null;
  sector: string;
  reason: string;
}

/** The status for `year` from the annual revenue of the year before (null = not reported). */
export function scaleStatus(industryCode: string, year: number, previous: { fen: number; source: AnnualSource } | null): ScaleStatus {
  const sector = scaleSectorOf(industryCode);
  const base = { year, revenueYear: year - 1, annualRevenueFen: previous?.fen ?? null, thresholdFen: sector.thresholdFen, sector: sector.code };
  if (sector.thresholdFen === null) return { ...base, aboveScale: false, reason: `${sector.zh}：不由营业收入认定` };
  if (!previous) return { ...base, aboveScale: false, reason: `${year - 1} 年营业收入未报，不能认定为规上（门槛 ${sector.thresholdFen / FEN_PER_WAN} 万元）` };
  const reached = previous.fen >= sector.thresholdFen;
  const amount = `${year - 1} 年营业收入 ${(previous.fen / FEN_PER_WAN).toFixed(2)} 万元（${SOURCE_ZH[previous.source]}）`;
  return {
    ...base,
    aboveScale: reached,
    reason: `${sector.zh}门槛 ${sector.thresholdFen / FEN_PER_WAN} 万元；${amount}${reached ? '，达到' : '，未达到'}`,
  };
}

/**
 * Whether writing a figure row can change an above-scale status: only the revenue of a row that
 * `annualRevenue` reads (a December or Q4 cumulative, or any single-period row), and then only
 * the status of the next year (the status of year Y follows the revenue of Y − 1).
 */
export function affectsScaleStatus(row: { part: string; basis: 'cumulative' | 'current' }, changed: readonly string[]): boolean {
  if (!changed.includes('revenue')) return false;
  return row.basis === 'current' || row.part === '12' || row.part === 'Q4';
}
