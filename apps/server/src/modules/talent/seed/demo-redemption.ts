import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx } from '../../../core/context';
import { loadUserActor } from '../../../core/identity/sessions';
import { Notifier } from '../../../core/notifications/notifier';
import { seededRandom } from '../../../db/seed/random';
import { createResource, setQuota } from '../redemption/resource.service';
import { handOver } from '../redemption/handover.service';
import { allocate, createRound, finalizeRound, openRound, setOptions } from '../redemption/round.service';
import { apply } from '../redemption/application.service';
import { DEMO_STORY_ENTERPRISE } from './demo-talents';
import { DEMO_TODAY } from './talent-generator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A moment in Asia/Shanghai, written as local time. */
const local = (s: string) => new Date(`${s}+08:00`);

/** The resource owners' bureaus (a department and the section its officer sits in) and their accounts. */
const OWNERS = [
  { dept: '余杭区住房和城乡建设局', section: '住房保障科', username: 'res_housing', name: '区住建局住保科 何静' },
  { dept: '余杭区教育局', section: '基础教育科', username: 'res_edu', name: '区教育局基教科 胡斌' },
  { dept: '余杭区卫生健康局', section: '医政医管科', username: 'res_health', name: '区卫健局医政科 许宁' },
] as const;

const RESOURCES = [
  { code: 'talent-apartment', name: '人才公寓', unit: '套', owner: 0, description: '区人才公寓配租，租期三年，租金按市场价五折。' },
  { code: 'school-place', name: '子女入学学位', unit: '个', owner: 1, description: '人才子女在区内公办中小学入学，按志愿分配到校。' },
  { code: 'health-check', name: '人才健康体检', unit: '人次', owner: 2, description: '每年一次高端健康体检（区第一人民医院体检中心）。' },
  { code: 'recuperation', name: '人才疗休养', unit: '人次', owner: 2, description: '每年一期人才疗休养（五天），由区卫健局组织。' },
] as const;

/** Units per tier (tier1 … tier4) for each resource, the same in 2025 and 2026. */
const QUOTAS: Record<string, [number, number, number, number]> = {
  'talent-apartment': [3, 2, 1, 0], 'school-place': [3, 2, 2, 0], 'health-check': [10, 6, 3, 1], recuperation: [2, 1, 0, 0],
};

/**
 * kysely refuses a transaction inside a transaction; the demo seed runs in one, so the services'
 * own `db.transaction().execute(fn)` runs `fn` on the seed's transaction instead (all or nothing).
 */
function inSeedTransaction(tx: Transaction<DB>): Transaction<DB> {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Transaction<DB>) => Promise<T>) => fn(target) });
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * The demo county's redemption (兑现): an account for each of the three bureaus that own resources, four
 * resources (人才公寓, 子女入学学位 per school, 人才健康体检, 人才疗休养), tier quotas for 2025 and
 * 2026, handovers by 中双元's HR, one round finished in January 2026 (2025 apartments, with its
 * result, seed and notice) and one round open now (2026 school places, applications in), with
 * login accounts for its applicants (rc01…). Everything goes through the redemption services, with
 * the people who would do it as actors and the times they would do it, so the audit trail, the
 * notifications and the ledgers are those of real use. Runs after the scores exist. Deterministic
 * except for the open round's dates, which follow the moment of seeding so that it is open on the
 * first start.
 */
export async function seedDemoRedemption(rawTx: Transaction<DB>, demo: { passwordHash: string }, seedingAt = new Date()): Promise<Record<string, number>> {
  const tx = inSeedTransaction(rawTx);
  const rng = seededRandom(20260105);
  const notifier = new Notifier({ send: async () => {} });
  const ctxFor = async (username: string, now: Date): Promise<Ctx> => {
    const u = await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const actor = await loadUserActor(tx, u.id);
    if (!actor) throw new Error(`demo redemption: no actor for ${username}`);
    return { db: tx, actor, requestId: 'demo-seed', ip: '127.0.0.1', now, countyCode: '330110' };
  };

  // The bureaus' officers (资源单位), in the sections the core demo county has for them.
  const sections: string[] = [];
  for (const o of OWNERS) {
    const s = await tx.selectFrom('departments as s').innerJoin('departments as d', 'd.id', 's.parent_id')
      .select(['s.id', 'd.id as department_id']).where('d.name', '=', o.dept).where('s.name', '=', o.section).executeTakeFirstOrThrow();
    sections.push(s.department_id);
    const u = await tx.insertInto('users').values({ username: o.username, display_name: o.name, password_hash: demo.passwordHash, department_id: s.id })
      .returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('user_roles').values({ user_id: u.id, role_code: 'talent_resource_owner' }).execute();
  }

  // Resources and tier quotas, by the talent office at the start of the year.
  const setup = await ctxFor('talent_office', local(`${DEMO_TODAY}T09:30:00`));
  const res: Record<string, string> = {};
  for (const r of RESOURCES) {
    res[r.code] = (await createResource(setup, { code: r.code, name: r.name, unit: r.unit, departmentId: sections[r.owner]!, description: r.description, active: true })).id;
  }
  let quotas = 0;
  for (const period of ['2025', '2026']) {
    for (const [code, units] of Object.entries(QUOTAS)) {
      for (const [i, n] of units.entries()) {
        if (n === 0) continue;
        await setQuota(setup, { tier: `tier${i + 1}`, resourceId: res[code]!, period, units: n });
        quotas++;
      }
    }
  }

  // The ranked talents by complete personal points on the demo's points day.
  const zsy = await tx.selectFrom('enterprises').select('id').where('name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirstOrThrow();
  const self = await tx.selectFrom('talents as t').innerJoin('users as u', 'u.id', 't.user_id').select('t.id').where('u.username', '=', 'talent_demo').executeTakeFirstOrThrow();
  const ranked = await tx.selectFrom('talent_scores as s').innerJoin('talents as t', 't.id', 's.talent_id')
    .innerJoin('talent_scheme_versions as v', 'v.id', 's.scheme_version_id')
    .select(['t.id', 't.name', 't.enterprise_id', 't.user_id', 's.total'])
    .where('v.kind', '=', 'personal').where('v.status', '=', 'published').where('s.as_of', '=', DEMO_TODAY)
    .where('s.complete', '=', true).where('t.status', '=', 'active').where('t.id', '<>', self.id)
    .orderBy('s.total', 'desc').orderBy('t.id').limit(120).execute();

  // Handovers by 中双元's HR: one 2025 apartment unit (used in the finished round), 2026 school
  // places to talent_demo and a colleague, health checks to three more.
  const zsyTalents = await tx.selectFrom('talents').select(['id', 'user_id']).where('enterprise_id', '=', zsy.id).where('status', '=', 'active')
    .where('id', '<>', self.id).orderBy('id').limit(8).execute();
  const hrAt = (s: string) => ctxFor('ent_zsy', local(s));
  let handovers = 0;
  const give = async (at: string, code: string, period: string, talentId: string, note: string) => {
    await handOver(await hrAt(at), notifier, zsy.id, { resourceId: res[code]!, period, talentId, note });
    handovers++;
  };
  const apartmentHolder = zsyTalents[0]!;
  await give('2026-01-04T10:12:00', 'talent-apartment', '2025', apartmentHolder.id, '研发骨干，新引进');
  await give(`${isoDay(seedingAt, -9)}T15:20:00`, 'school-place', '2026', self.id, '子女秋季入学');
  await give(`${isoDay(seedingAt, -8)}T09:05:00`, 'school-place', '2026', zsyTalents[1]!.id, '');
  for (const [i, x] of zsyTalents.slice(2, 5).entries()) await give(`${isoDay(seedingAt, -20 + i)}T11:00:00`, 'health-check', '2026', x.id, '');

  // Login accounts for the applicants (a talent applies for themselves).
  let accounts = 0;
  const loginOf = async (talent: { id: string; name: string; user_id: string | null }) => {
    if (talent.user_id) return (await tx.selectFrom('users').select('username').where('id', '=', talent.user_id).executeTakeFirstOrThrow()).username;
    const username = `rc${String(++accounts).padStart(2, '0')}`;
    const u = await tx.insertInto('users').values({ username, display_name: talent.name, password_hash: demo.passwordHash }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('user_roles').values({ user_id: u.id, role_code: 'talent' }).execute();
    await tx.updateTable('talents').set({ user_id: u.id }).where('id', '=', talent.id).execute();
    talent.user_id = u.id;
    return username;
  };
  const holderRow = { ...apartmentHolder, name: (await tx.selectFrom('talents').select('name').where('id', '=', apartmentHolder.id).executeTakeFirstOrThrow()).name };

  // ---- the finished round: 2025 apartments, run in January 2026 --------------------------------
  const finishedApplicants = ranked.filter((_, i) => i % 4 === 1).slice(0, 22);
  const minFinished = Math.floor(Math.min(...finishedApplicants.map((x) => Number(x.total))) / 5) * 5;
  const office = (at: string) => ctxFor('talent_office', local(at));
  const finished = await createRound(await office('2026-01-02T10:00:00'), {
    name: '2025 年度人才公寓配租（第二批）', resourceId: res['talent-apartment']!, period: '2025', minPoints: minFinished, quotaHolders: true, quotaFirst: true,
    tieBreakItems: ['education', 'titleOrSkill'], opensAt: local('2026-01-05T09:00:00'), closesAt: local('2026-01-16T17:00:00'), noticeDays: 5,
  });
  await setOptions(await ctxFor('res_housing', local('2026-01-02T15:00:00')), finished.id, {
    options: [{ name: '良渚人才公寓 A 幢', capacity: 6 }, { name: '未来科技城人才公寓', capacity: 5 }, { name: '仓前青年人才驿站', capacity: 4 }],
  });
  await openRound(await office('2026-01-05T09:00:00'), notifier, finished.id);
  const finishedOptions = (await tx.selectFrom('talent_round_options').select('id').where('round_id', '=', finished.id).orderBy('position').execute()).map((o) => o.id);
  let applications = 0;
  const applyAs = async (talent: { id: string; name: string; user_id: string | null }, roundId: string, at: Date, options: string[]) => {
    const username = await loginOf(talent);
    await apply(await ctxFor(username, at), notifier, roundId, { preferences: preferencesFrom(rng, options) });
    applications++;
  };
  for (const [i, x] of [holderRow, ...finishedApplicants].entries()) {
    await applyAs(x, finished.id, new Date(local('2026-01-05T10:00:00').getTime() + i * 9 * HOUR), finishedOptions);
  }
  await allocate(await office('2026-01-19T10:00:00'), notifier, finished.id);
  await finalizeRound(await office('2026-01-26T10:00:00'), notifier, finished.id);

  // ---- the open round: 2026 school places, open since five days ago ------------------------------
  const opensAt = new Date(Math.floor((seedingAt.getTime() - 5 * DAY) / HOUR) * HOUR);
  const closesAt = local(`${isoDay(seedingAt, 25)}T17:00:00`);
  const openApplicants = ranked.filter((_, i) => i % 6 === 3).slice(0, 12);
  const minOpen = Math.floor(Math.min(...openApplicants.map((x) => Number(x.total))) / 5) * 5;
  const draftAt = new Date(opensAt.getTime() - 3 * DAY);
  const open = await createRound(await ctxFor('talent_office', draftAt), {
    name: '2026 年度人才子女入学（秋季学位）', resourceId: res['school-place']!, period: '2026', minPoints: minOpen, quotaHolders: true, quotaFirst: true,
    tieBreakItems: ['education', 'titleOrSkill'], opensAt, closesAt, noticeDays: 7,
  });
  await setOptions(await ctxFor('res_edu', new Date(draftAt.getTime() + DAY)), open.id, {
    options: [{ name: '良渚实验小学', capacity: 3 }, { name: '仓前中心小学', capacity: 3 }, { name: '五常小学', capacity: 2 }, { name: '未来科技城海创小学', capacity: 2 }],
  });
  await openRound(await ctxFor('talent_office', opensAt), notifier, open.id);
  const openOptions = (await tx.selectFrom('talent_round_options').select('id').where('round_id', '=', open.id).orderBy('position').execute()).map((o) => o.id);
  const colleague = { ...zsyTalents[1]!, name: (await tx.selectFrom('talents').select('name').where('id', '=', zsyTalents[1]!.id).executeTakeFirstOrThrow()).name };
  for (const [i, x] of [colleague, ...openApplicants].entries()) {
    await applyAs(x, open.id, new Date(opensAt.getTime() + HOUR + i * 7 * HOUR), openOptions);
  }
  return { redemptionResources: RESOURCES.length, tierQuotas: quotas, handovers, rounds: 2, applications, applicantAccounts: accounts };
}

/** The day `days` from `d` in Asia/Shanghai, YYYY-MM-DD. */
function isoDay(d: Date, days: number): string {
  return new Date(d.getTime() + days * DAY + 8 * HOUR).toISOString().slice(0, 10);
}

/** 1–3 preferences in a seeded order, most often the first options first (as families do). */
function preferencesFrom(rng: ReturnType<typeof seededRandom>, options: string[]): string[] {
  const n = rng.int(1, Math.min(3, options.length));
  const pool = [...options];
  const out: string[] = [];
  while (out.length < n) out.push(pool.splice(rng.chance(0.5) ? 0 : rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}
