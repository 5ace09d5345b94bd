import { sql } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import { writeXlsxSheets, type SheetColumn } from '../../../core/excel/write-xlsx';
import type { Ctx } from '../../../core/context';
import type { StatsView } from './transfer.schemas';

type Stats = z.infer<typeof StatsView>;
type Row = Stats['totals'];

export const FIELD_NAMES: Record<string, string> = {
  ai: '人工智能', chips: '集成电路', network: '网络通信与安全', biomed: '生物医药', materials: '新材料',
  manufacturing: '智能制造', aerospace: '航空航天与无人机', energy: '新能源', other: '其他',
};
export const MODE_NAMES: Record<string, string> = { licence: '许可', assignment: '转让', equity: '作价投资', joint_development: '合作实施' };

const empty = (key: string, name: string): Row => ({ key, name, results: 0, deals: 0, landed: 0, landedValueWan: 0, newEnterprises: 0, askingWan: 0 });

/**
 * Counts and values of technology transfer by lab, field and year: results offered (by the year
 * offered), contacts opened (by the year opened), transfers landed, their contract value and the
 * companies registered for them (by the year landed), the asking price (upper end, else lower) of
 * the results offered. Years `from`..`to` (default: all). Deals follow the actor's scope.
 */
export async function transferStats(ctx: Ctx, q: { from?: number; to?: number }): Promise<Stats> {
  const inYears = (year: number | null) => year !== null && (q.from === undefined || year >= q.from) && (q.to === undefined || year <= q.to);
  const [labs, results, deals] = await Promise.all([
    ctx.db.selectFrom('economy_labs').select(['id', 'name']).orderBy('sort_order').orderBy('name').execute(),
    ctx.db.selectFrom('economy_transfer_results').select(['id', 'lab_id', 'field', 'offered_on', 'price_min_fen', 'price_max_fen']).execute(),
    ctx.db.selectFrom('economy_transfer_deals as d').innerJoin('economy_transfer_results as r', 'r.id', 'd.result_id').leftJoin('enterprises as e', 'e.id', 'd.enterprise_id')
      .select(['d.stage', 'd.value_fen', 'd.landed_on', 'd.new_enterprise', 'd.created_at', 'r.lab_id', 'r.field'])
      .where((eb) => eb.or([eb('d.enterprise_id', 'is', null), enterpriseInScope(ctx.actor)]))
      .execute(),
  ]);
  const totals = empty('', '合计');
  const byLab = new Map(labs.map((l) => [l.id, empty(l.id, l.name)]));
  const byField = new Map(Object.entries(FIELD_NAMES).map(([k, n]) => [k, empty(k, n)]));
  const byYear = new Map<string, Row>();
  const yearRow = (y: number) => byYear.get(String(y)) ?? byYear.set(String(y), empty(String(y), `${y} 年`)).get(String(y))!;
  for (const r of results) {
    const y = Number(r.offered_on.slice(0, 4));
    if (!inYears(y)) continue;
    const asking = Number(r.price_max_fen ?? r.price_min_fen ?? 0) / 1_000_000;
    for (const row of [totals, byLab.get(r.lab_id)!, byField.get(r.field)!, yearRow(y)]) { row.results++; row.askingWan += asking; }
  }
  for (const d of deals) {
    const opened = Number(localDateOf(d.created_at).slice(0, 4));
    if (inYears(opened)) for (const row of [totals, byLab.get(d.lab_id)!, byField.get(d.field)!, yearRow(opened)]) row.deals++;
    const landed = d.stage === 'landed' && d.landed_on ? Number(d.landed_on.slice(0, 4)) : null;
    if (landed !== null && inYears(landed)) {
      for (const row of [totals, byLab.get(d.lab_id)!, byField.get(d.field)!, yearRow(landed)]) {
        row.landed++;
        row.landedValueWan += Number(d.value_fen ?? 0) / 1_000_000;
        if (d.new_enterprise) row.newEnterprises++;
      }
    }
  }
  const round = (r: Row) => ({ ...r, landedValueWan: Math.round(r.landedValueWan * 100) / 100, askingWan: Math.round(r.askingWan * 100) / 100 });
  return {
    totals: round(totals),
    byLab: [...byLab.values()].map(round),
    byField: [...byField.values()].filter((r) => r.results || r.deals || r.landed).map(round),
    byYear: [...byYear.values()].sort((a, b) => a.key.localeCompare(b.key)).map(round),
  };
}

export async function exportTransferStats(ctx: Ctx, q: { from?: number; to?: number }): Promise<{ fileName: string; buffer: Buffer }> {
  const s = await transferStats(ctx, q);
  const columns = (first: string): SheetColumn<Row>[] => [
    { header: first, width: 22, value: (r) => r.name },
    { header: '发布成果（项）', width: 14, value: (r) => r.results },
    { header: '期望价格合计（万元）', width: 20, value: (r) => r.askingWan },
    { header: '对接企业（家次）', width: 16, value: (r) => r.deals },
    { header: '落地转化（项）', width: 14, value: (r) => r.landed },
    { header: '成交金额（万元）', width: 18, value: (r) => r.landedValueWan },
    { header: '新设落地企业（家）', width: 18, value: (r) => r.newEnterprises },
  ];
  const buffer = await writeXlsxSheets([
    { name: '按实验室', columns: columns('成果来源'), rows: [...s.byLab, s.totals] },
    { name: '按领域', columns: columns('技术领域'), rows: [...s.byField, s.totals] },
    { name: '按年度', columns: columns('年度'), rows: [...s.byYear, s.totals] },
    { name: '成果清单', columns: resultColumns, rows: await resultList(ctx, q) },
  ]);
  await recordAudit(ctx.db, ctx, { action: 'economy.transfer.export', entityType: 'economy_transfer_result', after: { from: q.from ?? null, to: q.to ?? null } });
  const span = q.from || q.to ? `${q.from ?? ''}-${q.to ?? ''}` : localDateOf(ctx.now);
  return { fileName: `科技成果转化-${span}.xlsx`, buffer };
}

type ListRow = { lab: string; title: string; field: string; maturity: number; modes: string[]; offered_on: string; status: string; min: number | null; max: number | null; landed: string | null; value: number | null };
const resultColumns: SheetColumn<ListRow>[] = [
  { header: '成果来源', width: 18, value: (r) => r.lab },
  { header: '成果名称', width: 36, value: (r) => r.title },
  { header: '技术领域', width: 14, value: (r) => FIELD_NAMES[r.field] },
  { header: '成熟度（TRL）', width: 12, value: (r) => r.maturity },
  { header: '转化方式', width: 22, value: (r) => r.modes.map((m) => MODE_NAMES[m]).join('、') },
  { header: '期望价格下限（万元）', width: 18, value: (r) => (r.min === null ? null : r.min / 1_000_000) },
  { header: '期望价格上限（万元）', width: 18, value: (r) => (r.max === null ? null : r.max / 1_000_000) },
  { header: '发布日期', width: 12, value: (r) => r.offered_on },
  { header: '状态', width: 10, value: (r) => ({ open: '对接中', landed: '已落地', withdrawn: '已撤回' })[r.status] },
  { header: '落地企业', width: 30, value: (r) => r.landed },
  { header: '成交金额（万元）', width: 16, value: (r) => (r.value === null ? null : r.value / 1_000_000) },
];

async function resultList(ctx: Ctx, q: { from?: number; to?: number }): Promise<ListRow[]> {
  let query = ctx.db.selectFrom('economy_transfer_results as r').innerJoin('economy_labs as l', 'l.id', 'r.lab_id')
    .select(['l.name as lab', 'r.title', 'r.field', 'r.maturity', 'r.modes', 'r.offered_on', 'r.status', 'r.price_min_fen as min', 'r.price_max_fen as max'])
    .select(sql<string | null>`(SELECT string_agg(e.name, '、' ORDER BY d.landed_on) FROM economy_transfer_deals d JOIN enterprises e ON e.id = d.landed_enterprise_id WHERE d.result_id = r.id AND d.stage = 'landed' AND ${enterpriseInScope(ctx.actor)})`.as('landed'))
    .select(sql<number | null>`(SELECT sum(d.value_fen) FROM economy_transfer_deals d WHERE d.result_id = r.id AND d.stage = 'landed')`.as('value'));
  if (q.from) query = query.where('r.offered_on', '>=', `${q.from}-01-01`);
  if (q.to) query = query.where('r.offered_on', '<=', `${q.to}-12-31`);
  const rows = await query.orderBy('r.offered_on').orderBy('r.id').execute();
  return rows.map((r) => ({ ...r, min: r.min === null ? null : Number(r.min), max: r.max === null ? null : Number(r.max), value: r.value === null ? null : Number(r.value) }));
}
