/**
 * The figures an enterprise reports per period. Money is stored in fen (exact integers) and
 * entered / shown in 万元 (1 万元 = 1,000,000 fen; an import accepts up to 6 decimals = to the
 * fen); energy in 吨标准煤 (tce, to the kilogram); land in 亩 (to 0.01).
 */
export type IndicatorUnit = 'money' | 'persons' | 'energy' | 'land';

export interface IndicatorDef {
  key: IndicatorKey;
  column: IndicatorColumn;
  unit: IndicatorUnit;
  /** May be below zero (profit, value added); every other figure may not. */
  signed: boolean;
  zh: string;
  en: string;
}

export const INDICATOR_KEYS = ['revenue', 'output', 'valueAdded', 'tax', 'profit', 'rd', 'employees', 'energy', 'land'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export type IndicatorColumn =
  | 'revenue_fen' | 'output_fen' | 'value_added_fen' | 'tax_fen' | 'profit_fen' | 'rd_fen' | 'employees' | 'energy_tce' | 'land_mu';

export const INDICATORS: Readonly<Record<IndicatorKey, IndicatorDef>> = {
  revenue: { key: 'revenue', column: 'revenue_fen', unit: 'money', signed: false, zh: '营业收入', en: 'Operating revenue' },
  output: { key: 'output', column: 'output_fen', unit: 'money', signed: false, zh: '工业总产值', en: 'Industrial output' },
  valueAdded: { key: 'valueAdded', column: 'value_added_fen', unit: 'money', signed: true, zh: '增加值', en: 'Value added' },
  tax: { key: 'tax', column: 'tax_fen', unit: 'money', signed: false, zh: '税收', en: 'Tax paid' },
  profit: { key: 'profit', column: 'profit_fen', unit: 'money', signed: true, zh: '利润总额', en: 'Profit' },
  rd: { key: 'rd', column: 'rd_fen', unit: 'money', signed: false, zh: '研发费用', en: 'R&D spend' },
  employees: { key: 'employees', column: 'employees', unit: 'persons', signed: false, zh: '从业人员', en: 'Employees' },
  energy: { key: 'energy', column: 'energy_tce', unit: 'energy', signed: false, zh: '综合能耗', en: 'Energy use' },
  land: { key: 'land', column: 'land_mu', unit: 'land', signed: false, zh: '用地面积', en: 'Land area' },
};

export const UNIT_LABELS: Readonly<Record<IndicatorUnit, { zh: string; en: string }>> = {
  money: { zh: '万元', en: '10k yuan' },
  persons: { zh: '人', en: 'persons' },
  energy: { zh: '吨标准煤', en: 'tce' },
  land: { zh: '亩', en: 'mu' },
};

export const FEN_PER_WAN = 1_000_000;

/** The stored value from the entered one (money 万元 → fen); null when the text is not a number of the unit's precision. */
export function storedValue(unit: IndicatorUnit, entered: number): number | null {
  if (!Number.isFinite(entered)) return null;
  switch (unit) {
    case 'money': {
      const fen = Math.round(entered * FEN_PER_WAN);
      return Math.abs(fen - entered * FEN_PER_WAN) < 1e-4 * Math.max(1, Math.abs(entered)) ? fen : null;
    }
    case 'persons':
      return Number.isInteger(entered) ? entered : null;
    case 'energy':
      return Math.abs(Math.round(entered * 1000) - entered * 1000) < 1e-6 ? Math.round(entered * 1000) / 1000 : null;
    case 'land':
      return Math.abs(Math.round(entered * 100) - entered * 100) < 1e-6 ? Math.round(entered * 100) / 100 : null;
  }
}

/** The value as entered and shown (fen → 万元). */
export function enteredValue(unit: IndicatorUnit, stored: number): number {
  return unit === 'money' ? stored / FEN_PER_WAN : stored;
}

/** The most decimals an entered value may have. */
export const UNIT_DECIMALS: Readonly<Record<IndicatorUnit, number>> = { money: 6, persons: 0, energy: 3, land: 2 };
