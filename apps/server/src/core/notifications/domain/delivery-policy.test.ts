import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, errorText, OUTBOX_MAX_ATTEMPTS, RETRY_BASE_MS } from './delivery-policy';

const now = new Date('2026-05-11T02:00:00Z');

describe('afterFailedAttempt', () => {
  it('waits 30 s, 1, 2, 4 min after attempts 1–4 and gives up after the 5th', () => {
    const waits = [1, 2, 3, 4].map((n) => {
      const o = afterFailedAttempt(n, now);
      if (o.status !== 'queued') throw new Error(`attempt ${n} gave up`);
      return o.nextAttemptAt.getTime() - now.getTime();
    });
    expect(waits).toEqual([RETRY_BASE_MS, 2 * RETRY_BASE_MS, 4 * RETRY_BASE_MS, 8 * RETRY_BASE_MS]);
    expect(afterFailedAttempt(OUTBOX_MAX_ATTEMPTS, now)).toEqual({ status: 'failed' });
    expect(afterFailedAttempt(OUTBOX_MAX_ATTEMPTS + 3, now)).toEqual({ status: 'failed' });
  });

  it('follows a smaller limit when given one', () => {
    expect(afterFailedAttempt(1, now, 1)).toEqual({ status: 'failed' });
    expect(afterFailedAttempt(1, now, 2).status).toBe('queued');
  });
});

describe('errorText', () => {
  it('keeps the message of an error, short, without a stack', () => {
    expect(errorText(new Error('  网关返回 503  '))).toBe('网关返回 503');
    expect(errorText('timeout')).toBe('timeout');
    expect(errorText(new Error(''))).toBe('unknown error');
    expect(errorText(new Error('x'.repeat(2000)))).toHaveLength(500);
  });
});
