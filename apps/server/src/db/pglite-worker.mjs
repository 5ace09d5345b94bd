// Worker thread that owns the embedded PGlite database. PGlite runs each query synchronously on
// the thread that calls it; hosting it here keeps the HTTP thread free while a query runs.
// Plain JavaScript on purpose: a worker is started by Node itself, whatever runs the parent
// (tsx, vitest, a compiled build), so it must not need a TypeScript loader.
// Protocol: { id, sql, params, multi } in; { id, fields, rows, affectedRows } or { id, error } out,
// `rows` as arrays of values in the order of `fields` (the column names): copying arrays to the
// other thread costs about a fifth of copying objects that repeat every column name
// (bench/RESULTS.md, run 6); the client turns them back into objects.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

// Keep in step with type-parsers.ts (the same parsers are given to `pg`).
const parsers = {
  20: (v) => Number(v), // int8
  1700: (v) => Number(v), // numeric
  1082: (v) => v, // date stays 'YYYY-MM-DD'
};

const db = await PGlite.create(workerData.dataDir ?? undefined, { parsers });
// After opening, PGlite keeps this thread busy for another 0.5-1 s of synchronous work once the
// first query has run (measured: a 10 ms timer fired ~1 s late). Running a query and letting one
// timer turn pass before "ready" does that work here, where it overlaps with the main thread
// loading the server's modules (main.ts), instead of delaying the first real query.
await db.query('SELECT 1');
await new Promise((resolve) => setTimeout(resolve, 0));
parentPort.postMessage({ ready: true });

parentPort.on('message', async (msg) => {
  if (msg.close) {
    await db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    if (msg.multi) {
      await db.exec(msg.sql);
      parentPort.postMessage({ id: msg.id, fields: [], rows: [], affectedRows: 0 });
    } else {
      const result = await db.query(msg.sql, msg.params, { rowMode: 'array' });
      parentPort.postMessage({
        id: msg.id,
        fields: result.fields.map((f) => f.name),
        rows: result.rows,
        affectedRows: result.affectedRows ?? 0,
      });
    }
  } catch (err) {
    parentPort.postMessage({
      id: msg.id,
      error: { message: err.message, code: err.code, detail: err.detail, constraint: err.constraint },
    });
  }
});
