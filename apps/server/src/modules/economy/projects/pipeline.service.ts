import type { z } from 'zod';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsxSheets, type SheetColumn } from '../../../core/excel/write-xlsx';
import { funnel, timeInStage } from './domain/pipeline-metrics';
import { daysBetween, isMajor } from './domain/stage-rules';
import { localDate, projectCards } from './project.repo';
import { projectInScope } from './project-scope';
import { today } from './projects.service';
import { loadStages } from './stages.service';
import type { PipelineView, ProjectCard } from './project.schemas';

type Card = z.infer<typeof ProjectCard>;
const sumWan = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

/**
 * The investment officers' views in one answer: the board by stage with totals (active projects;
 * landed ones under the last stage), the funnel with conversions, days in each stage, projects by
 * street, major projects (≥ 1 亿元) with construction progress, and overdue milestones.
 */
export async function pipeline(ctx: Ctx): Promise<z.infer<typeof PipelineView>> {
  const t = today(ctx);
  const stages = await loadStages(ctx.db);
  const cards = await projectCards(ctx.db, ctx.actor, t);
  const live = cards.filter((c) => c.status !== 'dropped');
  const events = await ctx.db.selectFrom('economy_project_stage_events as ev').innerJoin('economy_projects as p', 'p.id', 'ev.project_id')
    .select(['ev.project_id', 'ev.to_stage', 'ev.at']).where(projectInScope(ctx.actor)).orderBy('ev.project_id').orderBy('ev.id').execute();
  const ev = events.map((e) => ({ projectId: e.project_id, toStage: e.to_stage, at: localDate(e.at) }));
  const states = cards.map((c) => ({ id: c.id, stage: c.stage, status: c.status }));
  const nameOf = new Map(stages.map((s) => [s.code, s.name]));
  const overdue = await ctx.db.selectFrom('economy_project_milestones as m').innerJoin('economy_projects as p', 'p.id', 'm.project_id')
    .innerJoin('users as u', 'u.id', 'p.owner_id')
    .select(['m.id', 'm.project_id', 'p.name as project_name', 'm.stage', 'm.name', 'm.due_date', 'm.escalation', 'u.display_name'])
    .where('m.done_at', 'is', null).where('m.due_date', '<', t).where('p.status', '=', 'active').where(projectInScope(ctx.actor))
    .orderBy('m.due_date').limit(500).execute();
  const streets = new Map<string, Card[]>();
  for (const c of live) streets.set(c.divisionCode, [...(streets.get(c.divisionCode) ?? []), c]);
  return {
    stages: stages.map((s) => {
      const here = live.filter((c) => c.stage === s.code);
      return {
        stage: s.code, name: s.name, count: here.length, totalInvestmentWan: sumWan(here.map((c) => c.totalInvestmentWan)),
        receivedInvestmentWan: sumWan(here.map((c) => c.receivedInvestmentWan)), major: here.filter((c) => c.major).length, projects: here,
      };
    }),
    dropped: cards.length - live.length,
    funnel: funnel(stages, states, ev).map((f) => ({ ...f, name: nameOf.get(f.stage) ?? f.stage })),
    timeInStage: timeInStage(stages, states, ev, t).map((r) => ({ ...r, name: nameOf.get(r.stage) ?? r.stage, targetDays: stages.find((s) => s.code === r.stage)?.targetDays ?? null })),
    byStreet: [...streets.entries()].map(([code, list]) => ({
      divisionCode: code, name: list[0]!.streetName, count: list.length, totalInvestmentWan: sumWan(list.map((c) => c.totalInvestmentWan)), major: list.filter((c) => c.major).length,
    })).sort((a, b) => b.totalInvestmentWan - a.totalInvestmentWan),
    major: live.filter((c) => c.major).sort((a, b) => b.totalInvestmentWan - a.totalInvestmentWan),
    overdue: overdue.map((m) => ({
      milestoneId: m.id, projectId: m.project_id, projectName: m.project_name, stage: m.stage, stageName: nameOf.get(m.stage) ?? m.stage, name: m.name,
      dueDate: m.due_date!, overdueDays: daysBetween(m.due_date!, t), escalation: m.escalation, owner: m.display_name,
    })),
    totals: { count: live.length, totalInvestmentWan: sumWan(live.map((c) => c.totalInvestmentWan)), major: live.filter((c) => c.major).length },
  };
}

/** The project list as a workbook (the filters of the list; audited). */
export async function exportProjects(ctx: Ctx): Promise<{ fileName: string; buffer: Buffer }> {
  const cards = await projectCards(ctx.db, ctx.actor, today(ctx));
  const columns: SheetColumn<Card>[] = [
    { header: '项目名称', width: 30, value: (c) => c.name }, { header: '投资方', width: 24, value: (c) => c.investor },
    { header: '行业', width: 24, value: (c) => `${c.industryCode} ${c.industryName}` },
    { header: '产业链环节', width: 24, value: (c) => (c.chainLink ? `${c.chainLink.chainName} / ${c.chainLink.name}` : '') },
    { header: '总投资（万元）', width: 16, value: (c) => c.totalInvestmentWan }, { header: '实际到资（万元）', width: 16, value: (c) => c.receivedInvestmentWan },
    { header: '亿元以上', width: 10, value: (c) => (isMajor(Math.round(c.totalInvestmentWan * 1_000_000)) ? '是' : '否') },
    { header: '阶段', width: 10, value: (c) => c.stageName }, { header: '本阶段天数', width: 12, value: (c) => c.daysInStage },
    { header: '状态', width: 10, value: (c) => ({ active: '推进中', landed: '已投产', dropped: '已终止' })[c.status] },
    { header: '街道', width: 16, value: (c) => c.streetName }, { header: '建设进度（%）', width: 14, value: (c) => c.constructionPercent },
    { header: '负责人', width: 12, value: (c) => c.owner.name }, { header: '逾期节点', width: 10, value: (c) => c.overdueMilestones },
    { header: '未解决问题', width: 10, value: (c) => c.openProblems }, { header: '落地企业', width: 30, value: (c) => c.enterprise?.name ?? '' },
  ];
  const buffer = await writeXlsxSheets([{ name: '招商项目', columns, rows: cards }]);
  await recordAudit(ctx.db, ctx, { action: 'economy.projects.export', entityType: 'economy_project', after: { rows: cards.length } });
  return { fileName: `招商项目-${today(ctx)}.xlsx`, buffer };
}

