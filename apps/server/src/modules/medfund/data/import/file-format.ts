import fs from 'node:fs';

export type ClaimsFileFormat = 'csv' | 'xlsx' | 'parquet';

/** The format from the content's first bytes (Parquet 'PAR1', xlsx = a zip 'PK'), else CSV text. */
export function detectFormat(file: string): ClaimsFileFormat {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4);
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'PAR1') return 'parquet';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  return 'csv';
}
