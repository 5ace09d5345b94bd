import type { EnterpriseListQuery } from '@zhizhi/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit';
import { makeCreditCode } from '../reference/domain/credit-code';
import { writeXlsx, type SheetColumn } from '../excel/write-xlsx';
import type { Ctx } from '../context';
import { filteredEnterprises, withSummaryColumns } from './enterprise.repo';
import { industryName } from '../reference/industries';
import { divisionName } from '../reference/divisions';
import { COLUMNS, STATUS_LABELS } from './import/parse-enterprise-row';
import { localDateOf } from '../reference/domain/workday';

/** Enough for a county; a larger export would be a background job. */
export const EXPORT_LIMIT = 100_000;

const SIZE_LABELS = { large: '大型', medium: '中型', small: '小型', micro: '微型' } as const;
const FEN_PER_WAN = 1_000_000;
const wan = (fen: number | null) => (fen === null ? null : fen / FEN_PER_WAN);
const yesNo = (b: boolean) => (b ? '是' : '否');

async function loadRows(ctx: Ctx, query: EnterpriseListQuery) {
  return withSummaryColumns(filteredEnterprises(ctx.db, ctx.actor, query))
    .select(['e.legal_representative', 'e.established_on', 'e.registered_capital_fen', 'e.address', 'e.assets_fen', 'e.business_scope'])
    .orderBy(sql`e.name`)
    .limit(EXPORT_LIMIT)
    .execute();
}

type Row = Awaited<ReturnType<typeof loadRows>>[number];

/**
 * The export uses the import template's column names, so that an exported file, corrected, can
 * be imported back; it adds names next to the codes for people to read. No personal data.
 */
const EXPORT_COLUMNS: SheetColumn<Row>[] = [
  { header: COLUMNS.creditCode, width: 22, value: (r) => r.credit_code },
  { header: COLUMNS.name, width: 32, value: (r) => r.name },
  { header: COLUMNS.legalRepresentative, value: (r) => r.legal_representative },
  { header: COLUMNS.establishedOn, value: (r) => r.established_on },
  { header: COLUMNS.registeredCapital, value: (r) => wan(r.registered_capital_fen) },
  { header: COLUMNS.industryCode, width: 10, value: (r) => r.industry_code },
  { header: '行业名称', width: 24, value: (r) => industryName(r.industry_code) },
  { header: COLUMNS.street, value: (r) => divisionName(r.division_code) },
  { header: COLUMNS.park, width: 20, value: (r) => r.park_name },
  { header: COLUMNS.address, width: 30, value: (r) => r.address },
  { header: COLUMNS.employees, value: (r) => r.employees },
  { header: COLUMNS.revenue, value: (r) => wan(r.revenue_fen) },
  { header: COLUMNS.assets, value: (r) => wan(r.assets_fen) },
  { header: '企业规模', value: (r) => (r.size_class ? SIZE_LABELS[r.size_class] : '') },
  { header: COLUMNS.aboveScale, value: (r) => yesNo(r.above_scale) },
  { header: COLUMNS.highTech, value: (r) => yesNo(r.high_tech) },
  { header: COLUMNS.listed, value: (r) => yesNo(r.listed) },
  { header: COLUMNS.tags, width: 24, value: (r) => r.tags.join('、') },
  { header: COLUMNS.status, value: (r) => STATUS_LABELS[r.status] },
  { header: COLUMNS.businessScope, width: 40, value: (r) => r.business_scope },
];

export async function exportEnterprises(ctx: Ctx, query: EnterpriseListQuery) {
  const rows = await loadRows(ctx, query);
  const { page: _p, pageSize: _s, ...filters } = query;
  await recordAudit(ctx.db, ctx, { action: 'enterprise.export', entityType: 'enterprise', after: { filters, rows: rows.length } });
  const buffer = await writeXlsx('企业', EXPORT_COLUMNS, rows);
  return { buffer, fileName: `企业名录-${localDateOf(ctx.now)}.xlsx` };
}

/** The empty template for imports: the same columns, with one example row. */
export async function importTemplate(): Promise<Buffer> {
  const headers = Object.values(COLUMNS);
  const example: Record<string, string> = {
    [COLUMNS.creditCode]: makeCreditCode('91330110MA2KY0001'),
    [COLUMNS.name]: '示例科技有限公司',
    [COLUMNS.industryCode]: '6513',
    [COLUMNS.street]: '良渚街道',
    [COLUMNS.establishedOn]: '2020-05-18',
    [COLUMNS.employees]: '56',
    [COLUMNS.revenue]: '3200.5',
    [COLUMNS.aboveScale]: '否',
    [COLUMNS.highTech]: '是',
    [COLUMNS.listed]: '否',
    [COLUMNS.tags]: '科技型中小企业、专精特新',
    [COLUMNS.status]: '在营',
  };
  return writeXlsx('企业导入模板', headers.map((h) => ({ header: h, width: 18, value: (r: Record<string, string>) => r[h] ?? '' })), [example]);
}
