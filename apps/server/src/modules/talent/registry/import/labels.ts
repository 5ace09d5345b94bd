import type {
  EducationLevel, RecognitionLevel, SkillLevel, TalentCategory, TalentStatus, TitleLevel,
} from '@zhizhi/contracts';

/** Chinese labels of the fact values, as the import template and the export write them. */
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  none: '无', high_school: '高中（中专）', junior_college: '大专', bachelor: '本科', master: '硕士研究生', doctorate: '博士研究生',
};
export const TITLE_LABELS: Record<TitleLevel, string> = {
  none: '无', junior: '初级', intermediate: '中级', associate_senior: '副高级', senior: '正高级',
};
export const SKILL_LABELS: Record<SkillLevel, string> = {
  none: '无', level5: '五级（初级工）', level4: '四级（中级工）', level3: '三级（高级工）', level2: '二级（技师）', level1: '一级（高级技师）',
};
export const RECOGNITION_LABELS: Record<RecognitionLevel, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级' };
export const CATEGORY_LABELS: Record<TalentCategory, string> = { A: 'A类', B: 'B类', C: 'C类', D: 'D类', E: 'E类', none: '无' };
export const STATUS_LABELS: Record<TalentStatus, string> = { active: '在册', inactive: '停用' };
export const GENDER_LABELS = { male: '男', female: '女' } as const;

/** Label → value, with the spellings people commonly type. */
function reverse<T extends string>(labels: Record<T, string>, aliases: Record<string, T> = {}): Map<string, T> {
  const m = new Map<string, T>();
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    m.set(label, value);
    m.set(value, value);
  }
  for (const [alias, value] of Object.entries(aliases)) m.set(alias, value);
  return m;
}

export const EDUCATION_BY_LABEL = reverse(EDUCATION_LABELS, { 高中: 'high_school', 中专: 'high_school', 专科: 'junior_college', 大学本科: 'bachelor', 硕士: 'master', 研究生: 'master', 博士: 'doctorate' });
export const TITLE_BY_LABEL = reverse(TITLE_LABELS, { 副高: 'associate_senior', 正高: 'senior', 高级: 'associate_senior' });
export const SKILL_BY_LABEL = reverse(SKILL_LABELS, {
  五级: 'level5', 初级工: 'level5', 四级: 'level4', 中级工: 'level4', 三级: 'level3', 高级工: 'level3', 二级: 'level2', 技师: 'level2', 一级: 'level1', 高级技师: 'level1',
});
export const RECOGNITION_BY_LABEL = reverse(RECOGNITION_LABELS, { 国家: 'national', 省: 'provincial', 市: 'city', 县: 'county', 区级: 'county', 县区级: 'county' });
export const CATEGORY_BY_LABEL = reverse(CATEGORY_LABELS, { 'A 类': 'A', 'B 类': 'B', 'C 类': 'C', 'D 类': 'D', 'E 类': 'E' });
export const STATUS_BY_LABEL = reverse(STATUS_LABELS, { 正常: 'active' });
