import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf, type AppDeps, type Routes } from '../../../http/deps';
import { createKey, listKeys, Open311KeyCreated, Open311KeyInput, Open311KeyView, revokeKey } from './open311-keys';
import { errorBody, OPEN311_CHANGESET, OPEN311_SPEC, Open311Error, parseForm, stripFormat } from './open311-format';
import { checkJurisdiction, getRequest, getRequests, MultiError, postRequest, serviceDefinition, serviceList, type Open311Deps } from './open311.service';

/** Where the Open311 endpoint lives (under /api, so the gate sees every route declare its access). */
export const OPEN311_PREFIX = '/open311/v2';
const TAG = ['open311'];

/**
 * Open311 GeoReport v2 (JSON): /api/open311/v2/… Reads are public and carry no personal data;
 * POST requests needs an api_key (open311-keys.ts). Errors are the spec's `[{ code, description }]`
 * with 400 / 403 / 404, from this scope's own error and not-found handlers. docs/service/OPEN311.md.
 */
export const open311Routes: Routes = (app, deps) => {
  const o311: Open311Deps = { db: deps.db, calendar: () => deps.calendar.get(), now: deps.now, jurisdiction: deps.config.COUNTY_CODE };
  const args = (req: FastifyRequest) => ({ ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown> | undefined) ?? {}) });
  const json = (reply: FastifyReply, body: unknown, status = 200) => reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));

  void app.register(async (scope) => {
    // The spec's POST body is application/x-www-form-urlencoded; JSON is accepted too.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, parseForm(String(body)));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    scope.setErrorHandler((err: Error, req, reply) => {
      if (err instanceof MultiError) return json(reply, err.errors.map((e) => errorBody(e)[0]), 400);
      if (err instanceof Open311Error) return json(reply, errorBody(err), err.status);
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 429) return json(reply, [{ code: 429, description: 'too many requests: try again in a minute' }], 429);
      if (status && status >= 400 && status < 500) return json(reply, [{ code: 400, description: err.message }], 400);
      req.log.error({ err }, 'open311: unhandled error');
      return json(reply, [{ code: 400, description: 'general service error: the request could not be processed' }], 400);
    });
    const notFound = (req: FastifyRequest, reply: FastifyReply) => {
      const path = req.url.split('?')[0]!;
      if (path.endsWith('.xml')) return json(reply, [{ code: 400, description: 'XML is not offered by this server: use the .json format (see discovery.json)' }], 400);
      return json(reply, [{ code: 404, description: `no such resource: ${req.method} ${path}` }], 404);
    };
    scope.setNotFoundHandler(notFound);
    // The web's catch-all GET /* (app.ts serveWeb) would otherwise answer unknown GETs with the
    // platform's error body: below this prefix, unknown GETs one or two segments deep are the spec's
    // error instead; other methods reach the not-found handler above.
    scope.get('/:file', { config: { access: 'public' }, schema: { tags: TAG, summary: 'Open311: any other resource (404, or 400 for .xml) in the spec\'s error format' } }, notFound);
    scope.get('/:dir/:file', { config: { access: 'public' }, schema: { tags: TAG, summary: 'Open311: any other resource (404, or 400 for .xml) in the spec\'s error format' } }, notFound);

    const pub = { access: 'public' as const };
    const hide = { tags: TAG };

    scope.get('/discovery.json', { config: pub, schema: { ...hide, summary: 'Open311 service discovery (JSON only)' } }, (req, reply) => {
      const url = `${req.protocol}://${req.host}/api${OPEN311_PREFIX}`;
      return json(reply, {
        changeset: OPEN311_CHANGESET,
        contact: '亲企办（县企业综合服务中心）· 智治平台 Zhizhi: the county\'s enterprise service office',
        key_service: 'API keys for POST requests are issued by the 亲企办 administrator (智治: 亲企办设置 → Open311 密钥, /api/service/open311-keys).',
        endpoints: [{ specification: OPEN311_SPEC, url, changeset: OPEN311_CHANGESET, type: 'production', formats: ['application/json'] }],
      });
    });

    scope.get('/services.json', { config: pub, schema: { ...hide, summary: 'Open311 GET service list: the active request categories' } }, async (req, reply) => {
      checkJurisdiction(o311, args(req));
      return json(reply, await serviceList(o311));
    });

    scope.get('/services/:file', { config: pub, schema: { ...hide, summary: 'Open311 GET service definition (/services/{service_code}.json)' } }, async (req, reply) => {
      const code = stripFormat((req.params as { file: string }).file);
      checkJurisdiction(o311, args(req));
      return json(reply, await serviceDefinition(o311, code));
    });

    scope.post('/requests.json', {
      config: { ...pub, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { ...hide, summary: 'Open311 POST service request (api_key required; application/x-www-form-urlencoded)' },
    }, async (req, reply) => json(reply, await postRequest(o311, args(req), { requestId: req.id, ip: req.ip })));

    scope.get('/requests.json', { config: pub, schema: { ...hide, summary: 'Open311 GET service requests (service_request_id, service_code, start_date, end_date, status)' } }, async (req, reply) =>
      json(reply, await getRequests(o311, args(req))));

    scope.get('/requests/:file', { config: pub, schema: { ...hide, summary: 'Open311 GET service request (/requests/{service_request_id}.json)' } }, async (req, reply) => {
      const id = stripFormat((req.params as { file: string }).file);
      return json(reply, await getRequest(o311, id, args(req)));
    });

    scope.get('/tokens/:file', { config: pub, schema: { ...hide, summary: 'Open311 GET service_request_id from a token (every service is realtime: no token is ever issued)' } }, async (req, reply) => {
      const token = stripFormat((req.params as { file: string }).file);
      checkJurisdiction(o311, args(req));
      throw new Open311Error(404, `token not found: ${token} (every service here is realtime: POST answers with the service_request_id and issues no tokens)`);
      return reply;
    });
  }, { prefix: OPEN311_PREFIX });
};

const IdParams = z.object({ id: z.uuid() });

/** The administrator's side: /api/service/open311-keys (service.configure), audited. */
export const open311KeyRoutes: Routes = (app, deps: AppDeps) => {
  app.get('/service/open311-keys', {
    config: { access: 'service.configure' },
    schema: { tags: ['service'], summary: 'Open311 API 密钥（只显示前缀）', response: { 200: z.array(Open311KeyView) } },
  }, () => listKeys(deps.db));

  app.post('/service/open311-keys', {
    config: { access: 'service.configure' },
    schema: { tags: ['service'], summary: '新建 Open311 API 密钥（密钥只在此时显示一次；留痕）', body: Open311KeyInput, response: { 201: Open311KeyCreated } },
  }, async (req, reply) => reply.status(201).send(await createKey(ctxOf(req, deps), req.body.name)));

  app.post('/service/open311-keys/:id/revoke', {
    config: { access: 'service.configure' },
    schema: { tags: ['service'], summary: '吊销 Open311 API 密钥（留痕）', params: IdParams, response: { 200: Open311KeyView } },
  }, (req) => revokeKey(ctxOf(req, deps), req.params.id));
};
