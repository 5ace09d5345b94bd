import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { runCaseEscalation, CASE_ESCALATION_JOB } from './escalation';
import { ARTICLE_RECOVERY_FEN } from './demo-cases';

let now = new Date();
let t: TestApp;
let analyst: Client;
let inspector: Client; // 区级医院片区
let inspector2: Client; // 社区卫生服务中心和药店片区
let lead: Client;
let wjw: Client;
let gaj: Client;
const DAY = 86_400_000;

async function ok(res: { statusCode: number; body: string; json: () => any }, status = 200) { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}
async function userId(username: string) {
  return (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}
/** The audit rows of one action on one entity, oldest first: who, on what. */
async function auditOf(action: string, entityId: number) {
  return t.deps.db.selectFrom('audit_log').select(['actor_id', 'actor_name', 'entity_type', 'entity_id']).where('action', '=', action).where('entity_id', '=', String(entityId)).orderBy('id').execute();
}
async function depId(name: string) {
  return (await t.deps.db.selectFrom('departments').select('id').where('name', '=', name).where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
}
/** Free findings (in no open case) of hospitals (H…) or of the community area. */
async function freeFindings(prefix: 'H' | 'C' | 'D', n: number): Promise<number[]> {
  const rows = await t.deps.db.selectFrom('medfund_findings as f').select(['f.id', 'f.fixmedins_code'])
    .where('f.fixmedins_code', 'like', `${prefix}%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('medfund_case_findings as cf').select('cf.case_id').whereRef('cf.finding_id', '=', 'f.id'))))
    .orderBy('f.fixmedins_code').orderBy('f.id').limit(200).execute();
  const provider = rows[0]!.fixmedins_code;
  return rows.filter((r) => r.fixmedins_code === provider).slice(0, n).map((r) => r.id);
}

beforeAll(async () => {
  // the demo year is generated, screened (on here, off in the other API tests) and its cases opened (demo-cases.ts)
  t = await createTestApp({ now: () => now, config: { MEDFUND_DEMO_SCREENING: 'true' } });
  // the year's load queues its screening, whose end queues the roll-up and the demo cases, whose end
  // queues the glue: each at the wall clock's time, and the test clock stands still, so what is
  // queued is made due instead of waited for, until the demo cases are open and linked
  for (let round = 0; round < 6; round++) {
    await t.deps.jobs.drain();
    const waiting = await t.deps.db.selectFrom('jobs').select('id').where('kind', 'like', 'medfund.%').where('status', '=', 'queued').execute();
    if (waiting.length === 0) break;
    await t.deps.db.updateTable('jobs').set({ run_at: now }).where('id', 'in', waiting.map((j) => j.id)).execute();
  }
  [analyst, inspector, inspector2, lead, wjw, gaj] = (await Promise.all(['mf_analyst', 'mf_inspector', 'mf_inspector2', 'mf_lead', 'mf_wjw', 'mf_gaj'].map((u) => t.as(u)))) as [Client, Client, Client, Client, Client, Client];
}, 1_500_000);
afterAll(() => t?.close());

describe('the demo cases', () => {
  it('has cases in every stage and the article\'s recovery of 1,133.81 yuan from a duplicate reimbursement', async () => {
    const counts = (await ok(await lead.get('/api/medfund/cases/counts'))).items as { stage: string; count: number; overdue: number }[];
    expect(counts.map((c) => c.stage).sort()).toEqual(['appeal', 'closed', 'first_review', 'investigation', 'second_review']);
    expect(counts.some((c) => c.overdue > 0)).toBe(true);
    const totals = await ok(await lead.get('/api/medfund/recovery/totals'));
    expect(totals.totalRecoveredFen).toBe(ARTICLE_RECOVERY_FEN);
    expect(totals.byRule).toEqual([{ key: 'WI_DUPLICATE', name: '医保与工伤重复报销', recoveredFen: ARTICLE_RECOVERY_FEN, cases: 1 }]);
    expect(totals.byProvider.reduce((s: number, p: { recoveredFen: number }) => s + p.recoveredFen, 0)).toBe(ARTICLE_RECOVERY_FEN);
  });
});

describe('cases API', () => {
  it('refuses strangers (401), users without the permission (403), and partner departments the bureau\'s lists', async () => {
    expect((await t.anonymous.get('/api/medfund/cases')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/medfund/inbox')).statusCode).toBe(401);
    const officer = await t.as('officer');
    expect((await officer.get('/api/medfund/cases')).statusCode).toBe(403);
    expect((await wjw.get('/api/medfund/cases')).statusCode).toBe(403);
    expect((await wjw.get('/api/medfund/cases/1')).statusCode).toBe(403);
    expect((await wjw.get('/api/medfund/recovery/totals')).statusCode).toBe(403);
    expect((await inspector.post('/api/medfund/cases', { findingIds: [1] })).statusCode).toBe(403); // inspectors verify, analysts open
    expect((await analyst.post('/api/medfund/cases/1/decision', { decision: 'dismissed', basis: 'x' })).statusCode).toBe(403);
  });

  it('walks a case through the chain: area, order, appeal window, joint inspection, transfers, decision, recovery', async () => {
    now = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 in Beijing
    const ids = await freeFindings('H', 2);
    const bad = await analyst.post('/api/medfund/cases', { findingIds: [...ids, 99_999_999] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('#99999999');
    const opened = await ok(await analyst.post('/api/medfund/cases', { findingIds: ids }), 201);
    expect(opened.number).toMatch(/^YBJG-2026-\d{5}$/);
    const again = await analyst.post('/api/medfund/cases', { findingIds: [ids[0]] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain(opened.number);
    const id = opened.id;
    let c = await ok(await inspector.get(`/api/medfund/cases/${id}`));
    expect(c).toMatchObject({ stage: 'first_review', ownerName: '医保局稽核员 赵峰', stageDueOn: '2026-03-16', canHandle: true });
    expect(c.findings[0].certno).toMatch(/\*{6,}/);
    expect(c.findings.every((f: { outcome: null }) => f.outcome === null)).toBe(true);
    // reading a case with people's medical data is audited with the reader and the case
    expect(await auditOf('medfund.case.read', id)).toEqual([
      { actor_id: await userId('mf_inspector'), actor_name: '医保局稽核员 赵峰', entity_type: 'medfund_case', entity_id: String(id) },
    ]);

    // another area's inspector may read but not act or decide
    expect((await ok(await inspector2.get(`/api/medfund/cases/${id}`))).canHandle).toBe(false);
    const foreign = await inspector2.post(`/api/medfund/cases/${id}/actions`, { action: 'pass_first_review' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('MEDFUND_CASE_OUT_OF_AREA');
    expect(foreign.json().error.message).toContain('社区卫生服务中心和药店片区');
    expect((await inspector2.post(`/api/medfund/cases/${id}/decision`, { decision: 'dismissed', basis: '越权' })).statusCode).toBe(403);

    // out of order
    const early = await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'confirm_second_review' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('初审');
    await ok(await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'pass_first_review', note: '疑点成立' }));
    now = new Date('2026-03-06T02:00:00Z'); // Friday
    await ok(await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'confirm_second_review' }));
    c = await ok(await inspector.get(`/api/medfund/cases/${id}`));
    expect(c).toMatchObject({ stage: 'appeal', appealDeadline: '2026-03-13', stageDueOn: '2026-03-13' });
    const tooSoon = await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'start_investigation' });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.message).toContain('申诉期至 2026-03-13');
    // an appeal after its deadline is refused; nothing changes
    now = new Date('2026-03-16T02:00:00Z');
    const late = await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'record_appeal', statement: '迟交的申诉' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ code: 'MEDFUND_APPEAL_LATE' });
    expect(late.json().error.message).toContain('2026-03-13');
    expect((await ok(await inspector.get(`/api/medfund/cases/${id}`))).appealedAt).toBeNull();
    await ok(await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'start_investigation' }));

    // a confirmed decision before the joint inspection is allowed only in investigation: here it is
    // joint inspection: one case, many checks; an inactive department is refused by name
    const [wjwId, scjgId, gajId, sjId] = await Promise.all([depId('余杭区卫生健康局'), depId('余杭区市场监督管理局'), depId('余杭区公安分局'), depId('余杭区审计局')]);
    await ok(await lead.put(`/api/medfund/partners/${sjId}`, { active: false }));
    const inactive = await inspector.post(`/api/medfund/cases/${id}/joint-inspection`, { departmentIds: [wjwId, sjId] });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error).toMatchObject({ code: 'MEDFUND_PARTNER_INACTIVE' });
    expect(inactive.json().error.message).toContain('余杭区审计局');
    expect((await t.deps.db.selectFrom('medfund_case_transfers').select('id').where('case_id', '=', id).execute())).toHaveLength(0); // nothing half-done
    const joint = await ok(await inspector.post(`/api/medfund/cases/${id}/joint-inspection`, { departmentIds: [wjwId, scjgId], note: '联合检查' }));
    expect(joint.created.map((x: { departmentName: string }) => x.departmentName).sort()).toEqual(['余杭区卫生健康局', '余杭区市场监督管理局']);
    const clue = await ok(await analyst.post(`/api/medfund/cases/${id}/transfers`, { departmentIds: [gajId] }));
    const wjwTransfer = joint.created.find((x: { departmentName: string }) => x.departmentName === '余杭区卫生健康局').id;
    const gajTransfer = clue.created[0].id;

    // each department sees only what was transferred to it
    const wjwInbox = await ok(await wjw.get('/api/medfund/inbox'));
    expect(wjwInbox.department.name).toBe('余杭区卫生健康局');
    expect(wjwInbox.items.some((i: { id: number }) => i.id === wjwTransfer)).toBe(true);
    expect(wjwInbox.items.some((i: { id: number }) => i.id === gajTransfer)).toBe(false);
    expect((await gaj.get(`/api/medfund/inbox/${wjwTransfer}`)).statusCode).toBe(404);
    const item = await ok(await wjw.get(`/api/medfund/inbox/${wjwTransfer}`));
    // the partner department's read is audited with its user and the transfer; 公安's refused read left no row
    expect(await auditOf('medfund.transfer.read', wjwTransfer)).toEqual([
      { actor_id: await userId('mf_wjw'), actor_name: '卫健局医政医管科 郑医生', entity_type: 'medfund_case_transfer', entity_id: String(wjwTransfer) },
    ]);
    expect(item.case.number).toBe(opened.number);
    expect(item.otherTransfers).toEqual([]); // not 公安's or 市场监管's
    expect(item.findings[0].psnName).toMatch(/\*/);
    expect((await wjw.post(`/api/medfund/cases/${id}/reveal`)).statusCode).toBe(403);
    // report before the receipt: refused; then receipt, action, report with its check result
    expect((await wjw.post(`/api/medfund/inbox/${wjwTransfer}/report`, { report: '未签收先反馈', checkResult: 'violation' })).statusCode).toBe(409);
    const receipt = await ok(await wjw.post(`/api/medfund/inbox/${wjwTransfer}/receive`));
    expect(receipt.receivedByName).toBe('卫健局医政医管科 郑医生');
    await ok(await wjw.post(`/api/medfund/inbox/${wjwTransfer}/actions`, { action: '现场检查病历', actedOn: '2026-03-16' }), 201);
    const noResult = await wjw.post(`/api/medfund/inbox/${wjwTransfer}/report`, { report: '联合检查未写结论' });
    expect(noResult.statusCode).toBe(400);
    await ok(await wjw.post(`/api/medfund/inbox/${wjwTransfer}/report`, { report: '部分项目无医嘱', checkResult: 'violation' }));
    c = await ok(await lead.get(`/api/medfund/cases/${id}`));
    expect(c.transfers).toHaveLength(3); // the bureau sees the whole case
    expect(c.transfers.find((x: { id: number }) => x.id === wjwTransfer)).toMatchObject({ checkResult: 'violation', receivedByName: '卫健局医政医管科 郑医生', actions: [{ action: '现场检查病历' }] });

    // decisions: missing fields, over-recovery without a reason, then the decision
    const noBasis = await inspector.post(`/api/medfund/cases/${id}/decision`, { decision: 'confirmed', basis: '', measures: ['recovery'], recoveryFen: 100 });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error.fields).toHaveProperty('basis');
    const noAmount = await inspector.post(`/api/medfund/cases/${id}/decision`, { decision: 'confirmed', basis: '条例', measures: ['recovery'] });
    expect(noAmount.json().error.fields).toHaveProperty('recoveryFen');
    const risk = c.amountAtRiskFen as number;
    const over = await inspector.post(`/api/medfund/cases/${id}/decision`, { decision: 'confirmed', basis: '条例', measures: ['recovery'], recoveryFen: risk + 1 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    expect((await ok(await lead.get(`/api/medfund/cases/${id}`))).stage).toBe('investigation'); // nothing lost
    const confirmedFen = c.findings.find((f: { id: number }) => f.id === ids[0]).amountFen as number;
    const decided = await ok(await inspector.post(`/api/medfund/cases/${id}/decision`, {
      decision: 'confirmed', basis: '《医疗保障基金使用监督管理条例》第三十八条', measures: ['recovery', 'transfer_police'], recoveryFen: confirmedFen,
      findingOutcomes: [{ findingId: ids[1], outcome: 'data_quality' }],
    }));
    expect(decided.decision).toBe('confirmed');
    c = await ok(await lead.get(`/api/medfund/cases/${id}`));
    expect(c).toMatchObject({ stage: 'closed', decision: 'confirmed', confirmedFen, recoveryDecidedFen: confirmedFen, overReason: null });
    expect(c.findings.map((f: { id: number; outcome: string }) => [f.id, f.outcome]).sort()).toEqual([[ids[0], 'confirmed'], [ids[1], 'data_quality']].sort());
    expect((await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'start_investigation' })).statusCode).toBe(409);

    // recovery in payments, to the fen; past the confirmed amount needs a reason
    const first = Math.floor(confirmedFen / 2);
    await ok(await inspector.post(`/api/medfund/cases/${id}/recoveries`, { amountFen: first, recoveredOn: '2026-03-16', reference: 'R1' }), 201);
    const overPay = await inspector.post(`/api/medfund/cases/${id}/recoveries`, { amountFen: confirmedFen - first + 1, recoveredOn: '2026-03-16' });
    expect(overPay.statusCode).toBe(400);
    expect(overPay.json().error.code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    const last = await ok(await inspector.post(`/api/medfund/cases/${id}/recoveries`, { amountFen: confirmedFen - first + 1, recoveredOn: '2026-03-16', overReason: '含滞纳金 1 分' }), 201);
    expect(last.recoveredFen).toBe(confirmedFen + 1);
    expect((await inspector2.post(`/api/medfund/cases/${id}/recoveries`, { amountFen: 1, recoveredOn: '2026-03-16', overReason: 'x' })).statusCode).toBe(403);
    const totals = await ok(await lead.get('/api/medfund/recovery/totals?from=2026-03-01&to=2026-03-31'));
    expect(totals.totalRecoveredFen).toBe(confirmedFen + 1);
    expect(totals.byRule.reduce((s: number, r: { recoveredFen: number }) => s + r.recoveredFen, 0)).toBe(confirmedFen + 1);
    expect(totals.byMonth).toEqual([{ key: '2026-03', name: '2026-03', recoveredFen: confirmedFen + 1, cases: 1 }]);

    // the reveal and the exports are audited with the user
    const reveal = await ok(await inspector.post(`/api/medfund/cases/${id}/reveal`));
    expect(reveal.findings[0].certno).toHaveLength(18);
    const xlsx = await lead.get('/api/medfund/cases/export.xlsx?stage=closed');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const recoveryXlsx = await lead.get('/api/medfund/recovery/export.xlsx?from=2026-03-01&to=2026-03-31');
    expect(recoveryXlsx.statusCode).toBe(200);
    // each file is marked with who exported it, when (Beijing time) and with which filters
    const markOf = async (res: { rawPayload: Buffer }) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const mark = wb.getWorksheet('导出说明')!;
      return [2, 3, 4].map((n) => [String(mark.getRow(n).getCell(1).value), String(mark.getRow(n).getCell(2).value)]);
    };
    expect(await markOf(xlsx)).toEqual([['导出人', '医保局基金监管科 吴科长'], ['导出时间（北京时间）', '2026-03-16 10:00'], ['筛选条件', JSON.stringify({ stage: 'closed' })]]);
    expect(await markOf(recoveryXlsx)).toEqual([['导出人', '医保局基金监管科 吴科长'], ['导出时间（北京时间）', '2026-03-16 10:00'], ['筛选条件', JSON.stringify({ from: '2026-03-01', to: '2026-03-31' })]]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', 'in', ['medfund.person.reveal', 'medfund.cases.export', 'medfund.recovery.export', 'medfund.case.decide']).execute();
    expect(audit.map((a) => `${a.action}:${a.actor_name}`)).toEqual(expect.arrayContaining([
      'medfund.person.reveal:医保局稽核员 赵峰', 'medfund.cases.export:医保局基金监管科 吴科长', 'medfund.recovery.export:医保局基金监管科 吴科长', 'medfund.case.decide:医保局稽核员 赵峰',
    ]));
    const timeline = (await ok(await lead.get(`/api/medfund/cases/${id}`))).events.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['opened', 'pass_first_review', 'confirm_second_review', 'start_investigation', 'joint_inspection', 'transferred', 'received', 'partner_action', 'check_recorded', 'decided', 'recovered', 'recovered']);
  });

  it('records an appeal inside its window and lets the case be dismissed on it', async () => {
    now = new Date('2026-04-01T02:00:00Z');
    const ids = await freeFindings('C', 1);
    const { id } = await ok(await analyst.post('/api/medfund/cases', { findingIds: ids }), 201);
    expect((await inspector.post(`/api/medfund/cases/${id}/actions`, { action: 'pass_first_review' })).statusCode).toBe(403); // 医院片区 ≠ 社区
    await ok(await inspector2.post(`/api/medfund/cases/${id}/actions`, { action: 'pass_first_review' }));
    await ok(await inspector2.post(`/api/medfund/cases/${id}/actions`, { action: 'confirm_second_review' }));
    const empty = await inspector2.post(`/api/medfund/cases/${id}/actions`, { action: 'record_appeal', statement: '' });
    expect(empty.statusCode).toBe(400);
    await ok(await inspector2.post(`/api/medfund/cases/${id}/actions`, { action: 'record_appeal', statement: '有医嘱和执行记录' }));
    const confirmEarly = await inspector2.post(`/api/medfund/cases/${id}/decision`, { decision: 'confirmed', basis: 'x', measures: ['penalty'], penaltyFen: 100 });
    expect(confirmEarly.statusCode).toBe(409);
    await ok(await inspector2.post(`/api/medfund/cases/${id}/decision`, { decision: 'dismissed', basis: '申诉成立' }));
    const c = await ok(await lead.get(`/api/medfund/cases/${id}`));
    expect(c.findings.map((f: { outcome: string }) => f.outcome)).toEqual(['dismissed']);
    const recov = await inspector2.post(`/api/medfund/cases/${id}/recoveries`, { amountFen: 1, recoveredOn: '2026-04-01' });
    expect(recov.statusCode).toBe(409);
    // the list filters
    const list = await ok(await lead.get(`/api/medfund/cases?decision=dismissed&q=${c.number}`));
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('escalates an overdue stage once, to its owner and the lead', async () => {
    now = new Date('2026-05-04T02:00:00Z');
    const ids = await freeFindings('D', 1);
    const { id, number } = await ok(await analyst.post('/api/medfund/cases', { findingIds: ids }), 201);
    const c = await ok(await lead.get(`/api/medfund/cases/${id}`));
    const due = c.stageDueOn as string;
    // the recurring job is registered and kept queued, one row
    await t.deps.jobs.ensureRecurring();
    await t.deps.jobs.ensureRecurring();
    expect(await t.deps.db.selectFrom('jobs').select('id').where('kind', '=', CASE_ESCALATION_JOB).execute()).toHaveLength(1);
    const onDue = new Date(`${due}T15:00:00Z`); // 23:00 in Beijing on the due day: not yet overdue
    await runCaseEscalation(t.deps.db, onDue);
    expect((await ok(await lead.get(`/api/medfund/cases/${id}`))).stages[0].escalatedAt).toBeNull();
    const after = new Date(onDue.getTime() + DAY);
    now = after;
    await runCaseEscalation(t.deps.db, after);
    const again = await runCaseEscalation(t.deps.db, new Date(after.getTime() + DAY));
    const stage = (await ok(await lead.get(`/api/medfund/cases/${id}`))).stages[0];
    expect(stage.escalatedAt).not.toBeNull();
    expect(stage.overdue).toBe(true);
    expect(again.escalated).toBe(0);
    const titles = async (cl: Client) => (await cl.get('/api/notifications')).json().map((n: { title: string }) => n.title) as string[];
    expect((await titles(inspector2)).filter((x) => x === `案件 ${number}「初审」已超期`)).toHaveLength(1);
    expect((await titles(lead)).filter((x) => x === `案件 ${number}「初审」已超期`)).toHaveLength(1);
    expect((await ok(await lead.get('/api/medfund/cases?overdue=true&pageSize=200'))).items.some((i: { id: number }) => i.id === id)).toBe(true);
  });

  // every later stage of the chain has its deadline and escalates like the first review
  it.each([
    { stage: 'second_review', name: '复审', actions: [{ action: 'pass_first_review' }] },
    { stage: 'appeal', name: '申诉', actions: [{ action: 'pass_first_review' }, { action: 'confirm_second_review' }] },
    { stage: 'investigation', name: '调查核实', actions: [{ action: 'pass_first_review' }, { action: 'confirm_second_review' }, { action: 'record_appeal', statement: '有医嘱' }, { action: 'start_investigation' }] },
  ])('escalates an overdue $stage ($name) stage once, not before its deadline has passed', async ({ stage, name, actions }) => {
    now = new Date('2026-06-01T02:00:00Z'); // Monday 10:00 in Beijing
    const ids = await freeFindings('H', 1);
    const { id, number } = await ok(await analyst.post('/api/medfund/cases', { findingIds: ids }), 201);
    for (const a of actions) await ok(await inspector.post(`/api/medfund/cases/${id}/actions`, a));
    const c = await ok(await lead.get(`/api/medfund/cases/${id}`));
    expect(c.stage).toBe(stage);
    const due = c.stageDueOn as string;
    expect(due > '2026-06-01').toBe(true);
    type S = { stage: string; dueOn: string; endedAt: string | null; escalatedAt: string | null; overdue: boolean };
    const stagesOf = async () => (await ok(await lead.get(`/api/medfund/cases/${id}`))).stages as S[];
    const current = (ss: S[]) => ss.find((x) => x.stage === stage && x.endedAt === null)!;
    expect(current(await stagesOf()).dueOn).toBe(due);

    // 23:00 in Beijing on the due day: not yet overdue, nothing happens
    const onDue = new Date(`${due}T15:00:00Z`);
    now = onDue;
    await runCaseEscalation(t.deps.db, onDue);
    expect((await stagesOf()).every((x) => x.escalatedAt === null)).toBe(true);

    // the next day it is overdue: escalated once; later runs add nothing
    const after = new Date(onDue.getTime() + DAY);
    now = after;
    await runCaseEscalation(t.deps.db, after);
    const escalated = current(await stagesOf());
    expect(escalated).toMatchObject({ overdue: true });
    expect(escalated.escalatedAt).not.toBeNull();
    await runCaseEscalation(t.deps.db, after);
    await runCaseEscalation(t.deps.db, new Date(after.getTime() + DAY));
    const stages = await stagesOf();
    expect(current(stages).escalatedAt).toEqual(escalated.escalatedAt);
    expect(stages.filter((x) => x.escalatedAt !== null).map((x) => x.stage)).toEqual([stage]); // the ended earlier stages never
    const audit = await t.deps.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'medfund.case.escalate').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => [a.actor_name, (a.after as { stage: string; dueOn: string })])).toEqual([['系统', { stage, dueOn: due }]]);
    const events = (await ok(await lead.get(`/api/medfund/cases/${id}`))).events.filter((e: { type: string }) => e.type === 'escalated');
    expect(events.map((e: { stage: string }) => e.stage)).toEqual([stage]);
    const titles = async (cl: Client) => (await cl.get('/api/notifications')).json().map((n: { title: string }) => n.title) as string[];
    expect((await titles(inspector)).filter((x) => x === `案件 ${number}「${name}」已超期`)).toHaveLength(1);
    expect((await titles(lead)).filter((x) => x === `案件 ${number}「${name}」已超期`)).toHaveLength(1);
  });

  it('manages partner departments, stage limits and areas (medfund.cases.manage)', async () => {
    const partners = (await ok(await lead.get('/api/medfund/partners'))).items;
    expect(partners.length).toBeGreaterThanOrEqual(15);
    expect(partners.map((p: { name: string }) => p.name)).toContain('纪委监委派驻纪检监察组');
    expect((await inspector.put(`/api/medfund/partners/${partners[0].departmentId}`, { active: false })).statusCode).toBe(403);
    await ok(await lead.post('/api/medfund/partners', { name: '余杭区应急管理局', duty: '联合检查' }), 201);
    expect((await ok(await lead.get('/api/medfund/partners'))).items.map((p: { name: string }) => p.name)).toContain('余杭区应急管理局');
    const bad = await lead.put('/api/medfund/stage-limits', { items: [{ stage: 'appeal', workdays: 0 }] });
    expect(bad.statusCode).toBe(400);
    const limits = (await ok(await lead.put('/api/medfund/stage-limits', { items: [{ stage: 'appeal', workdays: 7 }] }))).items;
    expect(limits.find((l: { stage: string }) => l.stage === 'appeal').workdays).toBe(7);
    await ok(await lead.put('/api/medfund/stage-limits', { items: [{ stage: 'appeal', workdays: 5 }] }));
  });

  it('opens a case from a warning: its findings (those in an open case left out), the warning 已立案 naming the case by its number; a second time is a 409', async () => {
    now = new Date('2026-03-16T02:00:00Z');
    const open = (await ok(await analyst.get('/api/medfund/warnings?status=open&pageSize=200'))).items as { id: number; findingsCount: number }[];
    const w = open.find((x) => x.findingsCount >= 2)!;
    const detail = await ok(await analyst.get(`/api/medfund/warnings/${w.id}`));
    const inCases = await t.deps.db.selectFrom('medfund_case_findings as cf').innerJoin('medfund_cases as c', 'c.id', 'cf.case_id').innerJoin('medfund_warning_findings as wf', 'wf.finding_id', 'cf.finding_id')
      .select('cf.finding_id').where('wf.warning_id', '=', w.id).where('c.stage', '<>', 'closed').execute();
    // the warning's findings, not the page's list: chosen ones that are not the warning's are refused
    const other = await t.deps.db.selectFrom('medfund_findings as f').select('f.id')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('medfund_warning_findings as wf').select('wf.finding_id').whereRef('wf.finding_id', '=', 'f.id').where('wf.warning_id', '=', w.id))))
      .limit(1).executeTakeFirstOrThrow();
    const foreign = await analyst.post('/api/medfund/cases', { warningId: w.id, findingIds: [other.id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain(`不属于预警 #${w.id}`);
    const missing = await analyst.post('/api/medfund/cases', { warningId: 99_999_999 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('MEDFUND_WARNING_NOT_FOUND');
    const opened = await ok(await analyst.post('/api/medfund/cases', { warningId: w.id, title: '预警立案测试' }), 201);
    expect(opened.findings + opened.skippedFindings.length).toBe(w.findingsCount);
    expect(opened.skippedFindings.sort()).toEqual(inCases.map((f) => Number(f.finding_id)).sort());
    const c = await ok(await analyst.get(`/api/medfund/cases/${opened.id}`));
    expect(c).toMatchObject({ warningId: w.id, number: opened.number, stage: 'first_review' });
    expect(c.findings).toHaveLength(opened.findings);
    const after = await ok(await analyst.get(`/api/medfund/warnings/${w.id}`));
    expect(after.status).toBe('in_case');
    expect(after.handling).toMatchObject({ caseId: opened.id, caseNumber: opened.number, stage: 'first_review' });
    expect(after.events[0]).toMatchObject({ kind: 'status', from: 'open', to: 'in_case', reason: `立案：案件 ${opened.number}` });
    expect(detail.events.length + 1).toBe(after.events.length);
    const again = await analyst.post('/api/medfund/cases', { warningId: w.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MEDFUND_WARNING_STATUS');
    expect(again.json().error.message).toContain(opened.number);
    // a dismissed warning is not taken into a case either
    const other2 = open.find((x) => x.id !== w.id)!;
    await ok(await analyst.post(`/api/medfund/warnings/${other2.id}/status`, { status: 'dismissed', reason: '核实后排除' }));
    const dismissed = await analyst.post('/api/medfund/cases', { warningId: other2.id });
    expect(dismissed.statusCode).toBe(409);
    expect(dismissed.json().error.message).toContain('已排除');
  });
});

describe('inspection areas (稽核片区)', () => {
  const put = (c: Client, userId: string, body: unknown) => c.put(`/api/medfund/inspector-areas/${userId}`, body);
  type AreaItem = { userId: string; username: string; areaName: string | null; providers: { code: string; name: string; known: boolean }[]; openCases: number };
  const areaOf = async (username: string) => ((await ok(await lead.get('/api/medfund/inspector-areas'))).items as AreaItem[]).find((a) => a.username === username)!;

  it('lists every inspector with their area, its providers by name from the claims data; 401 / 403', async () => {
    expect((await t.anonymous.get('/api/medfund/inspector-areas')).statusCode).toBe(401);
    expect((await t.anonymous.put(`/api/medfund/inspector-areas/${crypto.randomUUID()}`, { areaName: 'x', providerCodes: [] })).statusCode).toBe(401);
    expect((await wjw.get('/api/medfund/inspector-areas')).statusCode).toBe(403);
    const list = (await ok(await inspector.get('/api/medfund/inspector-areas'))).items as AreaItem[];
    expect(list.map((a) => a.username)).toEqual(expect.arrayContaining(['mf_inspector', 'mf_inspector2']));
    const hospitals = list.find((a) => a.username === 'mf_inspector')!;
    expect(hospitals.areaName).toBe('区级医院片区');
    expect(hospitals.providers.map((p) => p.name)).toContain('区第一人民医院');
    expect(hospitals.providers.every((p) => p.known)).toBe(true);
    // reading is for the bureau; choosing providers and editing are the head of inspection's
    expect((await inspector.get('/api/medfund/inspector-areas/providers')).statusCode).toBe(403);
    expect((await analyst.get('/api/medfund/inspector-areas/providers')).statusCode).toBe(403);
    expect((await put(inspector, hospitals.userId, { areaName: '自己改片区', providerCodes: [] })).statusCode).toBe(403);
    expect((await put(analyst, hospitals.userId, { areaName: '越权', providerCodes: [] })).statusCode).toBe(403);
    const providers = (await ok(await lead.get('/api/medfund/inspector-areas/providers'))).items as { code: string; area: { userId: string } | null }[];
    expect(providers.find((p) => p.code === hospitals.providers[0]!.code)!.area!.userId).toBe(hospitals.userId);
  });

  it('refuses a provider of another area (409, naming it and the area), an unknown provider, a non-inspector, a blank name; nothing changes', async () => {
    const mine = await areaOf('mf_inspector');
    const theirs = await areaOf('mf_inspector2');
    const codes = mine.providers.map((p) => p.code);
    const taken = await put(lead, mine.userId, { areaName: mine.areaName, providerCodes: [...codes, theirs.providers[0]!.code] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('MEDFUND_AREA_PROVIDER_TAKEN');
    expect(taken.json().error.message).toContain(theirs.providers[0]!.name);
    expect(taken.json().error.message).toContain('社区卫生服务中心和药店片区');
    expect(taken.json().error.fields.providerCodes).toContain(theirs.providers[0]!.code);
    const unknown = await put(lead, mine.userId, { areaName: mine.areaName, providerCodes: [...codes, 'X330110999'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('MEDFUND_AREA_INVALID');
    expect(unknown.json().error.fields.providerCodes).toContain('X330110999');
    const analystId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'mf_analyst').executeTakeFirstOrThrow()).id;
    const notInspector = await put(lead, analystId, { areaName: '分析员片区', providerCodes: [] });
    expect(notInspector.statusCode).toBe(400);
    expect(Object.keys(notInspector.json().error.fields)).toEqual(['userId']);
    expect((await put(lead, crypto.randomUUID(), { areaName: '无此人', providerCodes: [] })).statusCode).toBe(404);
    const blank = await put(lead, mine.userId, { areaName: ' ', providerCodes: codes });
    expect(blank.statusCode).toBe(400);
    expect(await areaOf('mf_inspector')).toEqual(mine);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'medfund.area.update').execute()).toEqual([]);
  });

  it('moves a provider from one area to another (removed there, added here): audited, and its next case goes to the new area\'s inspector', async () => {
    now = new Date('2026-03-17T02:00:00Z');
    const mine = await areaOf('mf_inspector');
    const theirs = await areaOf('mf_inspector2');
    // a provider of the other area with a finding in no case yet: its next case shows where it went
    const free = await t.deps.db.selectFrom('medfund_findings as f').select(['f.id', 'f.fixmedins_code']).where('f.fixmedins_code', 'in', theirs.providers.map((p) => p.code))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('medfund_case_findings as cf').select('cf.case_id').whereRef('cf.finding_id', '=', 'f.id'))))
      .orderBy('f.id').limit(1).executeTakeFirstOrThrow();
    const moved = theirs.providers.find((p) => p.code === free.fixmedins_code)!;
    const left = await ok(await put(lead, theirs.userId, { areaName: theirs.areaName, providerCodes: theirs.providers.map((p) => p.code).filter((c) => c !== moved.code) }));
    expect(left.providers.map((p: { code: string }) => p.code)).not.toContain(moved.code);
    const grown = await ok(await put(lead, mine.userId, { areaName: '区级医院和药店片区', providerCodes: [...mine.providers.map((p) => p.code), moved.code] }));
    expect(grown).toMatchObject({ areaName: '区级医院和药店片区' });
    expect(grown.providers.map((p: { code: string }) => p.code)).toContain(moved.code);
    const audit = await t.deps.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'medfund.area.update').orderBy('id').execute();
    expect(audit.map((a) => [a.entity_id, (a.after as { added: string[]; removed: string[] }).added, (a.after as { removed: string[] }).removed])).toEqual([
      [theirs.userId, [], [moved.code]], [mine.userId, [moved.code], []],
    ]);
    const c = await ok(await analyst.post('/api/medfund/cases', { findingIds: [free.id] }), 201);
    expect((await ok(await lead.get(`/api/medfund/cases/${c.id}`))).ownerName).toContain('赵峰');
  });
});
