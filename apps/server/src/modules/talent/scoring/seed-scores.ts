import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { seededRandom } from '../../../db/seed/random';
import { SCHEMES_DIR } from '../load-scheme-file';
import { DEMO_TODAY } from '../seed/talent-generator';
import { parseSchemeSource } from './scheme-source';
import { recompute } from './recompute';

const PLATFORM_KINDS = ['postdoc_station', 'academician_station', 'national_rd_centre', 'provincial_rd_centre', 'city_rd_centre'] as const;

/**
 * The shipped example text with its version and period moved to `year`, so that a fresh demo
 * has a scheme in effect. The author's comments are kept (the raw view shows them).
 */
export function shippedSourceForYear(name: string, year: number): string {
  return fs
    .readFileSync(path.join(SCHEMES_DIR, `${name}.yaml`), 'utf8')
    .replace(/^version: .*$/m, `version: ${year}-example-1`)
    .replace(/^effective: .*$/m, `effective: { from: ${year}-01-01, to: ${year}-12-31 }`);
}

/**
 * The demo's points: tiantai-personal, tiantai-enterprise and tiantai-evaluation-bonus published
 * for the demo year, facts for every enterprise that has talents, and every talent, enterprise and
 * industrial enterprise's evaluation bonus computed as of DEMO_TODAY — a new user sees points,
 * tiers, bonuses and explanations on the first start. Runs in the demo seed's
 * transaction after the talents exist. Deterministic.
 */
export async function seedDemoScores(tx: Transaction<DB>): Promise<Record<string, number>> {
  const year = Number(DEMO_TODAY.slice(0, 4));
  const publishedAt = new Date(`${DEMO_TODAY}T00:00:00+08:00`);
  const ids: Record<string, string> = {};
  for (const name of ['tiantai-personal', 'tiantai-enterprise', 'tiantai-evaluation-bonus']) {
    const source = shippedSourceForYear(name, year);
    const p = parseSchemeSource(source, 'yaml');
    if (!p.ok) throw new Error(`shipped scheme ${name} is invalid: ${p.issues.map((i) => `${i.path}: ${i.en}`).join('; ')}`);
    const row = await tx
      .insertInto('talent_scheme_versions')
      .values({
        kind: p.doc.kind, code: p.doc.code, version: p.doc.version, name: JSON.stringify(p.doc.name), status: 'published',
        effective_from: p.doc.effective.from, effective_to: p.doc.effective.to ?? null, document: JSON.stringify(p.doc),
        source, source_format: 'yaml', content_hash: p.hash, published_at: publishedAt, updated_at: publishedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[p.doc.kind] = row.id;
  }

  // Enterprise facts: recruits in proportion to the talents, some platforms, some training spend.
  const rng = seededRandom(20260417);
  const employers = await tx
    .selectFrom('talents')
    .select(['enterprise_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .where('enterprise_id', 'is not', null)
    .groupBy('enterprise_id')
    .orderBy('enterprise_id')
    .execute();
  const facts = employers.map((e) => {
    const n = Number(e.n);
    const platforms = PLATFORM_KINDS.filter((_, i) => rng.chance([0.03, 0.01, 0.02, 0.08, 0.15][i]!)).map((kind) => ({ kind }));
    return {
      enterprise_id: e.enterprise_id!,
      year,
      facts: JSON.stringify({
        recruitsBachelorPlus: rng.int(0, Math.max(1, Math.round(n * 0.4))),
        recruitsSkilled: rng.int(0, Math.max(2, n * 3)),
        platforms,
        trainingSpend: rng.int(0, Math.min(1_500, 20 + n * 60)) * 1_000,
      }),
    };
  });
  for (let i = 0; i < facts.length; i += 500) await tx.insertInto('talent_enterprise_facts').values(facts.slice(i, i + 500)).execute();

  const summary = await recompute(tx, { kind: 'personal', versionId: ids.personal!, asOf: DEMO_TODAY }, { computedAt: publishedAt });
  return { publishedSchemes: 3, enterpriseFacts: facts.length, talentScores: summary.talents, enterpriseScores: summary.enterprises, evaluationBonuses: summary.evaluationBonuses };
}
