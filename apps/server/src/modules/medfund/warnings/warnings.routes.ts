import { ctxOf, type Routes } from '../../../http/deps';
import { recordAudit } from '../../../core/audit/audit';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { RANGES } from './domain/rollup-rules';
import { changeLevel, changeStatus, getWarning, listWarnings, revealWarning } from './warnings.service';
import { exportWarnings } from './export-warnings';
import { changeRollupRules, currentRollupRules, rollupRuleHistory } from './rollup/rule-versions';
import { queueRollup } from './rollup/rollup-job';
import { listRollups, rollupView } from './rollup/rollups.service';
import { warningScope } from './access';
import { AppError } from '../../../http/app-error';
import {
  LevelChangeInput, RollupList, RollupView, RulesAnswer, RulesChangeInput, StatusChangeInput, WarningDetail, WarningIdParams, WarningListQuery, WarningPage, WarningReveal,
} from './schemas';

const TAG = ['medfund warnings'];

/** Warnings (预警), their roll-up rules and roll-ups: /api/medfund/warnings… (docs/medfund/API.md, WARNINGS.md). */
export const medfundWarningsRoutes: Routes = (app, deps) => {
  app.get('/medfund/warnings', {
    // analysts and viewers (medfund.warnings.read) see every level; the oversight role (medfund.warnings.oversee) red ones: checked in the query
    config: { access: 'authenticated' },
    schema: {
      tags: TAG, summary: '预警列表（等级、对象类型、状态、期间、机构筛选；红色在前；姓名和证件号脱敏）', querystring: WarningListQuery, response: { 200: WarningPage },
      description: 'medfund.warnings.read: every level; medfund.warnings.oversee alone: red warnings only (scope: "red"); neither: 403.',
    },
  }, (req) => listWarnings(ctxOf(req, deps), req.query));

  app.get('/medfund/warnings/export.xlsx', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '导出预警列表（Excel，脱敏，注明导出人，留痕）', querystring: WarningListQuery.omit({ page: true, pageSize: true }) },
  }, async (req, reply) => {
    const file = await exportWarnings(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/medfund/warnings/:id', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG, summary: '预警详情：疑点、处置历史（查阅个人预警留痕）', params: WarningIdParams, response: { 200: WarningDetail },
      description: '404 MEDFUND_WARNING_NOT_FOUND when it does not exist or is outside the reader\'s scope (oversight: red only).',
    },
  }, (req) => getWarning(ctxOf(req, deps), req.params.id));

  app.post('/medfund/warnings/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: { tags: TAG, summary: '查看预警对象完整姓名和证件号码（留痕）', params: WarningIdParams, response: { 200: WarningReveal } },
  }, (req) => revealWarning(ctxOf(req, deps), req.params.id));

  app.post('/medfund/warnings/:id/level', {
    config: { access: 'medfund.warnings.manage' },
    schema: {
      tags: TAG, summary: '调整预警等级（须说明理由；此后归集只升不降）', params: WarningIdParams, body: LevelChangeInput, response: { 200: WarningDetail },
      description: '400 VALIDATION_FAILED (fields.reason) without a reason; 409 MEDFUND_WARNING_STATUS when the level is the same. Raised to red: the discipline inspection group is notified.',
    },
  }, (req) => changeLevel(ctxOf(req, deps), deps.notifier, req.params.id, req.body));

  app.post('/medfund/warnings/:id/status', {
    config: { access: 'medfund.warnings.manage' },
    schema: {
      tags: TAG, summary: '处置预警：办结、排除或重新打开（须说明理由）', params: WarningIdParams, body: StatusChangeInput, response: { 200: WarningDetail },
      description: '409 MEDFUND_WARNING_STATUS for a change the status does not allow; 409 MEDFUND_WARNING_OPEN_EXISTS when reopening while the subject has another open warning.',
    },
  }, (req) => changeStatus(ctxOf(req, deps), req.params.id, req.body));

  app.get('/medfund/warning-rules', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '预警归集规则（当前版本、历史版本、取值范围）', response: { 200: RulesAnswer } },
  }, async (req) => {
    warningScope(ctxOf(req, deps).actor);
    const [current, versions] = await Promise.all([currentRollupRules(deps.db), rollupRuleHistory(deps.db)]);
    return { current, versions, ranges: RANGES };
  });

  app.put('/medfund/warning-rules', {
    config: { access: 'medfund.warnings.manage' },
    schema: {
      tags: TAG, summary: '调整预警归集规则（生成新版本，留痕，随后重新归集）', body: RulesChangeInput, response: { 200: RulesAnswer },
      description: '400 MEDFUND_WARNING_RULES_INVALID names each value out of range (fields: rules.person.red.sumFen …); 409 CONFLICT when baseVersion is not the current one.',
    },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    await deps.db.transaction().execute(async (tx) => {
      await changeRollupRules(tx, ctx, req.body);
      await queueRollup(tx, { trigger: 'rules', actor: ctx.actor });
    });
    deps.jobs.poke();
    const [current, versions] = await Promise.all([currentRollupRules(deps.db), rollupRuleHistory(deps.db)]);
    return { current, versions, ranges: RANGES };
  });

  app.get('/medfund/warning-rollups', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '预警归集记录（最近 20 次）', response: { 200: RollupList } },
  }, async (req) => {
    warningScope(ctxOf(req, deps).actor);
    return { items: await listRollups(deps.db) };
  });

  app.post('/medfund/warning-rollups', {
    config: { access: 'medfund.warnings.manage' },
    schema: { tags: TAG, summary: '立即归集预警（后台任务）', response: { 202: RollupView } },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const id = await deps.db.transaction().execute(async (tx) => {
      const rid = await queueRollup(tx, { trigger: 'manual', actor: ctx.actor });
      await recordAudit(tx, ctx, { action: 'medfund.warning.rollup', entityType: 'medfund_warning_rollup', entityId: String(rid) });
      return rid;
    });
    deps.jobs.poke();
    const row = await rollupView(deps.db, id);
    if (!row) throw new AppError('NOT_FOUND');
    return reply.status(202).send(row);
  });
};
