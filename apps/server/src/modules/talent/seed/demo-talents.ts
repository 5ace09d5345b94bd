import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { seededRandom, type Random } from '../../../db/seed/random';
import { DEMO_TODAY, generateTalent, type GeneratedTalent } from './talent-generator';

/** About this many talents in the demo county, more in bigger enterprises. */
export const DEMO_TALENT_COUNT = 3_000;
export const DEMO_STORY_ENTERPRISE = '中双元（杭州）科技有限公司';
const STORY_TALENTS = 38;
const MOVES = 40;
const CHUNK = 2_000; // rows per insert (9 parameters each: well under PostgreSQL's 65,535)

function startDate(rng: Random, yearsBack: number): string {
  const year = Number(DEMO_TODAY.slice(0, 4)) - 1 - Math.max(0, yearsBack);
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/**
 * The demo county's talents: ~3,000 spread over its enterprises by size, a realistic set at
 * 中双元, a few employment moves in history, two open registration conflicts, and the accounts
 * talent_office (人才科), talent_demo (a talent of 中双元) and talent HR access for ent_zsy.
 * Deterministic; batched inserts, in the demo seed's transaction.
 */
export async function seedDemoTalents(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  const rng = seededRandom(20260301);
  const enterprises = await tx.selectFrom('enterprises').select(['id', 'name', 'employees', 'industry_code']).orderBy('credit_code').execute();
  const story = enterprises.find((e) => e.name === DEMO_STORY_ENTERPRISE);
  const others = enterprises.filter((e) => e !== story);
  const totalEmployees = others.reduce((s, e) => s + (e.employees ?? 10), 0);
  // tuned so that, with the caps at small enterprises' head counts, the county has about 3,000
  const share = ((DEMO_TALENT_COUNT - (story ? STORY_TALENTS : 0)) * 0.98) / totalEmployees;

  const used = new Set<string>();
  const people: (GeneratedTalent & { enterpriseId: string; startedOn: string })[] = [];
  const industrial = (code: string) => Number(code.slice(0, 2)) >= 13 && Number(code.slice(0, 2)) <= 43;
  const add = (enterpriseId: string, industryCode: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const t = generateTalent(rng, used, industrial(industryCode));
      const adultYears = Number(DEMO_TODAY.slice(0, 4)) - 1 - Number(t.birthDate.slice(0, 4)) - 18;
      const years = Math.max(0, Math.min(t.facts.yearsInCounty ?? rng.int(0, 8), 20, adultYears));
      people.push({ ...t, enterpriseId, startedOn: startDate(rng, rng.int(0, years)) });
    }
  };
  if (story) add(story.id, story.industry_code, STORY_TALENTS);
  for (const e of others) {
    const employees = e.employees ?? 10;
    add(e.id, e.industry_code, Math.max(1, Math.min(employees, Math.round(employees * share * (0.6 + rng.next() * 0.8)))));
  }

  const ids: { id: string; id_number: string; enterprise_id: string | null }[] = [];
  for (let i = 0; i < people.length; i += CHUNK) {
    const rows = people.slice(i, i + CHUNK).map((p) => ({
      id_number: p.idNumber, name: p.name, gender: p.gender, birth_date: p.birthDate, phone: p.phone,
      enterprise_id: p.enterpriseId, status: p.status, facts: JSON.stringify(p.facts),
    }));
    ids.push(...(await tx.insertInto('talents').values(rows).returning(['id', 'id_number', 'enterprise_id']).execute()));
  }
  const byNumber = new Map(ids.map((r) => [r.id_number, r.id]));

  // Employment history: the current job, and for a few people an earlier one at another enterprise.
  const employments: { talent_id: string; enterprise_id: string; started_on: string; ended_on: string | null }[] = [];
  let moves = 0;
  for (const [i, p] of people.entries()) {
    const talentId = byNumber.get(p.idNumber)!;
    employments.push({ talent_id: talentId, enterprise_id: p.enterpriseId, started_on: p.startedOn, ended_on: null });
    if (moves < MOVES && i % 61 === 7) {
      const before = others[rng.int(0, others.length - 1)]!;
      if (before.id === p.enterpriseId) continue;
      const startYear = Number(p.startedOn.slice(0, 4)) - rng.int(1, 5);
      if (startYear < Number(p.birthDate.slice(0, 4)) + 18) continue;
      employments.push({ talent_id: talentId, enterprise_id: before.id, started_on: `${startYear}${p.startedOn.slice(4)}`, ended_on: p.startedOn });
      moves++;
    }
  }
  for (let i = 0; i < employments.length; i += CHUNK) await tx.insertInto('talent_employments').values(employments.slice(i, i + CHUNK)).execute();

  // Accounts: the talent office, a talent of 中双元 with self-service, and ent_zsy as talent HR.
  const section = await tx
    .selectFrom('departments as s')
    .innerJoin('departments as d', 'd.id', 's.parent_id')
    .select('s.id')
    .where('d.name', '=', '余杭区人力资源和社会保障局')
    .where('s.name', '=', '人才开发科')
    .executeTakeFirst();
  const office = await tx
    .insertInto('users')
    .values({ username: 'talent_office', display_name: '人才科 周敏', password_hash: demo.passwordHash, phone: '13905710826', department_id: section?.id ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('user_roles').values({ user_id: office.id, role_code: 'talent_officer' }).execute();

  let linked = 0;
  if (story) {
    const self = people.find((p) => p.enterpriseId === story.id && p.facts.education === 'master' && p.status === 'active')
      ?? people.find((p) => p.enterpriseId === story.id)!;
    const user = await tx
      .insertInto('users')
      .values({ username: 'talent_demo', display_name: self.name, password_hash: demo.passwordHash, phone: self.phone })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('user_roles').values({ user_id: user.id, role_code: 'talent' }).execute();
    await tx.updateTable('talents').set({ user_id: user.id }).where('id', '=', byNumber.get(self.idNumber)!).execute();
    linked = 1;
  }
  const hr = await tx.selectFrom('users').select('id').where('username', '=', 'ent_zsy').executeTakeFirst();
  if (hr) await tx.insertInto('user_roles').values({ user_id: hr.id, role_code: 'talent_hr' }).execute();

  // Two open conflicts: enterprises that registered people another enterprise employs.
  const conflicts = [];
  for (const [k, p] of [people[STORY_TALENTS + 5], people[STORY_TALENTS + 400]].entries()) {
    if (!p) continue;
    const claimant = k === 0 && story ? story : others.find((e) => e.id !== p.enterpriseId)!;
    if (claimant.id === p.enterpriseId) continue;
    conflicts.push({
      talent_id: byNumber.get(p.idNumber)!, id_number: p.idNumber, name: p.name, holder_enterprise_id: p.enterpriseId,
      claimant_enterprise_id: claimant.id, submitted: JSON.stringify({ name: p.name, facts: p.facts }), created_by: k === 0 ? hr?.id ?? null : null,
    });
  }
  if (conflicts.length) await tx.insertInto('talent_conflicts').values(conflicts).execute();

  // Fresh statistics, so that the list's estimated counts (past 1,000 rows) are close at once.
  await sql`ANALYZE talents, talent_employments, talent_conflicts`.execute(tx);

  const counts = { talents: ids.length, employments: employments.length, moves, conflicts: conflicts.length, linkedUsers: linked };
  await tx.insertInto('audit_log').values({ actor_name: '系统', action: 'demo.seed', entity_type: 'talent', after: JSON.stringify(counts) }).execute();
  return counts;
}
