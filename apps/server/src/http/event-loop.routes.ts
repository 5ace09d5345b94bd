import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * Benchmarks only (BENCH_EVENT_LOOP=1): the HTTP thread's event-loop delay, for bench/http-load.ts.
 * Read-only, outside /api and hidden from OpenAPI; without the variable the route does not exist.
 * Node records the time between timer ticks, so every value includes the 10 ms resolution; `?reset=1`
 * starts a new measurement window after answering.
 */
export function serveEventLoopDelay(app: FastifyInstance): void {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  app.get('/internal/event-loop', { schema: { hide: true } }, async (req) => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const body = {
      resolutionMs,
      count: histogram.count,
      min: ms(histogram.min),
      mean: ms(histogram.mean),
      p50: ms(histogram.percentile(50)),
      p90: ms(histogram.percentile(90)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    };
    if ((req.query as { reset?: string }).reset === '1') histogram.reset();
    return body;
  });
}
