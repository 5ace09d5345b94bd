/**
 * Exit hooks run once, synchronously, whether the bench ends normally, throws, or is stopped
 * with Ctrl-C / SIGTERM: servers it started are killed and throwaway databases deleted.
 */
const hooks: Array<() => void> = [];
let installed = false;

export function onExit(fn: () => void): void {
  hooks.push(fn);
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const h of hooks.splice(0).reverse()) {
      try {
        h();
      } catch (err) {
        console.error('cleanup failed:', err);
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
}
