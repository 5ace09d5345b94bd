import type { Actor } from './actor';

/**
 * A short in-process memory of session → actor, so that a burst of reads by one user does not
 * look the session up again on every request (on PGlite that lookup was the most expensive
 * statement of a list request: ~6-9 ms, mostly planning; bench/RESULTS.md, run 6).
 *
 * Freshness rules, kept deliberately blunt:
 * - an entry lives `ttlMs` at most, and never past its session's own expiry;
 * - every write request handled by this process (any method but GET/HEAD/OPTIONS: logout, a
 *   password change, a role edit, a lock, a failed login...) empties the cache before its
 *   response is sent, so the change holds from this process's very next request;
 * - a lookup that was already running when the cache was emptied is used for its own request
 *   but not remembered (the generation check), so it cannot put a pre-write actor back.
 * Another process sharing the database only sees such a change when its own entry expires:
 * at most `ttlMs` later (docs/SCALING.md).
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; sessionExpiresAt: number; until: number }>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The remembered actor of a session id (the token's hash), or undefined. `now`: the app's clock. */
  get(sessionId: string, now: Date): Actor | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    if (e.until <= this.clock() || e.sessionExpiresAt <= now.getTime()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e.actor;
  }

  /** Marks the start of a lookup; pass the result to `set` so a lookup older than a write is not kept. */
  begin(): number {
    return this.generation;
  }

  set(started: number, actor: Actor, sessionExpiresAt: Date): void {
    if (this.ttlMs <= 0 || started !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    // shared by every request of the session from now on: nobody may change it in place
    Object.freeze(actor.roles);
    Object.freeze(actor.scope);
    Object.freeze(actor);
    this.entries.set(actor.sessionId, { actor, sessionExpiresAt: sessionExpiresAt.getTime(), until: this.clock() + this.ttlMs });
  }

  /** Forgets everything, including lookups still running. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
