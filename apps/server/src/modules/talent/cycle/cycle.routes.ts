import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import {
  AnswerInput, CycleInput, CycleList, CycleUpdateInput, CycleView, EntriesQuery, EntryList, IdParams, ObjectionInput, ObjectionList, ObjectionQuery,
  ObjectionView, PublicNotice, PublicNoticeQuery, Reports, TierBoard, TransitionInput, TransitionParams, YearParams,
} from './schemas';
import { createCycle, getCycle, listCycles, transition, updateCycle, type CycleDeps } from './cycle.service';
import { cycleEntries, publicNotice } from './notice.service';
import { answerObjection, getObjection, listObjections, raiseObjection } from './objection.service';
import { exportTierBoard, tierBoard } from './tiers.service';
import { cycleReports, exportReports } from './reports.service';

const TAG = ['talent-cycle'];

/** 年度周期: cycles and their steps, entries, objections, the tier board, reports, the public notice (docs/talent/CYCLE.md). */
export const cycleRoutes: Routes = (app, deps) => {
  const cd: CycleDeps = { notifier: deps.notifier, calendar: () => deps.calendar.get() };

  // ---- the public notice (公示): no login; only what a notice may show ---------------------------
  app.get('/public/talent-notice', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: TAG, summary: '人才积分公示（无需登录）：名单（姓名按公示惯例隐去中间字）、企业积分与档次、公示期和异议方式', querystring: PublicNoticeQuery, response: { 200: PublicNotice },
      description: 'Only cycles in notice or final. Talents: masked name, enterprise, points, rank; enterprises: name, points, rank, tier, evaluation bonus. No ids, ID numbers or phone numbers. Rate-limited (60/min per address).',
    },
  }, (req) => publicNotice(deps.db, deps.now(), cd.calendar, req.query));

  // ---- cycles ----------------------------------------------------------------------------------
  app.get('/talent/cycles', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '年度周期（人才科：全部；其他人：已公示的年度）', response: { 200: CycleList } },
  }, (req) => listCycles(ctxOf(req, deps), cd));
  app.post('/talent/cycles', {
    config: { access: 'talent.cycle.manage' },
    schema: {
      tags: TAG, summary: '开启一个积分年度（企业开始申报）', body: CycleInput, response: { 201: CycleView },
      description: '409 TALENT_CYCLE_EXISTS (one cycle per year), TALENT_CYCLE_NO_SCHEME (no published personal or enterprise version covers the year). Notifies enterprise HR.',
    },
  }, async (req, reply) => reply.status(201).send(await createCycle(ctxOf(req, deps), cd, req.body)));
  app.get('/talent/cycles/:id', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '年度周期详情（步骤、计数、公示倒计时）', params: IdParams, response: { 200: CycleView } },
  }, (req) => getCycle(ctxOf(req, deps), cd, req.params.id));
  app.put('/talent/cycles/:id', {
    config: { access: 'talent.cycle.manage' },
    schema: { tags: TAG, summary: '修改公示工作日数和异议渠道（发布公示前）', params: IdParams, body: CycleUpdateInput, response: { 200: CycleView } },
  }, (req) => updateCycle(ctxOf(req, deps), cd, req.params.id, req.body));
  app.post('/talent/cycles/:id/:action', {
    config: { access: 'talent.cycle.manage' },
    schema: {
      tags: TAG, summary: '推进年度周期：review 截止申报进入审核 · compute 确定积分日 · reopen 退回审核 · publish 发布公示 · finalize 确定结果',
      params: TransitionParams, body: TransitionInput, response: { 200: CycleView },
      description: '409 TALENT_CYCLE_STATE when the step is not allowed from the status; compute: 409 TALENT_CYCLE_POINTS_MISSING without a complete points day; finalize: 409 TALENT_CYCLE_NOTICE_RUNNING before the last notice day has passed, TALENT_CYCLE_OBJECTIONS_PENDING while objections are unanswered. publish snapshots the ranking and tiers and notifies the listed talents and enterprises; finalize notifies them too.',
    },
  }, (req) => transition(ctxOf(req, deps), cd, req.params.id, req.params.action, req.body ?? {}));
  app.get('/talent/cycles/:id/entries', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '公示名单条目（含条目编号，供提出异议；人才科可见全名）', params: IdParams, querystring: EntriesQuery, response: { 200: EntryList } },
  }, (req) => cycleEntries(ctxOf(req, deps), req.params.id, req.query));

  // ---- objections --------------------------------------------------------------------------------
  app.post('/talent/cycles/:id/objections', {
    config: { access: 'talent.cycle.object' },
    schema: {
      tags: TAG, summary: '对公示条目提出异议（仅公示期内）', params: IdParams, body: ObjectionInput, response: { 201: ObjectionView },
      description: '409 TALENT_OBJECTION_CLOSED outside the notice period (the message gives its dates, Asia/Shanghai working days). Notifies the office.',
    },
  }, async (req, reply) => reply.status(201).send(await raiseObjection(ctxOf(req, deps), deps.notifier, req.params.id, req.body)));
  app.get('/talent/objections', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '异议（人才科：全部；其他人：本人提出的）', querystring: ObjectionQuery, response: { 200: ObjectionList } },
  }, (req) => listObjections(ctxOf(req, deps), req.query));
  app.get('/talent/objections/:id', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '一条异议及其答复', params: IdParams, response: { 200: ObjectionView } },
  }, (req) => getObjection(ctxOf(req, deps), req.params.id));
  app.post('/talent/objections/:id/answer', {
    config: { access: 'talent.cycle.manage' },
    schema: {
      tags: TAG, summary: '答复异议：采纳（可更正积分/档次）或驳回（写明理由）', params: IdParams, body: AnswerInput, response: { 200: ObjectionView },
      description: 'An upheld objection may correct the entry (re-ranks the list, audited as talent.cycle.entry.correct). 409 TALENT_OBJECTION_ANSWERED. Notifies the objector.',
    },
  }, (req) => answerObjection(ctxOf(req, deps), deps.notifier, req.params.id, req.body));

  // ---- tier board and reports --------------------------------------------------------------------
  app.get('/talent/tiers/:year', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '企业档次：已公示年度的企业按档次排列，及与上一年度相比的变化', params: YearParams, response: { 200: TierBoard }, description: 'The office: the county; HR: its own enterprise; a talent: none.' },
  }, (req) => tierBoard(ctxOf(req, deps), req.params.year));
  app.get('/talent/tiers/:year/export.xlsx', {
    config: { access: 'talent.cycle.read' },
    schema: { tags: TAG, summary: '导出企业档次（留痕）', params: YearParams },
  }, async (req, reply) => {
    const file = await exportTierBoard(ctxOf(req, deps), req.params.year);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });
  app.get('/talent/reports/:year', {
    config: { access: 'talent.county' },
    schema: { tags: TAG, summary: '人才积分报表：按资源兑现人才、各档次企业及升降档、积分分布、企业积分同比', params: YearParams, response: { 200: Reports } },
  }, (req) => cycleReports(ctxOf(req, deps), req.params.year));
  app.get('/talent/reports/:year/export.xlsx', {
    config: { access: 'talent.county' },
    schema: { tags: TAG, summary: '导出人才积分报表（每项一张工作表，含口径；留痕）', params: YearParams },
  }, async (req, reply) => {
    const file = await exportReports(ctxOf(req, deps), req.params.year);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });
};
