/**
 * One set of type parsers for both drivers, so that PGlite and `pg` return the same JS values:
 * int8 and numeric as numbers (counts, money in fen: all far below 2^53), dates as 'YYYY-MM-DD'
 * strings (a JS Date at local midnight shifts the day), timestamptz as Date.
 */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
export const DATE_OID = 1082;

export const sharedParsers: Record<number, (value: string) => unknown> = {
  [INT8_OID]: (v) => Number(v),
  [NUMERIC_OID]: (v) => Number(v),
  [DATE_OID]: (v) => v,
};
