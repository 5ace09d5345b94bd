import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './deps';
import { migrationsComplete } from '../db/migrate';

/** Liveness (the process answers) and readiness (database reachable, migrations applied). */
export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      if (!(await migrationsComplete(deps.database))) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}
