import { z } from 'zod';
import {
  ConflictResolveInput, TalentConflict, TalentConflictPage, TalentConflictQuery, TalentFile, TalentInput, TalentListQuery,
  TalentAccountInput, TalentMoveInput, TalentPage, TalentReveal, TalentUpdateInput,
} from '@zhizhi/contracts';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { listTalents } from './talent.repo';
import { createTalent, getTalentFile, moveTalent, revealTalent, updateTalent } from './talent.service';
import { listConflicts, resolveConflict } from './conflict.service';
import { exportTalents } from './export-talents';
import { linkTalentAccount, unlinkTalentAccount } from './talent-account';

const IdParams = z.object({ id: z.uuid() });
const TAG = ['talent'];

/** The talent registry: /api/talent/talents and /api/talent/conflicts. Scope: registry/talent-scope.ts. */
export const talentRoutes: Routes = (app, deps) => {
  app.get('/talent/talents', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '人才列表（分页、筛选、排序；按数据范围）', querystring: TalentListQuery, response: { 200: TalentPage } },
  }, (req) => listTalents(deps.db, ctxOf(req, deps).actor, req.query, deps.now()));

  app.get('/talent/talents/export.xlsx', {
    config: { access: 'talent.export' },
    schema: { tags: TAG, summary: '导出当前筛选的人才（Excel，身份证号码脱敏）', querystring: TalentListQuery },
  }, async (req, reply) => {
    const file = await exportTalents(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/talent/talents/:id', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '人才档案（积分事实、任职经历、脱敏的个人信息）', params: IdParams, response: { 200: TalentFile } },
  }, (req) => getTalentFile(ctxOf(req, deps), req.params.id));

  app.post('/talent/talents', {
    config: { access: 'talent.write' },
    schema: {
      tags: TAG,
      summary: '登记人才（身份证号码已由其他企业登记时不新增，提交登记冲突）',
      body: TalentInput,
      response: { 201: TalentFile },
    },
  }, async (req, reply) => reply.status(201).send(await createTalent(ctxOf(req, deps), req.body)));

  app.put('/talent/talents/:id', {
    config: { access: 'talent.write' },
    schema: { tags: TAG, summary: '编辑人才（积分事实、电话等；版本校验）', params: IdParams, body: TalentUpdateInput, response: { 200: TalentFile } },
  }, (req) => updateTalent(ctxOf(req, deps), req.params.id, req.body));

  app.post('/talent/talents/:id/move', {
    config: { access: 'talent.manage' },
    schema: { tags: TAG, summary: '人才调动到另一企业（结束原任职，保留经历）', params: IdParams, body: TalentMoveInput, response: { 200: TalentFile } },
  }, (req) => moveTalent(ctxOf(req, deps), req.params.id, req.body));

  app.put('/talent/talents/:id/account', {
    config: { access: 'talent.manage' },
    schema: {
      tags: TAG, summary: '关联人才本人的登录账号（须为“人才”角色的用户）', params: IdParams, body: TalentAccountInput, response: { 200: TalentFile },
      description: 'Links an existing user with the talent role (created under 用户管理) as the talent\'s own login; replaces a previous link. 400 at username: no such user, or not a talent account; 409 TALENT_ACCOUNT_IN_USE: linked to another talent. Audited talent.account.link.',
    },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    await linkTalentAccount(ctx, req.params.id, req.body);
    return getTalentFile(ctx, req.params.id);
  });

  app.delete('/talent/talents/:id/account', {
    config: { access: 'talent.manage' },
    schema: { tags: TAG, summary: '解除人才本人账号的关联（账号本身保留）', params: IdParams, response: { 200: TalentFile } },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    await unlinkTalentAccount(ctx, req.params.id);
    return getTalentFile(ctx, req.params.id);
  });

  app.post('/talent/talents/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: { tags: TAG, summary: '查看人才完整身份证号码和电话（留痕）', params: IdParams, response: { 200: TalentReveal } },
  }, (req) => revealTalent(ctxOf(req, deps), req.params.id));

  app.get('/talent/conflicts', {
    config: { access: 'talent.manage' },
    schema: { tags: TAG, summary: '人才登记冲突（人才科）', querystring: TalentConflictQuery, response: { 200: TalentConflictPage } },
  }, (req) => listConflicts(ctxOf(req, deps), req.query));

  app.post('/talent/conflicts/:id/resolve', {
    config: { access: 'talent.manage' },
    schema: { tags: TAG, summary: '处理登记冲突：归原企业、归新登记企业或驳回', params: IdParams, body: ConflictResolveInput, response: { 200: TalentConflict } },
  }, (req) => resolveConflict(ctxOf(req, deps), req.params.id, req.body));
};
