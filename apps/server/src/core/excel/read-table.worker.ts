import { parentPort, workerData } from 'node:worker_threads';
import { readTable, UnreadableFileError } from './read-table';

/** Worker side of readTableOffThread: parses one file and posts the table back. */
const { buffer, fileName } = workerData as { buffer: Uint8Array; fileName: string };
try {
  parentPort!.postMessage({ table: await readTable(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), fileName) });
} catch (err) {
  parentPort!.postMessage({ error: (err as Error).message, unreadable: err instanceof UnreadableFileError });
}
