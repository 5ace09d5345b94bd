import { sql } from 'kysely';
import type { Recognition, TalentFacts, TalentListQuery } from '@zhizhi/contracts';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import { maskIdNumber } from '../../../core/privacy/mask';
import { localDateOf } from '../../../core/reference/domain/workday';
import { makeIdNumber } from '../../../core/reference/domain/id-number';
import type { Ctx } from '../../../core/context';
import { filteredTalents } from './talent.repo';
import { ageOn } from './id-number';
import { COLUMNS } from './import/parse-talent-row';
import {
  CATEGORY_LABELS, EDUCATION_LABELS, GENDER_LABELS, RECOGNITION_LABELS, SKILL_LABELS, STATUS_LABELS, TITLE_LABELS,
} from './import/labels';

export const EXPORT_LIMIT = 100_000;

async function loadRows(ctx: Ctx, query: TalentListQuery) {
  return filteredTalents(ctx.db, ctx.actor, query)
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select(['t.id_number', 't.name', 't.gender', 't.birth_date', 't.status', 't.facts', 'e.name as enterprise_name', 'e.credit_code'])
    .orderBy(sql`e.name`)
    .orderBy('t.name')
    .limit(EXPORT_LIMIT)
    .execute();
}

type Row = Awaited<ReturnType<typeof loadRows>>[number] & { today: string };

const recognitions = (list: Recognition[] | undefined) => list?.map((r) => `${RECOGNITION_LABELS[r.level]}:${r.year}`).join('；') ?? null;
const f = (r: Row) => r.facts as TalentFacts;

/**
 * The export uses the import template's column names (masked ID numbers, no phone numbers: an
 * export travels further than the screen). Empty cells are unknown facts.
 */
const EXPORT_COLUMNS: SheetColumn<Row>[] = [
  { header: COLUMNS.idNumber, width: 22, value: (r) => maskIdNumber(r.id_number) },
  { header: COLUMNS.name, width: 12, value: (r) => r.name },
  { header: '性别', width: 6, value: (r) => GENDER_LABELS[r.gender] },
  { header: '年龄', width: 6, value: (r) => ageOn(r.birth_date, r.today) },
  { header: '所属企业', width: 32, value: (r) => r.enterprise_name },
  { header: COLUMNS.enterprise, width: 22, value: (r) => r.credit_code },
  { header: COLUMNS.education, value: (r) => (f(r).education ? EDUCATION_LABELS[f(r).education!] : null) },
  { header: COLUMNS.titleLevel, value: (r) => (f(r).titleLevel ? TITLE_LABELS[f(r).titleLevel!] : null) },
  { header: COLUMNS.skillLevel, value: (r) => (f(r).skillLevel ? SKILL_LABELS[f(r).skillLevel!] : null) },
  { header: COLUMNS.awards, width: 24, value: (r) => recognitions(f(r).awards) },
  { header: COLUMNS.inventionPatents, value: (r) => f(r).inventionPatents },
  { header: COLUMNS.utilityPatents, value: (r) => f(r).utilityPatents },
  { header: COLUMNS.keyProjects, value: (r) => f(r).keyProjects },
  { header: COLUMNS.honours, width: 24, value: (r) => recognitions(f(r).honours) },
  { header: COLUMNS.annualSalary, value: (r) => f(r).annualSalary },
  { header: COLUMNS.yearsInCounty, value: (r) => f(r).yearsInCounty },
  { header: COLUMNS.socialInsuranceMonths, value: (r) => f(r).socialInsuranceMonths },
  { header: COLUMNS.talentCategory, value: (r) => (f(r).talentCategory ? CATEGORY_LABELS[f(r).talentCategory!] : null) },
  { header: COLUMNS.status, value: (r) => STATUS_LABELS[r.status] },
];

export async function exportTalents(ctx: Ctx, query: TalentListQuery) {
  const today = localDateOf(ctx.now);
  const rows = (await loadRows(ctx, query)).map((r) => ({ ...r, today }));
  const { page: _p, pageSize: _s, ...filters } = query;
  await recordAudit(ctx.db, ctx, { action: 'talent.export', entityType: 'talent', enterpriseId: ctx.actor.scope.enterpriseId, after: { filters, rows: rows.length } });
  const buffer = await writeXlsx('人才', EXPORT_COLUMNS, rows);
  return { buffer, fileName: `人才名册-${today}.xlsx` };
}

/** The empty import template: the columns, with one example row. */
export async function talentImportTemplate(): Promise<Buffer> {
  const headers = Object.values(COLUMNS);
  const example: Record<string, string> = {
    [COLUMNS.idNumber]: makeIdNumber('33011019900307231'),
    [COLUMNS.name]: '张明',
    [COLUMNS.phone]: '13800000000',
    [COLUMNS.enterprise]: '', // an enterprise user leaves it empty; the county fills in the employer's credit code
    [COLUMNS.education]: '硕士研究生',
    [COLUMNS.titleLevel]: '中级',
    [COLUMNS.skillLevel]: '',
    [COLUMNS.awards]: '市级:2023',
    [COLUMNS.inventionPatents]: '2',
    [COLUMNS.utilityPatents]: '1',
    [COLUMNS.keyProjects]: '',
    [COLUMNS.honours]: '',
    [COLUMNS.annualSalary]: '260000',
    [COLUMNS.yearsInCounty]: '4',
    [COLUMNS.socialInsuranceMonths]: '48',
    [COLUMNS.talentCategory]: 'D类',
    [COLUMNS.status]: '在册',
  };
  return writeXlsx('人才导入模板', headers.map((h) => ({ header: h, width: 18, value: (r: Record<string, string>) => r[h] ?? '' })), [example]);
}
