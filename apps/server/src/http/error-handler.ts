import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CATALOG, type ErrorBody, type ErrorCode } from '@zhizhi/contracts';
import { AppError } from './app-error';

/**
 * Maps every failure to the one error body, with the status from the catalog and the message in
 * the user's language. No stack trace or driver message ever reaches a client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return send(req, reply, err.code, err.fields, err.userMessage);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
        fields[path] ??= issue.message ?? 'invalid';
      }
      return send(req, reply, 'VALIDATION_FAILED', fields);
    }
    if (INPUT_ENCODING_ERRORS.has(String((err as { code?: unknown }).code))) {
      // e.g. a NUL character in a text field: PostgreSQL refuses it; it is the client's input.
      return send(req, reply, 'VALIDATION_FAILED', { _: '输入中含有不允许的字符' });
    }
    if (err.statusCode === 429) return send(req, reply, 'RATE_LIMITED');
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) return send(req, reply, 'FILE_TOO_LARGE');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, wrong content type and the like: the client's mistake, reported plainly.
      return send(req, reply, 'VALIDATION_FAILED', { _: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => send(req, reply, 'NOT_FOUND'));
}

/** SQLSTATEs for text the database cannot store (22021 invalid byte sequence, 22P05 untranslatable). */
const INPUT_ENCODING_ERRORS = new Set(['22021', '22P05']);

export function localeOf(req: FastifyRequest): 'zh-CN' | 'en-US' {
  const header = req.headers['x-locale'] ?? req.headers['accept-language'];
  if (typeof header === 'string' && header.toLowerCase().startsWith('en')) return 'en-US';
  return req.actor?.locale ?? 'zh-CN';
}

function send(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, fields?: Record<string, string>, message?: { zh: string; en: string }) {
  const entry = message ?? ERROR_CATALOG[code];
  const body: ErrorBody = {
    error: { code, message: localeOf(req) === 'en-US' ? entry.en : entry.zh, fields, requestId: req.id },
  };
  return reply.status(ERROR_CATALOG[code].status).send(body);
}
