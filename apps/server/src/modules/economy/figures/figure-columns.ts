import type { Selectable } from 'kysely';
import type { EconomyFigureTable } from '../../../db/schema';
import { INDICATORS, INDICATOR_KEYS, enteredValue, type IndicatorKey } from '../domain';

type FigureRecord = Pick<Selectable<EconomyFigureTable>, (typeof INDICATORS)[IndicatorKey]['column']>;

/** Stored values of a row by indicator key (money in fen), nulls included. */
export function storedValues(r: FigureRecord): Record<IndicatorKey, number | null> {
  return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, r[INDICATORS[k].column] === null ? null : Number(r[INDICATORS[k].column])])) as Record<IndicatorKey, number | null>;
}

/** The same, as entered and shown (money in 万元). */
export function shownValues(values: Partial<Record<IndicatorKey, number | null>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const k of INDICATOR_KEYS) if (k in values) out[k] = values[k] === null || values[k] === undefined ? null : enteredValue(INDICATORS[k].unit, values[k]!);
  return out;
}

/** Column → value, for an insert or update. */
export function columnsOf(values: Partial<Record<IndicatorKey, number | null>>): Partial<Record<(typeof INDICATORS)[IndicatorKey]['column'], number | null>> {
  const out: Record<string, number | null> = {};
  for (const k of INDICATOR_KEYS) if (k in values) out[INDICATORS[k].column] = values[k] ?? null;
  return out;
}

export const FIGURE_COLUMN_NAMES = INDICATOR_KEYS.map((k) => INDICATORS[k].column);
