import fs from 'node:fs';
import path from 'node:path';
import { CLAIMS_TABLE_NAMES, columnNames, type ClaimsTableName } from '../claims/tables';
import type { RowSink } from './builder';

const NEEDS_QUOTES = /[",\n\r]/;
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Writes each claims table to `<dir>/<table>.csv` (UTF-8, header = the national column names, so
 * the built-in mappings read them), buffered: about 1 MB per table in memory at any scale.
 */
export class CsvSink implements RowSink {
  private readonly fds = new Map<ClaimsTableName, number>();
  private readonly buffers = new Map<ClaimsTableName, string[]>();
  private readonly sizes = new Map<ClaimsTableName, number>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    for (const t of CLAIMS_TABLE_NAMES) {
      const fd = fs.openSync(path.join(dir, `${t}.csv`), 'w');
      fs.writeSync(fd, `${columnNames(t).join(',')}\n`);
      this.fds.set(t, fd);
      this.buffers.set(t, []);
      this.sizes.set(t, 0);
    }
  }

  row(table: ClaimsTableName, values: unknown[]): void {
    const line = values.map(cell).join(',');
    const buf = this.buffers.get(table)!;
    buf.push(line);
    const size = this.sizes.get(table)! + line.length + 1;
    if (size > 1_000_000) this.flush(table);
    else this.sizes.set(table, size);
  }

  private flush(table: ClaimsTableName): void {
    const buf = this.buffers.get(table)!;
    if (buf.length) fs.writeSync(this.fds.get(table)!, `${buf.join('\n')}\n`);
    this.buffers.set(table, []);
    this.sizes.set(table, 0);
  }

  close(): string[] {
    const files: string[] = [];
    for (const t of CLAIMS_TABLE_NAMES) {
      this.flush(t);
      fs.closeSync(this.fds.get(t)!);
      files.push(path.join(this.dir, `${t}.csv`));
    }
    return files;
  }
}
