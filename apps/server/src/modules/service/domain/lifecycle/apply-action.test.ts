import { describe, expect, it } from 'vitest';
import {
  ACTION_TYPES,
  ACTOR_ROLES,
  REQUEST_STATUSES,
  applyAction,
  newRequestSnapshot,
  submitRequest,
  type ActionType,
  type Actor,
  type ActorRole,
  type RefusalCode,
  type RequestAction,
  type RequestSnapshot,
  type RequestStatus,
} from '../index';

const AT = new Date('2026-03-10T02:00:00Z'); // Tuesday 10:00 in Shanghai

function snapshot(status: RequestStatus, over: Partial<RequestSnapshot> = {}): RequestSnapshot {
  return {
    ...newRequestSnapshot('r1', 'e1', 'cat'),
    status,
    statusBeforeWait: status === 'waiting_for_enterprise' ? 'signed' : null,
    assignment: status === 'submitted' || status === 'accepted' ? null : { leadUnitId: 'u1', assistingUnitIds: ['u2'], agentId: null },
    dispatchCount: status === 'submitted' || status === 'accepted' ? 0 : 1,
    mergedIntoId: status === 'merged' ? 'p' : null,
    ...over,
  };
}

function actor(role: ActorRole, over: Partial<Actor> = {}): Actor {
  const base: Actor = { role, id: `${role}-1` };
  if (role === 'handling_unit' || role === 'service_agent') base.unitId = 'u1';
  if (role === 'enterprise') base.enterpriseId = 'e1';
  return { ...base, ...over };
}

const VALID: Record<ActionType, RequestAction> = {
  accept: { type: 'accept', categoryId: 'tax' },
  dispatch: { type: 'dispatch', units: [{ unitId: 'u1', role: 'lead' }, { unitId: 'u2', role: 'assisting' }] },
  sign: { type: 'sign' },
  return: { type: 'return', reason: 'not_our_remit', note: '不属于本科室职责' },
  respond: { type: 'respond', content: '已联系企业，正在对接检测机构' },
  resolve: { type: 'resolve', summary: '已匹配检测机构并完成检测' },
  follow_up: { type: 'follow_up', satisfaction: 'satisfied', solved: true },
  close: { type: 'close' },
  merge: { type: 'merge', primary: snapshot('accepted', { id: 'p', enterpriseIds: ['e2'] }) },
  wait_for_enterprise: { type: 'wait_for_enterprise', reason: '请企业补充检测样品信息' },
  resume: { type: 'resume' },
  supervise: { type: 'supervise' },
};

// The state machine spelled out a second time, independently of TRANSITIONS: for each status,
// the actions allowed, with the next status and the roles allowed. Every other pair is refused.
const O = ['office_operator', 'office_dispatcher'] as const;
const U = ['handling_unit', 'service_agent'] as const;
type Cell = [RequestStatus, readonly ActorRole[]];
const ALLOWED: Record<RequestStatus, Partial<Record<ActionType, Cell>>> = {
  submitted: { accept: ['accepted', O], merge: ['merged', O] },
  accepted: { dispatch: ['dispatched', ['office_dispatcher']], merge: ['merged', O], wait_for_enterprise: ['waiting_for_enterprise', O] },
  dispatched: { sign: ['signed', U], return: ['returned', ['handling_unit']], merge: ['merged', O], supervise: ['dispatched', ['office_dispatcher', 'system']] },
  signed: {
    return: ['returned', ['handling_unit']],
    respond: ['responded', U],
    resolve: ['resolved', U],
    merge: ['merged', O],
    wait_for_enterprise: ['waiting_for_enterprise', U],
    supervise: ['signed', ['office_dispatcher', 'system']],
  },
  returned: { dispatch: ['dispatched', ['office_dispatcher']], merge: ['merged', O] },
  responded: { resolve: ['resolved', U], wait_for_enterprise: ['waiting_for_enterprise', U], supervise: ['responded', ['office_dispatcher', 'system']] },
  waiting_for_enterprise: { resume: ['signed', [...O, ...U, 'enterprise', 'system']], merge: ['merged', O] },
  resolved: { follow_up: ['followed_up', [...O, 'enterprise']], close: ['closed', ['office_dispatcher', 'system']] },
  followed_up: { close: ['closed', [...O, 'system']] },
  closed: {},
  merged: {},
};

function expectedRefusal(status: RequestStatus, action: ActionType): RefusalCode {
  if (status === 'closed' || status === 'merged') return 'REQUEST_FINISHED';
  if (action === 'follow_up' && status !== 'resolved' && status !== 'followed_up') return 'FOLLOW_UP_BEFORE_RESOLUTION';
  return 'TRANSITION_NOT_ALLOWED';
}

const PAIRS = REQUEST_STATUSES.flatMap((status) => ACTION_TYPES.map((action) => [status, action] as const));

describe('every (status, action) pair', () => {
  it('covers 11 statuses × 12 actions', () => expect(PAIRS).toHaveLength(132));

  it.each(PAIRS)('%s + %s', (status, action) => {
    const cell = ALLOWED[status][action];
    const role = cell ? cell[1][0]! : 'office_dispatcher';
    const r = applyAction(snapshot(status), VALID[action], actor(role), AT);
    if (cell) {
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) {
        expect(r.next.status).toBe(cell[0]);
        expect(r.events.length).toBeGreaterThan(0);
        for (const e of r.events) expect(e).toMatchObject({ at: AT, requestId: 'r1', actor: { role } });
      }
    } else {
      expect(r).toMatchObject({ ok: false, code: expectedRefusal(status, action) });
      if (!r.ok) {
        expect(r.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(r.message.en).toMatch(/[a-z]/);
      }
    }
  });
});

describe('every role on every allowed pair', () => {
  const cases = PAIRS.filter(([s, a]) => ALLOWED[s][a]).flatMap(([s, a]) => ACTOR_ROLES.map((role) => [s, a, role] as const));
  it.each(cases)('%s + %s by %s', (status, action, role) => {
    const r = applyAction(snapshot(status), VALID[action], actor(role), AT);
    if (ALLOWED[status][action]![1].includes(role)) expect(r.ok, JSON.stringify(r)).toBe(true);
    else expect(r).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED', kind: 'forbidden' });
  });
});

describe('conditions that depend on the payload and the actor', () => {
  const unit = actor('handling_unit');

  it('a return needs a reason code and a note', () => {
    for (const action of [
      { type: 'return', reason: null, note: '不属于本科室' },
      { type: 'return', reason: 'wrong_area', note: '  ' },
    ] as const) {
      expect(applyAction(snapshot('signed'), action, unit, AT)).toMatchObject({ ok: false, code: 'REASON_REQUIRED', kind: 'invalid' });
    }
  });

  it('counts returns and refuses past the policy limit (the office decides then)', () => {
    const r = applyAction(snapshot('dispatched', { returnCount: 1 }), VALID.return, unit, AT);
    expect(r.ok && r.next).toMatchObject({ status: 'returned', returnCount: 2 });
    expect(applyAction(snapshot('dispatched', { returnCount: 2 }), VALID.return, unit, AT)).toMatchObject({ ok: false, code: 'RETURN_LIMIT_REACHED' });
    expect(applyAction(snapshot('dispatched', { returnCount: 2 }), VALID.return, unit, AT, { maxReturns: 3, maxReopens: 1 }).ok).toBe(true);
  });

  it('a dispatch names exactly one lead unit; the others assist', () => {
    const d = actor('office_dispatcher');
    const units = (...u: [string, 'lead' | 'assisting'][]) => ({ type: 'dispatch' as const, units: u.map(([unitId, role]) => ({ unitId, role })) });
    expect(applyAction(snapshot('accepted'), units(), d, AT)).toMatchObject({ code: 'DISPATCH_ONE_LEAD' });
    expect(applyAction(snapshot('accepted'), units(['u1', 'assisting']), d, AT)).toMatchObject({ code: 'DISPATCH_ONE_LEAD' });
    expect(applyAction(snapshot('accepted'), units(['u1', 'lead'], ['u2', 'lead']), d, AT)).toMatchObject({ code: 'DISPATCH_ONE_LEAD' });
    expect(applyAction(snapshot('accepted'), units(['u1', 'lead'], ['u1', 'assisting']), d, AT)).toMatchObject({ code: 'DISPATCH_UNIT_REPEATED' });
    const ok = applyAction(snapshot('accepted'), { ...units(['u3', 'assisting'], ['u1', 'lead'], ['u2', 'assisting']), agentId: 'a7' }, d, AT);
    expect(ok.ok && ok.next.assignment).toEqual({ leadUnitId: 'u1', assistingUnitIds: ['u3', 'u2'], agentId: 'a7' });
    expect(ok.ok && ok.events[0]).toMatchObject({ type: 'dispatched', attempt: 1, leadUnitId: 'u1' });
  });

  it('a re-dispatch after a return counts as the next attempt', () => {
    const r = applyAction(snapshot('returned', { dispatchCount: 1 }), { type: 'dispatch', units: [{ unitId: 'u9', role: 'lead' }] }, actor('office_dispatcher'), AT);
    expect(r.ok && r.events[0]).toMatchObject({ type: 'dispatched', attempt: 2, leadUnitId: 'u9', assistingUnitIds: [] });
  });

  it('only the lead unit and its agents act for the unit; an assisting unit is refused', () => {
    for (const role of ['handling_unit', 'service_agent'] as const) {
      expect(applyAction(snapshot('dispatched'), VALID.sign, actor(role, { unitId: 'u2' }), AT)).toMatchObject({ code: 'NOT_LEAD_UNIT', kind: 'forbidden' });
      expect(applyAction(snapshot('dispatched'), VALID.sign, actor(role, { unitId: undefined }), AT)).toMatchObject({ code: 'NOT_LEAD_UNIT' });
    }
    // A wait started by the office (before any dispatch): no unit can resume it.
    const waiting = snapshot('waiting_for_enterprise', { statusBeforeWait: 'accepted', assignment: null });
    expect(applyAction(waiting, VALID.resume, unit, AT)).toMatchObject({ code: 'NOT_LEAD_UNIT' });
  });

  it('a service agent who signs becomes the request agent', () => {
    const r = applyAction(snapshot('dispatched'), VALID.sign, actor('service_agent', { id: 'gao-tang' }), AT);
    expect(r.ok && r.next.assignment?.agentId).toBe('gao-tang');
  });

  it('only an enterprise of the request can resume it', () => {
    const other = actor('enterprise', { enterpriseId: 'e9' });
    expect(applyAction(snapshot('waiting_for_enterprise'), VALID.resume, other, AT)).toMatchObject({ code: 'NOT_REQUEST_ENTERPRISE' });
  });

  it('accepting needs a category; responding and resolving need a text', () => {
    expect(applyAction(snapshot('submitted'), { type: 'accept', categoryId: '' }, actor('office_operator'), AT)).toMatchObject({ code: 'CATEGORY_REQUIRED' });
    expect(applyAction(snapshot('signed'), { type: 'respond', content: ' ' }, unit, AT)).toMatchObject({ code: 'TEXT_REQUIRED' });
    expect(applyAction(snapshot('responded'), { type: 'resolve', summary: '' }, unit, AT)).toMatchObject({ code: 'TEXT_REQUIRED' });
    expect(applyAction(snapshot('waiting_for_enterprise'), { type: 'resume' }, unit, AT).ok).toBe(true);
    expect(applyAction(snapshot('signed'), { type: 'wait_for_enterprise', reason: '' }, unit, AT)).toMatchObject({ code: 'REASON_REQUIRED' });
  });

  it('resolving a signed request answers it too: responded, then resolved', () => {
    const r = applyAction(snapshot('signed'), VALID.resolve, unit, AT);
    expect(r.ok && r.events.map((e) => e.type)).toEqual(['responded', 'resolved']);
  });

  it('a dissatisfied follow-up reopens the request (back to accepted), up to the policy limit', () => {
    const office = actor('office_operator');
    const dissatisfied = { type: 'follow_up', satisfaction: 'dissatisfied', solved: false } as const;
    const r = applyAction(snapshot('resolved'), dissatisfied, office, AT);
    expect(r.ok && r.next).toMatchObject({ status: 'accepted', reopenCount: 1, assignment: { leadUnitId: 'u1' } });
    expect(r.ok && r.events.map((e) => e.type)).toEqual(['followed_up', 'reopened']);
    const again = applyAction(snapshot('resolved', { reopenCount: 1 }), dissatisfied, office, AT);
    expect(again.ok && again.next.status).toBe('followed_up');
    expect(again.ok && again.events.map((e) => e.type)).toEqual(['followed_up', 'reopen_limit_reached']);
    const basically = applyAction(snapshot('resolved'), { type: 'follow_up', satisfaction: 'basically_satisfied', solved: true }, office, AT);
    expect(basically.ok && basically.next.status).toBe('followed_up');
  });

  it('closing a resolved request without a follow-up says so', () => {
    const r = applyAction(snapshot('resolved'), VALID.close, actor('system'), AT);
    expect(r.ok && r.events[0]).toMatchObject({ type: 'closed', withoutFollowUp: true });
    const f = applyAction(snapshot('followed_up'), VALID.close, actor('system'), AT);
    expect(f.ok && f.events[0]).toMatchObject({ type: 'closed', withoutFollowUp: false });
  });

  it('waiting for the enterprise remembers where it was and resume returns there', () => {
    for (const from of ['accepted', 'signed', 'responded'] as const) {
      const who = from === 'accepted' ? actor('office_operator') : unit;
      const w = applyAction(snapshot(from), VALID.wait_for_enterprise, who, AT);
      expect(w.ok && w.next).toMatchObject({ status: 'waiting_for_enterprise', statusBeforeWait: from });
      if (!w.ok) continue;
      expect(w.events[0]).toMatchObject({ type: 'paused', from });
      const r = applyAction(w.next, VALID.resume, actor('enterprise'), AT);
      expect(r.ok && r.next).toMatchObject({ status: from, statusBeforeWait: null });
      expect(r.ok && r.events[0]).toMatchObject({ type: 'resumed', to: from });
    }
  });
});

describe('merging duplicates', () => {
  const office = actor('office_dispatcher');

  it('the duplicate is merged; the primary takes its enterprises, so both are answered', () => {
    const primary = snapshot('signed', { id: 'p', enterpriseIds: ['e2'] });
    const r = applyAction(snapshot('accepted', { enterpriseIds: ['e1', 'e2'] }), { type: 'merge', primary }, office, AT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.next).toMatchObject({ status: 'merged', mergedIntoId: 'p' });
    expect(r.events).toMatchObject([{ type: 'merged_into', primaryId: 'p', requestId: 'r1' }]);
    expect(r.related?.next).toMatchObject({ id: 'p', status: 'signed', enterpriseIds: ['e2', 'e1'], mergedIds: ['r1'] });
    expect(r.related?.events).toMatchObject([{ type: 'duplicate_merged', duplicateId: 'r1', requestId: 'p' }]);
    // The primary's answer goes to both enterprises.
    const answered = applyAction(r.related!.next, VALID.respond, actor('handling_unit'), AT);
    expect(answered.ok && answered.events[0]).toMatchObject({ type: 'responded', notifyEnterpriseIds: ['e2', 'e1'] });
  });

  it('refuses a merge into itself or into a request that is resolved, closed or merged', () => {
    expect(applyAction(snapshot('accepted'), { type: 'merge', primary: snapshot('accepted') }, office, AT)).toMatchObject({ code: 'MERGE_INTO_SELF' });
    for (const status of ['resolved', 'followed_up', 'closed', 'merged'] as const) {
      const primary = snapshot(status, { id: 'p' });
      expect(applyAction(snapshot('accepted'), { type: 'merge', primary }, office, AT)).toMatchObject({ code: 'MERGE_TARGET_NOT_OPEN' });
    }
  });

  it('merging a waiting request clears its wait', () => {
    const r = applyAction(snapshot('waiting_for_enterprise'), VALID.merge, office, AT);
    expect(r.ok && r.next).toMatchObject({ status: 'merged', statusBeforeWait: null });
  });
});

describe('submitRequest', () => {
  it('an enterprise submits its own; an operator records a call for any enterprise', () => {
    const own = submitRequest({ id: 'r9', enterpriseId: 'e1', channel: 'web' }, actor('enterprise'), AT);
    expect(own.ok && own.next).toMatchObject({ id: 'r9', status: 'submitted', enterpriseIds: ['e1'] });
    const call = submitRequest({ id: 'r10', enterpriseId: 'e5', channel: 'hotline' }, actor('office_operator'), AT);
    expect(call.ok && call.events[0]).toMatchObject({ type: 'submitted', channel: 'hotline', enterpriseId: 'e5' });
  });

  it('refuses another enterprise and roles that do not record requests', () => {
    expect(submitRequest({ id: 'r9', enterpriseId: 'e2', channel: 'web' }, actor('enterprise'), AT)).toMatchObject({ code: 'NOT_REQUEST_ENTERPRISE' });
    for (const role of ['office_dispatcher', 'handling_unit', 'service_agent', 'system'] as const) {
      const r = submitRequest({ id: 'r9', enterpriseId: 'e1', channel: 'web' }, actor(role), AT);
      expect(r).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    }
  });

  it('lets a service agent record a problem found on a visit (走访), on the visit channel only', () => {
    const found = submitRequest({ id: 'r11', enterpriseId: 'e1', channel: 'visit' }, actor('service_agent'), AT);
    expect(found.ok && found.events[0]).toMatchObject({ type: 'submitted', channel: 'visit', enterpriseId: 'e1' });
    expect(submitRequest({ id: 'r12', enterpriseId: 'e1', channel: 'hotline' }, actor('service_agent'), AT)).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });
});
