import { describe, expect, it } from 'vitest';
import { compileServiceLevelPolicy, createCategoryTree, DEFAULT_SERVICE_LEVEL_POLICY, serviceLevelPolicyIssues, type ServiceLevelPolicy } from '../index';

describe('service-level policy', () => {
  const tree = createCategoryTree([
    { id: 'safety', parentId: null, name: { zh: '安全生产', en: 'safety' } },
    { id: 'safety.fire', parentId: 'safety', name: { zh: '消防', en: 'fire' } },
  ]);
  const policy: ServiceLevelPolicy = {
    ...DEFAULT_SERVICE_LEVEL_POLICY,
    byCategory: {
      safety: { respond: { kind: 'working_hours', hours: 2 } },
      'safety.fire': { resolve: { kind: 'working_days', days: 2 } },
    },
  };
  const compiled = compileServiceLevelPolicy(policy);

  it('takes the deepest category that sets the step, then the defaults', () => {
    expect(compiled.ruleFor(tree.pathOf('safety.fire'), 'respond').rule).toEqual({ kind: 'working_hours', hours: 2 });
    expect(compiled.ruleFor(tree.pathOf('safety.fire'), 'resolve').rule).toEqual({ kind: 'working_days', days: 2 });
    expect(compiled.ruleFor(tree.pathOf('safety'), 'resolve').rule).toEqual(DEFAULT_SERVICE_LEVEL_POLICY.defaults.resolve);
    expect(compiled.ruleFor([], 'accept').rule).toEqual({ kind: 'same_day', basis: 'calendar' });
  });

  it('reports bad rules and office hours in both languages', () => {
    const bad: ServiceLevelPolicy = {
      ...policy,
      officeHours: { windows: [{ from: '13:30', to: '12:00' }] },
      byCategory: { x: { resolve: { kind: 'working_days', days: 0, cutoff: '25:00' } } },
    };
    const issues = serviceLevelPolicyIssues(bad);
    expect(issues.map((i) => i.en)).toEqual([
      'window 13:30–12:00 ends before it starts',
      'x/resolve: cut-off 25:00: the format is HH:MM',
      'x/resolve: days is a whole number from 1 to 366',
    ]);
    expect(issues[0]!.zh).toMatch(/结束应晚于开始/);
    expect(() => compileServiceLevelPolicy(bad)).toThrow(RangeError);
    expect(serviceLevelPolicyIssues(DEFAULT_SERVICE_LEVEL_POLICY)).toEqual([]);
  });
});
