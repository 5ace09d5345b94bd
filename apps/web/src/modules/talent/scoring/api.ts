import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { PendingClaim } from '../claims/api';
import type { Job } from '../../../api/types';

/** Answer shapes of the scoring API (docs/talent/SCORING.md, scoring/schemas.ts); dates as ISO strings. */
export type SchemeKind = 'personal' | 'enterprise' | 'evaluation_bonus';
export type SchemeStatus = 'draft' | 'published' | 'retired';
export interface Label { zh: string; en: string }
export type LocaleText = Partial<Record<'zh-CN' | 'en-US', string>>;

export interface SchemeIssue { path: string; code: string; zh: string; en: string }

export interface SchemeSummary {
  id: string;
  kind: SchemeKind;
  code: string;
  version: string;
  name: Label;
  status: SchemeStatus;
  effectiveFrom: string;
  effectiveTo: string | null;
  contentHash: string;
  example: boolean;
  inEffect: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface SchemeDetail extends SchemeSummary {
  document: Record<string, unknown>;
  source: string;
  sourceFormat: 'yaml' | 'json';
}

export interface SchemeValidation {
  ok: boolean;
  issues: SchemeIssue[];
  summary: { kind: SchemeKind; code: string; version: string; effectiveFrom: string; effectiveTo: string | null; items: number; facts: number; contentHash: string } | null;
}

export interface SchemeChange { path: string; change: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }
export interface SchemeDiff { against: SchemeSummary | null; changes: SchemeChange[] }

export type WhatIfCounts = Record<string, number>;
export interface WhatIfRun {
  id: string;
  draftId: string;
  baselineId: string | null;
  kind: SchemeKind;
  asOf: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  draftChangedSince: boolean;
  talentCounts: WhatIfCounts | null;
  enterpriseCounts: WhatIfCounts | null;
  jobId: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WhatIfRow {
  subjectType: 'talent' | 'enterprise';
  subjectId: string;
  name: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  beforeTotal: number | null;
  beforeTier: string | null;
  afterTotal: number | null;
  afterTier: string | null;
  delta: number | null;
  change: string;
  tierChanged: boolean;
  tierMove: string | null;
}

export interface SchemeRef { id: string; code: string; version: string; name: Label; status: SchemeStatus }
export type ItemStatus = 'scored' | 'not_evaluated' | 'gated' | 'vetoed';
export interface ExplainedItem {
  itemId: string;
  label: Label;
  group: string | null;
  reference?: string | null;
  status: ItemStatus;
  points: number;
  explanation: LocaleText;
}
export interface ExplainedGroup { groupId: string; label: Label; points: number; explanation: LocaleText }
export interface Tier { id: string; label: Label }
export interface CapApplied { level: string; at: string; cap: number; before: number }
export interface StoredResult {
  items?: { itemId: string; capsApplied?: CapApplied[]; missingFacts?: string[] }[];
  groups?: { groupId: string; capsApplied?: CapApplied[] }[];
  capsApplied?: CapApplied[];
  bonusTotal?: number;
  deductionTotal?: number;
  inEffect?: boolean;
}

export interface TalentScore {
  talentId: string;
  talentName: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  scheme: SchemeRef;
  asOf: string;
  computedAt: string;
  total: number;
  complete: boolean;
  passed: boolean | null;
  passMark: number | null;
  tier: Tier | null;
  summary: LocaleText;
  items: ExplainedItem[];
  groups: ExplainedGroup[];
  /** With ?full=true: the engine's full result (caps applied, traces). */
  result?: StoredResult;
}

export interface TalentScoreHistory {
  items: { scheme: SchemeRef; asOf: string; total: number; complete: boolean; passed: boolean | null; computedAt: string }[];
}

/** A fact as the enterprise scheme declares it (a form field is built from it). */
export interface DeclaredField {
  key: string;
  label: Label;
  type: 'number' | 'enum' | 'boolean' | 'date';
  unit?: Label;
  min?: number;
  max?: number;
  integer?: boolean;
  values?: { value: string; label: Label }[];
}
export interface DeclaredFact extends Omit<DeclaredField, 'type'> {
  type: DeclaredField['type'] | 'list';
  fields?: DeclaredField[];
  computed: boolean;
}
export interface EnterpriseFacts {
  enterpriseId: string;
  year: number;
  facts: Record<string, unknown>;
  declared: DeclaredFact[];
  updatedAt: string | null;
  /** true for the talent office; an enterprise's edits become a claim for review */
  factsApplyDirectly: boolean;
  /** The open claim of these facts (待审核), or null; `facts` are the approved ones. */
  pendingClaim: PendingClaim | null;
}

export function useEnterpriseFacts(enterpriseId: string, year: number) {
  return useQuery({
    queryKey: pointsKeys.enterpriseFacts(enterpriseId, year),
    queryFn: () => api.get<EnterpriseFacts>(`/api/talent/enterprise-facts/${encodeURIComponent(enterpriseId)}`, { year }),
  });
}

export interface EvaluationBonusItem {
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  industryCode: string;
  enterprisePoints: number;
  enterpriseTier: Tier | null;
  points: number;
  complete: boolean;
}
export interface EvaluationBonus extends EvaluationBonusItem {
  scheme: SchemeRef;
  asOf: string;
  source: { scheme: SchemeRef; asOf: string };
  computedAt: string;
  summary: LocaleText;
  items: ExplainedItem[];
  reproduced: boolean;
}

export function useEvaluationBonus(enterpriseId: string, locale: string) {
  return useQuery({
    queryKey: pointsKeys.bonus(enterpriseId, locale),
    queryFn: () => api.get<EvaluationBonus>(`/api/talent/evaluation-bonuses/${encodeURIComponent(enterpriseId)}`),
    retry: false,
  });
}

export interface ScoreListItem {
  talentId: string;
  name: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  total: number;
  complete: boolean;
  passed: boolean | null;
  asOf: string;
  /** With ?item=: that item's points. */
  itemPoints?: number | null;
}

export interface ScoreList {
  items: ScoreListItem[];
  total: number;
  totalEstimated: boolean;
  scheme: SchemeRef | null;
  asOf: string | null;
  schemeItems: { itemId: string; label: Label }[];
}

export interface EnterpriseScoreItem {
  enterpriseId: string;
  enterpriseName: string;
  total: number;
  tier: Tier | null;
  rank: number | null;
  complete: boolean;
  staffPointsTotal: number;
  talentCount: number;
  asOf: string;
}

export interface EnterpriseScore extends EnterpriseScoreItem {
  scheme: SchemeRef;
  personalSchemeId: string | null;
  ranked: number;
  computedAt: string;
  summary: LocaleText;
  items: ExplainedItem[];
  groups: ExplainedGroup[];
  talents: { talentId: string; name: string; total: number; complete: boolean }[];
  result?: StoredResult;
}

export interface Distribution {
  personal: {
    scheme: SchemeRef | null; asOf: string | null; count: number; complete: number; passed: number; notPassed: number; undecided: number;
    mean: number | null; passMark: number | null; histogram: { from: number; to: number; count: number }[]; binWidth: number;
  };
  enterprise: {
    scheme: SchemeRef | null; asOf: string | null; count: number;
    tiers: { id: string; label: Label; count: number; minTotal: number | null; maxTotal: number | null }[];
    untiered: number;
  };
}

export const pointsKeys = {
  all: ['talent-points'] as const,
  schemes: ['talent-points', 'schemes'] as const,
  scheme: (id: string) => ['talent-points', 'schemes', id] as const,
  diff: (id: string) => ['talent-points', 'schemes', id, 'diff'] as const,
  whatIf: (id: string) => ['talent-points', 'what-if', id] as const,
  whatIfRows: ['talent-points', 'what-if-rows'] as const,
  score: (talentId: string, version: string | undefined, locale: string) => ['talent-points', 'score', talentId, version ?? '', locale] as const,
  history: (talentId: string) => ['talent-points', 'history', talentId] as const,
  enterprise: (id: string, locale: string) => ['talent-points', 'enterprise', id, locale] as const,
  enterprises: ['talent-points', 'enterprises'] as const,
  scoreList: ['talent-points', 'scores'] as const,
  bonuses: ['talent-points', 'evaluation-bonuses'] as const,
  bonus: (id: string, locale: string) => ['talent-points', 'evaluation-bonuses', id, locale] as const,
  enterpriseFacts: (id: string, year: number) => ['talent-points', 'enterprise-facts', id, year] as const,
  distribution: (binWidth: number) => ['talent-points', 'distribution', binWidth] as const,
};

const enc = encodeURIComponent;

export function useSchemes() {
  return useQuery({ queryKey: pointsKeys.schemes, queryFn: () => api.get<{ items: SchemeSummary[] }>('/api/talent/schemes') });
}

export function useScheme(id: string) {
  return useQuery({ queryKey: pointsKeys.scheme(id), queryFn: () => api.get<SchemeDetail>(`/api/talent/schemes/${enc(id)}`), enabled: !!id });
}

export function useSchemeDiff(id: string, enabled = true) {
  return useQuery({ queryKey: pointsKeys.diff(id), queryFn: () => api.get<SchemeDiff>(`/api/talent/schemes/${enc(id)}/diff`), enabled: !!id && enabled });
}

export const getScheme = (id: string) => api.get<SchemeDetail>(`/api/talent/schemes/${enc(id)}`);
export const validateScheme = (source: string, signal?: AbortSignal) =>
  api.post<SchemeValidation>('/api/talent/schemes/validate', { source }, { signal });
export const createScheme = (source: string) => api.post<SchemeDetail>('/api/talent/schemes', { source });
export const updateScheme = (id: string, source: string, revision: number) => api.put<SchemeDetail>(`/api/talent/schemes/${enc(id)}`, { source, revision });
export const deleteScheme = (id: string) => api.del(`/api/talent/schemes/${enc(id)}`);
/** Publishes a draft; `replaces` are published versions retired in the same transaction. */
export const publishScheme = (id: string, replaces: string[] = []) =>
  api.post<{ version: SchemeSummary; jobId: number }>(`/api/talent/schemes/${enc(id)}/publish`, { replaces });
/** Recomputes every score under a published version as of today (a background job; personal also recomputes the enterprise points). */
export const recomputeScores = (kind: SchemeKind, versionId: string) => api.post<{ jobId: number }>('/api/talent/scores/recompute', { kind, versionId });
export const retireScheme = (id: string) => api.post<SchemeSummary>(`/api/talent/schemes/${enc(id)}/retire`);
export const startWhatIf = (id: string) => api.post<{ run: WhatIfRun; jobId: number }>(`/api/talent/schemes/${enc(id)}/what-if`, {});

export function useWhatIfRuns(schemeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['talent-points', 'schemes', schemeId, 'what-if'],
    queryFn: () => api.get<{ items: WhatIfRun[] }>(`/api/talent/schemes/${enc(schemeId)}/what-if`),
    enabled: !!schemeId && enabled,
  });
}

const RUN_DONE = new Set(['succeeded', 'failed']);
const JOB_DONE = new Set(['succeeded', 'failed', 'cancelled']);

/** A what-if run, polled every second until it has finished. */
export function useWhatIf(id: string) {
  return useQuery({
    queryKey: pointsKeys.whatIf(id),
    queryFn: () => api.get<WhatIfRun>(`/api/talent/what-if/${enc(id)}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && RUN_DONE.has(q.state.data.status) ? false : 1000),
  });
}

/** A background job (recompute, what-if), polled every second until it has finished. */
export function usePointsJob(id: number | string | null | undefined) {
  return useQuery({
    queryKey: ['jobs', String(id ?? '')],
    queryFn: () => api.get<Job>(`/api/jobs/${enc(String(id))}`),
    enabled: id !== null && id !== undefined,
    refetchInterval: (q) => (q.state.data && JOB_DONE.has(q.state.data.status) ? false : 1000),
  });
}

export function useTalentScore(talentId: string, version: string | undefined, locale: string) {
  return useQuery({
    queryKey: pointsKeys.score(talentId, version, locale),
    queryFn: () => api.get<TalentScore>(`/api/talent/scores/${enc(talentId)}`, { version, full: true }),
    enabled: !!talentId,
    // Switching versions keeps the card on screen; another talent's score never stands in.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === talentId ? prev : undefined),
    retry: (n, e) => n < 2 && !((e as { status?: number }).status === 404),
  });
}

export function useTalentScoreHistory(talentId: string) {
  return useQuery({
    queryKey: pointsKeys.history(talentId),
    queryFn: () => api.get<TalentScoreHistory>(`/api/talent/scores/${enc(talentId)}/history`),
    enabled: !!talentId,
  });
}

export function useEnterpriseScore(enterpriseId: string, locale: string) {
  return useQuery({
    queryKey: pointsKeys.enterprise(enterpriseId, locale),
    queryFn: () => api.get<EnterpriseScore>(`/api/talent/enterprise-scores/${enc(enterpriseId)}`, { full: true }),
    enabled: !!enterpriseId,
    retry: (n, e) => n < 2 && !((e as { status?: number }).status === 404),
  });
}

export function useDistribution(binWidth: number, enabled = true) {
  return useQuery({
    queryKey: pointsKeys.distribution(binWidth),
    queryFn: () => api.get<Distribution>('/api/talent/scores/distribution', { binWidth }),
    enabled,
  });
}

/** '{zh,en}' in the UI language. */
export const labelOf = (l: Label | null | undefined, locale: string) => (l ? (locale === 'en-US' ? l.en : l.zh) : '');
/** The explanation in the UI language (the API answers in the language the request asked for). */
export const textOf = (t: LocaleText | null | undefined, locale: string) =>
  (t ? (locale === 'en-US' ? t['en-US'] ?? t['zh-CN'] : t['zh-CN'] ?? t['en-US']) : '') ?? '';
