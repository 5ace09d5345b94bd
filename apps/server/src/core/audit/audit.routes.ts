import { z } from 'zod';
import { ctxOf, type Routes } from '../../http/deps';
import { recordAudit } from './audit';
import { AuditQuery, auditPage, auditRowsForExport } from './audit.repo';
import { attachment, writeXlsx, XLSX_MIME } from '../excel/write-xlsx';
import { localDateOf } from '../reference/domain/workday';

const AuditView = z.object({
  id: z.number(), at: z.date(), actorName: z.string(), action: z.string(), entityType: z.string(),
  entityId: z.string().nullable(), enterpriseId: z.string().nullable(), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(),
});
const TAG = ['admin'];

/** Read-only: the application has no route that changes or deletes an audit entry. */
export const auditRoutes: Routes = (app, deps) => {
  app.get('/audit', {
    config: { access: 'audit.read' },
    schema: { tags: TAG, summary: '审计日志', querystring: AuditQuery, response: { 200: z.object({ items: z.array(AuditView), total: z.number(), totalEstimated: z.boolean() }) } },
  }, (req) => auditPage(deps.db, req.query));

  app.get('/audit/export.xlsx', {
    config: { access: 'audit.export' },
    schema: { tags: TAG, summary: '导出审计日志（Excel）', querystring: AuditQuery },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const rows = await auditRowsForExport(deps.db, req.query);
    await recordAudit(deps.db, ctx, { action: 'audit.export', entityType: 'audit_log', after: { filters: req.query, rows: rows.length } });
    const buffer = await writeXlsx('审计日志', [
      { header: '时间（北京时间）', width: 20, value: (r) => beijingTime(r.at) },
      { header: '操作人', width: 14, value: (r) => r.actor_name },
      { header: '操作', width: 22, value: (r) => r.action },
      { header: '对象类型', width: 14, value: (r) => r.entity_type },
      { header: '对象', width: 38, value: (r) => r.entity_id },
      { header: '修改前', width: 50, value: (r) => (r.before === null ? '' : JSON.stringify(r.before)) },
      { header: '修改后', width: 50, value: (r) => (r.after === null ? '' : JSON.stringify(r.after)) },
      { header: 'IP', width: 16, value: (r) => r.ip },
    ], rows);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`审计日志-${localDateOf(ctx.now)}.xlsx`)).send(buffer);
  });
};

function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}
