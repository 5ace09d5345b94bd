import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import type { Ctx, Tx } from '../../../core/context';
import { ratesFromCounts, SERVICE_STEPS, type RequestStatus, type ServiceStep } from '../domain';
import { loadCategories } from '../settings/catalog';
import { RATE_DEFINITIONS, STEP_LABELS } from './definitions';
import { countMetrics } from './metrics.count';
import { heldBy, metricRequests, metricsScope, NONE, type GroupCounts, type MetricsScope } from './metrics.repo';
import { rankBy } from './ranking';
import { metricWindow } from './window';
import type { MetricGroup, MetricsFilter, MetricsQuery, MetricsReport } from './schemas';

function scopeOf(ctx: Ctx): MetricsScope {
  const scope = metricsScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN'); // enterprises and users with no part in the service
  return scope;
}

type Figures = MetricsReport['total'];

/** The domain's rates from the counts, plus plain counts the dashboard shows beside them. */
function figuresOf(g: GroupCounts): Figures {
  return { ...ratesFromCounts(g.counts), counts: { open: g.open, resolved: g.counts.resolved, followedUp: g.counts.followedUp, overdue: g.overdue } };
}

const CHANNEL_NAMES: Record<string, string> = { hotline: '热线', web: '网上', app: '移动端', visit: '走访', letter: '来信', open311: 'Open311' };
/** What the group without a key is, per grouping: by unit it holds the office's own steps (受理、交办、回访). */
const NONE_NAMES: Partial<Record<MetricGroup, string>> = { unit: '亲企办（受理、交办、回访）', agent: '未指定服务员', category: '未分类', street: '未知街道', park: '不在园区' };

async function namesOf(db: Tx, groupBy: MetricGroup, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => k !== NONE);
  const names = new Map<string, string>([[NONE, NONE_NAMES[groupBy] ?? NONE]]);
  if (ids.length === 0) return names;
  if (groupBy === 'unit') {
    for (const d of await db.selectFrom('departments as d').leftJoin('departments as p', 'p.id', 'd.parent_id')
      .select(['d.id', 'd.name', 'p.name as parent']).where('d.id', 'in', ids).execute()) names.set(d.id, d.parent ? `${d.parent}/${d.name}` : d.name);
  } else if (groupBy === 'agent') {
    for (const u of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()) names.set(u.id, u.display_name);
  } else if (groupBy === 'category') {
    for (const c of await loadCategories(db)) names.set(c.id, c.name);
  } else if (groupBy === 'street') {
    for (const d of await db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', ids).execute()) names.set(d.code, d.name);
  } else if (groupBy === 'park') {
    for (const p of await db.selectFrom('parks').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(p.id, p.name);
  } else if (groupBy === 'channel') {
    for (const k of ids) names.set(k, CHANNEL_NAMES[k] ?? k);
  }
  return names;
}

export async function metricsReport(ctx: Ctx, query: MetricsQuery): Promise<MetricsReport> {
  const scope = scopeOf(ctx);
  const { groupBy, period: _p, from: _f, to: _t, ...rest } = query;
  const window = metricWindow(query, ctx.now);
  const filter: MetricsFilter = { ...rest, ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}) };
  const counted = await countMetrics(ctx.db, ctx.actor, scope, filter, groupBy ?? null, ctx.now);
  let groups: MetricsReport['groups'] = [];
  if (groupBy) {
    const figures = counted.groups.map(figuresOf);
    const names = await namesOf(ctx.db, groupBy, counted.groups.map((g) => g.key!));
    const ranks = {
      responseRate: rankBy(figures, (f) => f.responseRate.value),
      resolutionRate: rankBy(figures, (f) => f.resolutionRate.value),
      satisfactionRate: rankBy(figures, (f) => f.satisfactionRate.value),
    };
    groups = counted.groups.map((g, i) => ({
      key: g.key!,
      name: names.get(g.key!) ?? g.key!,
      figures: figures[i]!,
      rank: { responseRate: ranks.responseRate[i]!, resolutionRate: ranks.resolutionRate[i]!, satisfactionRate: ranks.satisfactionRate[i]! },
    }));
  }
  return {
    asOf: ctx.now, period: window.period, from: window.from, to: window.to, scope, groupBy: groupBy ?? null,
    total: figuresOf(counted.total), groups, definitions: RATE_DEFINITIONS,
  };
}

// ---------------------------------------------------------------------------------------------
// The overdue list: open steps past their deadline now, the longest overdue first.

export async function overdueList(ctx: Ctx, query: MetricsFilter & { limit: number }) {
  const scope = scopeOf(ctx);
  const { limit, ...filter } = query;
  const unit = heldBy(ctx.actor, scope, filter);
  let base = (await metricRequests(ctx.db, ctx.actor, scope, filter))
    .innerJoin('service_request_steps as s', 's.request_id', 'r.id')
    .where('s.completed_at', 'is', null)
    .where('s.cancelled_at', 'is', null)
    .where('s.due_at', '<', ctx.now)
    .where('r.status', '<>', 'merged');
  // A unit's list: the steps in its hands (an open unit step is the current lead's).
  if (unit) base = base.where('s.unit_id', '=', unit);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('service_categories as c', 'c.id', 'r.category_id')
      .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      .leftJoin('departments as lu', 'lu.id', 'r.lead_unit_id')
      .leftJoin('users as ag', 'ag.id', 'r.agent_id')
      .select([
        'r.id', 'r.number', 'r.title', 'r.status', 'c.name as category_name', 'e.name as enterprise_name', 'r.organization_name',
        'r.lead_unit_id', 'lu.name as lead_unit_name', 'r.agent_id', 'ag.display_name as agent_name',
        's.step', 's.round', 's.started_at', 's.due_at', 's.overdue_at',
      ])
      .orderBy('s.due_at', 'asc').orderBy('s.id', 'asc')
      .limit(limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.n,
    items: rows.map((r) => ({
      requestId: r.id,
      number: r.number,
      title: r.title,
      status: r.status as RequestStatus,
      categoryName: r.category_name ?? null,
      enterpriseName: r.enterprise_name ?? r.organization_name,
      leadUnit: r.lead_unit_id ? { id: r.lead_unit_id, name: r.lead_unit_name ?? '' } : null,
      agent: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? '' } : null,
      step: r.step as ServiceStep,
      round: r.round,
      startedAt: r.started_at,
      dueAt: r.due_at!,
      overdueMs: ctx.now.getTime() - r.due_at!.getTime(),
      supervised: r.overdue_at !== null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Excel: the table the dashboard shows (one row per group, then the total), audited.

type TableRow = { name: string; figures: Figures };
const pct = (r: { value: number | null }) => (r.value === null ? null : Math.round(r.value * 10_000) / 100);
const frac = (r: { numerator: number; denominator: number }) => `${r.numerator}/${r.denominator}`;
const hours = (v: number | null) => (v === null ? null : Math.round(v / 36_000) / 100);

const EXPORT_COLUMNS: SheetColumn<TableRow>[] = [
  { header: '分组', width: 28, value: (r) => r.name },
  { header: '诉求数', value: (r) => r.figures.requests },
  { header: '未办结', value: (r) => r.figures.counts.open },
  { header: '超时未完成', value: (r) => r.figures.counts.overdue },
  { header: '响应率(%)', value: (r) => pct(r.figures.responseRate) },
  { header: '响应率(按时回应/应回应)', width: 22, value: (r) => frac(r.figures.responseRate) },
  { header: '解决率(%)', value: (r) => pct(r.figures.resolutionRate) },
  { header: '解决率(已解决/已回访)', width: 22, value: (r) => frac(r.figures.resolutionRate) },
  { header: '满意率(%)', value: (r) => pct(r.figures.satisfactionRate) },
  { header: '满意率(满意+基本满意/已回访)', width: 26, value: (r) => frac(r.figures.satisfactionRate) },
  { header: '回访率(%)', value: (r) => pct(r.figures.followUpRate) },
  ...SERVICE_STEPS.map((s): SheetColumn<TableRow> => ({ header: `${STEP_LABELS[s].zh}按时率(%)`, value: (r) => pct(r.figures.onTime[s]) })),
  ...SERVICE_STEPS.map((s): SheetColumn<TableRow> => ({ header: `${STEP_LABELS[s].zh}平均用时(小时)`, value: (r) => hours(r.figures.averageDurationMs[s]) })),
  { header: '满意', value: (r) => r.figures.satisfactionCounts.satisfied },
  { header: '基本满意', value: (r) => r.figures.satisfactionCounts.basically_satisfied },
  { header: '不满意', value: (r) => r.figures.satisfactionCounts.dissatisfied },
];

export async function exportMetrics(ctx: Ctx, query: MetricsQuery) {
  const report = await metricsReport(ctx, query);
  const rows: TableRow[] = [...report.groups.map((g) => ({ name: g.name, figures: g.figures })), { name: '合计', figures: report.total }];
  await recordAudit(ctx.db, ctx, { action: 'service.metrics.export', entityType: 'service_metrics', after: { filters: query, scope: report.scope, rows: rows.length } });
  const buffer = await writeXlsx('三率统计', EXPORT_COLUMNS, rows);
  const day = new Date(ctx.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return { buffer, fileName: `诉求三率统计-${day}.xlsx` };
}
