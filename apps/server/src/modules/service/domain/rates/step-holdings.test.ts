import { describe, expect, it } from 'vitest';
import type { Actor, RequestEvent } from '../lifecycle/request';
import { applyEventsToHoldings, type StepHolding } from './step-holdings';

const at = (hhmm: string) => new Date(`2026-03-10T${hhmm}:00+08:00`);
const office: Actor = { role: 'office_dispatcher', id: 'd1' };
const unit = (id: string): Actor => ({ role: 'handling_unit', id: `u-${id}`, unitId: id });
const base = (a: Actor, t: string) => ({ at: at(t), actor: a, requestId: 'r1' });

const submitted = (t: string): RequestEvent => ({ ...base({ role: 'office_operator', id: 'o1' }, t), type: 'submitted', enterpriseId: 'e1', channel: 'hotline' });
const accepted = (t: string): RequestEvent => ({ ...base(office, t), type: 'accepted', categoryId: 'testing' });
const dispatched = (t: string, leadUnitId: string, attempt: number): RequestEvent => ({ ...base(office, t), type: 'dispatched', leadUnitId, assistingUnitIds: [], agentId: null, attempt });
const returned = (t: string, unitId: string): RequestEvent => ({ ...base(unit(unitId), t), type: 'returned', unitId, reason: 'not_our_remit', note: '不属于职责' });
const merged = (t: string): RequestEvent => ({ ...base(office, t), type: 'merged_into', primaryId: 'r0' });

function run(events: RequestEvent[]): StepHolding[] {
  const rows: StepHolding[] = [];
  applyEventsToHoldings(rows, events, 0, (h) => h);
  return rows;
}
const dispatches = (rows: StepHolding[]) => rows.filter((r) => r.step === 'dispatch')
  .map((r) => ({ redispatch: r.redispatch, startedAt: r.startedAt, completedAt: r.completedAt, cancelledAt: r.cancelledAt }));

describe('the office\'s re-dispatch after a return (重新交办)', () => {
  it('a return opens a dispatch step for the office from the return; the next dispatch completes it', () => {
    const rows = run([submitted('09:00'), accepted('09:10'), dispatched('10:00', 'A', 1), returned('11:00', 'A')]);
    expect(dispatches(rows)).toEqual([
      { redispatch: false, startedAt: at('09:10'), completedAt: at('10:00'), cancelledAt: null },
      { redispatch: true, startedAt: at('11:00'), completedAt: null, cancelledAt: null },
    ]);
    // The request now waits for the office alone: no unit step is open.
    expect(rows.filter((r) => r.completedAt === null && r.cancelledAt === null).map((r) => r.step)).toEqual(['dispatch']);
    applyEventsToHoldings(rows, [dispatched('11:30', 'B', 2)], 0, (h) => h);
    expect(dispatches(rows)[1]).toEqual({ redispatch: true, startedAt: at('11:00'), completedAt: at('11:30'), cancelledAt: null });
    // Respond still counts from the first dispatch, now held by B.
    expect(rows.filter((r) => r.step === 'respond' && !r.returned).map((r) => [r.unitId, r.startedAt])).toEqual([['B', at('10:00')]]);
  });

  it('each return opens its own; a merge while waiting cancels it', () => {
    const rows = run([
      submitted('09:00'), accepted('09:10'), dispatched('10:00', 'A', 1), returned('11:00', 'A'),
      dispatched('11:30', 'B', 2), returned('13:00', 'B'), merged('14:00'),
    ]);
    expect(dispatches(rows)).toEqual([
      { redispatch: false, startedAt: at('09:10'), completedAt: at('10:00'), cancelledAt: null },
      { redispatch: true, startedAt: at('11:00'), completedAt: at('11:30'), cancelledAt: null },
      { redispatch: true, startedAt: at('13:00'), completedAt: null, cancelledAt: at('14:00') },
    ]);
  });
});
