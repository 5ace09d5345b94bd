import type { Recognition, TalentFacts, TalentStatus } from '@zhizhi/contracts';
import { checkFacts } from '../facts';
import { parseIdNumber } from '../id-number';
import {
  CATEGORY_BY_LABEL, EDUCATION_BY_LABEL, RECOGNITION_BY_LABEL, SKILL_BY_LABEL, STATUS_BY_LABEL, TITLE_BY_LABEL,
} from './labels';

/**
 * One row of a talent import file → a talent to upsert. Pure: what it needs from the database
 * comes in `Lookups`, so every rule is tested without one. An empty fact cell means "unknown"
 * (the fact is left out), never zero.
 */
export const COLUMNS = {
  idNumber: '身份证号码',
  name: '姓名',
  phone: '手机号码',
  enterprise: '所属企业统一社会信用代码',
  education: '学历',
  titleLevel: '职称',
  skillLevel: '技能等级',
  awards: '获奖（级别:年份）',
  inventionPatents: '发明专利（件）',
  utilityPatents: '实用新型专利（件）',
  keyProjects: '重点项目（个）',
  honours: '荣誉（级别:年份）',
  annualSalary: '年薪（元）',
  yearsInCounty: '在本县工作年限',
  socialInsuranceMonths: '社保缴纳月数',
  talentCategory: '人才类别',
  status: '状态',
} as const;

export const REQUIRED_COLUMNS: string[] = [COLUMNS.idNumber, COLUMNS.name];

export interface Lookups {
  /** Local date 'YYYY-MM-DD' (birth dates after it are refused). */
  today: string;
  /** Credit code → id of the enterprises the importer may register talents for. */
  enterprises: ReadonlyMap<string, string>;
  /** An enterprise user's own enterprise: used when the column is empty. */
  ownEnterpriseId: string | null;
}

export interface TalentImportRow {
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string;
  enterpriseId: string;
  status: TalentStatus;
  facts: TalentFacts;
}

export interface CellError {
  column: string;
  message: string;
}

const FACT_COLUMN: Record<string, string> = {
  education: COLUMNS.education, titleLevel: COLUMNS.titleLevel, skillLevel: COLUMNS.skillLevel, awards: COLUMNS.awards,
  inventionPatents: COLUMNS.inventionPatents, utilityPatents: COLUMNS.utilityPatents, keyProjects: COLUMNS.keyProjects,
  honours: COLUMNS.honours, annualSalary: COLUMNS.annualSalary, yearsInCounty: COLUMNS.yearsInCounty,
  socialInsuranceMonths: COLUMNS.socialInsuranceMonths, talentCategory: COLUMNS.talentCategory,
};

export function parseTalentRow(
  values: Record<string, string>,
  lookups: Lookups,
): { input: TalentImportRow; errors: [] } | { input: null; errors: CellError[] } {
  const errors: CellError[] = [];
  const get = (c: string) => (values[c] ?? '').trim();
  const fail = (column: string, message: string) => {
    errors.push({ column, message });
    return undefined;
  };

  const idText = get(COLUMNS.idNumber);
  const id = idText ? parseIdNumber(idText, lookups.today) : null;
  if (!id) fail(COLUMNS.idNumber, '必填');
  else if (!id.ok) fail(COLUMNS.idNumber, id.message);

  const name = get(COLUMNS.name);
  if (name.length < 2) fail(COLUMNS.name, name ? '姓名至少 2 个字' : '必填');

  const phone = get(COLUMNS.phone).replace(/\s/g, '');
  if (phone && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(phone)) fail(COLUMNS.phone, '应为手机号或座机号');

  const creditCode = get(COLUMNS.enterprise).toUpperCase();
  let enterpriseId: string | undefined;
  if (creditCode) {
    enterpriseId = lookups.enterprises.get(creditCode) ?? fail(COLUMNS.enterprise, lookups.ownEnterpriseId ? '只能导入本企业的人才' : `没有统一社会信用代码为“${creditCode}”的企业`);
  } else if (lookups.ownEnterpriseId) enterpriseId = lookups.ownEnterpriseId;
  else fail(COLUMNS.enterprise, '必填');

  const statusText = get(COLUMNS.status);
  const status = statusText ? STATUS_BY_LABEL.get(statusText) ?? fail(COLUMNS.status, '应为 在册 或 停用') : 'active';

  const raw: Record<string, unknown> = {};
  const pick = <T>(key: string, map: ReadonlyMap<string, T>, hint: string) => {
    const text = get(FACT_COLUMN[key]!);
    if (!text) return;
    const v = map.get(text) ?? map.get(text.toUpperCase());
    if (v === undefined) fail(FACT_COLUMN[key]!, `“${text}”无法识别，应为 ${hint}`);
    else raw[key] = v;
  };
  pick('education', EDUCATION_BY_LABEL, '无、高中（中专）、大专、本科、硕士研究生、博士研究生');
  pick('titleLevel', TITLE_BY_LABEL, '无、初级、中级、副高级、正高级');
  pick('skillLevel', SKILL_BY_LABEL, '无、五级 … 一级');
  pick('talentCategory', CATEGORY_BY_LABEL, 'A类 … E类 或 无');
  for (const key of ['inventionPatents', 'utilityPatents', 'keyProjects', 'socialInsuranceMonths', 'annualSalary', 'yearsInCounty']) {
    const text = get(FACT_COLUMN[key]!).replace(/,/g, '');
    if (!text) continue;
    if (!/^\d+(\.\d+)?$/.test(text)) fail(FACT_COLUMN[key]!, '应为不小于 0 的数字');
    else raw[key] = Number(text);
  }
  for (const key of ['awards', 'honours']) {
    const text = get(FACT_COLUMN[key]!);
    if (!text) continue;
    const list = parseRecognitions(text);
    if (!list) fail(FACT_COLUMN[key]!, '格式应为 级别:年份，多项用分号分隔，如 省级:2023；市级:2021');
    else raw[key] = list;
  }
  const facts = checkFacts(raw);
  if (!facts.ok) {
    for (const [path, message] of Object.entries(facts.errors)) {
      const key = path.split('.')[1] ?? '';
      fail(FACT_COLUMN[key] ?? path, message);
    }
  }

  if (errors.length || !id?.ok || !enterpriseId || !status || !facts.ok) return { input: null, errors: errors.length ? errors : [{ column: '', message: '无效' }] };
  return {
    input: { idNumber: id.idNumber, name, gender: id.gender, birthDate: id.birthDate, phone, enterpriseId, status, facts: facts.facts },
    errors: [],
  };
}

/** 省级:2023；市级:2021 → [{ level: 'provincial', year: 2023 }, …]; null when unreadable. */
export function parseRecognitions(text: string): Recognition[] | null {
  const out: Recognition[] = [];
  for (const part of text.split(/[;；,，、\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[:：]\s*(\d{4})$/.exec(part);
    const level = m ? RECOGNITION_BY_LABEL.get(m[1]!.trim()) : undefined;
    if (!m || !level) return null;
    out.push({ level, year: Number(m[2]) });
  }
  return out;
}
