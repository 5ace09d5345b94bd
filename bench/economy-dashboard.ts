/**
 * The economy screen's first view in the browser with 50,000 enterprises × 36 months loaded
 * (issue 9: "the dashboard's first screen under 1 s in the browser").
 *
 *   npx tsx bench/economy-dashboard.ts --url postgres://…/postgres [--n 50000] [--months 36] [--runs 5] [--keep] [--reuse]
 *
 * --keep leaves the scratch database behind; --reuse takes it as a --keep run left it (no making
 * of data and sums: ~2 min saved when two trees are compared in the same hour).
 *
 * Needs the built web UI (npm run build -w apps/web). Makes a scratch database
 * `zz_bench_dashboard` on that server (dropped at the end) with bench/lib/economy-data.ts and a
 * leader account, starts the real server on it (bench/lib/server.ts), signs in in Chromium
 * (playwright-core, Debian's /usr/bin/chromium as e2e/browser.ts) and opens /economy/dashboard
 * `runs` times, each a fresh navigation: the time from the navigation's start until the headline
 * figures (规上营业收入 with its growth) are on the screen, and the /api/economy/dashboard
 * request's own duration from the browser's resource timing. The first run is reported apart
 * (cold: the server's first statements, the browser's empty cache).
 *
 * Since run 26 the first screen comes from GET /api/economy/dashboard/headline, read from the
 * per-period sums (migration 0039); the data here is written straight into the tables, so the
 * sums are made once before the server starts, as the import's follow-up job does after an import
 * (timed and printed: "period sums"). Both requests' durations are printed.
 *
 * Since run 35 each run also prints where the time went, from the browser's navigation and resource
 * timing: the HTML, the js/css files fetched before the headline request (how many, their bytes
 * decoded / as sent / over the wire — 0 over the wire means from the cache), when the last of them
 * was in, when /api/auth/me and the headline request were sent and answered. After the warm runs
 * one more run opens the screen in a new browser profile with the same session: nothing cached,
 * a first visit ("empty cache"), not counted in the warm figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { openDatabase } from '../apps/server/src/db/database';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import { hashPassword } from '../apps/server/src/core/identity/password';
import { ECONOMY_ROLES } from '../apps/server/src/modules/economy/access';
import { makeEconomyData } from './lib/economy-data';
import { refreshPeriodSums } from '../apps/server/src/modules/economy/dashboard/period-sums.store';
import { startServer } from './lib/server';
import { printMachine } from './lib/machine';
import { parseArgs, r1, summarize } from './lib/stats';

/** Runs in the page when the headline is on screen: where the time went since the navigation's start. */
const MEASURE_IN_PAGE = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const byPath = (path) => resources.find((e) => new URL(e.name).pathname === path);
  const took = (e) => (e ? e.responseEnd - e.requestStart : NaN);
  const headline = byPath('/api/economy/dashboard/headline');
  const me = byPath('/api/auth/me');
  // what the browser fetched before the headline was asked for: the page's own start
  const before = resources.filter((e) => e.startTime < (headline ? headline.startTime : Infinity) && /\\.(js|css)$/.test(new URL(e.name).pathname));
  const sum = (k) => before.reduce((a, e) => a + e[k], 0);
  return {
    screen: performance.now() - nav.startTime,
    api: took(headline),
    full: took(byPath('/api/economy/dashboard')),
    html: nav.responseEnd - nav.startTime,
    scriptsLoaded: Math.max(0, ...before.map((e) => e.responseEnd)) - nav.startTime,
    scripts: before.length,
    bytesWire: sum('transferSize'),
    bytesEncoded: sum('encodedBodySize'),
    bytesDecoded: sum('decodedBodySize'),
    meSent: me ? me.startTime - nav.startTime : NaN,
    meDone: me ? me.responseEnd - nav.startTime : NaN,
    headlineSent: headline ? headline.startTime - nav.startTime : NaN,
    headlineDone: headline ? headline.responseEnd - nav.startTime : NaN,
  };
})()`;

type Measured = Record<'screen' | 'api' | 'full' | 'html' | 'scriptsLoaded' | 'scripts' | 'bytesWire' | 'bytesEncoded' | 'bytesDecoded' | 'meSent' | 'meDone' | 'headlineSent' | 'headlineDone', number>;

const args = parseArgs();
// --keep leaves the scratch database for the next run; --reuse takes it as it is (made by a run with --keep)
const KEEP = args.has('keep');
const REUSE = args.has('reuse');
const N = Number(args.get('n') ?? 50_000);
const MONTHS = Number(args.get('months') ?? 36);
const RUNS = Number(args.get('runs') ?? 5);
const base = args.get('url');
if (!base) throw new Error('--url postgres://…/postgres is required');
const machine = printMachine();
console.log(`command: npx tsx bench/economy-dashboard.ts ${process.argv.slice(2).map((a) => a.replace(/\/\/[^@]*@/, '//…@')).join(' ')}`);
console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);

const admin = await openDatabase({ databaseUrl: base, dataDir: null });
const exists = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = 'zz_bench_dashboard'`.execute(admin.db)).rows[0]!.n > 0;
if (!REUSE || !exists) {
  await sql`DROP DATABASE IF EXISTS zz_bench_dashboard`.execute(admin.db);
  await sql`CREATE DATABASE zz_bench_dashboard`.execute(admin.db);
}
await admin.close();
const fresh = !REUSE || !exists;
const url = base.replace(/\/[^/]*$/, '/zz_bench_dashboard');
const PASSWORD = 'Bench#Dashboard2026';
try {
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  await prepareDatabase(database, { demo: false });
  if (fresh) {
    const t0 = performance.now();
    await makeEconomyData(database.db, N, MONTHS);
    const rows = (await database.db.selectFrom('economy_figures').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    console.log(`${N} enterprises, ${rows} figure rows, made in ${Math.round(performance.now() - t0)} ms`);
    const t1 = performance.now();
    const summed = await refreshPeriodSums(database.db);
    const t2 = performance.now();
    const sumRows = (await database.db.selectFrom('economy_period_sums').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    console.log(`period sums: ${summed} periods summed in ${Math.round(t2 - t1)} ms (${Math.round((t2 - t1) / Math.max(summed, 1))} ms a period), ${sumRows} rows`);
    const role = ECONOMY_ROLES.economy_leader!;
    await database.db.insertInto('roles').values({ code: 'economy_leader', name: role.name, permissions: role.permissions }).onConflict((oc) => oc.doNothing()).execute();
    const user = await database.db.insertInto('users').values({ username: 'bench_leader', display_name: '基准领导', password_hash: await hashPassword(PASSWORD) }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_roles').values({ user_id: user.id, role_code: 'economy_leader' }).execute();
  } else console.log(`reusing zz_bench_dashboard (--reuse): ${(await database.db.selectFrom('economy_figures').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n} figure rows`);
  await database.close();

  const server = await startServer({ label: 'dashboard', entry: 'main', env: { DATABASE_URL: url, DEMO: 'false', LOGIN_RATE_LIMIT: '1000', LOG_LEVEL: 'warn' } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const firstPage = await context.newPage();
    context.setDefaultTimeout(120_000);
    await firstPage.goto(`${server.baseUrl}/login`);
    await firstPage.getByTestId('login-username').fill('bench_leader');
    await firstPage.getByTestId('login-password').fill(PASSWORD);
    await firstPage.getByTestId('login-submit').click();
    await firstPage.waitForURL((u) => !u.pathname.startsWith('/login'));
    const screen: number[] = [];
    const api: number[] = [];
    const full: number[] = [];
    const sent: number[] = [];
    const bundle: number[] = [];
    let cold: Measured | undefined;
    let empty: Measured | undefined;
    const kb = (b: number) => Math.round(b / 1024);
    let page = firstPage;
    for (let i = 0; i <= RUNS; i++) {
      // the last run: a new browser profile with the same session, so nothing is cached (a first visit)
      const emptyCache = i === RUNS;
      if (emptyCache) page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', storageState: await context.storageState() })).newPage();
      page.setDefaultTimeout(120_000);
      await page.goto(`${server.baseUrl}/economy/dashboard`, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="economy-revenue"]');
        return !!el && /同口径增速 [+-−]?\d/.test(el.textContent ?? '') && /\d/.test(el.querySelector('.ant-statistic-content')?.textContent ?? '');
      }, undefined, { polling: 'raf' });
      // a string, not a function: tsx would wrap the helpers' names in __name, which the page lacks
      const t = (await page.evaluate(MEASURE_IN_PAGE)) as Measured;
      // the rest of the page (months, groups) arrives after: wait for it too, so the next run starts clean
      await page.getByTestId('economy-trend').waitFor();
      const rest = await page.evaluate(() => {
        const req = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/economy/dashboard') as PerformanceResourceTiming | undefined;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { full: req ? req.responseEnd - req.requestStart : NaN, restOnScreen: performance.now() - nav.startTime };
      });
      t.full = rest.full;
      const headline = (await page.getByTestId('economy-revenue').innerText()).replace(/\s+/g, ' ');
      console.log(`${emptyCache ? 'empty cache' : `run ${i + 1}`}: headline on screen ${r1(t.screen)} ms (GET /api/economy/dashboard/headline ${r1(t.api)} ms; the rest: GET /api/economy/dashboard ${r1(t.full)} ms, months chart by ${r1(rest.restOnScreen)} ms) — ${headline}`);
      console.log(`  where the time went: html ${r1(t.html)} ms; ${t.scripts} js/css files before the headline request, ${kb(t.bytesDecoded)} kB (${kb(t.bytesEncoded)} kB as sent, ${kb(t.bytesWire)} kB over the wire with headers; 0 = from the cache), the last in by ${r1(t.scriptsLoaded)} ms; /api/auth/me sent at ${r1(t.meSent)}, answered ${r1(t.meDone)}; headline request sent at ${r1(t.headlineSent)}, answered ${r1(t.headlineDone)}; on screen ${r1(t.screen)}`);
      if (emptyCache) empty = t;
      else if (i > 0) { screen.push(t.screen); api.push(t.api); full.push(t.full); sent.push(t.headlineSent); bundle.push(t.bytesEncoded); }
      else cold = t;
    }
    const s = summarize(screen);
    const a = summarize(api);
    console.log(`warm runs (${screen.length}): headline on screen p50 ${r1(s.p50)} ms, max ${r1(Math.max(...screen))} ms; headline API p50 ${r1(a.p50)} ms; full API p50 ${r1(summarize(full).p50)} ms`);
    console.log(`warm runs: headline request sent p50 ${r1(summarize(sent).p50)} ms after the navigation's start; cold run: ${cold ? `${kb(cold.bytesDecoded)} kB of js/css (${kb(cold.bytesEncoded)} kB as sent) in ${cold.scripts} files before the headline request, sent at ${r1(cold.headlineSent)} ms` : '—'}`);
    if (empty) console.log(`empty cache (new profile, same session): headline on screen ${r1(empty.screen)} ms, ${kb(empty.bytesDecoded)} kB of js/css (${kb(empty.bytesEncoded)} kB as sent) in ${empty.scripts} files, headline request sent at ${r1(empty.headlineSent)} ms`);
    console.log(`server: ready in ${server.readyMs} ms, rss ${server.memory().rssMiB} MiB; load average at start ${machine.loadavgAtStart}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    fs.mkdirSync('/tmp/zz-bench/results', { recursive: true });
    fs.writeFileSync(`/tmp/zz-bench/results/economy-dashboard-${Date.now()}.json`, JSON.stringify({ machine, n: N, months: MONTHS, runs: RUNS, screen, api, sent, bundle, cold, empty }, null, 1));
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  if (!KEEP) {
    const a = await openDatabase({ databaseUrl: base, dataDir: null });
    await sql`DROP DATABASE IF EXISTS zz_bench_dashboard`.execute(a.db);
    await a.close();
  }
}
