import { AppError } from '../../http/app-error';
import { UnreadableFileError, type Table } from '../excel/read-table';
import { readTableOffThread } from '../excel/read-table-off-thread';

/**
 * Reads an uploaded .xlsx / .csv off the HTTP thread (core/excel/read-table-off-thread.ts); a file
 * that is not a readable table becomes AppError('IMPORT_FILE_UNREADABLE'), any other failure
 * propagates as it is.
 */
export async function readUploadedTable(buffer: Buffer, fileName: string): Promise<Table> {
  try {
    return await readTableOffThread(buffer, fileName);
  } catch (err) {
    if (err instanceof UnreadableFileError) throw new AppError('IMPORT_FILE_UNREADABLE');
    throw err;
  }
}
