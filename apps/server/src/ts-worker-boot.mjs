// Starts a worker thread whose code is TypeScript: registers tsx's loader in the worker, then
// imports the module named in workerData.module. Plain JavaScript because Node loads it before
// any TypeScript loader exists in the new thread (whatever runs the parent: tsx, vitest).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
