import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { loadUserActor } from '../../../core/identity/sessions';
import { Notifier } from '../../../core/notifications/notifier';
import type { Ctx } from '../../../core/context';
import { tinyPdf, tinyPng } from '../../../db/seed/sample-files';
import { claimFacts } from '../claims/claim-writes';
import { stepClaimIn } from '../claims/claim.service';
import { addEvidenceIn } from '../claims/evidence.service';
import { DEMO_STORY_ENTERPRISE } from './demo-talents';
import { DEMO_TODAY } from './talent-generator';

const DAY = 86_400_000;
const LIMITS = { kinds: ['pdf', 'png', 'jpeg'] as const, maxBytes: 10 * 1024 * 1024 };

type Plan = {
  days: number; // submitted this many days ago
  facts: (f: Record<string, unknown>) => Record<string, unknown>;
  evidence: { name: string; fact?: string; kind: 'png' | 'pdf' }[];
  then?: ('request_info' | 'evidence' | 'resubmit' | 'approve' | 'reject')[];
  note?: string;
};

const inc = (f: Record<string, unknown>, key: string, by: number) => ({ ...f, [key]: (Number(f[key]) || 0) + by });
const PLANS: Plan[] = [
  { days: 12, facts: (f) => ({ ...f, education: 'doctorate' }), evidence: [{ name: '博士学位证书.png', fact: 'education', kind: 'png' }] },
  { days: 9, facts: (f) => inc(f, 'inventionPatents', 2), evidence: [{ name: '发明专利证书.pdf', fact: 'inventionPatents', kind: 'pdf' }, { name: '专利登记簿副本.png', fact: 'inventionPatents', kind: 'png' }] },
  { days: 6, facts: (f) => ({ ...f, titleLevel: 'associate_senior' }), evidence: [{ name: '副高级职称证书.png', fact: 'titleLevel', kind: 'png' }] },
  { days: 4, facts: (f) => ({ ...inc(f, 'keyProjects', 1), awards: [...((f.awards as unknown[]) ?? []), { level: 'city', year: 2025 }] }), evidence: [{ name: '项目立项批复.pdf', fact: 'keyProjects', kind: 'pdf' }] },
  { days: 2, facts: (f) => ({ ...f, skillLevel: 'level2' }), evidence: [] },
  { days: 1, facts: (f) => inc(f, 'utilityPatents', 3), evidence: [{ name: '实用新型专利证书.png', fact: 'utilityPatents', kind: 'png' }] },
  // the office asked for more; one of them has answered
  { days: 8, facts: (f) => ({ ...f, talentCategory: 'C' }), evidence: [{ name: '人才认定申请表.pdf', kind: 'pdf' }], then: ['request_info'], note: '请补充市级人才认定文件（盖章扫描件）' },
  { days: 10, facts: (f) => inc(f, 'socialInsuranceMonths', 24), evidence: [], then: ['request_info'], note: '请上传近两年社保缴纳证明' },
  { days: 14, facts: (f) => ({ ...f, honours: [...((f.honours as unknown[]) ?? []), { level: 'provincial', year: 2025 }] }), evidence: [{ name: '荣誉证书.png', fact: 'honours', kind: 'png' }], then: ['request_info', 'evidence', 'resubmit'], note: '证书照片不清晰，请重新拍摄' },
  // decided
  { days: 20, facts: (f) => inc(f, 'inventionPatents', 1), evidence: [{ name: '发明专利证书.pdf', fact: 'inventionPatents', kind: 'pdf' }], then: ['approve'] },
  { days: 18, facts: (f) => ({ ...f, education: 'master' }), evidence: [{ name: '硕士学位证书.png', fact: 'education', kind: 'png' }], then: ['approve'] },
  { days: 16, facts: (f) => ({ ...f, annualSalary: 900000 }), evidence: [], then: ['reject'], note: '年薪须以个人所得税纳税记录为准，所附材料不能证明' },
  { days: 15, facts: (f) => ({ ...f, titleLevel: 'senior' }), evidence: [{ name: '职称评审公示.png', fact: 'titleLevel', kind: 'png' }], then: ['reject'], note: '公示名单不能代替职称证书' },
];

const file = (e: { name: string; kind: 'png' | 'pdf' }) => ({ name: e.name, content: e.kind === 'png' ? tinyPng(64, 48, [200, 40, 40]) : tinyPdf(`Evidence: ${e.name.length} chars`) });

/**
 * Demo claims at 中双元 in every state, with small valid PNG/PDF evidence, made through the same
 * services as the API (claim-writes, stepClaimIn, addEvidenceIn): open ones of various ages in the
 * 审核队列, two waiting for more, one answered, two approved, two rejected, and the enterprise's
 * own facts of the year. talent_demo's own talent is left alone.
 */
export async function seedDemoClaims(tx: Transaction<DB>): Promise<Record<string, number>> {
  const demo = await demoActors(tx);
  if (!demo) return { talentClaims: 0 };
  const { hr, office, zsyId, ctxOf } = demo;
  const notifier = new Notifier({ send: async () => {} });
  const talents = await tx.selectFrom('talents').select(['id', 'facts']).where('enterprise_id', '=', zsyId).where('user_id', 'is', null).where('status', '=', 'active').orderBy('id_number').limit(PLANS.length).execute();
  const now = Date.now();
  let n = 0;
  for (const [i, plan] of PLANS.entries()) {
    const talent = talents[i];
    if (!talent) break;
    let at = new Date(now - plan.days * DAY);
    const claim = await claimFacts(tx, ctxOf(hr, at), { kind: 'talent', talentId: talent.id, enterpriseId: zsyId }, talent.facts, plan.facts);
    if (!claim) continue;
    n++;
    for (const e of plan.evidence) await addEvidenceIn(tx, ctxOf(hr, at), claim.claimId, file(e), e.fact, LIMITS);
    for (const step of plan.then ?? []) {
      at = new Date(at.getTime() + DAY);
      if (step === 'evidence') await addEvidenceIn(tx, ctxOf(hr, at), claim.claimId, file({ name: '荣誉证书（重新拍摄）.png', kind: 'png' }), 'honours', LIMITS);
      else if (step === 'resubmit') await stepClaimIn(tx, ctxOf(hr, at), notifier, claim.claimId, null, { step: 'resubmit', note: '已重新上传清晰的证书照片' });
      else if (step === 'approve') await stepClaimIn(tx, ctxOf(office, at), notifier, claim.claimId, null, { step: 'approve' });
      else if (step === 'reject') await stepClaimIn(tx, ctxOf(office, at), notifier, claim.claimId, null, { step: 'reject', reason: plan.note ?? '材料不足' });
      else await stepClaimIn(tx, ctxOf(office, at), notifier, claim.claimId, null, { step: 'request_info', note: plan.note ?? '请补充材料' });
    }
  }
  return { talentClaims: n };
}

/** The enterprise's own facts of the demo year, claimed with more training spend and the invoice (after the scores seed them). */
export async function seedDemoEnterpriseClaim(tx: Transaction<DB>): Promise<Record<string, number>> {
  const demo = await demoActors(tx);
  if (!demo) return {};
  const year = Number(DEMO_TODAY.slice(0, 4));
  const ef = await tx.selectFrom('talent_enterprise_facts').select('facts').where('enterprise_id', '=', demo.zsyId).where('year', '=', year).executeTakeFirst();
  if (!ef) return {};
  const ctx = demo.ctxOf(demo.hr, new Date(Date.now() - 3 * DAY));
  const claim = await claimFacts(tx, ctx, { kind: 'enterprise', enterpriseId: demo.zsyId, year }, ef.facts, (f) => inc(f, 'trainingSpend', 20));
  if (claim) await addEvidenceIn(tx, ctx, claim.claimId, file({ name: '职工培训费发票.pdf', kind: 'pdf' }), 'trainingSpend', LIMITS);
  return { enterpriseFactClaims: claim ? 1 : 0 };
}

async function demoActors(tx: Transaction<DB>) {
  const users = await tx.selectFrom('users').select(['id', 'username']).where('username', 'in', ['ent_zsy', 'talent_office']).execute();
  const hrId = users.find((u) => u.username === 'ent_zsy')?.id;
  const officeId = users.find((u) => u.username === 'talent_office')?.id;
  const zsy = await tx.selectFrom('enterprises').select('id').where('name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirst();
  if (!hrId || !officeId || !zsy) return null;
  const [hr, office] = [await loadUserActor(tx, hrId), await loadUserActor(tx, officeId)];
  if (!hr || !office) return null;
  const ctxOf = (actor: typeof hr, at: Date): Ctx => ({ db: tx, actor, requestId: 'demo-seed', ip: '', now: at, countyCode: '' });
  return { hr, office, zsyId: zsy.id, ctxOf };
}
