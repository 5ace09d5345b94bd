import { INDICATORS, INDICATOR_KEYS, UNIT_DECIMALS, UNIT_LABELS, storedValue, type IndicatorKey } from './indicators';
import { formatPeriod, isFuturePeriod, parsePeriod } from './period';

/** One row of the figures import: an enterprise's figures for a period and basis. */
export interface FigureRow {
  enterpriseId: string;
  year: number;
  part: string;
  basis: 'cumulative' | 'current';
  /** Stored values (money in fen); a key left out = the cell was empty (unknown). */
  values: Partial<Record<IndicatorKey, number>>;
}

export const BASIS_NAMES = { cumulative: '累计', current: '当期' } as const;

export const FIGURE_COLUMNS = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  period: '期间',
  basis: '口径',
} as const;

/** 营业收入（万元）, 从业人员（人）…: the header of each indicator's column. */
export const indicatorHeader = (k: IndicatorKey) => `${INDICATORS[k].zh}（${UNIT_LABELS[INDICATORS[k].unit].zh}）`;
/** Each indicator with its column header, computed once (the check runs 50,000 times in an import). */
const INDICATOR_COLUMNS = INDICATOR_KEYS.map((k) => [k, indicatorHeader(k)] as const);
export const FIGURE_REQUIRED_COLUMNS = [FIGURE_COLUMNS.creditCode, FIGURE_COLUMNS.period, FIGURE_COLUMNS.basis] as const;

export interface FigureLookups {
  /** Local date YYYY-MM-DD. */
  today: string;
  /** Credit code → enterprise id, of the enterprises the importer may report for. */
  enterprises: ReadonlyMap<string, string>;
}

export interface FieldError {
  column: string;
  message: string;
}

const BASIS_BY_TEXT: Record<string, FigureRow['basis']> = { 累计: 'cumulative', 本年累计: 'cumulative', cumulative: 'cumulative', 当期: 'current', 本期: 'current', 当月: 'current', 当季: 'current', current: 'current' };

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Checks one row; every problem of the row is reported, not just the first. */
export function parseFigureRow(values: Readonly<Record<string, string>>, lookups: FigureLookups): { row: FigureRow | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const cell = (c: string) => (values[c] ?? '').trim();
  const code = cell(FIGURE_COLUMNS.creditCode).toUpperCase();
  const enterpriseId = lookups.enterprises.get(code);
  if (!code) errors.push({ column: FIGURE_COLUMNS.creditCode, message: '必填' });
  else if (!enterpriseId) errors.push({ column: FIGURE_COLUMNS.creditCode, message: `未找到统一社会信用代码为 ${code} 的企业（不在企业库或不在您的管辖范围）` });

  const periodText = cell(FIGURE_COLUMNS.period);
  const period = parsePeriod(periodText);
  if (!periodText) errors.push({ column: FIGURE_COLUMNS.period, message: '必填，如 2025-03（月）或 2025-Q1（季）' });
  else if (!period) errors.push({ column: FIGURE_COLUMNS.period, message: `“${periodText}”不是有效期间，应如 2025-03（月）或 2025-Q1（季）` });
  else if (isFuturePeriod(period, lookups.today)) errors.push({ column: FIGURE_COLUMNS.period, message: `${formatPeriod(period)} 尚未开始，不能填报未来期间` });

  const basisText = cell(FIGURE_COLUMNS.basis);
  const basis = BASIS_BY_TEXT[basisText];
  if (!basis) errors.push({ column: FIGURE_COLUMNS.basis, message: basisText ? `“${basisText}”不是有效口径，应为“累计”或“当期”` : '必填：“累计”或“当期”' });

  const parsed: Partial<Record<IndicatorKey, number>> = {};
  for (const [k, header] of INDICATOR_COLUMNS) {
    const raw = cell(header);
    const text = raw.includes(',') ? raw.replace(/,/g, '') : raw;
    if (!text) continue;
    const def = INDICATORS[k];
    const n = Number(text);
    if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) {
      errors.push({ column: header, message: `“${text}”不是数字` });
      continue;
    }
    if (n < 0 && !def.signed) {
      errors.push({ column: header, message: `${def.zh}不能为负数（${text}）` });
      continue;
    }
    const stored = decimalsOf(text) <= UNIT_DECIMALS[def.unit] ? storedValue(def.unit, n) : null;
    if (stored === null) {
      errors.push({ column: header, message: UNIT_DECIMALS[def.unit] === 0 ? `${def.zh}应为整数` : `${def.zh}最多 ${UNIT_DECIMALS[def.unit]} 位小数` });
      continue;
    }
    parsed[k] = stored;
  }
  if (errors.length === 0 && Object.keys(parsed).length === 0) errors.push({ column: indicatorHeader('revenue'), message: '该行没有任何指标数值' });
  if (errors.length) return { row: null, errors };
  return { row: { enterpriseId: enterpriseId!, year: period!.year, part: period!.part, basis: basis!, values: parsed }, errors };
}
