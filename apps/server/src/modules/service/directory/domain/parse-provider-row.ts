import { checkLatLng, COORDINATE_PROBLEM_TEXT, toGcj02, type Box, type CoordinateSystem } from '../../../../core/reference/domain/coordinates';

/**
 * One row of a provider import file → a provider to upsert (by name + address). Pure: the
 * taxonomy, the streets and the county's box come in `Lookups`. Every problem of a row is
 * reported (line, column, reason), not only the first.
 */
export const PROVIDER_COLUMNS = {
  name: '机构名称',
  kind: '机构类型',
  capabilities: '能力分类',
  services: '服务项目',
  contactName: '联系人',
  contactPhone: '联系电话',
  openingHours: '营业时间',
  address: '地址',
  division: '街道代码',
  lat: '纬度',
  lng: '经度',
  system: '坐标系',
  description: '简介',
  website: '网站',
  email: '邮箱',
  status: '状态',
} as const;

export const REQUIRED_PROVIDER_COLUMNS: string[] = [PROVIDER_COLUMNS.name, PROVIDER_COLUMNS.kind, PROVIDER_COLUMNS.capabilities, PROVIDER_COLUMNS.lat, PROVIDER_COLUMNS.lng];

export const KIND_LABELS = {
  testing_lab: '检验检测机构',
  certification_body: '认证机构',
  law_firm: '律师事务所',
  bank: '银行',
  patent_agency: '专利代理机构',
  training_body: '培训机构',
  accounting_firm: '会计师事务所',
  consultancy: '咨询机构',
  other: '其他',
} as const;
export type ProviderKindCode = keyof typeof KIND_LABELS;

export const SYSTEM_LABELS: Record<CoordinateSystem, string> = { gcj02: 'GCJ-02', wgs84: 'WGS-84', bd09: 'BD-09' };
const SYSTEM_BY_LABEL: Record<string, CoordinateSystem> = {
  'gcj-02': 'gcj02', gcj02: 'gcj02', 高德: 'gcj02', 腾讯: 'gcj02', 国测局: 'gcj02',
  'wgs-84': 'wgs84', wgs84: 'wgs84', gps: 'wgs84',
  'bd-09': 'bd09', bd09: 'bd09', 百度: 'bd09',
};
const KIND_BY_LABEL = new Map<string, ProviderKindCode>(
  Object.entries(KIND_LABELS).flatMap(([code, label]) => [[label, code as ProviderKindCode], [code, code as ProviderKindCode]]),
);

export interface ProviderLookups {
  /** Active capabilities: code → code, and name → code (a cell may hold either). */
  capabilities: ReadonlyMap<string, string>;
  divisions: ReadonlySet<string>;
  box: Box;
}

export interface ProviderImportRow {
  name: string;
  kind: ProviderKindCode;
  services: { capabilityCode: string; name: string; description: string }[];
  contactName: string;
  contactPhone: string;
  openingHours: string;
  address: string;
  divisionCode: string | null;
  /** GCJ-02 */
  lat: number;
  lng: number;
  description: string;
  website: string;
  email: string;
  status: 'active' | 'inactive';
}

/** A list in one cell: separated by 、，,；; or a new line. */
export const splitList = (cell: string) => cell.split(/[、，,；;\n]/).map((s) => s.trim()).filter(Boolean);

const number = (cell: string): number | null => (/^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell.trim()) : null);

export function parseProviderRow(values: Record<string, string>, lookups: ProviderLookups): { input?: ProviderImportRow; errors: { column: string; message: string }[] } {
  const C = PROVIDER_COLUMNS;
  const v = (col: string) => (values[col] ?? '').trim();
  const errors: { column: string; message: string }[] = [];
  const fail = (column: string, message: string) => errors.push({ column, message });

  const name = v(C.name);
  if (!name) fail(C.name, '必填');
  else if (name.length > 100) fail(C.name, '不超过 100 个字');
  const kind = KIND_BY_LABEL.get(v(C.kind));
  if (!kind) fail(C.kind, `应为：${Object.values(KIND_LABELS).join('、')}`);

  const capabilityCells = splitList(v(C.capabilities));
  const codes: string[] = [];
  if (capabilityCells.length === 0) fail(C.capabilities, '至少填写一个能力分类（代码或名称）');
  for (const cell of capabilityCells) {
    const code = lookups.capabilities.get(cell);
    if (!code) fail(C.capabilities, `未知的能力分类“${cell}”（请使用能力分类中的代码或名称）`);
    else codes.push(code);
  }
  const serviceNames = splitList(v(C.services));
  if (serviceNames.length > capabilityCells.length) fail(C.services, `服务项目（${serviceNames.length} 项）多于能力分类（${capabilityCells.length} 项）：须逐项对应`);

  const phone = v(C.contactPhone);
  if (phone && !/^[\d+\-\s]{5,20}$/.test(phone)) fail(C.contactPhone, '电话号码格式不正确');
  const division = v(C.division);
  if (division && !lookups.divisions.has(division)) fail(C.division, `街道代码“${division}”不存在`);

  const systemCell = v(C.system).toLowerCase();
  const system: CoordinateSystem | undefined = systemCell ? SYSTEM_BY_LABEL[systemCell] : 'gcj02';
  if (!system) fail(C.system, '应为 GCJ-02（高德、腾讯）、WGS-84（GPS）或 BD-09（百度），留空为 GCJ-02');
  const latCell = v(C.lat);
  const lngCell = v(C.lng);
  const lat = number(latCell);
  const lng = number(lngCell);
  let location: { lat: number; lng: number } | null = null;
  if (lat === null) fail(C.lat, latCell ? `“${latCell}”不是数字` : '必填');
  if (lng === null) fail(C.lng, lngCell ? `“${lngCell}”不是数字` : '必填');
  if (lat !== null && lng !== null && system) {
    const raw = checkLatLng({ lat, lng }, { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180 });
    const converted = raw ? null : toGcj02({ lat, lng }, system);
    const problem = raw ?? checkLatLng(converted!, lookups.box);
    if (problem) fail(`${C.lat}/${C.lng}`, `${COORDINATE_PROBLEM_TEXT[problem].zh}（纬度 ${lat}，经度 ${lng}）`);
    else location = converted;
  }
  const statusCell = v(C.status);
  const status = !statusCell || statusCell === '在用' ? 'active' : statusCell === '停用' ? 'inactive' : null;
  if (!status) fail(C.status, '应为“在用”或“停用”，留空为在用');
  for (const [col, max] of [[C.address, 200], [C.openingHours, 200], [C.contactName, 50], [C.description, 2000], [C.website, 200], [C.email, 100]] as const) {
    if (v(col).length > max) fail(col, `不超过 ${max} 个字`);
  }

  if (errors.length || !kind || !location || !status) return { errors };
  return {
    errors,
    input: {
      name, kind,
      services: codes.map((code, i) => ({ capabilityCode: code, name: serviceNames[i] ?? capabilityCells[i]!, description: '' })),
      contactName: v(C.contactName), contactPhone: phone, openingHours: v(C.openingHours), address: v(C.address), divisionCode: division || null,
      lat: location.lat, lng: location.lng, description: v(C.description), website: v(C.website), email: v(C.email), status,
    },
  };
}
