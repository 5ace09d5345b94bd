import { describe, expect, it } from 'vitest';
import { planChangeText, type PlanFields } from './plan-change';

const plan: PlanFields = { agentId: 'a1', divisionCode: '330110010', periodFrom: '2026-11-01', periodTo: '2026-11-30', enterpriseIds: ['e1', 'e2'], note: '' };

describe('what a plan edit changed, in words', () => {
  it('names the period, the enterprises added and removed, the agent and the note', () => {
    expect(planChangeText(plan, { ...plan, periodTo: '2026-12-15', enterpriseIds: ['e2', 'e3', 'e4'], agentId: 'a2', note: '先走访重点企业' }))
      .toBe('期间 2026-11-01 ~ 2026-11-30 改为 2026-11-01 ~ 2026-12-15；企业增加 2 家、移除 1 家（共 3 家）；负责的服务员已更换；备注已修改');
  });
  it('says nothing when nothing changed, whatever the order of the enterprises', () => {
    expect(planChangeText(plan, { ...plan, enterpriseIds: ['e2', 'e1'] })).toBe('');
    expect(planChangeText(plan, { ...plan, enterpriseIds: ['e1'] })).toBe('企业移除 1 家（共 1 家）');
  });
});
