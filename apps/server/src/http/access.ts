import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import '@fastify/cookie';
import type { Permission } from '@zhizhi/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { can, type Actor } from '../core/identity/actor';
import { SESSION_COOKIE, hashToken, loadSession } from '../core/identity/sessions';
import { ActorCache } from '../core/identity/actor-cache';
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

/** How long a session's actor is remembered in this process (ActorCache; docs/SCALING.md). */
export const ACTOR_CACHE_MS = 5_000;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export const accessPlugin = fp(async (app: FastifyInstance, opts: { db: Kysely<DB>; now: () => Date; declared: DeclaredRoute[]; actorCacheMs?: number }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('hadSessionCookie', false);
  const actors = new ActorCache(opts.actorCacheMs ?? ACTOR_CACHE_MS);

  async function actorOfToken(token: string, now: Date): Promise<Actor | null> {
    const sessionId = hashToken(token);
    const cached = actors.get(sessionId, now);
    if (cached) return cached;
    const started = actors.begin();
    const found = await loadSession(opts.db, sessionId, now);
    if (!found) return null;
    actors.set(started, found.actor, found.expiresAt);
    return found.actor;
  }

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
      req.actor = await actorOfToken(token, opts.now());
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

  // A write may have changed who someone is (logout, password, roles, lock): forget every cached
  // actor before its answer leaves, whatever the answer, so the next request looks again.
  // onResponse and onRequestAbort too, for a write whose reply was never sent.
  const forgetAfterWrite = async (req: FastifyRequest) => {
    if (!SAFE_METHODS.has(req.method)) actors.clear();
  };
  app.addHook('onSend', forgetAfterWrite);
  app.addHook('onResponse', forgetAfterWrite);
  app.addHook('onRequestAbort', forgetAfterWrite);
});

/** The actor of a route that is not public (the gate has already turned the anonymous away). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
