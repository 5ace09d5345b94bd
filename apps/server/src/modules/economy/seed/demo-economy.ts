import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../core/identity/actor';
import { seededRandom, type Random } from '../../../db/seed/random';
import { localDateOf } from '../../../core/reference/domain/workday';
import { mobilePhone } from '../../../db/seed/enterprise-generator';
import { feedAnnualFacts } from '../figures/feed-annual-facts';
import { recomputeScaleStatus } from '../status/scale-status.store';
import { seedDemoTransfer } from './demo-transfer';

/** The two ecosystems of the demo (the article's 数字经济 and 生物医药 chains). */
export const DEMO_ECOSYSTEMS = [
  { name: '数字经济核心产业', name_en: 'Digital economy core industries', industry_prefixes: ['39', '63', '64', '65'], sort_order: 1,
    description: '计算机通信电子设备制造、电信广播卫星传输、互联网和相关服务、软件和信息技术服务（参照《数字经济及其核心产业统计分类（2021）》的大类口径）' },
  { name: '生物医药', name_en: 'Biomedicine', industry_prefixes: ['27', '358', '734'], sort_order: 2,
    description: '医药制造、医疗仪器设备及器械制造、医学研究和试验发展' },
];

export const DEMO_ECONOMY_ACCOUNTS: { username: string; display_name: string; role: string; department: string | null }[] = [
  { username: 'eco_stats', display_name: '经信局 周统计', role: 'economy_officer', department: '余杭区经济和信息化局/工业发展科' },
  { username: 'eco_leader', display_name: '区领导 何区长', role: 'economy_leader', department: null }, // a district leader: no bureau
];

/** Seasonal weights of monthly revenue (February low, December high), sum 12. */
const SEASON = [0.9, 0.7, 1.0, 0.95, 1.0, 1.05, 0.95, 0.95, 1.0, 1.05, 1.1, 1.35];
const WAN = 1_000_000;

interface Profile { id: string; industrial: boolean; annual2023: number; growth: number[]; taxRate: number; profitRate: number; rdRate: number; employees: number; land: number; startYear: number; missing: string | null }

function profileOf(rng: Random, e: { id: string; industry_code: string; revenue_fen: number | null; employees: number | null }, firstYear: number, years: number): Profile {
  const division = Number(e.industry_code.slice(0, 2));
  const industrial = division >= 6 && division <= 46;
  const latest = Number(e.revenue_fen ?? rng.int(300, 3000) * WAN);
  const growth = Array.from({ length: years }, () => 0.02 + rng.next() * 0.16 - (rng.chance(0.12) ? 0.25 : 0));
  // back from the registry's latest annual revenue to the first year
  const annual2023 = Math.max(50 * WAN, Math.round(latest / growth.slice(0, 2).reduce((a, g) => a * (1 + g), 1)));
  return {
    id: e.id, industrial, annual2023, growth,
    taxRate: 0.03 + rng.next() * 0.05, profitRate: rng.chance(0.1) ? -0.04 : 0.04 + rng.next() * 0.12, rdRate: 0.02 + rng.next() * 0.08,
    employees: e.employees ?? rng.int(10, 200), land: industrial ? rng.int(8, 120) : rng.int(1, 10),
    // a few enterprises start reporting a year later (new), one month goes missing for some
    startYear: rng.chance(0.08) ? firstYear + 1 : firstYear,
    missing: rng.chance(0.05) ? `${firstYear + 2}|${String(rng.int(3, 9)).padStart(2, '0')}` : null,
  };
}

/**
 * Demo figures: every month from January three years back to last month, cumulative and
 * single-period, for every active enterprise; two ecosystems; unicorn tags on a few digital
 * enterprises; the economy accounts. Deterministic given the month it runs in.
 */
export async function seedDemoEconomy(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  const rng = seededRandom(20260909);
  await tx.insertInto('economy_ecosystems').values(DEMO_ECOSYSTEMS).execute();

  const departments = await tx.selectFrom('departments as d').leftJoin('departments as p', 'p.id', 'd.parent_id').select(['d.id', 'd.name', 'p.name as parent']).execute();
  const deptId = (path: string) => departments.find((d) => (d.parent ? `${d.parent}/${d.name}` : d.name) === path)?.id ?? null;
  const users = await tx.insertInto('users').values(DEMO_ECONOMY_ACCOUNTS.map((a) => ({
    username: a.username, display_name: a.display_name, password_hash: demo.passwordHash, phone: mobilePhone(rng), department_id: a.department ? deptId(a.department) : null,
  }))).returning(['id', 'username', 'display_name']).execute();
  await tx.insertInto('user_roles').values(users.map((u) => ({ user_id: u.id, role_code: DEMO_ECONOMY_ACCOUNTS.find((a) => a.username === u.username)!.role }))).execute();
  // the core's leader account reads the screen too
  const leader = await tx.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirst();
  if (leader) await tx.insertInto('user_roles').values({ user_id: leader.id, role_code: 'economy_leader' }).execute();

  const enterprises = await tx.selectFrom('enterprises').select(['id', 'industry_code', 'revenue_fen', 'employees', 'tags'])
    .where('status', '=', 'active').orderBy('credit_code').execute();
  // unicorns: the largest digital-economy enterprises
  const digital = enterprises.filter((e) => /^(39|63|64|65)/.test(e.industry_code)).sort((a, b) => Number(b.revenue_fen ?? 0) - Number(a.revenue_fen ?? 0));
  for (const [i, e] of digital.slice(0, 4).entries()) {
    await tx.updateTable('enterprises').set({ tags: [...e.tags, i === 0 ? '独角兽' : '准独角兽'] }).where('id', '=', e.id).execute();
  }

  const today = localDateOf(new Date());
  const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
  const lastYear = thisMonth === 1 ? thisYear - 1 : thisYear;
  const lastMonth = thisMonth === 1 ? 12 : thisMonth - 1;
  const firstYear = thisYear - 3;
  const officer = users.find((u) => u.username === 'eco_stats')!;
  const rows: Parameters<ReturnType<typeof tx.insertInto<'economy_figures'>>['values']>[0] & unknown[] = [];
  for (const e of enterprises) {
    const p = profileOf(rng, e, firstYear, lastYear - firstYear + 1);
    let annual = p.annual2023;
    for (let y = firstYear; y <= lastYear; y++) {
      if (y > firstYear) annual = Math.round(annual * (1 + p.growth[y - firstYear]!));
      if (y < p.startYear) continue;
      const cum = { revenue: 0, tax: 0, profit: 0, rd: 0, energy: 0 };
      const months = y === lastYear ? lastMonth : 12;
      for (let m = 1; m <= months; m++) {
        const part = String(m).padStart(2, '0');
        const revenue = Math.round((annual * SEASON[m - 1]!) / 12 * (0.96 + rng.next() * 0.08));
        const cur = {
          revenue, tax: Math.round(revenue * p.taxRate), profit: Math.round(revenue * p.profitRate), rd: Math.round(revenue * p.rdRate),
          energy: Math.round((revenue / WAN) * (p.industrial ? 0.05 : 0.004) * 1000) / 1000,
        };
        cum.revenue += cur.revenue; cum.tax += cur.tax; cum.profit += cur.profit; cum.rd += cur.rd; cum.energy = Math.round((cum.energy + cur.energy) * 1000) / 1000;
        if (p.missing === `${y}|${part}`) continue; // a month not reported
        const employees = Math.max(1, Math.round(p.employees * (1 + (y - lastYear) * 0.04) + rng.int(-2, 2)));
        const common = { enterprise_id: e.id, year: y, period: part, employees, land_mu: p.land, source: 'seed' as const, updated_by: officer.id };
        const figures = (v: typeof cur) => ({
          revenue_fen: v.revenue, output_fen: p.industrial ? Math.round(v.revenue * 0.97) : null, value_added_fen: Math.round(v.revenue * 0.26),
          tax_fen: v.tax, profit_fen: v.profit, rd_fen: v.rd, energy_tce: v.energy,
        });
        rows.push({ ...common, basis: 'current', ...figures(cur) }, { ...common, basis: 'cumulative', ...figures(cum) });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await tx.insertInto('economy_figures').values(rows.slice(i, i + 2000)).execute();

  const actor: Actor = {
    userId: officer.id, username: officer.username, displayName: officer.display_name, roles: ['economy_officer'], permissions: new Set(),
    scope: { enterpriseId: null, departmentId: null, divisionCode: null }, sessionId: '', csrfToken: '', locale: 'zh-CN',
  };
  const years = Array.from({ length: lastYear - firstYear + 2 }, (_, i) => firstYear + i).filter((y) => y <= thisYear);
  await recomputeScaleStatus(tx, { actor, requestId: 'demo-seed', ip: '', now: new Date(), countyCode: '' }, enterprises.map((e) => e.id), years);
  await feedAnnualFacts(tx, enterprises.map((e) => e.id), new Date());
  const transfer = await seedDemoTransfer(tx, demo);
  return { economyFigures: rows.length, economyEcosystems: DEMO_ECOSYSTEMS.length, ...transfer };
}
