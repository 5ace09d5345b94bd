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

// ---- screening: rules, runs, findings, provider risk (docs/medfund/SCREENING.md)
export type Severity = 'red' | 'orange';

export interface ParamSpec { kind: 'int' | 'number' | 'codes'; zh: string; en: string; min?: number; max?: number; unit?: string }
export interface RuleVersion {
  version: number; severity: Severity; effectiveFrom: string; effectiveTo: string | null;
  params: Record<string, number | string[]>; tables: Record<string, Record<string, string | number | null>[]>;
  departmentName: string; changeNote: string; createdByName: string; createdAt: string;
}
export interface Rule {
  code: string; template: string; templateName: string; templateNameEn: string; name: string; nameEn: string; enabled: boolean;
  currentVersion: number; current: RuleVersion; paramSpecs: Record<string, ParamSpec>;
  tableSpecs: Record<string, { zh: string; en: string; columns: { name: string; zh: string; en: string }[] }>;
  versions?: RuleVersion[];
}
export interface Run {
  id: number; kind: 'full' | 'incremental'; status: 'queued' | 'running' | 'done' | 'failed'; engine: string; periodFrom: string | null; periodTo: string | null;
  dataVersion: string; ruleVersions: { rule: string; version: number }[]; progressDone: number; progressTotal: number; progressNote: string;
  counts: Record<string, number>; error: string | null; requestedByName: string; requestedAt: string; finishedAt: string | null;
}
export interface FindingItem {
  id: number; ruleCode: string; ruleVersion: number; ruleName: string; ruleNameEn: string; severity: Severity; psnNo: string; psnName: string;
  certno: string; fixmedinsCode: string; fixmedinsName: string; setlId: string; occurredOn: string; amountFen: number; departmentName: string; lineCount: number;
}
export interface FindingDetail extends FindingItem {
  template: string; lineIds: string[]; evidence: Record<string, unknown>; ruleParams: Record<string, unknown>; firstRunId: number; lastRunId: number;
  settlement: { setlId: string; medKind: string; begndate: string; enddate: string; setlDate: string; medfeeFen: number; fundPayFen: number; invoiceNo: string; mainDiag: string } | null;
  lines: { lineId: string; itemCode: string; itemName: string; feeDate: string; cnt: number; pricFen: number; amountFen: number; fundFen: number; daysSupply: number; offending: boolean }[];
}
export interface RiskItem {
  rank: number; fixmedinsCode: string; fixmedinsName: string; peerGroup: string; peerCount: number; settlements: number; costPerVisitFen: number;
  fundShare: number; findings: number; findingsPerK: number; amountAtRiskFen: number; zCost: number | null; zFundShare: number | null; zFindings: number | null;
  riskScore: number; outliers: string[];
}

export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
