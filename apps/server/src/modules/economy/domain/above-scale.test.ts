import { describe, expect, it } from 'vitest';
import { annualRevenue, scaleSectorOf, scaleStatus } from './above-scale';

const wan = (n: number) => n * 1_000_000;

describe('above-scale status', () => {
  it('industry at 2,000 万元: exactly the threshold counts (及以上)', () => {
    expect(scaleStatus('3484', 2026, { fen: wan(2000), source: 'cumulative_dec' }).aboveScale).toBe(true);
    expect(scaleStatus('3484', 2026, { fen: wan(2000) - 1, source: 'cumulative_dec' }).aboveScale).toBe(false);
  });
  it('service thresholds by sector: software 2,000, research 1,000, culture 500; retail 500, hospitality 200', () => {
    expect(scaleSectorOf('6513').thresholdFen).toBe(wan(2000));
    expect(scaleSectorOf('7320').thresholdFen).toBe(wan(1000));
    expect(scaleSectorOf('7452').thresholdFen).toBe(wan(1000));
    expect(scaleSectorOf('8710').thresholdFen).toBe(wan(500));
    expect(scaleSectorOf('5211').thresholdFen).toBe(wan(500));
    expect(scaleSectorOf('6210').thresholdFen).toBe(wan(200));
    expect(scaleSectorOf('7020').thresholdFen).toBe(wan(1000)); // 物业管理
    expect(scaleSectorOf('7010').thresholdFen).toBeNull(); // 房地产开发: by qualification
    expect(scaleSectorOf('4710').thresholdFen).toBeNull(); // construction
    expect(scaleSectorOf('6620').thresholdFen).toBeNull(); // finance: not covered
  });
  it('a 1,500 万元 research firm is above scale (1,000), a 1,500 万元 software firm is not (2,000)', () => {
    expect(scaleStatus('7320', 2026, { fen: wan(1500), source: 'cumulative_dec' }).aboveScale).toBe(true);
    const sw = scaleStatus('6513', 2026, { fen: wan(1500), source: 'cumulative_dec' });
    expect(sw.aboveScale).toBe(false);
    expect(sw.reason).toContain('2025 年营业收入 1500.00 万元');
  });
  it('no revenue reported for the previous year: not above scale, and it says why', () => {
    const s = scaleStatus('3484', 2026, null);
    expect(s.aboveScale).toBe(false);
    expect(s.reason).toContain('2025 年营业收入未报');
  });
  it('annual revenue: December cumulative first, else twelve months summed, else unknown (a missing month)', () => {
    const months = Array.from({ length: 12 }, (_, i) => ({ part: String(i + 1).padStart(2, '0'), basis: 'current' as const, revenueFen: 100 }));
    expect(annualRevenue(months)).toEqual({ fen: 1200, source: 'sum_of_months' });
    expect(annualRevenue([...months, { part: '12', basis: 'cumulative', revenueFen: 1250 }])).toEqual({ fen: 1250, source: 'cumulative_dec' });
    expect(annualRevenue(months.filter((m) => m.part !== '01'))).toBeNull();
    expect(annualRevenue([{ part: 'Q4', basis: 'cumulative', revenueFen: 900 }])).toEqual({ fen: 900, source: 'cumulative_q4' });
  });
});

describe('which writes can change an above-scale status', () => {
  it('only revenue, only in a row annualRevenue reads (12/Q4 cumulative, any single period)', async () => {
    const { affectsScaleStatus } = await import('./above-scale');
    expect(affectsScaleStatus({ part: '12', basis: 'cumulative' }, ['revenue', 'tax'])).toBe(true);
    expect(affectsScaleStatus({ part: 'Q4', basis: 'cumulative' }, ['revenue'])).toBe(true);
    expect(affectsScaleStatus({ part: '07', basis: 'current' }, ['revenue'])).toBe(true);
    expect(affectsScaleStatus({ part: 'Q3', basis: 'cumulative' }, ['revenue'])).toBe(false);
    expect(affectsScaleStatus({ part: '12', basis: 'cumulative' }, ['tax', 'employees'])).toBe(false);
  });
});
