import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { UnreadableFileError, type Table } from './read-table';
import { srcPath } from '../../src-path';

const BOOT = pathToFileURL(srcPath('ts-worker-boot.mjs'));
const MODULE = pathToFileURL(srcPath('core/excel/read-table.worker.ts')).href;

/**
 * readTable in a worker thread. Parsing a 50,000-row workbook takes seconds of pure CPU; on the
 * HTTP thread it stalled every other request for that long (bench/RESULTS.md, import).
 */
export function readTableOffThread(buffer: Buffer, fileName: string): Promise<Table> {
  return new Promise((resolve, reject) => {
    const copy = new Uint8Array(buffer); // transferred to the worker, not copied again
    const worker = new Worker(BOOT, { workerData: { module: MODULE, buffer: copy, fileName }, transferList: [copy.buffer] });
    worker.once('message', (m: { table?: Table; error?: string; unreadable?: boolean }) => {
      void worker.terminate();
      if (m.table) resolve(m.table);
      else reject(m.unreadable ? new UnreadableFileError(m.error) : new Error(m.error));
    });
    worker.once('error', reject);
  });
}
