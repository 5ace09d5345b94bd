import { sql } from 'kysely';
import type { Ctx } from '../../../../core/context';
import { recordAudit } from '../../../../core/audit/audit';
import { maskIdNumber, maskName } from '../../../../core/privacy/mask';
import { AppError } from '../../../../http/app-error';
import type { ClaimsStore } from '../../claims/claims-store';
import { sqlString } from '../domain/sql-literals';
import { ensureScreeningViews } from '../screening/screen-claims';

export interface FindingQuery {
  rule?: string;
  severity?: 'red' | 'orange';
  provider?: string;
  person?: string;
  from?: string;
  to?: string;
  minAmountFen?: number;
  maxAmountFen?: number;
  run?: number;
  page: number;
  pageSize: number;
}

const notFound = (id: number) => new AppError('MEDFUND_FINDING_NOT_FOUND', undefined, { zh: `疑点 #${id} 不存在`, en: `Finding #${id} not found` });

/**
 * Findings (疑点) with filters. Names and ID numbers are always masked here; the person filter
 * matches the person number (人员编号) or the full ID number exactly (the list never shows it).
 */
export async function listFindings(ctx: Ctx, q: FindingQuery) {
  let base = ctx.db.selectFrom('medfund_findings as f').innerJoin('medfund_rules as r', 'r.code', 'f.rule_code');
  if (q.rule) base = base.where('f.rule_code', '=', q.rule);
  if (q.severity) base = base.where('f.severity', '=', q.severity);
  if (q.provider) base = base.where((eb) => eb.or([eb('f.fixmedins_code', '=', q.provider!), eb('f.fixmedins_name', 'like', `%${q.provider!.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)]));
  if (q.person) base = base.where((eb) => eb.or([eb('f.psn_no', '=', q.person!), eb('f.certno', '=', q.person!)]));
  if (q.from) base = base.where('f.occurred_on', '>=', q.from);
  if (q.to) base = base.where('f.occurred_on', '<=', q.to);
  if (q.minAmountFen !== undefined) base = base.where('f.amount_fen', '>=', q.minAmountFen);
  if (q.maxAmountFen !== undefined) base = base.where('f.amount_fen', '<=', q.maxAmountFen);
  if (q.run !== undefined) base = base.where('f.last_run_id', '=', q.run);
  const [rows, totals] = await Promise.all([
    base
      .select(['f.id', 'f.rule_code', 'f.rule_version', 'r.name as rule_name', 'r.name_en as rule_name_en', 'f.severity', 'f.psn_no', 'f.psn_name', 'f.certno',
        'f.fixmedins_code', 'f.fixmedins_name', 'f.setl_id', 'f.occurred_on', 'f.amount_fen', 'f.department_name', 'f.last_run_id', 'f.line_ids'])
      .orderBy('f.occurred_on', 'desc')
      .orderBy('f.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(f.amount_fen), 0)`.as('amount')]).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(totals.n),
    amountFen: Number(totals.amount),
    items: rows.map((r) => ({
      id: r.id, ruleCode: r.rule_code, ruleVersion: r.rule_version, ruleName: r.rule_name, ruleNameEn: r.rule_name_en, severity: r.severity,
      psnNo: r.psn_no, psnName: maskName(r.psn_name), certno: maskIdNumber(r.certno), fixmedinsCode: r.fixmedins_code,
      fixmedinsName: r.fixmedins_name, setlId: r.setl_id, occurredOn: r.occurred_on, amountFen: Number(r.amount_fen),
      departmentName: r.department_name, lastRunId: r.last_run_id, lineCount: r.line_ids.length,
    })),
  };
}

/** Counts per rule and severity (the findings page's chart), under no filter. */
export async function findingSummary(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('medfund_findings')
    .select(['rule_code', 'severity', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')])
    .groupBy(['rule_code', 'severity'])
    .execute();
  return rows.map((r) => ({ ruleCode: r.rule_code, severity: r.severity, count: Number(r.n), amountFen: Number(r.amount) }));
}

/**
 * A finding with its evidence: the rule version's values, the settlement and its fee lines from
 * the claims store (the offending lines marked). Reading it is reading a person's records: audited
 * (medfund.finding.read). Name and ID number masked; revealFinding shows them (audited).
 */
export async function getFinding(ctx: Ctx, store: ClaimsStore, id: number) {
  const f = await ctx.db
    .selectFrom('medfund_findings as f')
    .innerJoin('medfund_rules as r', 'r.code', 'f.rule_code')
    .innerJoin('medfund_rule_versions as v', (j) => j.onRef('v.rule_code', '=', 'f.rule_code').onRef('v.version', '=', 'f.rule_version'))
    .select(['f.id', 'f.rule_code', 'f.rule_version', 'r.name as rule_name', 'r.name_en as rule_name_en', 'r.template', 'f.severity', 'f.psn_no', 'f.psn_name',
      'f.certno', 'f.fixmedins_code', 'f.fixmedins_name', 'f.setl_id', 'f.line_ids', 'f.occurred_on', 'f.amount_fen', 'f.evidence', 'f.department_name',
      'f.first_run_id', 'f.last_run_id', 'f.created_at', 'v.params', 'v.severity as rule_severity', 'v.effective_from', 'v.effective_to'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound(id);
  await ensureScreeningViews(store);
  const setl = (await store.query<Record<string, unknown>>(
    `SELECT s.setl_id, s.mdtrt_id, s.med_kind, CAST(s.begndate AS VARCHAR) AS begndate, CAST(s.enddate AS VARCHAR) AS enddate,
       CAST(s.setl_date AS VARCHAR) AS setl_date, s.hosp_lv, s.medfee_fen, s.fund_pay_fen, s.invoice_no, s.main_diag
     FROM medfund.mf_setl s WHERE s.setl_id = ${sqlString(f.setl_id)}`,
  ))[0] ?? null;
  const lines = await store.query<Record<string, unknown>>(
    `SELECT l.line_id, l.item_code, h.hilist_name AS item_name, CAST(l.fee_date AS VARCHAR) AS fee_date, l.cnt, l.pric_fen, l.amount_fen, l.fund_fen, l.days_supply
     FROM medfund.mf_line l LEFT JOIN (SELECT hilist_code, min(hilist_name) AS hilist_name FROM medfund.hilist GROUP BY hilist_code) h ON h.hilist_code = l.item_code
     WHERE l.setl_id = ${sqlString(f.setl_id)} ORDER BY l.line_id LIMIT 500`,
  );
  const offending = new Set(f.line_ids);
  await recordAudit(ctx.db, ctx, { action: 'medfund.finding.read', entityType: 'medfund_finding', entityId: String(id), after: { psnNo: f.psn_no, setlId: f.setl_id } });
  return {
    id: f.id, ruleCode: f.rule_code, ruleVersion: f.rule_version, ruleName: f.rule_name, ruleNameEn: f.rule_name_en, template: f.template,
    severity: f.severity, psnNo: f.psn_no, psnName: maskName(f.psn_name), certno: maskIdNumber(f.certno), fixmedinsCode: f.fixmedins_code,
    fixmedinsName: f.fixmedins_name, setlId: f.setl_id, lineIds: f.line_ids, occurredOn: f.occurred_on, amountFen: Number(f.amount_fen),
    evidence: f.evidence, departmentName: f.department_name, firstRunId: f.first_run_id, lastRunId: f.last_run_id, createdAt: f.created_at,
    ruleParams: f.params, ruleEffectiveFrom: f.effective_from, ruleEffectiveTo: f.effective_to,
    settlement: setl
      ? {
          setlId: String(setl.setl_id), mdtrtId: String(setl.mdtrt_id), medKind: String(setl.med_kind), begndate: String(setl.begndate),
          enddate: String(setl.enddate), setlDate: String(setl.setl_date), hospLv: Number(setl.hosp_lv), medfeeFen: Number(setl.medfee_fen),
          fundPayFen: Number(setl.fund_pay_fen), invoiceNo: String(setl.invoice_no ?? ''), mainDiag: String(setl.main_diag ?? ''),
        }
      : null,
    lines: lines.map((l) => ({
      lineId: String(l.line_id), itemCode: String(l.item_code), itemName: l.item_name === null ? '' : String(l.item_name), feeDate: String(l.fee_date),
      cnt: Number(l.cnt), pricFen: Number(l.pric_fen), amountFen: Number(l.amount_fen), fundFen: Number(l.fund_fen), daysSupply: Number(l.days_supply),
      offending: offending.has(String(l.line_id)),
    })),
  };
}

/** Names and ID numbers of a finding's person: personal.reveal (the route) and the findings' own read permission. */
export async function revealFinding(ctx: Ctx, id: number) {
  if (!ctx.actor.permissions.has('medfund.findings.read')) throw new AppError('FORBIDDEN');
  const f = await ctx.db.selectFrom('medfund_findings').select(['psn_no', 'psn_name', 'certno']).where('id', '=', id).executeTakeFirst();
  if (!f) throw notFound(id);
  await recordAudit(ctx.db, ctx, { action: 'medfund.person.reveal', entityType: 'medfund_finding', entityId: String(id), after: { psnNo: f.psn_no } });
  return { psnNo: f.psn_no, psnName: f.psn_name, certno: f.certno };
}

/** The ranked providers of the latest finished run (or the given one). */
export async function providerRisk(ctx: Ctx, runId?: number) {
  const run = runId ?? (await ctx.db.selectFrom('medfund_provider_risk').select(sql<number>`max(run_id)`.as('id')).executeTakeFirst())?.id ?? null;
  if (run === null) return { runId: null, items: [] };
  const rows = await ctx.db.selectFrom('medfund_provider_risk').selectAll().where('run_id', '=', run).orderBy('rank').execute();
  return {
    runId: Number(run),
    items: rows.map((r) => ({
      rank: r.rank, fixmedinsCode: r.fixmedins_code, fixmedinsName: r.fixmedins_name, providerType: r.provider_type, level: r.hosp_lv,
      peerGroup: r.peer_group, peerCount: r.peer_count, settlements: r.settlements, costPerVisitFen: Number(r.cost_per_visit_fen),
      fundShare: r.fund_share, findings: r.findings, findingsPerK: r.findings_per_k, amountAtRiskFen: Number(r.amount_at_risk_fen),
      zCost: r.z_cost, zFundShare: r.z_fund_share, zFindings: r.z_findings, riskScore: r.risk_score, outliers: r.outlier_metrics,
    })),
  };
}
