import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../test/test-app';
import { DEMO_CASES_JOB, DEMO_GLUE_JOB } from '../demo-jobs';
import { ROLLUP_JOB } from './rollup/rollup-job';

/**
 * Warnings through the real app (PGlite or PostgreSQL per TEST_DB), over the demo county as it
 * starts for the first time: the generated year is screened and its findings rolled up into
 * warnings (MEDFUND_DEMO_SCREENING on), and the run's end hands over to the demo cases, which are
 * linked to their warnings. Scope and masking, the red notice to the discipline inspection group,
 * handling with reasons (on open warnings: the demo's cases hold some), idempotent reruns, the
 * rules editor's 400s, the export.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { MEDFUND_DEMO_SCREENING: 'true' } });
  // one drain: the year's load, its screening, the roll-up, the demo cases, their glue — each queued by the one before
  await t.deps.jobs.drain();
}, 600_000);

afterAll(async () => {
  await t?.close();
});

const count = async (table: 'medfund_warnings' | 'medfund_warning_findings' | 'medfund_warning_events') =>
  Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function rollup() {
  const analyst = await t.as('mf_analyst');
  const res = await analyst.post('/api/medfund/warning-rollups');
  expect(res.statusCode, res.body).toBe(202);
  await t.deps.jobs.drain();
  const list = (await analyst.get('/api/medfund/warning-rollups')).json();
  const done = list.items.find((r: { id: number }) => r.id === res.json().id);
  expect(done.status, done.error ?? '').toBe('done');
  return done;
}

describe('medfund warnings API', () => {
  it('the demo county is screened on its first start and has warnings, among them a red one of duplicate reimbursement', async () => {
    const runs = await t.deps.db.selectFrom('medfund_screening_runs').select(['status', 'requested_by_name']).execute();
    expect(runs).toEqual([{ status: 'done', requested_by_name: '演示数据首次启动' }]);
    const rollups = await t.deps.db.selectFrom('medfund_warning_rollups').select(['trigger', 'status']).execute();
    expect(rollups).toEqual([{ trigger: 'screening', status: 'done' }]);
    // nothing left waiting or retrying: each step of the hand-off ran once, after the one that queued it
    const jobs = await t.deps.db.selectFrom('jobs').select(['id', 'kind', 'status', 'attempts', 'error', 'result']).where('kind', 'like', 'medfund.%')
      .where('kind', '<>', 'medfund.case_escalation').orderBy('id').execute();
    expect(jobs.map((j) => [j.kind, j.status, j.attempts, j.error])).toEqual([
      ['medfund.generate', 'succeeded', 1, null], ['medfund.screening', 'succeeded', 1, null], [ROLLUP_JOB, 'succeeded', 1, null],
      [DEMO_CASES_JOB, 'succeeded', 1, null], [DEMO_GLUE_JOB, 'succeeded', 1, null],
    ]);
    expect((jobs[3]!.result as { cases: number }).cases).toBeGreaterThanOrEqual(8);
    expect((jobs[4]!.result as { linked: number }).linked).toBeGreaterThan(0);
    const analyst = await t.as('mf_analyst');
    const red = (await analyst.get('/api/medfund/warnings?level=red&subjectKind=person&pageSize=200')).json();
    expect(red.total).toBeGreaterThan(0);
    const dup = red.items.find((w: { ruleCodes: string[] }) => w.ruleCodes.includes('WI_DUPLICATE'));
    expect(dup).toBeDefined();
    expect(dup.reasons).toContain('red:single_red');
    expect(dup.subjectName).toMatch(/\*/);
    expect(dup.subjectCertno).toMatch(/\*{6,}/);
    const all = (await analyst.get('/api/medfund/warnings?pageSize=1')).json();
    expect(all.byLevel.red + all.byLevel.orange + all.byLevel.yellow).toBe(all.total);
  });

  it('refuses strangers (401), users without a warnings permission (403), unknown warnings (404)', async () => {
    expect((await t.anonymous.get('/api/medfund/warnings')).statusCode).toBe(401);
    const officer = await t.as('officer');
    expect((await officer.get('/api/medfund/warnings')).statusCode).toBe(403);
    expect((await officer.get('/api/medfund/warning-rules')).statusCode).toBe(403);
    const viewer = await t.as('mf_viewer');
    expect((await viewer.get('/api/medfund/warnings')).statusCode).toBe(200);
    const some = (await viewer.get('/api/medfund/warnings?pageSize=1')).json().items[0];
    expect((await viewer.post(`/api/medfund/warnings/${some.id}/level`, { level: 'red', reason: '越权' })).statusCode).toBe(403);
    expect((await viewer.post(`/api/medfund/warnings/${some.id}/reveal`)).statusCode).toBe(403);
    expect((await viewer.post('/api/medfund/warning-rollups')).statusCode).toBe(403);
    const analyst = await t.as('mf_analyst');
    const missing = await analyst.get('/api/medfund/warnings/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('MEDFUND_WARNING_NOT_FOUND');
    expect((await analyst.post('/api/medfund/warnings/999999/status', { status: 'closed', reason: '测试不存在' })).statusCode).toBe(404);
  });

  it('the discipline inspection group sees red warnings only, was notified of each, and cannot handle them', async () => {
    const jj = await t.as('mf_jijian');
    const list = (await jj.get('/api/medfund/warnings?pageSize=200')).json();
    expect(list.scope).toBe('red');
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((w: { level: string }) => w.level === 'red')).toBe(true);
    const analyst = await t.as('mf_analyst');
    const orange = (await analyst.get('/api/medfund/warnings?level=orange&pageSize=1')).json().items[0];
    if (orange) expect((await jj.get(`/api/medfund/warnings/${orange.id}`)).statusCode).toBe(404);
    const red = list.items[0];
    const detail = (await jj.get(`/api/medfund/warnings/${red.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['created', 'notified']));
    expect(detail.findings.length).toBe(detail.findingsCount);
    expect((await jj.post(`/api/medfund/warnings/${red.id}/status`, { status: 'closed', reason: '纪检不处置' })).statusCode).toBe(403);
    const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'mf_jijian').executeTakeFirstOrThrow();
    const notes = await t.deps.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', user.id).execute();
    expect(notes.some((n) => n.link === `/medfund/warnings/${red.id}` && n.title.includes('红色预警'))).toBe(true);
    const sms = await t.deps.db.selectFrom('notification_outbox').select(['channel', 'body']).where('user_id', '=', user.id).execute();
    expect(sms.map((s) => s.channel)).toContain('sms');
    // what leaves the platform names a person by the masked name only: no insurance number
    const psnNos = (await t.deps.db.selectFrom('medfund_warnings').select('subject_key').where('subject_kind', '=', 'person').execute()).map((w) => w.subject_key);
    expect(psnNos.length).toBeGreaterThan(0);
    for (const m of [...sms.map((x) => x.body), ...notes.map((n) => n.title)]) for (const p of psnNos) expect(m).not.toContain(p);
  });

  it('a person\'s warning: the detail read is audited, reveal shows the name (audited)', async () => {
    const analyst = await t.as('mf_analyst');
    const w = (await analyst.get('/api/medfund/warnings?subjectKind=person&pageSize=1')).json().items[0];
    const detail = (await analyst.get(`/api/medfund/warnings/${w.id}`)).json();
    expect(detail.findings[0].certno).toMatch(/\*/);
    const full = (await analyst.post(`/api/medfund/warnings/${w.id}/reveal`)).json();
    expect(full.subjectCertno).toHaveLength(18);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'medfund_warning').where('entity_id', '=', String(w.id)).execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['medfund.person.reveal', 'medfund.warning.read']));
  });

  it('a level change needs a reason, is pinned and kept by the next roll-up; a rerun changes nothing', async () => {
    const analyst = await t.as('mf_analyst');
    const w = (await analyst.get('/api/medfund/warnings?level=yellow&status=open&pageSize=1')).json().items[0]
      ?? (await analyst.get('/api/medfund/warnings?level=orange&status=open&pageSize=1')).json().items[0];
    const noReason = await analyst.post(`/api/medfund/warnings/${w.id}/level`, { level: 'red' });
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().error.fields)).toEqual(['reason']);
    const blank = await analyst.post(`/api/medfund/warnings/${w.id}/level`, { level: 'red', reason: ' ' });
    expect(blank.statusCode).toBe(400);
    const raised = await analyst.post(`/api/medfund/warnings/${w.id}/level`, { level: 'red', reason: '同一人多次就诊、研判后升级' });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ level: 'red', levelPinned: true });
    expect(raised.json().events[0]).toMatchObject({ kind: 'notified' });
    const before = { warnings: await count('medfund_warnings'), links: await count('medfund_warning_findings'), events: await count('medfund_warning_events') };
    const again = await rollup();
    expect(again.counts.created).toBe(0);
    expect(again.counts.updated).toBe(0);
    expect({ warnings: await count('medfund_warnings'), links: await count('medfund_warning_findings'), events: await count('medfund_warning_events') }).toEqual(before);
    const after = (await analyst.get(`/api/medfund/warnings/${w.id}`)).json();
    expect(after.level).toBe('red');
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'medfund.warning.level').execute();
    expect(audit).toHaveLength(1);
  });

  it('closing and reopening need a reason; the roll-up never touches a handled warning', async () => {
    const analyst = await t.as('mf_analyst');
    const w = (await analyst.get('/api/medfund/warnings?level=red&subjectKind=provider&status=open&pageSize=1')).json().items[0]
      ?? (await analyst.get('/api/medfund/warnings?level=red&status=open&pageSize=1')).json().items[0];
    expect((await analyst.post(`/api/medfund/warnings/${w.id}/status`, { status: 'closed' })).statusCode).toBe(400);
    const closed = await analyst.post(`/api/medfund/warnings/${w.id}/status`, { status: 'closed', reason: '已核实，违规费用已追回' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', handledByName: expect.stringContaining('钱敏') });
    expect((await analyst.post(`/api/medfund/warnings/${w.id}/status`, { status: 'closed', reason: '再次办结' })).statusCode).toBe(409);
    // the rules change (red stricter for persons) queues a roll-up; the closed warning stays as it is
    const rules = (await analyst.get('/api/medfund/warning-rules')).json();
    const next = structuredClone(rules.current.rules);
    next.person.red.singleRedFen = 90_000_000;
    const put = await analyst.put('/api/medfund/warning-rules', { baseVersion: rules.current.version, rules: next, changeNote: '测试：提高个人红色门槛' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().current.version).toBe(rules.current.version + 1);
    await t.deps.jobs.drain();
    const still = (await analyst.get(`/api/medfund/warnings/${w.id}`)).json();
    expect(still).toMatchObject({ status: 'closed', level: w.level, findingsCount: w.findingsCount });
    const closedAt = still.events.find((e: { kind: string; to: string }) => e.kind === 'status' && e.to === 'closed').id;
    expect(still.events.filter((e: { id: number }) => e.id > closedAt)).toEqual([]);
    const reopened = await analyst.post(`/api/medfund/warnings/${w.id}/status`, { status: 'open', reason: '发现新线索，重新打开' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().events[0]).toMatchObject({ kind: 'status', from: 'closed', to: 'open', reason: '发现新线索，重新打开' });
  });

  it('rules out of range are a 400 naming each field; a stale version is a 409', async () => {
    const analyst = await t.as('mf_analyst');
    const rules = (await analyst.get('/api/medfund/warning-rules')).json();
    expect(rules.ranges.withinDays).toEqual({ min: 1, max: 366 });
    const bad = structuredClone(rules.current.rules);
    bad.person.red.withinDays = 400;
    bad.provider.orange.sumFen = -5;
    const res = await analyst.put('/api/medfund/warning-rules', { baseVersion: rules.current.version, rules: bad, changeNote: '越界' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MEDFUND_WARNING_RULES_INVALID');
    expect(Object.keys(res.json().error.fields)).toEqual(['rules.person.red.withinDays', 'rules.provider.orange.sumFen']);
    expect(res.json().error.message).toContain('天数窗口');
    const stale = await analyst.put('/api/medfund/warning-rules', { baseVersion: 1, rules: rules.current.rules, changeNote: '旧版本' });
    expect(stale.statusCode).toBe(409);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'medfund.warning_rules.update').execute();
    expect(audit).toHaveLength(1);
  });

  it('exports the list as Excel, masked and marked with who exported it; the export is audited', async () => {
    const jj = await t.as('mf_jijian');
    const res = await jj.get('/api/medfund/warnings/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('mf_jijian');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.getWorksheet('预警')!;
    const levels = new Set<string>();
    sheet.eachRow((row, n) => { if (n > 1) levels.add(String(row.getCell(2).value)); });
    expect([...levels]).toEqual(['红色']);
    const info = wb.getWorksheet('导出信息')!;
    expect(String(info.getRow(2).getCell(2).value)).toContain('mf_jijian');
    const audit = await t.deps.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'medfund.warning.export').execute();
    expect(audit).toHaveLength(1);
  });
});
