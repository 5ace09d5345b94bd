import { can, type Actor } from '../../../core/identity/actor';

/**
 * 惠企政策直达 permissions. Enterprise users need none: a user bound to an enterprise sees the
 * published policies it is eligible or nearly eligible for, and confirms its intent for a
 * 免申即享 grant (routes 'authenticated', scoped to its own enterprise).
 */
export const BENEFIT_PERMISSIONS = {
  'benefit.read': { zh: '查看惠企政策、匹配结果和兑现情况（按数据范围）', en: 'View benefit policies, matches and grants (within scope)' },
  'benefit.manage': { zh: '录入、修改、发布、废止惠企政策', en: 'Enter, edit, publish and retire benefit policies' },
  'benefit.grant': { zh: '生成、审核并确认免申即享兑现名单', en: 'Generate, review and confirm grant lists of policies granted without application' },
} as const;

export const BENEFIT_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  benefit_officer: {
    name: '惠企政策专员',
    nameEn: 'Benefit policy officer',
    description: '录入和发布惠企政策及其申报条件，查看匹配结果，审核并确认免申即享兑现名单',
    permissions: ['benefit.read', 'benefit.manage', 'benefit.grant', 'enterprise.read', 'park.read', 'personal.reveal'],
  },
};

/** How a user takes part: the office (benefit.read, narrowed to its street if bound), an enterprise, or not at all. */
export type BenefitView = 'office' | 'enterprise';

export function benefitView(actor: Actor): BenefitView | null {
  if (actor.scope.enterpriseId) return 'enterprise';
  if (can(actor, 'benefit.read')) return 'office';
  return null;
}
