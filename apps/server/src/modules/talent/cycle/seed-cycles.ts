import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx } from '../../../core/context';
import { loadUserActor } from '../../../core/identity/sessions';
import { Notifier } from '../../../core/notifications/notifier';
import { packageCalendar } from '../../../core/reference/domain/workday';
import { seededRandom } from '../../../db/seed/random';
import { DEMO_TODAY } from '../seed/talent-generator';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';
import { parseSchemeSource } from '../scoring/scheme-source';
import { recompute } from '../scoring/recompute';
import { shippedSourceForYear } from '../scoring/seed-scores';
import { createCycle, transition, type CycleDeps } from './cycle.service';
import { answerObjection, raiseObjection } from './objection.service';

const at = (local: string) => new Date(`${local}+08:00`);
export const DEMO_OBJECTION_CHANNEL = '县委人才办人才科（行政中心 3 号楼 402 室），电话 0571-8888 0826；书面异议请写明事实和理由，附证明材料，企业加盖公章。';

/**
 * The demo's annual cycles, driven through the same services an officer uses (inside the demo
 * seed's transaction): 2025 is final — its own scheme versions published for 2025, enterprise
 * facts of 2025 (fewer recruits, platforms and training than 2026, so enterprise points grow),
 * points computed as of 2025-12-31, published for 5 working days from 2026-01-05, one objection
 * upheld with a correction and one dismissed, then final; 2026 is open (enterprises submitting).
 * Deterministic: fixed clocks, seeded facts.
 */
export async function seedDemoCycles(tx: Transaction<DB>): Promise<Record<string, number>> {
  const year = Number(DEMO_TODAY.slice(0, 4));
  const last = year - 1;
  const users = await tx.selectFrom('users').select(['id', 'username']).where('username', 'in', ['talent_office', 'talent_demo', 'ent_zsy']).execute();
  const uid = (u: string) => users.find((x) => x.username === u)?.id;
  if (!uid('talent_office')) return {};
  const actorOf = async (u: string) => (await loadUserActor(tx, uid(u)!))!;
  const office = await actorOf('talent_office');
  const ctx = (actor: typeof office, now: string): Ctx => ({ db: tx, actor, requestId: 'demo-seed', ip: '127.0.0.1', now: at(now), countyCode: '' });
  const deps: CycleDeps = { notifier: new Notifier({ send: async () => undefined }), calendar: () => packageCalendar };

  // last year's scheme versions, published for that year (the shipped texts moved to it)
  const publishedAt = at(`${last}-01-01T09:00:00`);
  for (const name of ['tiantai-personal', 'tiantai-enterprise', 'tiantai-evaluation-bonus']) {
    const source = shippedSourceForYear(name, last);
    const p = parseSchemeSource(source, 'yaml');
    if (!p.ok) throw new Error(`shipped scheme ${name} is invalid`);
    await tx.insertInto('talent_scheme_versions').values({
      kind: p.doc.kind, code: p.doc.code, version: p.doc.version, name: JSON.stringify(p.doc.name), status: 'published',
      effective_from: p.doc.effective.from, effective_to: p.doc.effective.to ?? null, document: JSON.stringify(p.doc),
      source, source_format: 'yaml', content_hash: p.hash, published_at: publishedAt, updated_at: publishedAt,
    }).execute();
  }
  // last year's enterprise facts: this year's, scaled down (the county's points grew)
  const rng = seededRandom(20250417);
  // in credit-code order (ids are random): the same enterprise gets the same factor on every machine
  const facts = await tx.selectFrom('talent_enterprise_facts as f').innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['f.enterprise_id', 'f.facts']).where('f.year', '=', year).orderBy('e.credit_code').execute();
  const lastFacts = facts.map((f) => {
    const x = f.facts as { recruitsBachelorPlus?: number; recruitsSkilled?: number; platforms?: { kind: string }[]; trainingSpend?: number };
    return {
      enterprise_id: f.enterprise_id, year: last,
      facts: JSON.stringify({
        recruitsBachelorPlus: Math.floor((x.recruitsBachelorPlus ?? 0) * (0.3 + rng.next() * 0.5)),
        recruitsSkilled: Math.floor((x.recruitsSkilled ?? 0) * (0.3 + rng.next() * 0.5)),
        platforms: (x.platforms ?? []).filter(() => rng.chance(0.6)),
        trainingSpend: Math.round(((x.trainingSpend ?? 0) * (0.3 + rng.next() * 0.5)) / 1_000) * 1_000,
      }),
    };
  });
  for (let i = 0; i < lastFacts.length; i += 500) await tx.insertInto('talent_enterprise_facts').values(lastFacts.slice(i, i + 500)).execute();

  // 2025: open → review → points computed as of 31 December → notice → objections → final
  const personal = await tx.selectFrom('talent_scheme_versions').select('id').where('kind', '=', 'personal').where('effective_from', '=', `${last}-01-01`).executeTakeFirstOrThrow();
  const c1 = await createCycle(ctx(office, `${last}-03-01T09:00:00`), deps, { year: last, noticeWorkdays: 5, objectionChannel: DEMO_OBJECTION_CHANNEL });
  await transition(ctx(office, `${last}-11-03T09:00:00`), deps, c1.id, 'review');
  await recompute(tx, { kind: 'personal', versionId: personal.id, asOf: `${last}-12-31` }, { computedAt: at(`${last}-12-31T18:00:00`) });
  await transition(ctx(office, `${year}-01-04T10:00:00`), deps, c1.id, 'compute');
  const notice = await transition(ctx(office, `${year}-01-05T09:00:00`), deps, c1.id, 'publish', { startsOn: `${year}-01-05` });

  let objections = 0;
  // talent_demo (a talent of 中双元 whose facts are incomplete, so not listed) objects to a colleague's points
  const colleague = await tx.selectFrom('talent_cycle_talent_entries').select(['id', 'points'])
    .where('cycle_id', '=', c1.id).where('enterprise_name', '=', DEMO_STORY_ENTERPRISE).orderBy('rank').orderBy('id').executeTakeFirst();
  if (colleague && uid('talent_demo')) {
    const o = await raiseObjection(ctx(await actorOf('talent_demo'), `${year}-01-06T20:15:00`), deps.notifier, c1.id, {
      entryType: 'talent', entryId: colleague.id, text: '该同事 2025 年 10 月获得的市级科技进步奖未计入积分（获奖证书见附件），请复核。',
    });
    await answerObjection(ctx(office, `${year}-01-08T15:30:00`), deps.notifier, o.id, {
      decision: 'upheld', answer: '经核实，获奖证书真实有效，已补计奖项积分 10 分。', correction: { points: Number(colleague.points) + 10 },
    });
    objections++;
  }
  const zsy = await tx.selectFrom('talent_cycle_enterprise_entries').select('id').where('cycle_id', '=', c1.id).where('enterprise_name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirst();
  if (zsy && uid('ent_zsy')) {
    const o = await raiseObjection(ctx(await actorOf('ent_zsy'), `${year}-01-07T10:40:00`), deps.notifier, c1.id, {
      entryType: 'enterprise', entryId: zsy.id, text: '本企业的市级企业研发中心未计入企业积分，请复核。',
    });
    await answerObjection(ctx(office, `${year}-01-09T11:00:00`), deps.notifier, o.id, {
      decision: 'dismissed', answer: '经核，该研发中心于 2026 年 3 月认定，不属于 2025 年度，可在 2026 年度申报。',
    });
    objections++;
  }
  await transition(ctx(office, `${year}-01-12T09:00:00`), deps, c1.id, 'finalize');

  // 2026: open, enterprises submitting
  await createCycle(ctx(office, `${year}-01-02T09:00:00`), deps, { year, noticeWorkdays: 5, objectionChannel: DEMO_OBJECTION_CHANNEL });
  return { cycles: 2, cycleTalentEntries: notice.counts.listedTalents, cycleEnterpriseEntries: notice.counts.listedEnterprises, cycleObjections: objections };
}
