import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../http/app-error';
import { actorOf } from '../../http/access';
import { ctxOf, type AppDeps, type Routes } from '../../http/deps';
import { recordAudit } from '../audit/audit';
import { login } from './login.service';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { SESSION_COOKIE, deleteSession, deleteUserSessions, loadActor } from './sessions';
import type { Actor } from './actor';

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  scope: z.object({ enterpriseId: z.string().nullable(), departmentId: z.string().nullable(), divisionCode: z.string().nullable() }),
  enterpriseName: z.string().nullable(),
  csrfToken: z.string(),
  locale: z.enum(['zh-CN', 'en-US']),
});

const TAG = ['auth'];

async function meOf(deps: AppDeps, actor: Actor, csrfToken = actor.csrfToken): Promise<z.infer<typeof Me>> {
  const ent = actor.scope.enterpriseId
    ? await deps.db.selectFrom('enterprises').select('name').where('id', '=', actor.scope.enterpriseId).executeTakeFirst()
    : null;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    scope: actor.scope,
    enterpriseName: ent?.name ?? null,
    csrfToken,
    locale: actor.locale,
  };
}

function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.COOKIE_SECURE,
    expires,
  });
}

export const authRoutes: Routes = (app, deps) => {
  app.post('/auth/login', {
    config: {
      access: 'public',
      rateLimit: { max: deps.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
    },
    schema: {
      tags: TAG,
      summary: '登录',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
      response: { 200: Me },
    },
  }, async (req, reply) => {
    const session = await login(
      deps.db,
      { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? '', requestId: req.id },
      { ttlHours: deps.config.SESSION_TTL_HOURS, now: deps.now() },
    );
    setSessionCookie(reply, deps, session.token, session.expiresAt);
    const actor = await loadActor(deps.db, session.token, deps.now());
    if (!actor) throw new AppError('INTERNAL');
    return meOf(deps, actor, session.csrfToken);
  });

  app.post('/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '退出登录' },
  }, async (req, reply) => {
    await deleteSession(deps.db, actorOf(req).sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/auth/me', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '当前用户', response: { 200: Me } },
  }, (req) => meOf(deps, actorOf(req)));

  app.put('/auth/me/locale', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '界面语言', body: z.object({ locale: z.enum(['zh-CN', 'en-US']) }) },
  }, async (req, reply) => {
    await deps.db.updateTable('users').set({ locale: req.body.locale }).where('id', '=', actorOf(req).userId).execute();
    return reply.status(204).send();
  });

  app.put('/auth/me/password', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '修改密码', body: z.object({ currentPassword: z.string(), newPassword: z.string().max(200) }) },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const user = await deps.db.selectFrom('users').select('password_hash').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(req.body.currentPassword, user.password_hash))) {
      throw new AppError('VALIDATION_FAILED', { currentPassword: '当前密码不正确' });
    }
    const problem = passwordProblem(req.body.newPassword);
    if (problem) throw new AppError('VALIDATION_FAILED', { newPassword: problem });
    const hash = await hashPassword(req.body.newPassword);
    await deps.db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ password_hash: hash, updated_at: ctx.now }).where('id', '=', ctx.actor.userId).execute();
      await deleteUserSessions(tx, ctx.actor.userId);
      await recordAudit(tx, ctx, { action: 'user.change_password', entityType: 'user', entityId: ctx.actor.userId });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
