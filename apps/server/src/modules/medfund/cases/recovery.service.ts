import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { allocateFen } from './domain/allocate';
import { countedAmounts } from '../domain/settlement-amount';
import { checkRecoveryPayment, yuan, type Measure } from './domain/review-chain';
import { asAppError } from './case.service';
import { assertInArea } from './case-access';
import { insertEvent, lockCase } from './case-store';
import { todayOf } from './stage-limits';

/** A recovered payment (追回款) on a case decided with a recovery, by an inspector of its area. */
export async function recordRecovery(ctx: Ctx, caseId: number, input: { amountFen: number; recoveredOn: string; reference?: string; overReason?: string }) {
  if (input.recoveredOn > todayOf(ctx.now)) throw new AppError('VALIDATION_FAILED', { recoveredOn: '追回日期不能晚于今天' });
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const c = await lockCase(tx, caseId);
      await assertInArea(ctx, tx, c);
      const { overReason } = checkRecoveryPayment(
        { stage: c.stage, decision: c.decision, measures: c.measures as Measure[], confirmedFen: Number(c.confirmed_fen), recoveredFen: Number(c.recovered_fen) },
        input.amountFen, input.overReason,
      );
      const r = await tx.insertInto('medfund_recoveries').values({
        case_id: caseId, amount_fen: input.amountFen, recovered_on: input.recoveredOn, reference: input.reference?.trim() ?? '', over_reason: overReason,
        recorded_by: ctx.actor.userId, recorded_by_name: ctx.actor.displayName, created_at: ctx.now,
      }).returning('id').executeTakeFirstOrThrow();
      const total = Number(c.recovered_fen) + input.amountFen;
      await tx.updateTable('medfund_cases').set({ recovered_fen: total, version: sql`version + 1`, updated_at: ctx.now }).where('id', '=', caseId).execute();
      await insertEvent(tx, ctx, { caseId, type: 'recovered', stage: 'closed', note: input.reference?.trim() ?? '', payload: { amountFen: input.amountFen, recoveredOn: input.recoveredOn, totalFen: total, overReason } });
      await recordAudit(tx, ctx, { action: 'medfund.case.recovery', entityType: 'medfund_case', entityId: String(caseId), before: { recoveredFen: Number(c.recovered_fen) }, after: { recoveredFen: total, amountFen: input.amountFen, recoveredOn: input.recoveredOn } });
      return { id: r.id, recoveredFen: total, recoveredYuan: yuan(total) };
    });
  } catch (e) {
    throw asAppError(e);
  }
}

export interface RecoveryTotalsQuery {
  from?: string;
  to?: string;
}

/**
 * Recovery totals by rule, provider and month over the payments' dates. A case's payment is split
 * over its confirmed findings in proportion to what each counts toward the money at risk (a
 * settlement flagged by two rules once, by its largest finding: domain/settlement-amount.ts), to
 * the fen (allocateFen), so the totals per rule and per provider each add up to the total recovered.
 */
export async function recoveryTotals(ctx: Ctx, q: RecoveryTotalsQuery) {
  let pays = ctx.db.selectFrom('medfund_recoveries as r').innerJoin('medfund_cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.case_id', 'r.amount_fen', 'r.recovered_on']);
  if (q.from) pays = pays.where('r.recovered_on', '>=', q.from);
  if (q.to) pays = pays.where('r.recovered_on', '<=', q.to);
  const payments = await pays.orderBy('r.recovered_on').orderBy('r.id').execute();
  const caseIds = [...new Set(payments.map((p) => p.case_id))];
  const findings = caseIds.length
    ? await ctx.db.selectFrom('medfund_case_findings as cf').innerJoin('medfund_findings as f', 'f.id', 'cf.finding_id').innerJoin('medfund_rules as ru', 'ru.code', 'f.rule_code')
      .select(['cf.case_id', 'f.id', 'f.rule_code', 'ru.name as rule_name', 'f.fixmedins_code', 'f.fixmedins_name', 'f.setl_id', 'f.amount_fen'])
      .where('cf.case_id', 'in', caseIds).where('cf.outcome', '=', 'confirmed').execute()
    : [];
  const byRule = new Map<string, { key: string; name: string; fen: number; cases: Set<number> }>();
  const byProvider = new Map<string, { key: string; name: string; fen: number; cases: Set<number> }>();
  const byMonth = new Map<string, { key: string; name: string; fen: number; cases: Set<number> }>();
  const add = (m: typeof byRule, key: string, name: string, fen: number, caseId: number) => {
    const e = m.get(key) ?? { key, name, fen: 0, cases: new Set<number>() };
    e.fen += fen;
    e.cases.add(caseId);
    m.set(key, e);
  };
  let total = 0;
  for (const p of payments) {
    const amount = Number(p.amount_fen);
    total += amount;
    add(byMonth, p.recovered_on.slice(0, 7), p.recovered_on.slice(0, 7), amount, p.case_id);
    const fs = findings.filter((f) => f.case_id === p.case_id);
    // weights: what each finding counts toward the money at risk (a settlement once, at its largest finding)
    const counted = countedAmounts(fs.map((f) => ({ id: f.id, setlId: f.setl_id, amountFen: Number(f.amount_fen) })));
    const parts = allocateFen(amount, fs.map((f) => ({ key: f.id, weight: counted.get(f.id)! })));
    for (const f of fs) {
      const fen = parts.get(f.id) ?? 0;
      add(byRule, f.rule_code, f.rule_name, fen, p.case_id);
      add(byProvider, f.fixmedins_code, f.fixmedins_name, fen, p.case_id);
    }
    if (fs.length === 0) {
      add(byRule, '', '（无认定疑点）', amount, p.case_id);
      add(byProvider, '', '（无认定疑点）', amount, p.case_id);
    }
  }
  const decided = await ctx.db.selectFrom('medfund_cases').select([sql<number>`coalesce(sum(recovery_decided_fen), 0)`.as('decided'), sql<number>`count(*) FILTER (WHERE 'recovery' = ANY(measures))`.as('n')])
    .where('decision', '=', 'confirmed').executeTakeFirstOrThrow();
  const list = (m: typeof byRule) => [...m.values()].sort((a, b) => b.fen - a.fen || a.key.localeCompare(b.key)).map((e) => ({ key: e.key, name: e.name, recoveredFen: e.fen, cases: e.cases.size }));
  return {
    totalRecoveredFen: total,
    payments: payments.length,
    decidedFen: Number(decided.decided),
    casesWithRecovery: Number(decided.n),
    byRule: list(byRule),
    byProvider: list(byProvider),
    byMonth: [...byMonth.values()].sort((a, b) => a.key.localeCompare(b.key)).map((e) => ({ key: e.key, name: e.name, recoveredFen: e.fen, cases: e.cases.size })),
  };
}

/** Every payment in the period, with its case (the export's second sheet). */
export async function recoveryPayments(ctx: Ctx, q: RecoveryTotalsQuery) {
  let b = ctx.db.selectFrom('medfund_recoveries as r').innerJoin('medfund_cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'c.number', 'c.title', 'c.provider_names', 'r.amount_fen', 'r.recovered_on', 'r.reference', 'r.over_reason', 'r.recorded_by_name', 'c.recovery_decided_fen', 'c.confirmed_fen']);
  if (q.from) b = b.where('r.recovered_on', '>=', q.from);
  if (q.to) b = b.where('r.recovered_on', '<=', q.to);
  return b.orderBy('r.recovered_on').orderBy('r.id').execute();
}
