import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { ActorCache } from './actor-cache';

const actor = (sessionId: string): Actor => ({
  userId: 'u1', username: 'officer', displayName: '张科员', roles: ['officer'], permissions: new Set(['enterprise.read']),
  scope: { enterpriseId: null, departmentId: null, divisionCode: null }, sessionId, csrfToken: 'c', locale: 'zh-CN',
});
const NOW = new Date('2026-11-29T12:00:00Z');
const LATER = new Date('2026-11-29T13:00:00Z');

describe('ActorCache', () => {
  it('remembers an actor for its TTL only', () => {
    let t = 0;
    const cache = new ActorCache(5_000, 100, () => t);
    cache.set(cache.begin(), actor('s1'), LATER);
    expect(cache.get('s1', NOW)?.username).toBe('officer');
    t = 4_999;
    expect(cache.get('s1', NOW)).toBeDefined();
    t = 5_000;
    expect(cache.get('s1', NOW)).toBeUndefined();
  });

  it('never past the session’s own expiry', () => {
    const cache = new ActorCache(5_000, 100, () => 0);
    cache.set(cache.begin(), actor('s1'), new Date(NOW.getTime() + 1));
    expect(cache.get('s1', NOW)).toBeDefined();
    expect(cache.get('s1', new Date(NOW.getTime() + 1))).toBeUndefined();
  });

  it('forgets everything on clear, and does not keep a lookup that started before it', () => {
    const cache = new ActorCache(5_000, 100, () => 0);
    cache.set(cache.begin(), actor('s1'), LATER);
    const started = cache.begin(); // a lookup of s2 is running...
    cache.clear(); // ...when a write ends
    cache.set(started, actor('s2'), LATER);
    expect(cache.get('s1', NOW)).toBeUndefined();
    expect(cache.get('s2', NOW)).toBeUndefined();
    cache.set(cache.begin(), actor('s2'), LATER);
    expect(cache.get('s2', NOW)).toBeDefined();
  });

  it('stays small, keeps nothing with a TTL of 0, and hands out frozen actors', () => {
    const cache = new ActorCache(5_000, 2, () => 0);
    for (const s of ['a', 'b', 'c']) cache.set(cache.begin(), actor(s), LATER);
    expect(cache.size).toBeLessThanOrEqual(2);
    expect(Object.isFrozen(cache.get('c', NOW))).toBe(true);
    expect(Object.isFrozen(cache.get('c', NOW)!.roles)).toBe(true);
    const off = new ActorCache(0);
    off.set(off.begin(), actor('s1'), LATER);
    expect(off.get('s1', NOW)).toBeUndefined();
  });
});
