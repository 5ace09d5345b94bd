/**
 * Runs up to `limit` writes at once: `add` returns as soon as a slot is free, `drain` when all
 * have finished. The first failure is thrown by the next `add` or by `drain`; no write starts after it.
 */
export function boundedWrites(limit: number) {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    async add(write: () => Promise<void>): Promise<void> {
      check();
      while (running.size >= limit) {
        await Promise.race(running);
        check();
      }
      const p: Promise<void> = write().then(
        () => void running.delete(p),
        (error: unknown) => {
          running.delete(p);
          failure ??= { error };
        },
      );
      running.add(p);
    },
    async drain(): Promise<void> {
      await Promise.all(running);
      check();
    },
  };
}
