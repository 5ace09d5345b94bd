/**
 * The economy benches' data (bench/economy-growth.ts, bench/economy-dashboard.ts), made with
 * generate_series: N enterprises over 3 streets, 4 parks and 12 industries; monthly cumulative
 * revenue, tax and employees for `months` months ending 2025-06 (~1.6 % of the months missing);
 * the above-scale list of each year (two in three); two ecosystems.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema';

export const ECONOMY_BENCH_YEAR = 2025; // the period measured: 2025-06 against 2024-06
const INDUSTRIES = ['6513', '6511', '6520', '6531', '6550', '2720', '2761', '3581', '7340', '3484', '3670', '3841'];

export async function makeEconomyData(db: Kysely<DB>, N: number, MONTHS: number) {
  const YEAR = ECONOMY_BENCH_YEAR;
  const FIRST = YEAR * 12 + 6 - MONTHS;
  const streets = (await db.selectFrom('divisions').select('code').where('code', 'like', '330110___').orderBy('code').limit(3).execute()).map((d) => d.code);
  await sql`INSERT INTO parks (name, kind, division_code) SELECT '园区' || g, 'industrial_park', ${streets[0]} FROM generate_series(1, 4) g`.execute(db);
  await sql`
    WITH p AS (SELECT array_agg(id ORDER BY name) AS ids FROM parks)
    INSERT INTO enterprises (credit_code, name, industry_code, division_code, park_id, name_bigrams)
    SELECT '91330110' || lpad(g::text, 10, '0'), '企业' || g, (${sql.val(INDUSTRIES)}::text[])[1 + g % ${INDUSTRIES.length}],
      (${sql.val(streets)}::text[])[1 + g % 3], CASE WHEN g % 5 = 0 THEN NULL ELSE p.ids[1 + g % 4] END, '{}'
    FROM generate_series(1, ${N}::int) g, p`.execute(db);
  await sql`INSERT INTO economy_ecosystems (name, industry_prefixes) VALUES ('数字经济核心产业', ARRAY['39','63','64','65']), ('生物医药', ARRAY['27','358','734'])`.execute(db);
  // cumulative revenue and tax: grows through the year, ~8 % a year, deterministic per enterprise
  await sql`
    INSERT INTO economy_figures (enterprise_id, year, period, basis, revenue_fen, tax_fen, employees, source)
    SELECT e.id, (m / 12)::smallint, lpad((m % 12 + 1)::text, 2, '0'), 'cumulative',
      ((1000 + (hashtext(e.id::text) & 4095)) * 1000000::bigint * (m % 12 + 1) / 12 * (100 + (m / 12 - 2020) * 8) / 100),
      ((40 + (hashtext(e.id::text) & 255)) * 1000000::bigint * (m % 12 + 1) / 12),
      20 + (hashtext(e.id::text) & 127), 'import'
    FROM enterprises e, generate_series(${FIRST}::int, ${FIRST + MONTHS - 1}::int) m
    WHERE NOT (hashtext(e.id::text || m::text) & 63 = 0)`.execute(db); // ~1.6 % of the months missing
  await sql`
    INSERT INTO economy_scale_status (enterprise_id, year, above_scale, revenue_year, sector, reason)
    SELECT e.id, y, (hashtext(e.id::text || y::text) % 3) <> 0, y - 1, 'industry', 'bench'
    FROM enterprises e, generate_series(${Math.floor(FIRST / 12)}::int, ${YEAR}::int) y`.execute(db);
  await sql`ANALYZE`.execute(db);
}

