import { describe, expect, it } from 'vitest';
import { applyChanges, diffFacts, nextStatus, refuseClaimStep, staleFacts } from './claim-lifecycle';

describe('claim facts', () => {
  it('diffs by value, not by key order (jsonb reorders keys), and treats absent as null', () => {
    const approved = { awards: [{ year: 2023, level: 'city' }], education: 'bachelor' };
    expect(diffFacts(approved, { awards: [{ level: 'city', year: 2023 }], education: 'bachelor' })).toEqual([]);
    expect(diffFacts(approved, { awards: [{ level: 'city', year: 2023 }], education: 'master', keyProjects: 2 })).toEqual([
      { fact: 'education', before: 'bachelor', claimed: 'master' },
      { fact: 'keyProjects', before: null, claimed: 2 },
    ]);
    expect(diffFacts(approved, { education: 'bachelor' })).toEqual([{ fact: 'awards', before: approved.awards, claimed: null }]);
  });

  it('applies a claim (null removes the fact) and finds the facts changed since it was made', () => {
    const changes = [{ fact: 'education', before: 'bachelor', claimed: 'master' }, { fact: 'awards', before: [], claimed: null }];
    expect(applyChanges({ education: 'bachelor', awards: [], titleLevel: 'junior' }, changes)).toEqual({ education: 'master', titleLevel: 'junior' });
    expect(staleFacts(changes, { education: 'bachelor', awards: [] })).toEqual([]);
    expect(staleFacts(changes, { education: 'doctorate', awards: [] })).toEqual(['education']);
  });
});

describe('claim steps', () => {
  it('allows each step only from its states, with a message that says why', () => {
    expect(refuseClaimStep('approve', 'submitted')).toBeNull();
    expect(refuseClaimStep('approve', 'resubmitted')).toBeNull();
    expect(refuseClaimStep('approve', 'more_info_requested')?.zh).toBe('申报当前为“待补充材料”，不能通过，须等企业补充材料并重新提交');
    expect(refuseClaimStep('resubmit', 'submitted')?.en).toContain('cannot be resubmitted');
    expect(refuseClaimStep('reject', 'more_info_requested')).toBeNull();
    for (const closed of ['approved', 'rejected', 'withdrawn'] as const)
      for (const step of ['approve', 'reject', 'request_info', 'resubmit', 'amend', 'evidence'] as const) expect(refuseClaimStep(step, closed), `${step} ${closed}`).not.toBeNull();
    expect(nextStatus('request_info', 'submitted')).toBe('more_info_requested');
    expect(nextStatus('amend', 'resubmitted')).toBe('resubmitted');
  });
});
