import { CompiledQuery, Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { EnterpriseListQuery } from '@zhizhi/contracts';
import type { DB } from '../../apps/server/src/db/schema';
import { sharedParsers } from '../../apps/server/src/db/type-parsers';
import { listEnterprises } from '../../apps/server/src/core/enterprises/enterprise.repo';
import { getEnterpriseFile } from '../../apps/server/src/core/enterprises/enterprise.service';
import { loadUserActor } from '../../apps/server/src/core/identity/sessions';
import { DEMO_COUNTY } from '../../apps/server/src/db/seed/demo-county';
import { openPgliteInThread } from '../baseline/pglite-inthread';

export interface WhatIf {
  name: string;
  /** DDL run first inside the same transaction, rolled back afterwards (e.g. a candidate index). */
  setup?: string[];
  /** Rewrites a captured statement; return null when the what-if does not apply to it. */
  rewrite?: (sql: string) => string | null;
}

export interface ExplainCase {
  name: string;
  /** The query string of GET /api/enterprises, or an enterprise id for GET /api/enterprises/:id. */
  query?: Record<string, string>;
  fileOfFirstListed?: boolean;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the very statements the routes run: the project's own
 * listEnterprises / getEnterpriseFile are called with Kysely's query log on, and every captured
 * statement is explained with its parameters (so the plan is the custom plan the server gets).
 */
export async function explainCases(target: { databaseUrl: string } | { dataDir: string }, cases: ExplainCase[]): Promise<string> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const log = (e: LogEvent) => {
    if (e.level === 'query' && !/^EXPLAIN/i.test(e.query.sql)) captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  };
  const { db, close } = await openTarget(target, log);
  const out: string[] = [];
  try {
    const version = await db.executeQuery<{ version: string }>(CompiledQuery.raw('SELECT version()'));
    out.push(`-- ${version.rows[0]?.version}`);
    const officer = await db.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow();
    const actor = (await loadUserActor(db, officer.id))!;
    for (const c of cases) {
      captured.length = 0;
      const query = EnterpriseListQuery.parse(c.query ?? {});
      const page = await listEnterprises(db, actor, query);
      if (c.fileOfFirstListed) {
        captured.length = 0;
        const id = page.items[0]!.id;
        await getEnterpriseFile({ db, actor, requestId: 'explain', ip: '127.0.0.1', now: new Date(), countyCode: DEMO_COUNTY }, id);
      }
      out.push('', `==== ${c.name} ====`, c.fileOfFirstListed ? 'GET /api/enterprises/:id' : `GET /api/enterprises?${new URLSearchParams(c.query).toString()}  → total ${page.total}${page.totalEstimated ? '+' : ''}`);
      for (const q of [...captured]) {
        out.push('', `-- ${q.sql}`, `-- parameters: ${JSON.stringify(q.parameters)}`);
        const plan = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]));
        for (const row of plan.rows) out.push(String(Object.values(row)[0]));
      }
    }
  } finally {
    await close();
  }
  return out.join('\n');
}

const ROLLBACK = new Error('rollback');

/**
 * Median execution time (EXPLAIN ANALYZE's "Execution Time", `runs` times) of every statement of
 * each case, as the server runs it and under each what-if; DDL of a what-if is rolled back.
 * Returns a Markdown table and the plans of the what-ifs.
 */
export async function compareWhatIfs(
  target: { databaseUrl: string } | { dataDir: string },
  cases: ExplainCase[],
  whatIfs: WhatIf[],
  runs = 5,
): Promise<{ table: string; plans: string }> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const log = (e: LogEvent) => {
    if (e.level === 'query' && !/^(EXPLAIN|BEGIN|COMMIT|ROLLBACK|CREATE|SET)/i.test(e.query.sql)) captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  };
  const { db, close } = await openTarget(target, log);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows: string[] = [
    row(['case', 'statement', 'as the server runs it, ms', ...whatIfs.map((w) => `${w.name}, ms (ratio)`)]),
    row(['case', 'statement', 'ms', ...whatIfs.map(() => '')].map(() => '---')),
  ];
  const plans: string[] = [];
  const time = async (sqlText: string, params: readonly unknown[], setup: string[] = []) => {
    const times: number[] = [];
    let plan = '';
    try {
      await db.transaction().execute(async (tx) => {
        for (const ddl of setup) await tx.executeQuery(CompiledQuery.raw(ddl));
        if (setup.length) await tx.executeQuery(CompiledQuery.raw('ANALYZE enterprises'));
        for (let i = 0; i < runs; i++) {
          const r = await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sqlText}`, [...params]));
          const lines = r.rows.map((row) => String(Object.values(row)[0]));
          times.push(Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? NaN));
          if (i === 0) plan = lines.join('\n');
        }
        throw ROLLBACK;
      });
    } catch (err) {
      if (err !== ROLLBACK) throw err;
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)]!, plan };
  };
  try {
    const officer = await db.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow();
    const actor = (await loadUserActor(db, officer.id))!;
    for (const c of cases) {
      captured.length = 0;
      const page = await listEnterprises(db, actor, EnterpriseListQuery.parse(c.query ?? {}));
      if (c.fileOfFirstListed) {
        captured.length = 0;
        await getEnterpriseFile({ db, actor, requestId: 'explain', ip: '127.0.0.1', now: new Date(), countyCode: DEMO_COUNTY }, page.items[0]!.id);
      }
      for (const q of [...captured]) {
        const kind = /^select count/.test(q.sql) ? 'count' : /^select \*/.test(q.sql) ? q.sql.slice(0, 40) : 'page of rows';
        const base = await time(q.sql, q.parameters);
        const cells: string[] = [];
        for (const w of whatIfs) {
          const rewritten = w.rewrite ? w.rewrite(q.sql) : q.sql;
          if (rewritten === null || (rewritten === q.sql && !w.setup)) {
            cells.push('–');
            continue;
          }
          const alt = await time(rewritten, q.parameters, w.setup);
          cells.push(`${alt.ms.toFixed(2)} (${(alt.ms / base.ms).toFixed(2)})`);
          plans.push('', `==== ${c.name} / ${kind} / what-if: ${w.name} ====`, ...(w.setup ?? []).map((d) => `-- ${d}`), `-- ${rewritten}`, alt.plan);
        }
        rows.push(row([c.name, kind, base.ms.toFixed(2), ...cells]));
      }
    }
  } finally {
    await close();
  }
  return { table: rows.join('\n'), plans: plans.join('\n') };
}

/** Kysely on the benchmark's database, with the query log on: PostgreSQL through pg, or PGlite in this thread. */
async function openTarget(target: { databaseUrl: string } | { dataDir: string }, log: (e: LogEvent) => void): Promise<{ db: Kysely<DB>; close: () => Promise<void> }> {
  if ('databaseUrl' in target) {
    const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => sharedParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text') };
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2, types: types as pg.CustomTypesConfig });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    return { db, close: () => db.destroy() };
  }
  const database = await openPgliteInThread(target.dataDir, { log });
  return { db: database.db, close: () => database.close() };
}
