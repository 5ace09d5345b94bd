import http from 'node:http';
import autocannon from 'autocannon';
import { sleep, summarize } from './stats';

const TIMEOUT_MS = 10_000;

export interface Target {
  /** Paths to request, taken in turn (one path = the same request every time). */
  paths: readonly string[];
  headers: Record<string, string>;
  /** GET when absent. With POST, `bodies` are sent in turn (JSON), one per request. */
  method?: 'GET' | 'POST';
  bodies?: readonly string[];
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Answers with a 2xx status (for writes: how many were created). */
  ok: number;
}

/**
 * Saturation: `connections` clients back to back (each sends its next request when the previous
 * answer arrives) for `seconds`. autocannon, in this process, i.e. not in the server's process.
 */
export async function saturate(baseUrl: string, target: Target, connections: number, seconds: number): Promise<LoadResult> {
  let i = 0;
  const bodies = target.bodies;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    headers: target.headers,
    requests: [{
      method: target.method ?? 'GET',
      setupRequest: (req) => {
        const k = i++;
        return { ...req, path: target.paths[k % target.paths.length], ...(bodies ? { body: bodies[k % bodies.length] } : {}) };
      },
    }],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok: result['2xx'],
  };
}

/**
 * Open loop: request k is due at start + k/rate, whatever happened to earlier ones (no
 * coordinated omission), and its latency is counted from that due time to the last byte of the
 * answer, so a late send counts against the server too. Connections are opened as needed (keep-
 * alive, up to 256). Bounded: rate × seconds requests, each abandoned after 10 s (counted as an error,
 * and as a latency of 10 s in the percentiles).
 */
export async function openLoop(baseUrl: string, target: Target, rate: number, seconds: number): Promise<LoadResult & { lateSendP99: number }> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const lateness: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let done = 0;
  const start = performance.now() + 20;

  await new Promise<void>((resolveAll) => {
    const finish = () => {
      if (++done === total) resolveAll();
    };
    const send = (k: number) => {
      const due = start + (k * 1000) / rate;
      lateness.push(performance.now() - due);
      const req = http.request(
        { host: url.hostname, port: url.port, path: target.paths[k % target.paths.length], method: 'GET', headers: target.headers, agent, timeout: TIMEOUT_MS },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
            latencies.push(performance.now() - due);
            finish();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        latencies.push(TIMEOUT_MS); // a failed request counts as "at least 10 s" in the percentiles
        finish();
      });
      req.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / rate - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  agent.destroy();
  const s = summarize(latencies);
  return {
    requests: total,
    rps: total / seconds,
    p50: s.p50,
    p90: s.p90,
    p99: s.p99,
    max: s.max,
    errors,
    non2xx,
    ok: total - errors - non2xx,
    lateSendP99: summarize(lateness).p99,
  };
}

/**
 * Waits until the server has worked off what an earlier phase left queued (a client that gives up
 * does not cancel the server's work): /readyz runs a query, so it answers fast only when the
 * database queue is empty. Two answers under 100 ms in a row, or give up after `maxMs`.
 */
export async function drain(baseUrl: string, maxMs = 300_000): Promise<number> {
  const t0 = performance.now();
  let fast = 0;
  while (performance.now() - t0 < maxMs) {
    const t = performance.now();
    try {
      const r = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(30_000) });
      await r.arrayBuffer();
      fast = performance.now() - t < 100 ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
    if (fast >= 2) return performance.now() - t0;
    await sleep(200);
  }
  throw new Error(`server still busy after ${maxMs} ms`);
}
