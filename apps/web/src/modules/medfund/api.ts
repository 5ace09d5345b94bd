/** Answer shapes of /api/medfund (docs/API.md, docs/medfund/IMPORT.md); dates arrive as ISO strings. */
export const LOAD_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'duplicate'] as const;
export type LoadStatus = (typeof LOAD_STATUSES)[number];
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DELIMITERS = [',', ';', '|', '\t'] as const;

export interface ClaimsColumn { name: string; type: string; required: boolean; zh: string; en: string }
export interface ClaimsTable { name: string; zh: string; en: string; key: string[]; loadOrder: number; columns: ClaimsColumn[] }

export interface LoadView {
  id: number;
  source: 'upload' | 'cli' | 'generator';
  targetTable: string;
  mappingId: number | null;
  mappingName: string | null;
  fileName: string;
  fileFormat: 'csv' | 'xlsx' | 'parquet' | 'generated';
  fileSize: number;
  status: LoadStatus;
  duplicateOf: number | null;
  rowsRead: number;
  rowsAdded: number;
  rowsExisting: number;
  rowsRejected: number;
  error: string | null;
  progress: { done: number; total: number; message?: string } | null;
  claimsEngine: 'duckdb' | 'postgres';
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}
export interface LoadError { rowNo: number; column: string; code: string; message: string; value: string | null }
export interface LoadDetail extends LoadView { errorsByCode: Record<string, number>; errors: LoadError[] }

export interface Mapping {
  id: number;
  name: string;
  targetTable: string;
  columns: Record<string, string>;
  dateFormat: DateFormat;
  delimiter: string;
  builtin: boolean;
  updatedAt: string;
}
export type MappingInput = Omit<Mapping, 'id' | 'builtin' | 'updatedAt'>;

export interface Overview {
  engine: 'duckdb' | 'postgres';
  tables: Record<string, number>;
  netted: number;
  months: { year: number; month: number; settlements: number; medfee: number; fund: number; inpatient: number }[];
  providerKinds: { kind: string; settlements: number; fund: number }[];
}
