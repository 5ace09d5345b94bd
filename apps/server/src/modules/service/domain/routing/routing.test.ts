import { describe, expect, it } from 'vitest';
import { createCategoryTree, pickAgent, routeRequest, type AgentLoad, type RoutingInput, type RoutingRule } from '../index';

const tree = createCategoryTree([
  { id: 'policy', parentId: null, name: { zh: '政策咨询', en: 'policy questions' } },
  { id: 'policy.talent', parentId: 'policy', name: { zh: '人才政策', en: 'talent policy' } },
  { id: 'factors', parentId: null, name: { zh: '要素保障', en: 'production factors' } },
  { id: 'factors.land', parentId: 'factors', name: { zh: '用地', en: 'land' } },
  { id: 'factors.testing', parentId: 'factors', name: { zh: '检验检测', en: 'testing' } },
]);

describe('category tree', () => {
  it('gives paths and ancestry', () => {
    expect(tree.pathOf('policy.talent')).toEqual(['policy', 'policy.talent']);
    expect(tree.pathOf('nope')).toEqual([]);
    expect(tree.isWithin('factors.land', 'factors')).toBe(true);
    expect(tree.isWithin('factors', 'factors.land')).toBe(false);
    expect(tree.children(null).map((c) => c.id)).toEqual(['policy', 'factors']);
  });

  it('refuses duplicate ids, missing parents and cycles', () => {
    expect(() => createCategoryTree([{ id: 'a', parentId: null, name: { zh: 'a', en: 'a' } }, { id: 'a', parentId: null, name: { zh: 'a', en: 'a' } }])).toThrow(/twice/);
    expect(() => createCategoryTree([{ id: 'a', parentId: 'x', name: { zh: 'a', en: 'a' } }])).toThrow(/parent x/);
    expect(() =>
      createCategoryTree([
        { id: 'a', parentId: 'b', name: { zh: 'a', en: 'a' } },
        { id: 'b', parentId: 'a', name: { zh: 'b', en: 'b' } },
      ]),
    ).toThrow(/own ancestor/);
  });
});

describe('routeRequest: ordered rules, first match wins', () => {
  const rules: RoutingRule[] = [
    { id: 'park-land', when: { categoryIds: ['factors.land'], parkIds: ['dream-town'] }, unitId: 'park-office' },
    { id: 'land', when: { categoryIds: ['factors.land'] }, unitId: 'planning', assistingUnitIds: ['economy'] },
    { id: 'testing-words', when: { keywords: ['检测', 'CNAS'] }, unitId: 'economy', agentStrategy: 'least_loaded' },
    { id: 'liangzhu-talent', when: { categoryIds: ['policy'], divisionPrefixes: ['330110010'] }, unitId: 'liangzhu-talent', agentStrategy: 'round_robin' },
  ];
  const input = (over: Partial<RoutingInput>): RoutingInput => ({ categoryId: null, title: '', description: '', divisionCode: '330110010012', parkIds: [], ...over });

  it.each<[string, Partial<RoutingInput>, string | null]>([
    ['land in the park goes to the park office', { categoryId: 'factors.land', parkIds: ['dream-town'] }, 'park-land'],
    ['land elsewhere goes to planning', { categoryId: 'factors.land' }, 'land'],
    ['a keyword in the description, any category', { categoryId: 'factors.testing', description: '新产品需要第三方检测机构' }, 'testing-words'],
    ['keywords ignore case', { title: 'cnas 认可实验室' }, 'testing-words'],
    ['a sub-category matches its parent, in the right street', { categoryId: 'policy.talent' }, 'liangzhu-talent'],
    ['another street: no rule', { categoryId: 'policy.talent', divisionCode: '330110005001' }, null],
    ['no category, no keyword: no rule', { title: '咨询' }, null],
  ])('%s', (_name, over, ruleId) => {
    expect(routeRequest(rules, tree, input(over))?.ruleId ?? null).toBe(ruleId);
  });

  it('says what matched and what to do', () => {
    expect(routeRequest(rules, tree, input({ categoryId: 'factors.land' }))).toEqual({
      ruleId: 'land',
      unitId: 'planning',
      assistingUnitIds: ['economy'],
      agentStrategy: 'none',
      matched: { category: 'factors.land' },
    });
    expect(routeRequest(rules, tree, input({ description: '检测' }))?.matched).toEqual({ keyword: '检测' });
  });
});

describe('pickAgent', () => {
  const agents: AgentLoad[] = [
    { id: 'gao', openRequests: 3, available: true },
    { id: 'li', openRequests: 1, available: true },
    { id: 'wang', openRequests: 1, available: false },
    { id: 'zhao', openRequests: 1, available: true },
  ];

  it('round-robin takes turns among the available, wrapping around', () => {
    const picks: string[] = [];
    let state = { lastAgentId: null as string | null };
    for (let i = 0; i < 5; i++) {
      const r = pickAgent(agents, 'round_robin', state)!;
      picks.push(r.agentId);
      state = r.state;
    }
    expect(picks).toEqual(['gao', 'li', 'zhao', 'gao', 'li']);
  });

  it('least-loaded picks the fewest open requests; ties take turns', () => {
    expect(pickAgent(agents, 'least_loaded', { lastAgentId: null })?.agentId).toBe('li');
    expect(pickAgent(agents, 'least_loaded', { lastAgentId: 'li' })?.agentId).toBe('zhao');
    expect(pickAgent(agents, 'least_loaded', { lastAgentId: 'zhao' })?.agentId).toBe('li');
  });

  it('a last agent who left the list starts from the top; nobody available gives null', () => {
    expect(pickAgent(agents, 'round_robin', { lastAgentId: 'gone' })?.agentId).toBe('gao');
    expect(pickAgent([{ id: 'x', openRequests: 0, available: false }], 'least_loaded', { lastAgentId: null })).toBeNull();
    expect(pickAgent([], 'round_robin', { lastAgentId: null })).toBeNull();
  });
});
