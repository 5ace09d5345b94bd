import { describe, expect, it } from 'vitest';
import { serviceRates, serviceRatesBy, type RequestSummary, type StepRecord } from '../index';

const d = (iso: string) => new Date(`${iso}+08:00`);
const AS_OF = d('2026-03-20T12:00:00');
const step = (start: string, due: string | null, done: string | null): StepRecord => ({
  startedAt: d(start),
  dueAt: due === null ? null : d(due),
  completedAt: done === null ? null : d(done),
});
const summary = (id: string, over: Partial<RequestSummary & { unit: string }>): RequestSummary & { unit: string } => ({
  id,
  status: 'closed',
  steps: {},
  resolvedAt: null,
  followUp: null,
  unit: 'u1',
  ...over,
});

describe('serviceRates', () => {
  const rows = [
    // responded on time, resolved, satisfied and solved
    summary('a', {
      steps: { respond: step('2026-03-10T10:00:00', '2026-03-10T23:59:59', '2026-03-10T15:00:00'), resolve: step('2026-03-10T10:00:00', '2026-03-17T23:59:59', '2026-03-12T10:00:00') },
      resolvedAt: d('2026-03-12T10:00:00'),
      followUp: { satisfaction: 'satisfied', solved: true },
    }),
    // responded late, resolved late, basically satisfied but not solved
    summary('b', {
      steps: { respond: step('2026-03-10T10:00:00', '2026-03-10T23:59:59', '2026-03-11T09:00:00'), resolve: step('2026-03-10T10:00:00', '2026-03-17T23:59:59', '2026-03-18T10:00:00') },
      resolvedAt: d('2026-03-18T10:00:00'),
      followUp: { satisfaction: 'basically_satisfied', solved: false },
    }),
    // resolved, dissatisfied (a reopen limit reached), followed up
    summary('c', {
      steps: { respond: step('2026-03-11T10:00:00', '2026-03-11T23:59:59', '2026-03-11T11:00:00') },
      resolvedAt: d('2026-03-13T10:00:00'),
      followUp: { satisfaction: 'dissatisfied', solved: false },
    }),
    // resolved, not followed up yet
    summary('d', { status: 'resolved', resolvedAt: d('2026-03-19T10:00:00') }),
    // open, respond deadline passed without a response: counts as late
    summary('e', { status: 'signed', steps: { respond: step('2026-03-18T10:00:00', '2026-03-18T23:59:59', null) }, unit: 'u2' }),
    // open, respond not due yet: not judged
    summary('f', { status: 'signed', steps: { respond: step('2026-03-20T10:00:00', '2026-03-20T23:59:59', null) }, unit: 'u2' }),
    // open and waiting for the enterprise (deadline unknown): not judged
    summary('g', { status: 'waiting_for_enterprise', steps: { respond: step('2026-03-01T10:00:00', null, null) }, unit: 'u2' }),
    // a merged duplicate: left out everywhere, even with a late step
    summary('h', { status: 'merged', steps: { respond: step('2026-03-01T10:00:00', '2026-03-01T23:59:59', null) } }),
  ];

  it('computes the three rates with their numerators and denominators', () => {
    const r = serviceRates(rows, AS_OF);
    expect(r.requests).toBe(7);
    expect(r.mergedExcluded).toBe(1);
    expect(r.responseRate).toEqual({ numerator: 2, denominator: 4, value: 0.5 }); // a, c on time; b late; e overdue
    expect(r.resolutionRate).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(r.satisfactionRate).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(r.followUpRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(r.onTime.resolve).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(r.onTime.accept).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(r.satisfactionCounts).toEqual({ satisfied: 1, basically_satisfied: 1, dissatisfied: 1 });
  });

  it('averages wall-clock durations of completed steps', () => {
    const r = serviceRates(rows, AS_OF);
    expect(r.averageDurationMs.respond).toBe(((5 + 23 + 1) / 3) * 3_600_000);
    expect(r.averageDurationMs.follow_up).toBeNull();
  });

  it('a step completed without a known deadline counts in the duration but is not judged', () => {
    const r = serviceRates([summary('x', { steps: { accept: step('2026-03-10T10:00:00', null, '2026-03-10T11:00:00') } })], AS_OF);
    expect(r.onTime.accept.denominator).toBe(0);
    expect(r.averageDurationMs.accept).toBe(3_600_000);
  });

  it('回访率: a request reopened by a dissatisfied follow-up is not resolved until it is resolved again', () => {
    const followed = { satisfaction: 'satisfied' as const, solved: true };
    const r = serviceRates([
      // Reopened (back to accepted, then in a unit's hands): resolvedAt is the first resolution's, no follow-up stands.
      summary('reopened', { status: 'accepted', resolvedAt: d('2026-03-12T10:00:00') }),
      summary('reworked', { status: 'signed', resolvedAt: d('2026-03-12T10:00:00') }),
      // Resolved again after the reopen, and followed up.
      summary('again', { status: 'followed_up', resolvedAt: d('2026-03-16T10:00:00'), followUp: followed }),
      summary('closed', { status: 'closed', resolvedAt: d('2026-03-16T10:00:00'), followUp: followed }),
    ], AS_OF);
    expect(r.followUpRate).toEqual({ numerator: 2, denominator: 2, value: 1 });
  });

  it('gives null, not 0 or 1, for an empty population', () => {
    const r = serviceRates([], AS_OF);
    expect(r.responseRate.value).toBeNull();
    expect(r.satisfactionRate.value).toBeNull();
  });

  it('groups by any key, with a request in several groups or in none', () => {
    const by = serviceRatesBy(rows, (s) => s.unit, AS_OF);
    expect(by.map((g) => [g.key, g.rates.requests, g.rates.responseRate.value])).toEqual([
      ['u1', 4, 2 / 3],
      ['u2', 3, 0],
    ]);
    const tags = serviceRatesBy(rows, (s) => (s.id === 'a' ? ['x', 'y'] : s.id === 'b' ? null : 'x'), AS_OF);
    expect(tags.map((g) => [g.key, g.rates.requests + g.rates.mergedExcluded])).toEqual([
      ['x', 7],
      ['y', 1],
    ]);
  });
});
