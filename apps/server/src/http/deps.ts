import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import type { JobRunner } from '../core/jobs/job-runner';
import type { Ctx } from '../core/context';
import type { Notifier } from '../core/notifications/notifier';
import type { CalendarHolder } from '../core/reference/workday-calendar';
import { actorOf, type DeclaredRoute } from './access';

/** What route plugins are given: built once in app.ts, never imported as globals. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  jobs: JobRunner;
  notifier: Notifier;
  now: () => Date;
  /** The working-day calendar (package data + years entered by an administrator): `calendar.get()`. */
  calendar: CalendarHolder;
  /** Every /api route with the access it declares (filled while the app is built). */
  routes: DeclaredRoute[];
}

export const withZod = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
export type ZodApp = ReturnType<typeof withZod>;
/** A file of routes: registers its routes on the app, with the dependencies it needs. */
export type Routes = (app: ZodApp, deps: AppDeps) => void;

/** The use-case context of a request that is not public. */
export function ctxOf(req: FastifyRequest, deps: AppDeps): Ctx {
  return { db: deps.db, actor: actorOf(req), requestId: req.id, ip: req.ip, now: deps.now(), countyCode: deps.config.COUNTY_CODE };
}
