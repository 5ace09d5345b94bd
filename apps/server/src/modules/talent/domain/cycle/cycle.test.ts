import { describe, expect, it } from 'vitest';
import { packageCalendar } from '../../../../core/reference/domain/workday';
import {
  allowedActions, competitionRanks, histogram, niceBinWidth, nextStatus, noticePeriod, noticePhase, pointsGrowth, tierChanges, tierMove, workdaysLeft,
  type TierOf,
} from './index';

describe('cycle steps', () => {
  it('goes open → reviewing → computed → notice → final, and nothing else', () => {
    expect(nextStatus('open', 'review')).toBe('reviewing');
    expect(nextStatus('reviewing', 'compute')).toBe('computed');
    expect(nextStatus('computed', 'compute')).toBe('computed');
    expect(nextStatus('computed', 'reopen')).toBe('reviewing');
    expect(nextStatus('computed', 'publish')).toBe('notice');
    expect(nextStatus('notice', 'finalize')).toBe('final');
    expect(nextStatus('open', 'publish')).toBeNull();
    expect(nextStatus('reviewing', 'finalize')).toBeNull();
    expect(nextStatus('notice', 'reopen')).toBeNull();
    expect(nextStatus('final', 'publish')).toBeNull();
    expect(allowedActions('final')).toEqual([]);
    expect(allowedActions('computed').sort()).toEqual(['compute', 'publish', 'reopen']);
  });
});

describe('notice period in Chinese working days', () => {
  it('counts five working days from a Monday: Monday to Friday', () => {
    expect(noticePeriod(packageCalendar, '2026-01-05', 5)).toEqual({ startsOn: '2026-01-05', endsOn: '2026-01-09', workdays: 5 });
  });
  it('starts on the next working day when published on a weekend', () => {
    expect(noticePeriod(packageCalendar, '2026-11-28', 5)).toEqual({ startsOn: '2026-11-30', endsOn: '2026-12-04', workdays: 5 });
  });
  it('skips the National Day holiday and counts the make-up Saturday (调休) as a working day', () => {
    // 2025: 1–8 October off; Saturday 11 October is a working day: 30 Sep, 9, 10, 11, 13 Oct
    const p = noticePeriod(packageCalendar, '2025-09-30', 5);
    expect(p.startsOn).toBe('2025-09-30');
    expect(packageCalendar.isWorkday('2025-10-11')).toBe(true);
    expect(p.endsOn).toBe('2025-10-13');
  });
  it('starts after a holiday when published during it', () => {
    expect(noticePeriod(packageCalendar, '2025-10-03', 3)).toEqual({ startsOn: '2025-10-09', endsOn: '2025-10-11', workdays: 3 });
  });
  it('a one-day notice starts and ends the same day', () => {
    expect(noticePeriod(packageCalendar, '2026-01-05', 1)).toEqual({ startsOn: '2026-01-05', endsOn: '2026-01-05', workdays: 1 });
  });
  it('knows the phase and the working days left, the last day included', () => {
    const p = { startsOn: '2026-11-30', endsOn: '2026-12-04' };
    expect(noticePhase(p, '2026-11-29')).toBe('before');
    expect(noticePhase(p, '2026-11-30')).toBe('running');
    expect(noticePhase(p, '2026-12-04')).toBe('running');
    expect(noticePhase(p, '2026-12-05')).toBe('ended');
    expect(workdaysLeft(packageCalendar, p, '2026-11-28')).toBe(5);
    expect(workdaysLeft(packageCalendar, p, '2026-12-01')).toBe(4);
    expect(workdaysLeft(packageCalendar, p, '2026-12-04')).toBe(1);
    expect(workdaysLeft(packageCalendar, p, '2026-12-05')).toBe(0);
  });
  it('refuses a notice of no days', () => {
    expect(() => noticePeriod(packageCalendar, '2026-01-05', 0)).toThrow(RangeError);
  });
});

describe('ranks', () => {
  it('equal points share a rank and the next one skips', () => {
    expect(competitionRanks([50, 80, 80, 10, 80])).toEqual([4, 1, 1, 5, 1]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe('reports on a small known dataset', () => {
  const e = (id: string, points: number, tierOrder: number | null): TierOf => ({ enterpriseId: id, points, tier: tierOrder === null ? null : `tier${tierOrder + 1}`, tierOrder });
  const last = [e('a', 100, 2), e('b', 200, 1), e('c', 50, 3), e('d', 300, 0), e('gone', 80, 3)];
  const now = [e('a', 210, 1), e('b', 200, 1), e('c', 20, 3), e('d', 150, 2), e('new', 120, 2), e('x', 5, null)];

  it('tier moves: a up, b same, c same, d down, new new, x untiered; gone dropped', () => {
    expect(tierMove(last[0], now[0]!)).toBe('up');
    expect(tierMove(last[3], now[3]!)).toBe('down');
    expect(tierMove(undefined, now[4]!)).toBe('new');
    const ch = tierChanges(last, now);
    expect(ch).toMatchObject({ up: 1, down: 1, same: 2, new: 1, untiered: 1, dropped: 1 });
    expect(ch.matrix).toEqual({ tier3: { tier2: 1 }, tier2: { tier2: 1 }, tier4: { tier4: 1 }, tier1: { tier3: 1 } });
  });

  it('points growth over all enterprises and like for like', () => {
    const g = pointsGrowth(last, now);
    expect(g.totalLastYear).toBe(730);
    expect(g.totalThisYear).toBe(705);
    expect(g.totalGrowth).toBeCloseTo((705 - 730) / 730, 4);
    // a, b, c, d: 650 → 580
    expect(g).toMatchObject({ both: 4, bothLastYear: 650, bothThisYear: 580, grew: 1, fell: 2, unchanged: 1 });
    expect(g.bothGrowth).toBeCloseTo(-70 / 650, 4);
    expect(pointsGrowth(null, now).totalGrowth).toBeNull();
    // the article's +114%: 100 → 214
    expect(pointsGrowth([e('a', 100, 0)], [e('a', 214, 0)]).totalGrowth).toBe(1.14);
  });

  it('histogram bins are [min, max) from 0 and count every value once', () => {
    const bins = histogram([0, 9.9, 10, 25, 49, -3], 10);
    expect(bins.map((b) => b.count)).toEqual([3, 1, 1, 0, 1]);
    expect(bins[4]).toEqual({ min: 40, max: 50, count: 1 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(6);
    expect(histogram([], 10)).toEqual([]);
    expect(niceBinWidth(300)).toBe(20);
    expect(niceBinWidth(45)).toBe(5);
  });
});
