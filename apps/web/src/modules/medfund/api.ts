/** Answer shapes of /api/medfund screening (docs/medfund/API.md); dates arrive as ISO strings. */
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
