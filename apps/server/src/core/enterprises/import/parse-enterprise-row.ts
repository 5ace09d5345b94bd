import { EnterpriseInput } from '@zhizhi/contracts';
import { validateCreditCode } from '../../reference/domain/credit-code';

/**
 * Turning one row of an import file into an EnterpriseInput. Pure: the reference data it needs
 * comes in `Lookups`, so every rule here is tested without a database.
 */
export interface Lookups {
  /** GB/T 4754-2017 小类 codes. */
  industryCodes: ReadonlySet<string>;
  /** Streets the importer may register enterprises in: code → name. */
  streets: ReadonlyMap<string, string>;
  /** Park name → id. */
  parks: ReadonlyMap<string, string>;
}

export interface CellError {
  column: string;
  message: string;
}

export const COLUMNS = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  legalRepresentative: '法定代表人',
  establishedOn: '成立日期',
  registeredCapital: '注册资本（万元）',
  industryCode: '行业代码',
  street: '所属街道',
  park: '所属园区',
  address: '地址',
  employees: '从业人数',
  revenue: '营业收入（万元）',
  assets: '资产总额（万元）',
  aboveScale: '规上企业',
  highTech: '高新技术企业',
  listed: '上市企业',
  tags: '标签',
  status: '经营状态',
  businessScope: '经营范围',
} as const;

export const REQUIRED_COLUMNS = [COLUMNS.creditCode, COLUMNS.name, COLUMNS.industryCode, COLUMNS.street];

export const STATUS_LABELS = { active: '在营', suspended: '停业', closed: '注销' } as const;
const STATUS_BY_LABEL = new Map<string, EnterpriseInput['status']>(
  Object.entries(STATUS_LABELS).map(([k, v]) => [v, k as EnterpriseInput['status']]),
);

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '']);
const FEN_PER_WAN = 1_000_000;

export function parseEnterpriseRow(
  values: Record<string, string>,
  lookups: Lookups,
): { input: EnterpriseInput; errors: [] } | { input: null; errors: CellError[] } {
  const errors: CellError[] = [];
  const get = (c: string) => (values[c] ?? '').trim();
  const fail = (column: string, message: string) => {
    errors.push({ column, message });
    return null;
  };

  const creditCode = get(COLUMNS.creditCode).toUpperCase();
  const cc = validateCreditCode(creditCode);
  if (!creditCode) fail(COLUMNS.creditCode, '必填');
  else if (!cc.ok) {
    fail(COLUMNS.creditCode, { length: '应为 18 位', charset: '含有不允许的字符', checkChar: '校验位不正确' }[cc.reason]);
  }

  const name = get(COLUMNS.name);
  if (name.length < 2) fail(COLUMNS.name, name ? '企业名称至少 2 个字' : '必填');

  const industryCode = get(COLUMNS.industryCode);
  if (!industryCode) fail(COLUMNS.industryCode, '必填');
  else if (!lookups.industryCodes.has(industryCode)) fail(COLUMNS.industryCode, `“${industryCode}”不是 GB/T 4754-2017 小类代码`);

  const streetText = get(COLUMNS.street);
  const divisionCode = resolveStreet(streetText, lookups.streets);
  if (!streetText) fail(COLUMNS.street, '必填');
  else if (!divisionCode) fail(COLUMNS.street, `“${streetText}”不是本辖区的街道（填名称或 9 位代码）`);

  const parkName = get(COLUMNS.park);
  const parkId = parkName ? lookups.parks.get(parkName) ?? fail(COLUMNS.park, `园区“${parkName}”不存在`) : null;

  const establishedOn = parseDate(get(COLUMNS.establishedOn), COLUMNS.establishedOn, fail);
  const registeredCapitalFen = parseWan(get(COLUMNS.registeredCapital), COLUMNS.registeredCapital, fail);
  const revenueFen = parseWan(get(COLUMNS.revenue), COLUMNS.revenue, fail);
  const assetsFen = parseWan(get(COLUMNS.assets), COLUMNS.assets, fail);
  const employees = parseCount(get(COLUMNS.employees), COLUMNS.employees, fail);
  const aboveScale = parseYesNo(get(COLUMNS.aboveScale), COLUMNS.aboveScale, fail);
  const highTech = parseYesNo(get(COLUMNS.highTech), COLUMNS.highTech, fail);
  const listed = parseYesNo(get(COLUMNS.listed), COLUMNS.listed, fail);

  const statusText = get(COLUMNS.status);
  const status = statusText ? STATUS_BY_LABEL.get(statusText) ?? fail(COLUMNS.status, '应为 在营、停业 或 注销') : 'active';

  const tags = get(COLUMNS.tags)
    .split(/[,，;；、]/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.some((t) => t.length > 20)) fail(COLUMNS.tags, '每个标签不超过 20 个字');

  if (errors.length) return { input: null, errors };
  return {
    input: {
      creditCode,
      name,
      legalRepresentative: get(COLUMNS.legalRepresentative),
      establishedOn,
      registeredCapitalFen,
      industryCode,
      divisionCode: divisionCode!,
      parkId: parkId ?? null,
      address: get(COLUMNS.address),
      employees,
      revenueFen,
      assetsFen,
      aboveScale: aboveScale ?? false,
      highTech: highTech ?? false,
      listed: listed ?? false,
      tags: [...new Set(tags)],
      status: status ?? 'active',
      businessScope: get(COLUMNS.businessScope),
    },
    errors: [],
  };
}

function resolveStreet(text: string, streets: ReadonlyMap<string, string>): string | null {
  if (streets.has(text)) return text;
  for (const [code, name] of streets) if (name === text) return code;
  return null;
}

type Fail = (column: string, message: string) => null;

function parseDate(text: string, column: string, fail: Fail): string | null {
  if (!text) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return fail(column, '日期格式应为 2020-01-31');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900) return fail(column, '日期不存在');
  return date.toISOString().slice(0, 10);
}

/** 万元 with up to 6 decimals (1 分 = 0.000001 万元) → integer fen. */
function parseWan(text: string, column: string, fail: Fail): number | null {
  if (!text) return null;
  const clean = text.replace(/,/g, '');
  if (!/^\d+(\.\d{1,6})?$/.test(clean)) return fail(column, '应为不小于 0 的数字（单位：万元）');
  const [int, frac = ''] = clean.split('.');
  return Number(int) * FEN_PER_WAN + Number(frac.padEnd(6, '0'));
}

function parseCount(text: string, column: string, fail: Fail): number | null {
  if (!text) return null;
  if (!/^\d+$/.test(text.replace(/,/g, ''))) return fail(column, '应为不小于 0 的整数');
  return Number(text.replace(/,/g, ''));
}

function parseYesNo(text: string, column: string, fail: Fail): boolean | null {
  const t = text.toUpperCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return fail(column, '应为 是 或 否');
}
