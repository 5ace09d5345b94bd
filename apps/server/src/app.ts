import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/database';
import { accessPlugin } from './http/access';
import { installErrorHandler } from './http/error-handler';
import { healthRoutes } from './http/health.routes';
import { withZod, type AppDeps, type Routes } from './http/deps';
import { JobRunner } from './core/jobs/job-runner';
import { LogOnlyAdapter, Notifier, type OutboundAdapter } from './core/notifications/notifier';
import { registerPermissions } from './core/roles/permission-catalog';
import { authRoutes } from './core/identity/auth.routes';
import { enterpriseRoutes } from './core/enterprises/enterprise.routes';
import { enterpriseImportRoutes } from './core/enterprises/import/import.routes';
import { importEnterprisesJob } from './core/enterprises/import/import-enterprises';
import { importRoutes } from './core/imports/import.routes';
import { jobRoutes } from './core/jobs/job.routes';
import { parkRoutes } from './core/parks/park.routes';
import { userRoutes } from './core/users/user.routes';
import { roleRoutes } from './core/roles/role.routes';
import { departmentRoutes } from './core/departments/department.routes';
import { auditRoutes } from './core/audit/audit.routes';
import { referenceRoutes } from './core/reference/reference.routes';
import { CalendarHolder, calendarCoverageWarnings } from './core/reference/workday-calendar';
import { localYearOf } from './core/reference/domain/workday';
import { notificationRoutes } from './core/notifications/notification.routes';
import { outboxRoutes } from './core/notifications/outbox.routes';
import { deliverOutboxJob } from './core/notifications/deliver-outbox';
import { OUTBOX_JOB } from './core/notifications/outbox';
import { MODULES } from './modules';
import { srcPath } from './src-path';

const CORE_ROUTES: Routes[] = [
  authRoutes, enterpriseRoutes, enterpriseImportRoutes, importRoutes, jobRoutes, parkRoutes,
  userRoutes, roleRoutes, departmentRoutes, auditRoutes, referenceRoutes, notificationRoutes, outboxRoutes,
];

/** Personal data and secrets never reach the logs. */
const REDACT = [
  'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
  '*.password', '*.newPassword', '*.currentPassword', '*.phone', '*.idNumber', '*.email',
];

export interface BuildOptions {
  config: Config;
  database: Database;
  now?: () => Date;
  outbound?: OutboundAdapter;
  /** Log destination (tests pass a stream to read what was logged). */
  logStream?: NodeJS.WritableStream;
}

// Validation messages in Chinese, the platform's first language.
z.config(z.locales.zhCN());

export async function buildApp(opts: BuildOptions): Promise<{ app: FastifyInstance; deps: AppDeps }> {
  const { config } = opts;
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACT, censor: '[redacted]' },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // A hop count trusts that many proxies nearest to us (what proxy-addr does with a number).
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const now = opts.now ?? (() => new Date());
  const jobs = new JobRunner(opts.database.db, app.log, now);
  // The working-day calendar: loaded now, reloaded on a change (see workday-calendar.ts).
  const calendar = await CalendarHolder.load(opts.database.db);
  for (const w of calendarCoverageWarnings(calendar.get(), localYearOf(now()))) app.log.warn({ calendarYear: w.year }, w.message);
  const stopCalendarPolling = calendar.startPolling(app.log);
  app.addHook('onClose', async () => stopCalendarPolling());
  const notifier = new Notifier(opts.outbound ?? new LogOnlyAdapter(app.log), now);
  jobs.useNotifier(notifier);
  const deps: AppDeps = {
    config,
    database: opts.database,
    db: opts.database.db,
    jobs,
    notifier,
    now,
    calendar,
    routes: [],
  };

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its styles at run time; swagger-ui needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '智治 Zhizhi API', version: '0.1.0', description: '县域企业服务与监管平台' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zz_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  installErrorHandler(app);
  healthRoutes(app, deps);

  for (const m of MODULES) {
    if (m.permissions) registerPermissions(m.permissions);
    for (const [kind, handler] of Object.entries(m.jobs ?? {})) jobs.register(kind, handler);
  }
  jobs.register('import.enterprises', importEnterprisesJob);
  jobs.register(OUTBOX_JOB, deliverOutboxJob);

  await app.register(
    async (api) => {
      await api.register(accessPlugin, { db: deps.db, now, declared: deps.routes });
      const zapi = withZod(api);
      for (const routes of CORE_ROUTES) routes(zapi, deps);
      for (const m of MODULES) for (const routes of m.routes) routes(zapi, deps);
    },
    { prefix: '/api' },
  );

  await serveWeb(app, config);
  return { app, deps };
}

function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

/**
 * The built web UI, with client-side routes answered by index.html. The build writes a brotli and
 * a gzip copy beside every text file (apps/web/precompress.ts); the browser gets the one it
 * accepts. Files under assets/ carry a hash of their content in their name, so they never change:
 * cached for a year without asking again. index.html names the current ones, so it is asked for
 * again on every visit (`no-cache`: kept, but revalidated) — a new release shows at once.
 */
async function serveWeb(app: FastifyInstance, config: Config): Promise<void> {
  const dist = path.resolve(config.WEB_DIST ?? srcPath('../../web/dist'));
  if (!fs.existsSync(path.join(dist, 'index.html'))) return;
  const assets = path.join(dist, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    // '/' goes to the route below like every client route: the plugin's own index handling with
    // preCompressed answers 404 when index.html has no compressed copy beside it
    index: false,
    preCompressed: true,
    setHeaders: (res, file) => {
      res.header('cache-control', file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
