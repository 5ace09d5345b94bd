import { useQuery } from '@tanstack/react-query';
import type {
  ConflictStatus, EducationLevel, Recognition, RecognitionLevel, SkillLevel, TalentCategory, TalentFacts, TalentStatus, TitleLevel,
} from '@zhizhi/contracts';
import { api } from '../../api/client';
import type { PendingClaim } from './claims/api';

export type { ConflictStatus, EducationLevel, Recognition, RecognitionLevel, SkillLevel, TalentCategory, TalentFacts, TalentStatus, TitleLevel };

// The vocabularies, spelled out here so that the web bundle does not pull zod in for them.
export const EDUCATION_LEVELS: readonly EducationLevel[] = ['none', 'high_school', 'junior_college', 'bachelor', 'master', 'doctorate'];
export const TITLE_LEVELS: readonly TitleLevel[] = ['none', 'junior', 'intermediate', 'associate_senior', 'senior'];
export const SKILL_LEVELS: readonly SkillLevel[] = ['none', 'level5', 'level4', 'level3', 'level2', 'level1'];
export const RECOGNITION_LEVELS: readonly RecognitionLevel[] = ['national', 'provincial', 'city', 'county'];
export const TALENT_CATEGORIES: readonly TalentCategory[] = ['A', 'B', 'C', 'D', 'E', 'none'];
export const TALENT_STATUSES: readonly TalentStatus[] = ['active', 'inactive'];
export const CONFLICT_STATUSES: readonly ConflictStatus[] = ['open', 'resolved_to_holder', 'resolved_to_claimant', 'dismissed'];

/** Answer shapes of /api/talent (docs/talent/REGISTRY.md); dates arrive as ISO strings. */
export interface TalentSummary {
  id: string;
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  age: number;
  phone: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  status: TalentStatus;
  education: EducationLevel | null;
  titleLevel: TitleLevel | null;
  talentCategory: TalentCategory | null;
  updatedAt: string;
}

export interface TalentEmployment {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  startedOn: string;
  endedOn: string | null;
}

export interface TalentFile extends TalentSummary {
  birthDate: string;
  facts: TalentFacts;
  employments: TalentEmployment[];
  hasUser: boolean;
  /** The talent's own login, for the talent office (talent.manage); null otherwise. */
  account: { userId: string; username: string; displayName: string } | null;
  createdAt: string;
  version: number;
  canEdit: boolean;
  canMove: boolean;
  /** true for the talent office: its fact edits are approved as made; others' become a claim. */
  factsApplyDirectly: boolean;
  /** The open claim of this talent's facts (待审核), or null. `facts` are the approved ones. */
  pendingClaim: PendingClaim | null;
}

export interface TalentConflict {
  id: string;
  idNumber: string;
  name: string;
  talentId: string;
  talentName: string;
  holderEnterpriseId: string | null;
  holderEnterpriseName: string | null;
  claimantEnterpriseId: string;
  claimantEnterpriseName: string;
  status: ConflictStatus;
  createdAt: string;
  createdByName: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  note: string;
}

export const talentKeys = {
  all: ['talent'] as const,
  list: ['talent', 'list'] as const,
  file: (id: string) => ['talent', 'file', id] as const,
  conflicts: ['talent', 'conflicts'] as const,
};

/** The filters of the talent list (URL keys = API query names). */
export const TALENT_FILTER_KEYS = ['q', 'enterprise', 'education', 'talentCategory', 'status'] as const;

export function useTalentFile(id: string) {
  return useQuery({
    queryKey: talentKeys.file(id),
    queryFn: () => api.get<TalentFile>(`/api/talent/talents/${encodeURIComponent(id)}`),
    enabled: !!id,
  });
}

export const revealTalent = (id: string) => api.post<{ idNumber: string; phone: string }>(`/api/talent/talents/${encodeURIComponent(id)}/reveal`);

/** GB 11643 check digit, so that the form catches a typo before the server does. */
export function idNumberCheckOk(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === s[17];
}
