import { z } from 'zod';
import { ctxOf, type Routes } from '../../http/deps';
import { permissionCatalog } from './permission-catalog';
import { createRole, deleteRole, listRoles, NewRoleInput, RoleInput, updateRole } from './role.service';

const RoleView = z.object({
  code: z.string(), name: z.string(), description: z.string(), permissions: z.array(z.string()), isSystem: z.boolean(), userCount: z.number(),
});
const CodeParams = z.object({ code: z.string() });
const TAG = ['admin'];

export const roleRoutes: Routes = (app, deps) => {
  app.get('/permissions', {
    config: { access: 'role.manage' },
    schema: { tags: TAG, summary: '权限目录', response: { 200: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })) } },
  }, () => permissionCatalog());

  app.get('/roles', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '角色列表', response: { 200: z.array(RoleView) } },
  }, (req) => listRoles(ctxOf(req, deps)));

  app.post('/roles', {
    config: { access: 'role.manage' },
    schema: { tags: TAG, summary: '新增角色', body: NewRoleInput, response: { 201: RoleView } },
  }, async (req, reply) => reply.status(201).send(await createRole(ctxOf(req, deps), req.body)));

  app.put('/roles/:code', {
    config: { access: 'role.manage' },
    schema: { tags: TAG, summary: '编辑角色', params: CodeParams, body: RoleInput, response: { 200: RoleView } },
  }, (req) => updateRole(ctxOf(req, deps), req.params.code, req.body));

  app.delete('/roles/:code', {
    config: { access: 'role.manage' },
    schema: { tags: TAG, summary: '删除角色', params: CodeParams },
  }, async (req, reply) => {
    await deleteRole(ctxOf(req, deps), req.params.code);
    return reply.status(204).send();
  });
};
