import { z } from 'zod';
import { ctxOf, type Routes } from '../../http/deps';
import { createDepartment, deleteDepartment, DepartmentInput, DepartmentUpdate, listDepartments, updateDepartment } from './department.service';

const DepartmentView = z.object({
  id: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.enum(['department', 'section']),
  divisionCode: z.string().nullable(), userCount: z.number(),
});
const IdParams = z.object({ id: z.uuid() });
const TAG = ['admin'];

export const departmentRoutes: Routes = (app, deps) => {
  // Read by anyone signed in: modules pick handling units (承办单位) from this list.
  app.get('/departments', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '部门与科室', response: { 200: z.array(DepartmentView) } },
  }, (req) => listDepartments(ctxOf(req, deps)));

  app.post('/departments', {
    config: { access: 'department.manage' },
    schema: { tags: TAG, summary: '新增部门或科室', body: DepartmentInput, response: { 201: DepartmentView } },
  }, async (req, reply) => reply.status(201).send(await createDepartment(ctxOf(req, deps), req.body)));

  app.put('/departments/:id', {
    config: { access: 'department.manage' },
    schema: { tags: TAG, summary: '编辑部门或科室', params: IdParams, body: DepartmentUpdate, response: { 200: DepartmentView } },
  }, (req) => updateDepartment(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/departments/:id', {
    config: { access: 'department.manage' },
    schema: { tags: TAG, summary: '删除部门或科室', params: IdParams },
  }, async (req, reply) => {
    await deleteDepartment(ctxOf(req, deps), req.params.id);
    return reply.status(204).send();
  });
};
