import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import '@fastify/cookie';
import type { Permission } from '@zhizhi/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { can, type Actor } from '../core/identity/actor';
import { SESSION_COOKIE, loadActor } from '../core/identity/sessions';
import { AppError } from './app-error';

/**
 * The policy gate every route goes through. Each /api route declares `config.access`:
 * 'public', 'authenticated', or the permission it needs; a route without one fails at start-up,
 * so none can be forgotten. Scope (which enterprise, department or street) is checked by the
 * services, which filter every query by the actor's scope.
 */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    hadSessionCookie: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export const accessPlugin = fp(async (app: FastifyInstance, opts: { db: Kysely<DB>; now: () => Date; declared: DeclaredRoute[] }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('hadSessionCookie', false);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') opts.declared.push({ method, url: route.url, access: route.config.access });
    }
  });

  // Before the body is parsed or validated: a stranger learns nothing, not even which fields exist.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.hadSessionCookie = true;
      req.actor = await loadActor(opts.db, token, opts.now());
    }
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const actor = req.actor;
    if (!actor) throw new AppError(req.hadSessionCookie ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID');
    }
    if (access !== 'authenticated' && !can(actor, access)) throw new AppError('FORBIDDEN');
  });
});

/** The actor of a route that is not public (the gate has already turned the anonymous away). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
