import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, parsed and checked once at start-up. Nothing else in the server reads
 * process.env: everything it needs arrives through this object.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Data directory of the embedded database (PGlite), used when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('data'),
  /** postgres://… — when set, a real PostgreSQL ≥ 15 is used instead of PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** Load the demo county into an empty database at start-up. */
  DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** The county or district this installation serves (GB/T 2260 code); demo: 余杭区. */
  COUNTY_CODE: z.string().regex(/^\d{6}$/).default('330110'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session lifetime in hours. */
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Set behind HTTPS so that cookies carry the Secure flag. */
  COOKIE_SECURE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Login attempts allowed per IP address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Directory of the built web UI; served at / when it exists. */
  WEB_DIST: z.string().optional(),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), for rate limits and
   * the audit log: 'false' (default: none), a hop count ('1' behind one load balancer), or a
   * comma-separated list of proxy addresses. Never 'true' on a server the internet can reach.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] =>
      v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim())),
  /** Run background jobs in this process (turn off on API-only replicas). */
  JOBS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Largest uploaded file (evidence, attachments) in megabytes; core/files. */
  FILE_MAX_MB: z.coerce.number().positive().max(25).default(10),
  /** The kinds of file an upload may be, by content: a comma-separated subset of pdf, png, jpeg. */
  FILE_TYPES: z
    .string()
    .default('pdf,png,jpeg')
    .transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.enum(['pdf', 'png', 'jpeg'])).min(1)),
  /**
   * Medical fund claims store (modules/medfund/claims): 'duckdb' (default, an embedded file) or
   * 'postgres' (schema medfund in CLAIMS_DATABASE_URL, default DATABASE_URL). docs/medfund/DATA.md.
   */
  CLAIMS_STORE: z.enum(['duckdb', 'postgres']).default('duckdb'),
  CLAIMS_DATABASE_URL: z.string().url().optional(),
  /** The DuckDB file; default DATA_DIR/medfund/claims.duckdb (':memory:' under NODE_ENV=test). */
  CLAIMS_DUCKDB_PATH: z.string().optional(),
  /** DuckDB's memory limit for claims work (imports spill to disk beyond it). */
  CLAIMS_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*(MB|GB)$/i).default('1GB'),
  /**
   * DuckDB's memory limit while a full screening run holds its netted snapshot of the claims
   * (rules/screening/full-claims.ts; CLAIMS_MEMORY_LIMIT again after the run). At 10 M fee lines the
   * snapshot stays in memory at 4 GB (the year in 31.6 s); at 1 GB it spills (52.6 s; bench/RESULTS.md run 39).
   */
  CLAIMS_SCREENING_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*(MB|GB)$/i).default('4GB'),
  /** Largest claims file an upload may be, in megabytes (the CLI reads files of any size). */
  MEDFUND_UPLOAD_MAX_MB: z.coerce.number().positive().default(2048),
  /**
   * The demo's generated claims year is screened once loaded (and its warnings rolled up), so the
   * demo shows findings and warnings. API tests turn it off (test/test-app.ts) unless they need it.
   */
  MEDFUND_DEMO_SCREENING: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Benchmarks only (bench/): serve the event-loop delay at GET /internal/event-loop. Off by default. */
  BENCH_EVENT_LOOP: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type Config = z.infer<typeof EnvSchema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
