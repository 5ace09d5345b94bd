import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely types of the tables in migrations/. Keep in step with the SQL. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type EnterpriseStatus = 'active' | 'suspended' | 'closed';
export type ParkKind = 'industrial_park' | 'characteristic_town' | 'incubator' | 'science_park';
export type DepartmentKind = 'department' | 'section';
export type UserStatus = 'active' | 'locked';
export type Locale = 'zh-CN' | 'en-US';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type ImportStatus = 'validated' | 'importing' | 'imported' | 'failed' | 'discarded';
export type TalentGender = 'male' | 'female';
export type TalentRowStatus = 'active' | 'inactive';
export type TalentConflictStatus = 'open' | 'resolved_to_holder' | 'resolved_to_claimant' | 'dismissed';

export interface DivisionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export interface IndustryTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export interface DepartmentTable {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  kind: DepartmentKind;
  division_code: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RoleTable {
  code: string;
  name: string;
  description: Generated<string>;
  permissions: string[];
  is_system: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ParkTable {
  id: Generated<string>;
  name: string;
  kind: ParkKind;
  division_code: string;
  address: Generated<string>;
  area_mu: number | null;
  description: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterpriseTable {
  id: Generated<string>;
  credit_code: string;
  name: string;
  legal_representative: Generated<string>;
  established_on: string | null;
  registered_capital_fen: number | null;
  industry_code: string;
  division_code: string;
  park_id: string | null;
  address: Generated<string>;
  employees: number | null;
  revenue_fen: number | null;
  assets_fen: number | null;
  size_class: SizeClass | null;
  above_scale: Generated<boolean>;
  high_tech: Generated<boolean>;
  listed: Generated<boolean>;
  tags: Generated<string[]>;
  /** Derived from name on every write (core/enterprises/domain/name-bigrams.ts), for the name search's index. */
  name_bigrams: Generated<string[]>;
  status: Generated<EnterpriseStatus>;
  business_scope: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** GCJ-02 (migration 0024); null while unknown. Both or neither. */
  lat: ColumnType<number | null, number | null | undefined, number | null>;
  lng: ColumnType<number | null, number | null | undefined, number | null>;
  version: Generated<number>;
}

export interface EnterpriseContactTable {
  id: Generated<string>;
  enterprise_id: string;
  name: string;
  title: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  is_primary: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  phone: Generated<string>;
  /** Where e-mail reminders go (migration 0020); empty = none. */
  email: Generated<string>;
  status: Generated<UserStatus>;
  enterprise_id: string | null;
  department_id: string | null;
  division_code: string | null;
  locale: Generated<Locale>;
  failed_logins: Generated<number>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  user_id: string;
  role_code: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: Generated<string>;
  action: string;
  entity_type: string;
  entity_id: string | null;
  enterprise_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
  ip: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  progress: Json<{ done: number; total: number; message?: string }> | null;
  result: Json<unknown> | null;
  error: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface ImportBatchTable {
  id: Generated<string>;
  kind: string;
  file_name: string;
  status: Generated<ImportStatus>;
  total_rows: number;
  valid_rows: number;
  errors: Json<ImportRowError[]>;
  rows: Json<unknown[]>;
  job_id: number | null;
  summary: Json<Record<string, number>> | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface ImportRowError {
  line: number;
  column: string;
  message: string;
}

export interface TalentTable {
  id: Generated<string>;
  id_number: string;
  name: string;
  gender: TalentGender;
  birth_date: string;
  phone: Generated<string>;
  user_id: string | null;
  enterprise_id: string | null;
  status: Generated<TalentRowStatus>;
  facts: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TalentEmploymentTable {
  id: Generated<string>;
  talent_id: string;
  enterprise_id: string;
  started_on: string;
  ended_on: string | null;
  created_at: CreatedAt;
}

export interface TalentConflictTable {
  id: Generated<string>;
  talent_id: string;
  id_number: string;
  name: string;
  holder_enterprise_id: string | null;
  claimant_enterprise_id: string;
  submitted: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<TalentConflictStatus>;
  note: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  resolved_by: string | null;
  resolved_at: Date | null;
}

// Working-day calendar (0004_calendar.sql): years entered from the State Council notice.
export type CalendarDayKind = 'holiday' | 'makeup_workday';

export interface CalendarYearTable {
  year: number;
  notice_number: string;
  notice_title: Generated<string>;
  notice_url: Generated<string>;
  entered_by: string | null;
  entered_by_name: string;
  entered_at: Timestamp;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  kind: CalendarDayKind;
  name: Generated<string>;
}

export interface CalendarVersionTable {
  id: Generated<boolean>;
  version: number;
  changed_at: Timestamp;
}

export interface ReferenceDataVersionTable {
  id: Generated<boolean>;
  hash: string;
  loaded_at: Generated<Timestamp>;
}

/** Migration 0022: a request's attachment (a file of core/files), on the request or on one step of its timeline. */
export interface ServiceRequestAttachmentTable {
  file_id: string;
  request_id: string;
  event_id: number | null;
  uploader_role: 'enterprise' | 'office' | 'unit';
  uploader_name: Generated<string>;
  unit_id: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  reference_data_version: ReferenceDataVersionTable;
  divisions: DivisionTable;
  industries: IndustryTable;
  departments: DepartmentTable;
  roles: RoleTable;
  parks: ParkTable;
  enterprises: EnterpriseTable;
  enterprise_contacts: EnterpriseContactTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  notifications: NotificationTable;
  import_batches: ImportBatchTable;
  talents: TalentTable;
  talent_employments: TalentEmploymentTable;
  talent_conflicts: TalentConflictTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  calendar_version: CalendarVersionTable;
}

export type Enterprise = Selectable<EnterpriseTable>;
export type NewEnterprise = Insertable<EnterpriseTable>;
export type EnterpriseUpdate = Updateable<EnterpriseTable>;
export type User = Selectable<UserTable>;
export type Park = Selectable<ParkTable>;
export type Talent = Selectable<TalentTable>;

// ---- talent scoring (migrations/0005_talent_scoring.sql; modules/talent/scoring) -------------
export type TalentSchemeKind = 'personal' | 'enterprise' | 'evaluation_bonus';
export type TalentSchemeStatus = 'draft' | 'published' | 'retired';
export type TalentWhatIfStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface TalentSchemeVersionTable {
  id: Generated<string>;
  kind: TalentSchemeKind;
  code: string;
  version: string;
  name: Json<{ zh: string; en: string }>;
  status: Generated<TalentSchemeStatus>;
  effective_from: string;
  effective_to: string | null;
  document: Json<Record<string, unknown>>;
  source: string;
  source_format: 'yaml' | 'json';
  content_hash: string;
  revision: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: Date | null;
  retired_by: string | null;
  retired_at: Date | null;
}

export interface TalentScoreTable {
  talent_id: string;
  scheme_version_id: string;
  as_of: string;
  enterprise_id: string | null;
  total: number;
  complete: boolean;
  passed: boolean | null;
  result: Json<Record<string, unknown>>;
  computed_at: Timestamp;
}

export interface TalentEnterpriseFactsTable {
  enterprise_id: string;
  year: number;
  facts: Json<Record<string, unknown>>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TalentEnterpriseScoreTable {
  enterprise_id: string;
  scheme_version_id: string;
  as_of: string;
  personal_version_id: string | null;
  staff_points_total: number;
  talent_count: number;
  total: number;
  complete: boolean;
  tier: string | null;
  rank: number | null;
  result: Json<Record<string, unknown>>;
  computed_at: Timestamp;
}

/** An enterprise's evaluation bonus under a bonus version on a day (migration 0012). */
export interface TalentEvaluationBonusTable {
  enterprise_id: string;
  scheme_version_id: string;
  as_of: string;
  enterprise_version_id: string;
  enterprise_as_of: string;
  enterprise_points: number;
  enterprise_tier: string | null;
  points: number;
  complete: boolean;
  result: Json<Record<string, unknown>>;
  computed_at: Date;
}

/** A day a recompute finished for a version (migration 0011): the days readers may show. */
export interface TalentScoreDayTable {
  scheme_version_id: string;
  as_of: string;
  row_count: number;
  completed_at: Date;
}

export interface TalentWhatIfRunTable {
  id: Generated<string>;
  draft_id: string;
  baseline_id: string | null;
  draft_hash: string;
  as_of: string;
  status: Generated<TalentWhatIfStatus>;
  talent_counts: Json<Record<string, number>> | null;
  enterprise_counts: Json<Record<string, number>> | null;
  job_id: number | null;
  error: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface TalentWhatIfRowTable {
  run_id: string;
  subject_type: 'talent' | 'enterprise';
  subject_id: string;
  enterprise_id: string | null;
  before_total: number | null;
  before_tier: string | null;
  after_total: number | null;
  after_tier: string | null;
  delta: number | null;
  change: string;
  tier_changed: boolean;
  tier_move: string | null;
}

// Declaration merging: these tables join the DB interface above.
export interface DB {
  talent_scheme_versions: TalentSchemeVersionTable;
  talent_scores: TalentScoreTable;
  talent_enterprise_facts: TalentEnterpriseFactsTable;
  talent_enterprise_scores: TalentEnterpriseScoreTable;
  talent_score_days: TalentScoreDayTable;
  talent_evaluation_bonuses: TalentEvaluationBonusTable;
  talent_whatif_runs: TalentWhatIfRunTable;
  talent_whatif_rows: TalentWhatIfRowTable;
}

// 亲企办 enterprise service (migration 0010, modules/service). Statuses, roles and steps are the
// domain's unions (modules/service/domain), kept as text here so that the db layer imports no module.
export type ServiceAgentStrategy = 'none' | 'round_robin' | 'least_loaded';

export interface ServiceCategoryTable {
  id: string;
  parent_id: string | null;
  name: string;
  name_en: Generated<string>;
  keywords: Generated<string[]>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface ServiceUnitTable {
  department_id: string;
  active: Generated<boolean>;
  agent_strategy: Generated<ServiceAgentStrategy>;
  last_agent_id: string | null;
  updated_at: Timestamp;
}

export interface ServiceRoutingRuleTable {
  id: Generated<string>;
  position: number;
  name: Generated<string>;
  category_ids: Generated<string[]>;
  keywords: Generated<string[]>;
  division_prefixes: Generated<string[]>;
  park_ids: Generated<string[]>;
  unit_id: string;
  assisting_unit_ids: Generated<string[]>;
  agent_strategy: Generated<ServiceAgentStrategy>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ServiceRequestTable {
  id: Generated<string>;
  number: Generated<number>;
  status: Generated<string>;
  status_before_wait: string | null;
  channel: string;
  category_id: string | null;
  suggested_category_id: string | null;
  title: string;
  description: string;
  enterprise_id: string | null;
  enterprise_ids: Generated<string[]>;
  organization_name: Generated<string>;
  contact_name: string;
  contact_phone: Generated<string>;
  division_code: string | null;
  park_id: string | null;
  location: Generated<string>;
  lead_unit_id: string | null;
  agent_id: string | null;
  return_count: Generated<number>;
  reopen_count: Generated<number>;
  dispatch_count: Generated<number>;
  merged_into_id: string | null;
  submitted_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  created_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
  /** 回访催办 (migration 0020): reminded to the enterprise once; then handed to the hotline. */
  follow_up_reminded_at: Date | null;
  follow_up_hotline_at: Date | null;
}

export interface ServiceRequestUnitTable {
  request_id: string;
  unit_id: string;
  role: 'lead' | 'assisting';
  attempt: number;
}

export interface ServiceRequestEventTable {
  id: Generated<number>;
  request_id: string;
  type: string;
  at: Date;
  actor_role: string;
  actor_id: string | null;
  actor_name: Generated<string>;
  unit_id: string | null;
  payload: Json<Record<string, unknown>>;
}

export interface ServicePauseTable {
  id: Generated<number>;
  request_id: string;
  from_at: Date;
  to_at: Date | null;
  reason: Generated<string>;
}

export interface ServiceRequestStepTable {
  id: Generated<number>;
  request_id: string;
  step: string;
  round: Generated<number>;
  started_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  completed_at: Date | null;
  met: boolean | null;
  cancelled_at: Date | null;
  warned_at: Date | null;
  overdue_at: Date | null;
  /** Migration 0015: who held the step (respond, resolve: the handling unit; null for the office's steps). */
  unit_id: string | null;
  agent_id: string | null;
  /** Ended by its unit's return (cancelled_at = the return); the next unit holds a new row of the same step and round. */
  returned: Generated<boolean>;
  /** A later round opened the step again; only rows not superseded are judged. */
  superseded: Generated<boolean>;
  /** Migration 0022: the office's re-dispatch after a return (a dispatch step timed from the return). */
  redispatch: Generated<boolean>;
  /** On the follow_up row a follow-up completed: the answers. */
  satisfaction: string | null;
  solved: boolean | null;
}

/**
 * Migration 0023: the 三率 report's row per request (docs/service/METRICS.md), maintained by
 * triggers from service_requests and service_request_steps — never written by the application.
 */
export interface ServiceRequestFiguresTable {
  request_id: string;
  submitted_at: Date;
  status: string;
  category_id: string | null;
  division_code: string | null;
  channel: string;
  park_id: string | null;
  lead_unit_id: string | null;
  resolved: boolean;
  resolver_unit_id: string | null;
  resolver_agent_id: string | null;
  satisfaction: string | null;
  solved: boolean | null;
  accept_started_at: Date | null;
  accept_due_at: Date | null;
  accept_completed_at: Date | null;
  accept_cancelled_at: Date | null;
  accept_unit_id: string | null;
  accept_agent_id: string | null;
  accept_duration_ms: number | null;
  dispatch_started_at: Date | null;
  dispatch_due_at: Date | null;
  dispatch_completed_at: Date | null;
  dispatch_cancelled_at: Date | null;
  dispatch_unit_id: string | null;
  dispatch_agent_id: string | null;
  dispatch_duration_ms: number | null;
  respond_started_at: Date | null;
  respond_due_at: Date | null;
  respond_completed_at: Date | null;
  respond_cancelled_at: Date | null;
  respond_unit_id: string | null;
  respond_agent_id: string | null;
  respond_duration_ms: number | null;
  resolve_started_at: Date | null;
  resolve_due_at: Date | null;
  resolve_completed_at: Date | null;
  resolve_cancelled_at: Date | null;
  resolve_unit_id: string | null;
  resolve_agent_id: string | null;
  resolve_duration_ms: number | null;
  follow_up_started_at: Date | null;
  follow_up_due_at: Date | null;
  follow_up_completed_at: Date | null;
  follow_up_cancelled_at: Date | null;
  follow_up_unit_id: string | null;
  follow_up_agent_id: string | null;
  follow_up_duration_ms: number | null;
  /** Migration 0029: the open re-dispatch (重新交办) of the latest round — its start (null: none open) and deadline. */
  redispatch_open_started_at: Date | null;
  redispatch_open_due_at: Date | null;
}

export interface DB {
  service_categories: ServiceCategoryTable;
  service_units: ServiceUnitTable;
  service_routing_rules: ServiceRoutingRuleTable;
  service_requests: ServiceRequestTable;
  service_request_units: ServiceRequestUnitTable;
  service_request_events: ServiceRequestEventTable;
  service_pauses: ServicePauseTable;
  service_request_steps: ServiceRequestStepTable;
  service_request_attachments: ServiceRequestAttachmentTable;
  service_request_figures: ServiceRequestFiguresTable;
}

// ---- 亲企办 Open311 (migration 0013, modules/service/open311) --------------------------------

export interface ServiceOpen311KeyTable {
  id: Generated<string>;
  name: string;
  /** hex SHA-256 of the key; the key itself is never stored */
  key_hash: string;
  key_prefix: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export interface ServiceOpen311RequestTable {
  request_id: string;
  key_id: string;
  lat: number | null;
  long: number | null;
  address_id: Generated<string>;
  media_url: Generated<string>;
  account_id: Generated<string>;
}

export interface DB {
  service_open311_keys: ServiceOpen311KeyTable;
  service_open311_requests: ServiceOpen311RequestTable;
}

// ---- Talent redemption: resources, tier quotas, handovers, rounds (migration 0014, modules/talent/redemption)

export type TalentHandoverStatus = 'assigned' | 'revoked' | 'used';
export type TalentRoundStatus = 'draft' | 'open' | 'closed' | 'allocated' | 'final';

export interface TalentResourceTable {
  id: Generated<string>;
  code: string;
  name: string;
  unit: string;
  department_id: string;
  description: Generated<string>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TalentTierQuotaTable {
  tier: string;
  resource_id: string;
  period: string;
  units: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TalentQuotaUsageTable {
  enterprise_id: string;
  resource_id: string;
  period: string;
  used: Generated<number>;
}

export interface TalentQuotaHandoverTable {
  id: Generated<string>;
  enterprise_id: string;
  resource_id: string;
  period: string;
  talent_id: string;
  tier: string;
  status: Generated<TalentHandoverStatus>;
  note: Generated<string>;
  assigned_by: string | null;
  assigned_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Date | null;
  used_round_id: string | null;
}

export interface TalentRoundTable {
  id: Generated<string>;
  name: string;
  resource_id: string;
  period: string;
  status: Generated<TalentRoundStatus>;
  min_points: number | null;
  quota_holders: Generated<boolean>;
  quota_first: Generated<boolean>;
  tie_break_items: Generated<string[]>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  notice_days: Generated<number>;
  /** Secret until the allocation; never sent before it. */
  seed: string | null;
  seed_commitment: string | null;
  personal_version_id: string | null;
  points_as_of: string | null;
  allocated_at: Date | null;
  allocated_by: string | null;
  notice_ends_at: Date | null;
  finalized_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TalentRoundOptionTable {
  id: Generated<string>;
  round_id: string;
  position: number;
  name: string;
  capacity: number;
  published_by: string | null;
  published_at: Date | null;
  filled: number | null;
  cutoff_points: number | null;
  cutoff_rank: number | null;
}

export interface TalentRoundApplicationTable {
  id: Generated<string>;
  round_id: string;
  talent_id: string;
  preferences: string[];
  points: number | null;
  by_quota: Generated<boolean>;
  handover_id: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp;
}

export interface TalentRoundResultTable {
  round_id: string;
  application_id: string;
  talent_id: string;
  rank: number;
  option_id: string | null;
  preference_index: number | null;
  priority_class: number;
  points: number;
  sub_scores: Json<number[]>;
  qualified_at: string | null;
  ticket: string;
  decided_by: Json<{ key: string; index?: number } | null> | null;
}

export interface DB {
  talent_resources: TalentResourceTable;
  talent_tier_quotas: TalentTierQuotaTable;
  talent_quota_usage: TalentQuotaUsageTable;
  talent_quota_handovers: TalentQuotaHandoverTable;
  talent_rounds: TalentRoundTable;
  talent_round_options: TalentRoundOptionTable;
  talent_round_applications: TalentRoundApplicationTable;
  talent_round_results: TalentRoundResultTable;
}

// --- 0020_service_workflow -------------------------------------------------------------------

/** A stored version of the service-level policy (JSON of the domain's ServiceLevelPolicy). */
export interface ServiceLevelPolicyTable {
  id: Generated<number>;
  policy: Json<Record<string, unknown>>;
  effective_from: Date;
  created_by: string | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

export interface DB {
  service_level_policies: ServiceLevelPolicyTable;
}

// ---- Talent annual cycle, public notice, objections (migration 0018, modules/talent/cycle) ----
export type TalentCycleStatus = 'open' | 'reviewing' | 'computed' | 'notice' | 'final';
export type TalentObjectionStatus = 'pending' | 'upheld' | 'dismissed';

export interface TalentCycleTable {
  id: Generated<string>;
  year: number;
  status: Generated<TalentCycleStatus>;
  personal_version_id: string;
  enterprise_version_id: string;
  bonus_version_id: string | null;
  notice_workdays: Generated<number>;
  objection_channel: Generated<string>;
  points_as_of: string | null;
  enterprise_as_of: string | null;
  bonus_as_of: string | null;
  notice_starts_on: string | null;
  notice_ends_on: string | null;
  opened_by: string | null;
  opened_at: ColumnType<Date, Date | undefined, Date>;
  reviewing_at: Date | null;
  computed_at: Date | null;
  published_at: Date | null;
  finalized_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface TalentCycleTalentEntryTable {
  id: Generated<string>;
  cycle_id: string;
  talent_id: string;
  name: string;
  masked_name: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  points: number;
  rank: number;
  corrected: Generated<boolean>;
}

export interface TalentCycleEnterpriseEntryTable {
  id: Generated<string>;
  cycle_id: string;
  enterprise_id: string;
  enterprise_name: string;
  points: number;
  rank: number | null;
  tier: string | null;
  tier_order: number | null;
  tier_label: Json<{ zh: string; en: string }> | null;
  evaluation_bonus: number | null;
  talent_count: Generated<number>;
  corrected: Generated<boolean>;
}

export interface TalentCycleObjectionTable {
  id: Generated<string>;
  cycle_id: string;
  entry_type: 'talent' | 'enterprise';
  entry_id: string;
  text: string;
  raised_by: string;
  raised_by_enterprise_id: string | null;
  raised_at: Date;
  status: Generated<TalentObjectionStatus>;
  answer: string | null;
  correction: Json<Record<string, unknown>> | null;
  answered_by: string | null;
  answered_at: Date | null;
}

export interface DB {
  talent_cycles: TalentCycleTable;
  talent_cycle_talent_entries: TalentCycleTalentEntryTable;
  talent_cycle_enterprise_entries: TalentCycleEnterpriseEntryTable;
  talent_cycle_objections: TalentCycleObjectionTable;
}

// ---- core files (0016) ----------------------------------------------------------------------------
export type StoredMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

export interface FileTable {
  id: Generated<string>;
  sha256: string;
  name: string;
  media_type: StoredMediaType;
  size_bytes: number;
  owner_kind: string;
  owner_id: string;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

/** The bytes of a file; written and read as base64 text (encode/decode), the same on both drivers. */
export interface FileContentTable {
  file_id: string;
  content: ColumnType<unknown, string, never>; // insert sql`decode(<base64>, 'base64')`
}

export interface DB {
  files: FileTable;
  file_contents: FileContentTable;
}

// ---- talent fact claims (0017) ----------------------------------------------------------------------
export type TalentClaimStatus = 'submitted' | 'more_info_requested' | 'resubmitted' | 'approved' | 'rejected' | 'withdrawn';
export type TalentClaimAction = 'submit' | 'amend' | 'evidence_add' | 'evidence_remove' | 'request_info' | 'resubmit' | 'approve' | 'reject' | 'withdraw';
/** One claimed fact: the approved value when claimed and the value claimed (null = absent). */
export interface TalentClaimChange {
  fact: string;
  before: unknown;
  claimed: unknown;
}

export interface TalentClaimTable {
  id: Generated<string>;
  subject_kind: 'talent' | 'enterprise';
  talent_id: string | null;
  year: number | null;
  enterprise_id: string;
  status: Generated<TalentClaimStatus>;
  changes: Json<TalentClaimChange[]>;
  reason: Generated<string>;
  submitted_by: string | null;
  created_at: CreatedAt;
  waiting_since: Timestamp;
  decided_by: string | null;
  decided_at: Date | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TalentClaimEventTable {
  id: Generated<number>;
  claim_id: string;
  action: TalentClaimAction;
  note: Generated<string>;
  detail: Json<Record<string, unknown>> | null;
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
}

export interface TalentClaimEvidenceTable {
  file_id: string;
  claim_id: string;
  fact: string | null;
}

export interface DB {
  talent_claims: TalentClaimTable;
  talent_claim_events: TalentClaimEventTable;
  talent_claim_evidence: TalentClaimEvidenceTable;
}

// ---- SMS and e-mail through an outbox (migrations/0021_notification_outbox.sql; core/notifications)
export type OutboxChannel = 'sms' | 'email';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface NotificationOutboxTable {
  id: Generated<number>;
  channel: OutboxChannel;
  user_id: string | null;
  address: string;
  subject: Generated<string>;
  body: string;
  notification_id: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Date | null;
}

export interface NotificationChannelOptoutTable {
  user_id: string;
  channel: OutboxChannel;
  created_at: CreatedAt;
}

export interface DB {
  notification_outbox: NotificationOutboxTable;
  notification_channel_optouts: NotificationChannelOptoutTable;
}

// Medical fund supervision, part A: mappings and data loads (0027_medfund_loads.sql). The claims
// themselves live in the claims store (modules/medfund/claims), not in this database.
export type MedfundLoadSource = 'upload' | 'cli' | 'generator';
export type MedfundLoadStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'duplicate';
export type MedfundFileFormat = 'csv' | 'xlsx' | 'parquet' | 'generated';
export type MedfundDateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'YYYY/MM/DD';

export interface MedfundColumnMappingTable {
  id: Generated<number>;
  name: string;
  target_table: string;
  /** claims column → the file's header. */
  columns: Json<Record<string, string>>;
  date_format: Generated<MedfundDateFormat>;
  delimiter: Generated<string>;
  builtin: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MedfundDataLoadTable {
  id: Generated<number>;
  source: MedfundLoadSource;
  target_table: string;
  mapping_id: number | null;
  file_name: string;
  file_format: MedfundFileFormat;
  file_size: Generated<number>;
  file_sha256: string | null;
  status: Generated<MedfundLoadStatus>;
  duplicate_of: number | null;
  rows_read: Generated<number>;
  rows_added: Generated<number>;
  rows_existing: Generated<number>;
  rows_rejected: Generated<number>;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: string | null;
  job_id: number | null;
  claims_engine: 'duckdb' | 'postgres';
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface MedfundLoadErrorTable {
  load_id: number;
  row_no: number;
  column_name: Generated<string>;
  code: string;
  message: string;
  value: string | null;
}

export interface DB {
  medfund_column_mappings: MedfundColumnMappingTable;
  medfund_data_loads: MedfundDataLoadTable;
  medfund_load_errors: MedfundLoadErrorTable;
}

// --- 服务资源库, recommendations and visits (0024_service_directory.sql) ---------------------

export interface ServiceCapabilityTable {
  code: string;
  parent_code: string | null;
  name: string;
  name_en: Generated<string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type ProviderKind =
  | 'testing_lab' | 'certification_body' | 'law_firm' | 'bank' | 'patent_agency' | 'training_body' | 'accounting_firm' | 'consultancy' | 'other';

export interface ServiceProviderTable {
  id: Generated<string>;
  name: string;
  kind: ProviderKind;
  description: Generated<string>;
  enterprise_id: string | null;
  contact_name: Generated<string>;
  /** personal data: masked unless revealed */
  contact_phone: Generated<string>;
  website: Generated<string>;
  email: Generated<string>;
  opening_hours: Generated<string>;
  address: Generated<string>;
  division_code: string | null;
  /** GCJ-02 */
  lat: number;
  lng: number;
  status: Generated<'active' | 'inactive'>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
}

// ── 惠企政策直达 / 免申即享 (migration 0025; modules/service/benefits) ──

export type CreditRating = 'A' | 'B' | 'M' | 'C' | 'D';
export type BenefitPolicyStatus = 'draft' | 'published' | 'expired';
export type BenefitOutcome = 'eligible' | 'nearly';
export type BenefitGrantIntent = 'pending' | 'confirmed' | 'declined';

/** Periodic facts for eligibility the registry lacks (core/enterprises/enterprise-facts.ts: the economy module's complete years and other suppliers). */
export interface EnterpriseEligibilityFactsTable {
  enterprise_id: string;
  /** '2025', '2025-Q3' or '2025-09'. */
  period: string;
  revenue_fen: number | null;
  tax_fen: number | null;
  credit_rating: CreditRating | null;
  source: Generated<string>;
  updated_at: Timestamp;
}

export interface BenefitPolicyTable {
  id: Generated<string>;
  title: string;
  issuer: string;
  document_number: Generated<string>;
  published_on: string | null;
  valid_from: string | null;
  valid_to: string | null;
  interpretation: Generated<string>;
  benefit_amount_fen: number | null;
  benefit_description: Generated<string>;
  auto_grant: Generated<boolean>;
  /** { combine: 'all' | 'any', items: Criterion[] } (benefits/domain/criteria.ts). */
  criteria: Json<unknown>;
  status: Generated<BenefitPolicyStatus>;
  published_at: Date | null;
  published_by: string | null;
  matched_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
  /** Small integer naming the policy in benefit_enterprise_matches' arrays (0030; identity, never written). */
  match_key: GeneratedAlways<number>;
}

export interface ServiceProviderServiceTable {
  id: Generated<string>;
  provider_id: string;
  capability_code: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface ServiceDirectoryVersionTable {
  id: number;
  version: number;
}

export type RecommendationOutcome = 'pending' | 'helped' | 'not_helped';

export interface ServiceRecommendationTable {
  id: Generated<string>;
  enterprise_id: string;
  request_id: string | null;
  provider_id: string;
  capability_code: string;
  distance_m: number | null;
  note: Generated<string>;
  recommended_by: string | null;
  recommended_by_name: Generated<string>;
  recommended_at: Timestamp;
  outcome: Generated<RecommendationOutcome>;
  outcome_note: Generated<string>;
  outcome_by_name: Generated<string>;
  outcome_at: Date | null;
  version: Generated<number>;
}

export interface ServiceVisitPlanTable {
  id: Generated<string>;
  agent_id: string;
  division_code: string;
  period_from: string;
  period_to: string;
  enterprise_ids: Generated<string[]>;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
  /** Who changed the plan last (0030); null and '' until it is edited. */
  updated_by: string | null;
  updated_by_name: Generated<string>;
}

export interface ServiceVisitTable {
  id: Generated<string>;
  enterprise_id: string;
  division_code: string;
  park_id: string | null;
  plan_id: string | null;
  visited_at: Timestamp;
  visitor_id: string | null;
  visitor_name: string;
  companions: Generated<string>;
  discussed: string;
  follow_ups: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ServiceVisitProblemTable {
  id: Generated<string>;
  visit_id: string;
  position: number;
  text: string;
  request_id: string | null;
}

export interface DB {
  service_capabilities: ServiceCapabilityTable;
  service_providers: ServiceProviderTable;
  service_provider_services: ServiceProviderServiceTable;
  service_directory_version: ServiceDirectoryVersionTable;
  service_recommendations: ServiceRecommendationTable;
  service_visit_plans: ServiceVisitPlanTable;
  service_visits: ServiceVisitTable;
  service_visit_problems: ServiceVisitProblemTable;
}

/** A read-only view over benefit_enterprise_matches (0030): one row per pair; filter it by enterprise. */
export interface BenefitMatchTable {
  policy_id: ColumnType<string, never, never>;
  enterprise_id: ColumnType<string, never, never>;
  outcome: ColumnType<BenefitOutcome, never, never>;
  /** One letter per criterion: P pass, F fail, U unknown. */
  codes: ColumnType<string, never, never>;
}

/** The matcher's outcomes per enterprise (0030): match keys of its eligible and nearly policies, codes in the order of eligible || nearly. */
export interface BenefitEnterpriseMatchTable {
  enterprise_id: string;
  eligible: number[];
  nearly: number[];
  codes: string[];
}

export interface BenefitMatchStateTable {
  id: number;
  enterprises_to: Date;
  facts_to: Date;
}

export interface BenefitDeliveryTable {
  policy_id: string;
  enterprise_id: string;
  outcome: BenefitOutcome;
  notified_at: Date;
}

export interface BenefitGrantListTable {
  policy_id: string;
  status: Generated<'review' | 'confirmed'>;
  generated_at: Date;
  generated_by: string | null;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  confirmed_by_name: Generated<string>;
  version: Generated<number>;
}

export interface BenefitGrantTable {
  id: Generated<string>;
  policy_id: string;
  enterprise_id: string;
  amount_fen: number | null;
  included: Generated<boolean>;
  exclude_reason: Generated<string>;
  intent: Generated<BenefitGrantIntent>;
  intent_at: Date | null;
  intent_by: string | null;
  bank_name: Generated<string>;
  bank_account_name: Generated<string>;
  bank_account_no: Generated<string>;
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
}

export interface DB {
  enterprise_eligibility_facts: EnterpriseEligibilityFactsTable;
  benefit_policies: BenefitPolicyTable;
  benefit_matches: BenefitMatchTable;
  benefit_enterprise_matches: BenefitEnterpriseMatchTable;
  benefit_match_state: BenefitMatchStateTable;
  benefit_deliveries: BenefitDeliveryTable;
  benefit_grant_lists: BenefitGrantListTable;
  benefit_grants: BenefitGrantTable;
}

// ---- economy: enterprise indicators (migrations/0026_economy.sql; modules/economy) -----------
export type EconomyBasis = 'cumulative' | 'current';
export type EconomyFigureSource = 'import' | 'correction' | 'seed';
export type EconomyScopeKind = 'county' | 'ecosystem' | 'street' | 'park';

export interface EconomyFigureTable {
  enterprise_id: string;
  year: number;
  /** '01'..'12' (a month) or 'Q1'..'Q4' (a quarter). */
  period: string;
  basis: EconomyBasis;
  revenue_fen: number | null;
  output_fen: number | null;
  value_added_fen: number | null;
  tax_fen: number | null;
  profit_fen: number | null;
  rd_fen: number | null;
  employees: number | null;
  energy_tce: number | null;
  land_mu: number | null;
  source: Generated<EconomyFigureSource>;
  updated_by: string | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyFigureHistoryTable {
  id: Generated<number>;
  enterprise_id: string;
  year: number;
  period: string;
  basis: EconomyBasis;
  before: Json<Record<string, unknown>>;
  after: Json<Record<string, unknown>>;
  change: 'import' | 'correction';
  reason: Generated<string>;
  changed_by: string | null;
  changed_by_name: Generated<string>;
  changed_at: Generated<Date>;
}

export interface EconomyScaleStatusTable {
  enterprise_id: string;
  year: number;
  above_scale: boolean;
  revenue_year: number;
  annual_revenue_fen: number | null;
  threshold_fen: number | null;
  sector: string;
  reason: string;
  computed_at: Generated<Date>;
}

export interface EconomyEcosystemTable {
  id: Generated<string>;
  name: string;
  name_en: Generated<string>;
  industry_prefixes: string[];
  description: Generated<string>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyOfficialRateTable {
  id: Generated<string>;
  indicator: string;
  scope_kind: EconomyScopeKind;
  scope_key: Generated<string>;
  year: number;
  period: string;
  basis: EconomyBasis;
  rate_percent: number;
  source: string;
  entered_by: string | null;
  entered_at: Generated<Date>;
}

export interface EconomySumsPeriodTable {
  year: number;
  period: string;
  basis: 'cumulative' | 'current';
  changed_seq: number;
  summed_seq: number | null;
  summed_at: Date | null;
}

/** Per-period sums for the leaders' screen (migration 0039; modules/economy/dashboard/period-sums.store.ts). */
export interface EconomyPeriodSumTable {
  year: number;
  period: string;
  basis: 'cumulative' | 'current';
  division_code: string;
  park_key: string;
  industry_code: string;
  as_size: number;
  as_with_row: number;
  rev_reported: number;
  rev_compared: number;
  rev_total: number;
  rev_cur: number;
  rev_base: number;
  tax_reported: number;
  tax_compared: number;
  tax_total: number;
  tax_cur: number;
  tax_base: number;
  emp_reported: number;
  emp_compared: number;
  emp_total: number;
  emp_cur: number;
  emp_base: number;
}

export interface DB {
  economy_figures: EconomyFigureTable;
  economy_figure_history: EconomyFigureHistoryTable;
  economy_scale_status: EconomyScaleStatusTable;
  economy_ecosystems: EconomyEcosystemTable;
  economy_official_rates: EconomyOfficialRateTable;
  economy_sums_periods: EconomySumsPeriodTable;
  economy_period_sums: EconomyPeriodSumTable;
}

// ---- economy: chains and investment projects (migrations/0035_economy_chains_projects.sql) ---
export type ChainSegment = 'upstream' | 'midstream' | 'downstream';
export type ProjectStatus = 'active' | 'landed' | 'dropped';
export interface StageMilestoneTemplate { name: string; required: boolean; dueDays: number }

export interface EconomyChainTable {
  id: Generated<string>;
  name: string;
  name_en: Generated<string>;
  description: Generated<string>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyChainLinkTable {
  id: Generated<string>;
  chain_id: string;
  parent_id: string | null;
  name: string;
  name_en: Generated<string>;
  segment: Generated<ChainSegment>;
  industry_prefixes: Generated<string[]>;
  keywords: Generated<string[]>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyProjectStageTable {
  code: string;
  name: string;
  name_en: Generated<string>;
  sort_order: number;
  target_days: number | null;
  milestones: ColumnType<StageMilestoneTemplate[], string | undefined, string>;
  updated_at: Generated<Date>;
}

export interface EconomyProjectTable {
  id: Generated<string>;
  name: string;
  investor: string;
  investor_origin: Generated<string>;
  industry_code: string;
  chain_link_id: string | null;
  total_investment_fen: number;
  received_investment_fen: Generated<number>;
  stage: string;
  stage_entered_at: Generated<Date>;
  status: Generated<ProjectStatus>;
  owner_id: string;
  division_code: string;
  address: Generated<string>;
  construction_percent: Generated<number>;
  enterprise_id: string | null;
  description: Generated<string>;
  /** GCJ-02, both or neither (migration 0039). */
  lat: number | null;
  lng: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyProjectStageEventTable {
  id: Generated<number>;
  project_id: string;
  from_stage: string | null;
  to_stage: string;
  at: Generated<Date>;
  by_user: string | null;
  by_name: Generated<string>;
  skipped: ColumnType<string[], string | undefined, string>;
  reason: Generated<string>;
}

export interface EconomyProjectMilestoneTable {
  id: Generated<string>;
  project_id: string;
  stage: string;
  name: string;
  required: Generated<boolean>;
  due_date: string | null;
  done_at: Date | null;
  done_by_name: Generated<string>;
  escalation: Generated<number>;
  created_at: Generated<Date>;
}

export interface EconomyProjectProblemTable {
  id: Generated<string>;
  project_id: string;
  stage: string;
  description: string;
  responsible: string;
  due_date: string | null;
  raised_by_name: Generated<string>;
  raised_at: Generated<Date>;
  resolved_at: Date | null;
  resolution: Generated<string>;
}

export interface DB {
  economy_chains: EconomyChainTable;
  economy_chain_links: EconomyChainLinkTable;
  economy_project_stages: EconomyProjectStageTable;
  economy_projects: EconomyProjectTable;
  economy_project_stage_events: EconomyProjectStageEventTable;
  economy_project_milestones: EconomyProjectMilestoneTable;
  economy_project_problems: EconomyProjectProblemTable;
}

// ---- Medical fund supervision, part B: rules, runs, findings, provider risk (0028_medfund_rules.sql, modules/medfund/rules)
export type MedfundSeverity = 'red' | 'orange';
export type MedfundRunKind = 'full' | 'incremental';
export type MedfundRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface MedfundRuleTable {
  code: string;
  template: string;
  name: string;
  name_en: string;
  enabled: Generated<boolean>;
  current_version: Generated<number>;
  sort_order: Generated<number>;
  updated_at: Timestamp;
}

export interface MedfundRuleVersionTable {
  rule_code: string;
  version: number;
  severity: MedfundSeverity;
  effective_from: string;
  effective_to: string | null;
  params: Json<Record<string, number | string[]>>;
  tables: Json<Record<string, Record<string, string | number | null>[]>>;
  department_id: string | null;
  department_name: Generated<string>;
  change_note: Generated<string>;
  created_by: string | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

export interface MedfundScreeningRunTable {
  id: Generated<number>;
  kind: MedfundRunKind;
  status: MedfundRunStatus;
  engine: string;
  store_key: string;
  period_from: string | null;
  period_to: string | null;
  data_version: Generated<string>;
  rule_versions: Json<{ rule: string; version: number }[]>;
  job_id: number | null;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  progress_note: Generated<string>;
  counts: Json<Record<string, number>>;
  error: string | null;
  requested_by: string | null;
  requested_by_name: Generated<string>;
  requested_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface MedfundFindingTable {
  id: Generated<number>;
  natural_key: string;
  rule_code: string;
  rule_version: number;
  severity: MedfundSeverity;
  psn_no: string;
  psn_name: Generated<string>;
  certno: Generated<string>;
  fixmedins_code: string;
  fixmedins_name: Generated<string>;
  setl_id: string;
  line_ids: ColumnType<string[], string[] | string, string[] | string>;
  occurred_on: string;
  amount_fen: number;
  evidence: Json<Record<string, unknown>>;
  department_name: Generated<string>;
  first_run_id: number;
  last_run_id: number;
  created_at: CreatedAt;
}

export interface MedfundProviderRiskTable {
  run_id: number;
  fixmedins_code: string;
  fixmedins_name: string;
  provider_type: string;
  hosp_lv: string;
  peer_group: string;
  peer_count: number;
  settlements: number;
  cost_per_visit_fen: number;
  fund_share: number;
  findings: number;
  findings_per_k: number;
  amount_at_risk_fen: number;
  z_cost: number | null;
  z_fund_share: number | null;
  z_findings: number | null;
  risk_score: number;
  outlier_metrics: ColumnType<string[], string[] | string, string[] | string>;
  rank: number;
}

// ---- Medical fund supervision, part 2A: warnings (0032_medfund_warnings.sql, modules/medfund/warnings)
export type MedfundWarningLevel = 'red' | 'orange' | 'yellow';
export type MedfundWarningStatus = 'open' | 'in_case' | 'closed' | 'dismissed';
export type MedfundWarningSubject = 'person' | 'provider';
export type MedfundWarningEventKind = 'created' | 'level' | 'status' | 'findings' | 'notified' | 'note';

export interface MedfundWarningRuleVersionTable {
  version: number;
  rules: Json<Record<string, unknown>>;
  change_note: Generated<string>;
  created_by: string | null;
  created_by_name: Generated<string>;
  created_at: CreatedAt;
}

export interface MedfundWarningRollupTable {
  id: Generated<number>;
  trigger: 'screening' | 'manual' | 'rules';
  /** 0037: full (every subject) or incremental (the run's subjects and the pending ones). */
  mode: Generated<'full' | 'incremental'>;
  run_id: number | null;
  rule_version: number | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  as_of: string | null;
  period_from: string | null;
  counts: Json<Record<string, number>>;
  error: string | null;
  requested_by: string | null;
  requested_by_name: Generated<string>;
  requested_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface MedfundWarningTable {
  id: Generated<number>;
  subject_kind: MedfundWarningSubject;
  subject_key: string;
  subject_name: Generated<string>;
  subject_certno: Generated<string>;
  level: MedfundWarningLevel;
  computed_level: MedfundWarningLevel | null;
  level_pinned: Generated<boolean>;
  status: Generated<MedfundWarningStatus>;
  amount_fen: Generated<number>;
  findings_count: Generated<number>;
  red_findings: Generated<number>;
  max_red_fen: Generated<number>;
  reasons: Json<string[]>;
  providers: ColumnType<string[], string[] | string | undefined, string[] | string>;
  rule_codes: ColumnType<string[], string[] | string | undefined, string[] | string>;
  first_occurred_on: string | null;
  last_occurred_on: string | null;
  rule_version: number;
  last_rollup_id: number | null;
  notified_at: Date | null;
  handled_by: string | null;
  handled_by_name: Generated<string>;
  handled_at: Date | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface MedfundWarningFindingTable {
  warning_id: number;
  finding_id: number;
}

/** 0037: subjects to weigh again at the next roll-up (a warning changed outside the roll-up, a deletion, a failed roll-up). */
export interface MedfundWarningDirtyTable {
  subject_kind: MedfundWarningSubject;
  subject_key: string;
}

export interface MedfundWarningEventTable {
  id: Generated<number>;
  warning_id: number;
  kind: MedfundWarningEventKind;
  from_value: string | null;
  to_value: string | null;
  reason: Generated<string>;
  rollup_id: number | null;
  actor_id: string | null;
  actor_name: Generated<string>;
  at: CreatedAt;
}

export interface DB {
  medfund_warning_rule_versions: MedfundWarningRuleVersionTable;
  medfund_warning_rollups: MedfundWarningRollupTable;
  medfund_warnings: MedfundWarningTable;
  medfund_warning_findings: MedfundWarningFindingTable;
  medfund_warning_events: MedfundWarningEventTable;
  medfund_warning_dirty: MedfundWarningDirtyTable;
}

export interface DB {
  medfund_rules: MedfundRuleTable;
  medfund_rule_versions: MedfundRuleVersionTable;
  medfund_screening_runs: MedfundScreeningRunTable;
  medfund_findings: MedfundFindingTable;
  medfund_provider_risk: MedfundProviderRiskTable;
}

// ---- economy: technology transfer (migrations/0036_economy_transfer.sql; modules/economy/transfer) ----
export type TransferField = 'ai' | 'chips' | 'network' | 'biomed' | 'materials' | 'manufacturing' | 'aerospace' | 'energy' | 'other';
export type TransferMode = 'licence' | 'assignment' | 'equity' | 'joint_development';
export type TransferDealStage = 'contacted' | 'negotiating' | 'landed' | 'failed';
export type TransferEventKind = 'contact' | 'negotiation' | 'landed' | 'failed';
export interface TransferPatent { number: string; title: string; kind: 'invention' | 'utility' | 'design' | 'software' }

export interface EconomyLabTable {
  id: Generated<string>;
  name: string;
  name_en: Generated<string>;
  kind: Generated<'lab' | 'university' | 'institute' | 'enterprise'>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface EconomyTransferResultTable {
  id: Generated<string>;
  lab_id: string;
  title: string;
  summary: Generated<string>;
  field: TransferField;
  maturity: number;
  patents: Json<TransferPatent[]>;
  modes: TransferMode[];
  price_min_fen: number | null;
  price_max_fen: number | null;
  industry_prefixes: Generated<string[]>;
  keywords: Generated<string[]>;
  offered_on: string;
  status: Generated<'open' | 'landed' | 'withdrawn'>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyTransferDealTable {
  id: Generated<string>;
  result_id: string;
  enterprise_id: string | null;
  prospect_name: Generated<string>;
  stage: Generated<TransferDealStage>;
  mode: TransferMode | null;
  value_fen: number | null;
  landed_on: string | null;
  landed_enterprise_id: string | null;
  new_enterprise: Generated<boolean>;
  score_at_contact: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EconomyTransferEventTable {
  id: Generated<number>;
  deal_id: string;
  kind: TransferEventKind;
  happened_on: string;
  note: Generated<string>;
  recorded_by: string | null;
  recorded_by_name: Generated<string>;
  recorded_at: Generated<Date>;
}

export interface DB {
  economy_labs: EconomyLabTable;
  economy_transfer_results: EconomyTransferResultTable;
  economy_transfer_deals: EconomyTransferDealTable;
  economy_transfer_events: EconomyTransferEventTable;
}

// ---- Medical fund supervision, part 2B: cases, partner departments, transfers, recovery (0033_medfund_cases.sql, modules/medfund/cases)
export type MedfundCaseStage = 'first_review' | 'second_review' | 'appeal' | 'investigation' | 'closed';
export type MedfundOpenStage = Exclude<MedfundCaseStage, 'closed'>;
export type MedfundCaseDecision = 'confirmed' | 'dismissed' | 'data_quality';
export type MedfundCaseMeasure = 'recovery' | 'refuse_payment' | 'penalty' | 'transfer_police' | 'transfer_discipline';
export type MedfundTransferPurpose = 'clue' | 'joint_check';
export type MedfundCheckResult = 'violation' | 'no_violation' | 'partly';

export interface MedfundPartnerDepartmentTable {
  department_id: string;
  active: Generated<boolean>;
  duty: Generated<string>;
  sort_order: Generated<number>;
  updated_at: Timestamp;
}

export interface MedfundInspectorAreaTable {
  user_id: string;
  area_name: string;
  provider_codes: ColumnType<string[], string[] | string, string[] | string>;
  updated_at: Timestamp;
}

export interface MedfundCaseTable {
  id: Generated<number>;
  number: string;
  title: string;
  warning_id: number | null;
  subject_kind: 'person' | 'provider';
  subject_key: string;
  subject_name: Generated<string>;
  provider_codes: ColumnType<string[], string[] | string, string[] | string>;
  provider_names: ColumnType<string[], string[] | string, string[] | string>;
  stage: MedfundCaseStage;
  stage_due_on: string | null;
  appeal_deadline: string | null;
  appealed_at: Date | null;
  appeal_statement: string | null;
  owner_id: string | null;
  owner_name: Generated<string>;
  amount_at_risk_fen: number;
  decision: MedfundCaseDecision | null;
  measures: ColumnType<MedfundCaseMeasure[], MedfundCaseMeasure[] | string | undefined, MedfundCaseMeasure[] | string>;
  confirmed_fen: Generated<number>;
  recovery_decided_fen: Generated<number>;
  refused_fen: Generated<number>;
  penalty_fen: Generated<number>;
  recovered_fen: Generated<number>;
  decision_basis: string | null;
  over_reason: string | null;
  decided_by: string | null;
  decided_by_name: Generated<string>;
  decided_at: Date | null;
  opened_by: string | null;
  opened_by_name: Generated<string>;
  opened_at: CreatedAt;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface MedfundCaseFindingTable {
  case_id: number;
  finding_id: number;
  outcome: MedfundCaseDecision | null;
}

export interface MedfundCaseStageTable {
  id: Generated<number>;
  case_id: number;
  stage: MedfundOpenStage;
  started_at: Date | string;
  due_on: string;
  ended_at: Date | null;
  escalated_at: Date | null;
}

export interface MedfundCaseEventTable {
  id: Generated<number>;
  case_id: number;
  type: string;
  stage: string;
  note: Generated<string>;
  payload: Json<Record<string, unknown>>;
  actor_id: string | null;
  actor_name: Generated<string>;
  created_at: Timestamp;
}

export interface MedfundCaseTransferTable {
  id: Generated<number>;
  case_id: number;
  department_id: string;
  department_name: string;
  purpose: MedfundTransferPurpose;
  note: Generated<string>;
  transferred_by: string | null;
  transferred_by_name: Generated<string>;
  transferred_at: Timestamp;
  received_by: string | null;
  received_by_name: string | null;
  received_at: Date | null;
  check_result: MedfundCheckResult | null;
  report: string | null;
  reported_by: string | null;
  reported_by_name: string | null;
  reported_at: Date | null;
}

export interface MedfundTransferActionTable {
  id: Generated<number>;
  transfer_id: number;
  action: string;
  acted_on: string;
  recorded_by: string | null;
  recorded_by_name: Generated<string>;
  recorded_at: Timestamp;
}

export interface MedfundRecoveryTable {
  id: Generated<number>;
  case_id: number;
  amount_fen: number;
  recovered_on: string;
  reference: Generated<string>;
  over_reason: string | null;
  recorded_by: string | null;
  recorded_by_name: Generated<string>;
  created_at: Timestamp;
}

export interface MedfundStageLimitTable {
  stage: MedfundOpenStage;
  workdays: number;
  updated_at: Timestamp;
}

export interface DB {
  medfund_partner_departments: MedfundPartnerDepartmentTable;
  medfund_inspector_areas: MedfundInspectorAreaTable;
  medfund_cases: MedfundCaseTable;
  medfund_case_findings: MedfundCaseFindingTable;
  medfund_case_stages: MedfundCaseStageTable;
  medfund_case_events: MedfundCaseEventTable;
  medfund_case_transfers: MedfundCaseTransferTable;
  medfund_transfer_actions: MedfundTransferActionTable;
  medfund_recoveries: MedfundRecoveryTable;
  medfund_stage_limits: MedfundStageLimitTable;
}
