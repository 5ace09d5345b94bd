import { describe, expect, it } from 'vitest';
import { parseFigureRow } from './figure-row';
import { isFuturePeriod, parsePeriod } from './period';
import { perMu } from './per-mu';

const lookups = { today: '2026-05-10', enterprises: new Map([['91330110MA2XXXXXX1', 'e1']]) };
const row = (over: Record<string, string>) => ({ 统一社会信用代码: '91330110MA2XXXXXX1', 期间: '2026-03', 口径: '累计', '营业收入（万元）': '1234.5678', ...over });

describe('figures import row', () => {
  it('reads periods in the forms officers type', () => {
    expect(parsePeriod('2025-03')).toEqual({ year: 2025, part: '03' });
    expect(parsePeriod('2025年3月')).toEqual({ year: 2025, part: '03' });
    expect(parsePeriod('2025-Q2')).toEqual({ year: 2025, part: 'Q2' });
    expect(parsePeriod('2025年第三季度')).toEqual({ year: 2025, part: 'Q3' });
    expect(parsePeriod('2025-13')).toBeNull();
  });
  it('a period that has not begun is in the future; the current month is not', () => {
    expect(isFuturePeriod({ year: 2026, part: '05' }, '2026-05-10')).toBe(false);
    expect(isFuturePeriod({ year: 2026, part: '06' }, '2026-05-10')).toBe(true);
    expect(isFuturePeriod({ year: 2026, part: 'Q2' }, '2026-05-10')).toBe(false);
    expect(isFuturePeriod({ year: 2026, part: 'Q3' }, '2026-05-10')).toBe(true);
  });
  it('stores money in fen, to the fen', () => {
    const r = parseFigureRow(row({ '从业人员（人）': '56', '综合能耗（吨标准煤）': '12.345', '利润总额（万元）': '-3.5' }), lookups);
    expect(r.errors).toEqual([]);
    expect(r.row).toEqual({ enterpriseId: 'e1', year: 2026, part: '03', basis: 'cumulative', values: { revenue: 1_234_567_800, employees: 56, energy: 12.345, profit: -3_500_000 } });
  });
  it('reports every problem: unknown enterprise, future period, negative employees, bad basis', () => {
    const r = parseFigureRow({ 统一社会信用代码: '91330110MA2YYYYYY2', 期间: '2026-09', 口径: '全年', '从业人员（人）': '-3', '营业收入（万元）': '1.1234567' }, lookups);
    expect(r.row).toBeNull();
    expect(r.errors.map((e) => e.column)).toEqual(['统一社会信用代码', '期间', '口径', '营业收入（万元）', '从业人员（人）']);
    expect(r.errors[1]!.message).toContain('2026-09 尚未开始');
    expect(r.errors[4]!.message).toContain('不能为负数');
  });
  it('a row with no figure at all is an error', () => {
    expect(parseFigureRow(row({ '营业收入（万元）': '' }), lookups).errors[0]!.message).toContain('没有任何指标');
  });
});

describe('亩均', () => {
  it('tax and value added per mu and per tonne of standard coal, in 万元', () => {
    expect(perMu({ taxFen: 300 * 1_000_000, valueAddedFen: 1200 * 1_000_000, revenueFen: null, landMu: 40, energyTce: 600 }))
      .toEqual({ taxPerMuWan: 7.5, valueAddedPerMuWan: 30, revenuePerMuWan: null, valueAddedPerTceWan: 2, taxPerTceWan: 0.5 });
    expect(perMu({ taxFen: 1, valueAddedFen: null, revenueFen: null, landMu: 0, energyTce: null }).taxPerMuWan).toBeNull();
  });
});
