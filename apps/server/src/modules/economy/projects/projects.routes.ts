import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { readUpload } from '../../../core/files/read-upload';
import { sendStoredFile, uploadLimitsOf } from '../../../core/files/file-store';
import {
  DropInput, LandInput, MilestoneInput, MilestoneUpdate, PipelineView, ProblemInput, ProblemResolve, ProjectCard, ProjectCreate, ProjectListQuery,
  ProjectMapView, ProjectUpdate, ProjectView, StageChangeInput, StagesInput, StageView,
} from './project.schemas';
import { projectMap } from './project-map.service';
import { createProject, getProject, listProjects, updateProject } from './projects.service';
import { changeStage, dropProject } from './stage-change.service';
import { addMilestone, deleteMilestone, raiseProblem, resolveProblem, updateMilestone } from './project-items.service';
import { landProject } from './landing.service';
import { exportProjects, pipeline } from './pipeline.service';
import { listStages, saveStages } from './stages.service';
import { addProjectFile, projectFile, removeProjectFile } from './project-files';

const TAG = ['economy'];
const Id = z.object({ id: z.uuid() });
const MilestoneParams = z.object({ id: z.uuid(), milestoneId: z.uuid() });
const ProblemParams = z.object({ id: z.uuid(), problemId: z.uuid() });
const FileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

/** 招商引资: investment projects from first contact to production. docs/economy/PROJECTS.md. */
export const projectRoutes: Routes = (app, deps) => {
  const limits = uploadLimitsOf(deps.config);

  app.get('/economy/project-stages', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '招商项目阶段（顺序、目标天数、各阶段节点模板）', response: { 200: z.array(StageView) } },
  }, (req) => listStages(ctxOf(req, deps)));

  app.put('/economy/project-stages', {
    config: { access: 'economy.invest.configure' },
    schema: { tags: TAG, summary: '配置阶段：改名、排序、目标天数、节点模板；仍有项目的阶段不能删除（留痕）', body: StagesInput, response: { 200: z.array(StageView) } },
  }, (req) => saveStages(ctxOf(req, deps), req.body));

  app.get('/economy/projects', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '招商项目列表（按阶段、状态、环节、亿元以上、街道、名称或投资方筛选）', querystring: ProjectListQuery, response: { 200: z.array(ProjectCard) } },
  }, (req) => listProjects(ctxOf(req, deps), { ...req.query, major: req.query.major === undefined ? undefined : req.query.major === 'true' }));

  app.get('/economy/projects/pipeline', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '项目看板：按阶段的项目和总投资、漏斗与阶段转化率、各阶段停留天数、按街道、亿元以上重大项目及建设进度、逾期节点',
      response: { 200: PipelineView },
    },
  }, (req) => pipeline(ctxOf(req, deps)));

  app.get('/economy/projects/map', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '项目地图：有位置的项目（按阶段着色）、未标注位置的项目、各街道中心（按企业位置），不含终止项目；不依赖外部地图服务',
      response: { 200: ProjectMapView },
    },
  }, (req) => projectMap(ctxOf(req, deps)));

  app.get('/economy/projects/export.xlsx', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '导出招商项目（Excel，留痕）' },
  }, async (req, reply) => {
    const file = await exportProjects(ctxOf(req, deps));
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.post('/economy/projects', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '登记招商项目（默认第一阶段，生成该阶段节点；留痕）', body: ProjectCreate, response: { 201: ProjectView } },
  }, async (req, reply) => reply.status(201).send(await createProject(ctxOf(req, deps), req.body)));

  app.get('/economy/projects/:id', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '项目详情：节点、问题、阶段记录、文件、落地企业', params: Id, response: { 200: ProjectView } },
  }, (req) => getProject(ctxOf(req, deps), req.params.id));

  app.put('/economy/projects/:id', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '修改项目信息（版本号防覆盖；留痕）', params: Id, body: ProjectUpdate, response: { 200: ProjectView } },
  }, (req) => updateProject(ctxOf(req, deps), req.params.id, req.body));

  app.post('/economy/projects/:id/stage', {
    config: { access: 'economy.invest' },
    schema: {
      tags: TAG, summary: '变更阶段：跳过必需节点时 409 并列出节点，确认并填写原因后记录（留痕）；投产前须关联落地企业',
      params: Id, body: StageChangeInput, response: { 200: ProjectView },
    },
  }, (req) => changeStage(ctxOf(req, deps), req.params.id, req.body));

  app.post('/economy/projects/:id/drop', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '终止项目（须填写原因；留痕）', params: Id, body: DropInput, response: { 200: ProjectView } },
  }, (req) => dropProject(ctxOf(req, deps), req.params.id, req.body));

  app.post('/economy/projects/:id/land', {
    config: { access: 'economy.invest' },
    schema: {
      tags: TAG, summary: '项目落地：关联企业库中的企业，或登记新企业（须有企业登记权限；留痕）',
      params: Id, body: LandInput, response: { 200: ProjectView },
    },
  }, (req) => landProject(ctxOf(req, deps), req.params.id, req.body));

  app.post('/economy/projects/:id/milestones', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '新增节点（留痕）', params: Id, body: MilestoneInput, response: { 201: ProjectView } },
  }, async (req, reply) => reply.status(201).send(await addMilestone(ctxOf(req, deps), req.params.id, req.body)));

  app.put('/economy/projects/:id/milestones/:milestoneId', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '修改节点、标记完成或取消完成（留痕）', params: MilestoneParams, body: MilestoneUpdate, response: { 200: ProjectView } },
  }, (req) => updateMilestone(ctxOf(req, deps), req.params.id, req.params.milestoneId, req.body));

  app.delete('/economy/projects/:id/milestones/:milestoneId', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '删除节点（留痕）', params: MilestoneParams, response: { 200: ProjectView } },
  }, (req) => deleteMilestone(ctxOf(req, deps), req.params.id, req.params.milestoneId));

  app.post('/economy/projects/:id/problems', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '提出问题（记在当前阶段）及责任单位（留痕）', params: Id, body: ProblemInput, response: { 201: ProjectView } },
  }, async (req, reply) => reply.status(201).send(await raiseProblem(ctxOf(req, deps), req.params.id, req.body)));

  app.post('/economy/projects/:id/problems/:problemId/resolve', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '问题已解决（填写解决情况；留痕）', params: ProblemParams, body: ProblemResolve, response: { 200: ProjectView } },
  }, (req) => resolveProblem(ctxOf(req, deps), req.params.id, req.params.problemId, req.body));

  app.post('/economy/projects/:id/files', {
    config: { access: 'economy.invest' },
    schema: {
      tags: TAG, summary: '上传项目文件（协议、批复、证照；PDF 或图片，按内容判断类型；留痕）', params: Id, consumes: ['multipart/form-data'], response: { 201: ProjectView },
      description: 'multipart/form-data with one file in the field `file`. 400 FILE_TYPE_NOT_ALLOWED / FILE_EMPTY, 413 FILE_TOO_LARGE.',
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const upload = await readUpload(req, limits);
    return reply.status(201).send(await addProjectFile(ctx, req.params.id, upload, limits));
  });

  app.get('/economy/projects/:id/files/:fileId', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '下载项目文件（留痕）', params: FileParams, querystring: z.object({ inline: z.enum(['true', 'false']).optional() }) },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const file = await projectFile(ctx, req.params.id, req.params.fileId);
    return sendStoredFile(reply, ctx, file, { inline: req.query.inline === 'true' });
  });

  app.delete('/economy/projects/:id/files/:fileId', {
    config: { access: 'economy.invest' },
    schema: { tags: TAG, summary: '删除项目文件（留痕）', params: FileParams, response: { 200: ProjectView } },
  }, (req) => removeProjectFile(ctxOf(req, deps), req.params.id, req.params.fileId));
};
