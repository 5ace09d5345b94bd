/**
 * The generator's reference data: a small catalogue of service items (15-digit 医疗服务项目
 * codes), drugs (医保药品代码 X… / Z…) and materials, with the restrictions the 14 rules read,
 * the mutually exclusive pairs, the providers of a district and the diagnoses visits carry.
 * Codes follow the national shapes; names and prices are plausible, not a published list.
 */
export interface CatalogueEntry {
  code: string;
  name: string;
  listType: '101' | '201' | '301';
  /** Price in fen, and the cap (最高限价) in fen. */
  priceFen: number;
  capFen: number;
  generic?: string;
  unit: string;
  lmtGend?: '1' | '2';
  lmtAgeBand?: 'child' | 'working_age';
  lmtVisit?: 'inpatient';
  lmtLvMin?: number;
  wiOnly?: boolean;
  maxPerDay?: number;
  maxPerVisit?: number;
  maxCourseDays?: number;
}

const e = (x: CatalogueEntry) => x;

export const ITEMS = {
  outpatientConsult: e({ code: '001102000010000', name: '普通门诊诊查费', listType: '201', priceFen: 1000, capFen: 1200, unit: '次', maxPerVisit: 1 }),
  inpatientConsult: e({ code: '001102000050000', name: '住院诊查费', listType: '201', priceFen: 2000, capFen: 2500, unit: '日', maxPerDay: 1 }),
  bed: e({ code: '001103000010000', name: '普通病房床位费', listType: '201', priceFen: 4000, capFen: 5000, unit: '日', maxPerDay: 1 }),
  nursing1: e({ code: '001201000010000', name: '一级护理', listType: '201', priceFen: 3000, capFen: 3500, unit: '日', maxPerDay: 1 }),
  nursing2: e({ code: '001201000020000', name: '二级护理', listType: '201', priceFen: 2000, capFen: 2400, unit: '日', maxPerDay: 1 }),
  infusion: e({ code: '001202000010000', name: '静脉输液（第一组）', listType: '201', priceFen: 1000, capFen: 1200, unit: '组' }),
  injection: e({ code: '001202000030000', name: '静脉注射', listType: '201', priceFen: 500, capFen: 600, unit: '次' }),
  bloodRoutine: e({ code: '002501000010000', name: '血常规检查', listType: '201', priceFen: 2000, capFen: 2500, unit: '次' }),
  liverPanel: e({ code: '002503000010000', name: '肝功能检查（组合）', listType: '201', priceFen: 6000, capFen: 7000, unit: '次' }),
  alt: e({ code: '002503000020000', name: '丙氨酸氨基转移酶测定', listType: '201', priceFen: 500, capFen: 600, unit: '项' }),
  ecg: e({ code: '002104000010000', name: '常规心电图检查', listType: '201', priceFen: 2500, capFen: 3000, unit: '次' }),
  chestXray: e({ code: '002101000010000', name: '胸部X线摄影', listType: '201', priceFen: 7000, capFen: 8000, unit: '次' }),
  ultrasound: e({ code: '002201000010000', name: '腹部彩色多普勒超声', listType: '201', priceFen: 12000, capFen: 14000, unit: '次' }),
  ctHead: e({ code: '002101030010000', name: '头颅CT平扫', listType: '201', priceFen: 20000, capFen: 24000, unit: '次' }),
  colposcopy: e({ code: '003108000010000', name: '阴道镜检查', listType: '201', priceFen: 8000, capFen: 9000, unit: '次', lmtGend: '2' }),
  prostateMassage: e({ code: '003109000010000', name: '前列腺按摩', listType: '201', priceFen: 3000, capFen: 3500, unit: '次', lmtGend: '1' }),
  childIq: e({ code: '003402000010000', name: '儿童智力测定', listType: '201', priceFen: 6000, capFen: 7000, unit: '次', lmtAgeBand: 'child' }),
  jobTraining: e({ code: '003403000010000', name: '职业功能训练', listType: '201', priceFen: 5000, capFen: 6000, unit: '次', lmtAgeBand: 'working_age' }),
  chemo: e({ code: '003107000010000', name: '静脉化疗', listType: '201', priceFen: 15000, capFen: 18000, unit: '次', maxPerDay: 1 }),
  // drugs
  amoxicillin: e({ code: 'XJ01CAA040A001010101445', name: '阿莫西林胶囊', listType: '101', priceFen: 1200, capFen: 1500, unit: '盒', generic: '阿莫西林' }),
  paracetamol: e({ code: 'XN02BEA009A001010201445', name: '对乙酰氨基酚片', listType: '101', priceFen: 800, capFen: 1000, unit: '盒', generic: '对乙酰氨基酚' }),
  amlodipine: e({ code: 'XC08CAA011A001010101445', name: '苯磺酸氨氯地平片', listType: '101', priceFen: 1500, capFen: 1800, unit: '盒', generic: '氨氯地平' }),
  metformin: e({ code: 'XA10BAA059A001010101445', name: '盐酸二甲双胍片', listType: '101', priceFen: 1000, capFen: 1200, unit: '盒', generic: '二甲双胍' }),
  omeprazole: e({ code: 'XA02BCA001E001010101445', name: '奥美拉唑肠溶胶囊', listType: '101', priceFen: 1800, capFen: 2200, unit: '盒', generic: '奥美拉唑' }),
  cefoperazone: e({ code: 'XJ01DDC212B001010104004', name: '注射用头孢哌酮钠舒巴坦钠', listType: '101', priceFen: 4500, capFen: 5500, unit: '支', generic: '头孢哌酮舒巴坦', lmtLvMin: 2 }),
  ozagrel: e({ code: 'XB01ACA059B002010103459', name: '奥扎格雷钠注射液', listType: '101', priceFen: 3800, capFen: 4500, unit: '支', generic: '奥扎格雷', maxCourseDays: 14 }),
  fishOil: e({ code: 'XB05BAL001B002020100155', name: 'ω-3鱼油脂肪乳注射液', listType: '101', priceFen: 18000, capFen: 21000, unit: '瓶', generic: 'ω-3鱼油脂肪乳', lmtVisit: 'inpatient' }),
  scarCream: e({ code: 'ZD11AAJ0001010200000', name: '疤痕止痒软化乳膏', listType: '101', priceFen: 3500, capFen: 4000, unit: '支', generic: '疤痕止痒软化', wiOnly: true }),
  childCold: e({ code: 'ZA01BAX0001010304321', name: '小儿氨酚黄那敏颗粒', listType: '101', priceFen: 1200, capFen: 1500, unit: '盒', generic: '小儿氨酚黄那敏', lmtAgeBand: 'child' }),
  progesterone: e({ code: 'XG03DAH030B002010101445', name: '黄体酮注射液', listType: '101', priceFen: 900, capFen: 1100, unit: '支', generic: '黄体酮', lmtGend: '2' }),
  // materials
  infusionSet: e({ code: 'C14020100100000', name: '一次性使用输液器', listType: '301', priceFen: 500, capFen: 600, unit: '套' }),
} as const;
export type ItemKey = keyof typeof ITEMS;

/** 第七批-style pairs (主项, 从项, 频度). The secondary items are never billed in the clean data. */
export const EXCLUSIVE_PAIRS = [
  { main: ITEMS.nursing1, sub: ITEMS.nursing2, windowKind: 'day' as const, windowHours: null },
  { main: ITEMS.liverPanel, sub: ITEMS.alt, windowKind: 'visit' as const, windowHours: null },
  { main: ITEMS.infusion, sub: ITEMS.injection, windowKind: 'hours' as const, windowHours: 1 },
];

export interface ProviderSpec {
  code: string;
  name: string;
  type: '1' | '2';
  medinsType: string;
  hospLv: string | null;
  lvRank: number;
}

/** The providers of a district: hospitals, community health centres, retail pharmacies. */
export function districtProviders(admdvs: string, scaleFactor: number): ProviderSpec[] {
  const hospitals: ProviderSpec[] = [
    { code: `H${admdvs}001`, name: '区第一人民医院', type: '1', medinsType: '综合', hospLv: '03', lvRank: 3 },
    { code: `H${admdvs}002`, name: '区中医院', type: '1', medinsType: '中医', hospLv: '05', lvRank: 2 },
    { code: `H${admdvs}003`, name: '区妇幼保健院', type: '1', medinsType: '专科', hospLv: '05', lvRank: 2 },
    { code: `H${admdvs}004`, name: '区第二人民医院', type: '1', medinsType: '综合', hospLv: '05', lvRank: 2 },
  ];
  const towns = ['临平', '南苑', '东湖', '星桥', '塘栖', '崇贤', '乔司', '运河', '仁和', '良渚', '瓶窑', '径山', '黄湖', '鸬鸟', '百丈', '余杭', '仓前', '五常', '闲林', '中泰'];
  const centres = Math.min(towns.length, Math.max(5, Math.round(5 * scaleFactor)));
  const pharmacies = Math.max(6, Math.round(6 * scaleFactor));
  const out = [...hospitals];
  for (let i = 0; i < centres; i++) {
    out.push({ code: `C${admdvs}${String(i + 1).padStart(3, '0')}`, name: `${towns[i]}街道社区卫生服务中心`, type: '1', medinsType: '基层', hospLv: '08', lvRank: 1 });
  }
  const brands = ['老百姓大药房', '九洲大药房', '华东大药房', '海王星辰', '益丰大药房', '国大药房'];
  for (let i = 0; i < pharmacies; i++) {
    out.push({ code: `D${admdvs}${String(i + 1).padStart(4, '0')}`, name: `${brands[i % brands.length]}（${towns[i % towns.length]}店${Math.floor(i / towns.length) + 1}）`, type: '2', medinsType: '药店', hospLv: null, lvRank: 0 });
  }
  return out;
}

export interface DiagnosisSpec {
  code: string;
  name: string;
}
export const DIAG = {
  uri: { code: 'J06.9', name: '急性上呼吸道感染' },
  bronchitis: { code: 'J20.9', name: '急性支气管炎' },
  hypertension: { code: 'I10.x', name: '原发性高血压' },
  diabetes: { code: 'E11.9', name: '2型糖尿病' },
  gastritis: { code: 'K29.7', name: '胃炎' },
  backPain: { code: 'M54.5', name: '腰痛' },
  pneumonia: { code: 'J18.9', name: '肺炎' },
  stroke: { code: 'I63.9', name: '脑梗死' },
  gallstone: { code: 'K80.2', name: '胆囊结石' },
  delivery: { code: 'O80.0', name: '单胎顺产' },
  lungCancer: { code: 'C34.9', name: '支气管和肺恶性肿瘤' },
  chemo: { code: 'Z51.1', name: '为肿瘤化学治疗疗程' },
  fracture: { code: 'S82.0', name: '髌骨骨折' },
  handInjury: { code: 'S61.9', name: '手腕和手开放性伤口' },
  cervicitis: { code: 'N72.x', name: '宫颈炎' },
  prostatitis: { code: 'N41.1', name: '慢性前列腺炎' },
  development: { code: 'F88.x', name: '心理发育障碍' },
  rehab: { code: 'Z50.7', name: '职业治疗和职业康复' },
} satisfies Record<string, DiagnosisSpec>;
