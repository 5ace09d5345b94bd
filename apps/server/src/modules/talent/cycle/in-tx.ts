import type { Ctx, Tx } from '../../../core/context';

/**
 * Runs `fn` in a transaction: a new one, or the caller's when ctx.db already is one (the demo seed
 * drives the cycle through these same services inside its own transaction).
 */
export function inTx<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx.db);
  return ctx.db.transaction().execute(fn);
}
