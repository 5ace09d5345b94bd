/**
 * Shapes of the core API's answers, as docs/API.md describes them. When packages/contracts gains
 * the zod schemas for these, import the inferred types from there instead.
 */
import type { Locale } from './client';

export interface ListPage<T> {
  items: T[];
  total: number;
  /** true: `total` is a floor ("10,000 or more"). */
  totalEstimated: boolean;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  scope: { enterpriseId: string | null; departmentId: string | null; divisionCode: string | null };
  enterpriseName: string | null;
  csrfToken: string;
  locale: Locale;
}

export interface RefNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

export interface County {
  code: string;
  name: string;
  streets: { code: string; name: string }[];
}

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type EnterpriseStatus = 'active' | 'suspended' | 'closed';

export interface EnterpriseSummary {
  id: string;
  creditCode: string;
  name: string;
  industryCode: string;
  industryName: string;
  divisionCode: string;
  divisionName: string;
  parkId: string | null;
  parkName: string | null;
  sizeClass: SizeClass | null;
  aboveScale: boolean;
  highTech: boolean;
  listed: boolean;
  tags: string[];
  status: EnterpriseStatus;
  employees: number | null;
  revenueFen: number | null;
  updatedAt: string;
}

export interface Contact {
  id: string;
  name: string;
  title: string;
  phone: string;
  email: string;
  isPrimary: boolean;
}

export interface EnterpriseFile extends EnterpriseSummary {
  legalRepresentative: string;
  establishedOn: string | null;
  registeredCapitalFen: number | null;
  address: string;
  assetsFen: number | null;
  businessScope: string;
  createdAt: string;
  version: number;
  contacts: Contact[];
  canEdit: boolean;
  editableFields: string[];
}

export interface EnterpriseInput {
  creditCode: string;
  name: string;
  legalRepresentative: string;
  establishedOn: string | null;
  registeredCapitalFen: number | null;
  industryCode: string;
  divisionCode: string;
  parkId: string | null;
  address: string;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
  aboveScale: boolean;
  highTech: boolean;
  listed: boolean;
  tags: string[];
  status: EnterpriseStatus;
  businessScope: string;
}

export interface ContactInput {
  name: string;
  title: string;
  phone: string;
  email: string;
  isPrimary: boolean;
}

export interface HistoryEntry {
  id: string | number;
  at: string;
  actorName: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export type ImportStatus = 'validated' | 'importing' | 'imported' | 'failed' | 'discarded';

export interface ImportBatch {
  id: string;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  validRows: number;
  errorCount: number;
  errors: { line: number; column: string; message: string }[];
  jobId: string | number | null;
  progress?: { done: number; total: number; message?: string } | null;
  /** created, updated, unchanged, skipped (rows outside the user's scope). */
  summary: Record<string, number> | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Job {
  id: string | number;
  kind: string;
  status: JobStatus;
  progress: { done: number; total: number; message?: string } | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

export type ParkKind = 'industrial_park' | 'characteristic_town' | 'incubator' | 'science_park';

export interface Park {
  id: string;
  name: string;
  kind: ParkKind;
  divisionCode: string;
  divisionName: string;
  address: string;
  areaMu: number | null;
  enterpriseCount: number;
  description?: string;
}

export interface ParkFile extends Park {
  totals: { enterprises: number; aboveScale: number; highTech: number; listed: number; employees: number; revenueFen: number };
  bySizeClass: Record<SizeClass | 'unknown', number>;
  byIndustry: { code: string; name: string; count: number }[];
}

export interface ParkInput {
  name: string;
  kind: ParkKind;
  divisionCode: string;
  address: string;
  areaMu: number | null;
  description: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  /** masked (139****5678) */
  phone: string;
  /** masked (z***@example.gov.cn) */
  email: string;
  status: 'active' | 'locked';
  roles: string[];
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  divisionCode: string | null;
  divisionName: string | null;
  lastLoginAt: string | null;
}

export interface Role {
  code: string;
  name: string;
  description: string;
  permissions: string[];
  isSystem: boolean;
  userCount: number;
}

export interface PermissionInfo {
  code: string;
  name: string;
  nameEn?: string;
}

export interface Department {
  id: string;
  parentId: string | null;
  name: string;
  kind: 'department' | 'section';
  divisionCode: string | null;
  userCount: number;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  enterpriseId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export type OutboxChannel = 'sms' | 'email';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** One SMS or e-mail of the outbox (消息发送记录); the address is masked by the server. */
export interface OutboxMessage {
  id: number;
  channel: OutboxChannel;
  status: OutboxStatus;
  recipientName: string | null;
  address: string;
  subject: string;
  body: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

export interface OutboxPage extends ListPage<OutboxMessage> {
  counts: Record<OutboxStatus, number>;
}

/** The signed-in user's SMS / e-mail choice; address masked, null = none on file. */
export type NotificationChannels = Record<OutboxChannel, { enabled: boolean; address: string | null }>;

export interface Notification {
  id: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}
