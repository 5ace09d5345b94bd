import { api } from '../../../api/client';
import type { Label } from '../scoring/api';

/** Answer shapes of the annual cycle API (docs/talent/CYCLE.md, server cycle/schemas.ts); dates as ISO strings. */
export type CycleStatus = 'open' | 'reviewing' | 'computed' | 'notice' | 'final';
export type CycleAction = 'review' | 'compute' | 'reopen' | 'publish' | 'finalize';
export const CYCLE_STEPS: CycleStatus[] = ['open', 'reviewing', 'computed', 'notice', 'final'];

export interface SchemeRef { id: string; code: string; version: string; name: Label; status: string }
export interface NoticeInfo { startsOn: string; endsOn: string; workdays: number; endsAt: string; phase: 'before' | 'running' | 'ended'; workdaysLeft: number }

export interface Cycle {
  id: string;
  year: number;
  status: CycleStatus;
  schemes: { personal: SchemeRef; enterprise: SchemeRef; bonus: SchemeRef | null };
  noticeWorkdays: number;
  objectionChannel: string;
  pointsAsOf: string | null;
  enterpriseAsOf: string | null;
  bonusAsOf: string | null;
  notice: NoticeInfo | null;
  openedAt: string;
  reviewingAt: string | null;
  computedAt: string | null;
  publishedAt: string | null;
  finalizedAt: string | null;
  allowedActions: CycleAction[];
  counts: {
    listedTalents: number;
    listedEnterprises: number;
    scoredTalents: number | null;
    scoredEnterprises: number | null;
    objections: { pending: number; upheld: number; dismissed: number };
    evidencePending: number;
  };
}

export interface Entry {
  id: string; rank: number | null; name: string; talentId: string | null; enterpriseName: string | null;
  points: number; tier: Label | null; evaluationBonus: number | null; corrected: boolean;
}

export interface PublicNotice {
  years: { year: number; status: 'notice' | 'final' }[];
  notice: (NoticeInfo & {
    year: number; status: 'notice' | 'final'; objectionChannel: string; publishedAt: string | null; finalizedAt: string | null;
    pointsAsOf: string | null; enterpriseAsOf: string | null;
    schemes: { personal: { name: Label; version: string }; enterprise: { name: Label; version: string } };
    counts: { talents: number; enterprises: number; objectionsAnswered: number; objectionsUpheld: number };
  }) | null;
  list: 'talents' | 'enterprises';
  items: { rank: number | null; name: string; enterpriseName?: string | null; points: number; tier?: Label | null; evaluationBonus?: number | null; corrected: boolean }[];
  total: number;
}

export interface Objection {
  id: string; cycleId: string; year: number; entryType: 'talent' | 'enterprise';
  entry: { id: string; name: string; enterpriseName: string | null; points: number; rank: number | null; tier: string | null; tierLabel: Label | null; corrected: boolean } | null;
  text: string; raisedBy: string | null; raisedAt: string; mine: boolean;
  status: 'pending' | 'upheld' | 'dismissed'; answer: string | null;
  correction: { before?: { points?: number; tier?: string | null }; after?: { points?: number; tier?: string } } | null;
  answeredAt: string | null; answeredBy: string | null;
}

export type TierMove = 'up' | 'down' | 'same' | 'new' | 'untiered';
export interface TierBoard {
  year: number; status: 'notice' | 'final'; previousYear: number | null;
  tiers: { tier: string; tierOrder: number; label: Label; count: number; up: number; down: number }[];
  moves: { up: number; down: number; same: number; new: number };
  items: {
    enterpriseId: string; enterpriseName: string; points: number; rank: number | null; tier: string | null; tierOrder: number | null; tierLabel: Label | null;
    evaluationBonus: number | null; talentCount: number; corrected: boolean;
    previous: { points: number; tier: string | null; tierLabel: Label | null } | null; move: TierMove;
  }[];
}

export interface Bins { binWidth: number; count: number; bins: { min: number; max: number; count: number }[] }
export interface Reports {
  year: number; previousYear: number | null; status: 'notice' | 'final';
  served: { resources: { resourceId: string; name: string; unit: string; talents: number; places: number }[]; distinctTalents: number };
  tiers: { tier: string; tierOrder: number; label: Label; thisYear: number; lastYear: number }[];
  tierChanges: { up: number; down: number; same: number; new: number; untiered: number; dropped: number; matrix: Record<string, Record<string, number>> } | null;
  distribution: { talents: Bins; enterprises: Bins };
  growth: {
    totalThisYear: number; totalLastYear: number; totalGrowth: number | null; both: number; bothThisYear: number; bothLastYear: number;
    bothGrowth: number | null; grew: number; fell: number; unchanged: number;
  };
}

export const cycleKeys = {
  all: ['talent', 'cycles'] as const,
  entries: (id: string) => ['talent', 'cycles', id, 'entries'] as const,
  objections: ['talent', 'objections'] as const,
  tiers: (year: number) => ['talent', 'tiers', year] as const,
  reports: (year: number) => ['talent', 'reports', year] as const,
  notice: ['public', 'talent-notice'] as const,
};

export const listCycles = () => api.get<{ items: Cycle[] }>('/api/talent/cycles');
export const createCycle = (body: { year: number; noticeWorkdays: number; objectionChannel: string }) => api.post<Cycle>('/api/talent/cycles', body);
export const updateCycle = (id: string, body: { noticeWorkdays: number; objectionChannel: string }) => api.put<Cycle>(`/api/talent/cycles/${id}`, body);
export const runAction = (id: string, action: CycleAction, body: { asOf?: string; startsOn?: string } = {}) => api.post<Cycle>(`/api/talent/cycles/${id}/${action}`, body);
export const raiseObjection = (cycleId: string, body: { entryType: 'talent' | 'enterprise'; entryId: string; text: string }) =>
  api.post<Objection>(`/api/talent/cycles/${cycleId}/objections`, body);
export const answerObjection = (id: string, body: { decision: 'upheld' | 'dismissed'; answer: string; correction?: { points?: number; tier?: string } }) =>
  api.post<Objection>(`/api/talent/objections/${id}/answer`, body);

/** Points as a notice prints them: up to two decimals, no trailing zeros. */
export const pts = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
