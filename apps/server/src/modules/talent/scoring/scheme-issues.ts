import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SchemeIssue } from '../domain';
import { localeOf } from '../../../http/error-handler';

/**
 * A scheme (or facts) that cannot be accepted: 400 VALIDATION_FAILED like every other invalid
 * input, with `fields` (path → message in the user's language, as forms expect) and the full
 * `issues` list (path, code, zh, en) for the scheme editor.
 */
export class SchemeRejected extends Error {
  constructor(readonly issues: SchemeIssue[], readonly status = 400) {
    super(issues.map((i) => `${i.path || '(document)'}: ${i.en}`).join('; '));
    this.name = 'SchemeRejected';
  }
}

export function sendRejected(req: FastifyRequest, reply: FastifyReply, err: SchemeRejected) {
  const en = localeOf(req) === 'en-US';
  const fields: Record<string, string> = {};
  for (const i of err.issues) fields[i.path || '_'] ??= en ? i.en : i.zh;
  return reply.status(err.status).send({
    error: {
      code: err.status === 409 ? 'CONFLICT' : 'VALIDATION_FAILED',
      message: en ? 'The points scheme is not valid; see the listed problems' : '积分办法有误，请按所列位置修改',
      fields,
      issues: err.issues,
      requestId: req.id,
    },
  });
}

export const issue = (path: string, code: string, zh: string, en: string): SchemeIssue => ({ path, code, zh, en });
