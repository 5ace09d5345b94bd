import { describe, expect, it } from 'vitest';
import { metricWindow } from './window';

// 2026-04-01 00:30 in Beijing is still 2026-03-31 in UTC: the local date decides.
const now = new Date('2026-03-31T16:30:00Z');

describe('metricWindow: the default period and the presets, in local (Asia/Shanghai) dates', () => {
  it.each([
    [{}, { period: 'this_month', from: '2026-04-01', to: '2026-04-01' }],
    [{ period: 'last_month' as const }, { period: 'last_month', from: '2026-03-01', to: '2026-03-31' }],
    [{ period: 'this_quarter' as const }, { period: 'this_quarter', from: '2026-04-01', to: '2026-04-01' }],
    [{ period: 'this_year' as const }, { period: 'this_year', from: '2026-01-01', to: '2026-04-01' }],
    [{ period: 'all' as const }, { period: 'all', from: null, to: null }],
    [{ from: '2026-02-03' }, { period: 'custom', from: '2026-02-03', to: null }],
    [{ from: '2026-02-03', to: '2026-02-10' }, { period: 'custom', from: '2026-02-03', to: '2026-02-10' }],
  ])('%j → %j', (q, expected) => {
    expect(metricWindow(q, now)).toEqual(expected);
  });

  it('last month across a year boundary, and a quarter from its first month', () => {
    expect(metricWindow({ period: 'last_month' }, new Date('2026-01-15T02:00:00Z'))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(metricWindow({ period: 'this_quarter' }, new Date('2026-08-20T02:00:00Z'))).toMatchObject({ from: '2026-07-01', to: '2026-08-20' });
  });
});
