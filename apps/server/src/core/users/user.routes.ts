import { z } from 'zod';
import { ctxOf, type Routes } from '../../http/deps';
import { createUser, getUser, listUsers, NewUserInput, resetPassword, revealUserContact, setUserLocked, updateUser, UserListQuery, UserUpdateInput } from './user.service';
import { AppError } from '../../http/app-error';
import { can } from '../identity/actor';

const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** masked (139****5678); the full number: POST /users/:id/reveal */
  phone: z.string(),
  /** masked (z***@example.gov.cn) */
  email: z.string(),
  status: z.enum(['active', 'locked']),
  roles: z.array(z.string()),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  lastLoginAt: z.date().nullable(),
});
const IdParams = z.object({ id: z.uuid() });
const TAG = ['admin'];

export const userRoutes: Routes = (app, deps) => {
  app.get('/users', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '用户列表', querystring: UserListQuery, response: { 200: z.object({ items: z.array(UserView), total: z.number(), totalEstimated: z.boolean() }) } },
  }, (req) => listUsers(ctxOf(req, deps), req.query));

  app.get('/users/:id', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '用户', params: IdParams, response: { 200: UserView } },
  }, (req) => getUser(ctxOf(req, deps), req.params.id));

  app.post('/users', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '新增用户', body: NewUserInput, response: { 201: UserView } },
  }, async (req, reply) => reply.status(201).send(await createUser(ctxOf(req, deps), req.body)));

  app.put('/users/:id', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '编辑用户（角色与数据范围）', params: IdParams, body: UserUpdateInput, response: { 200: UserView } },
  }, (req) => updateUser(ctxOf(req, deps), req.params.id, req.body));

  app.post('/users/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: {
      tags: TAG, summary: '查看用户的完整手机号和电子邮箱（留痕）', params: IdParams, response: { 200: z.object({ phone: z.string(), email: z.string() }) },
      description: 'personal.reveal and user.manage (403 without either). Audited user.reveal.',
    },
  }, (req) => {
    const ctx = ctxOf(req, deps);
    if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
    return revealUserContact(ctx, req.params.id);
  });

  app.post('/users/:id/lock', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '锁定账号', params: IdParams, response: { 200: UserView } },
  }, (req) => setUserLocked(ctxOf(req, deps), req.params.id, true));

  app.post('/users/:id/unlock', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '解锁账号', params: IdParams, response: { 200: UserView } },
  }, (req) => setUserLocked(ctxOf(req, deps), req.params.id, false));

  app.post('/users/:id/reset-password', {
    config: { access: 'user.manage' },
    schema: { tags: TAG, summary: '重置密码', params: IdParams, body: z.object({ password: z.string().max(200) }) },
  }, async (req, reply) => {
    await resetPassword(ctxOf(req, deps), req.params.id, req.body.password);
    return reply.status(204).send();
  });
};
