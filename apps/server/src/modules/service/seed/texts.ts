import type { Random } from '../../../db/seed/random';

/**
 * What enterprises call the 亲企办 about, by category: the Liangzhu article's examples (用电增容,
 * 招工, 检测认证需求, 融资, 审批咨询) and the everyday ones. `{e}` is the enterprise's short name,
 * `{n}` a number. The answers the units give, by category, for the timeline.
 */
export interface RequestText {
  title: string;
  description: string;
}

const TEXTS: Record<string, { title: string; description: string }[]> = {
  policy: [
    { title: '咨询研发费用补助申报条件', description: '我们今年研发投入增加较多，想了解区里研发费用补助的申报条件、材料和截止时间。' },
    { title: '技改项目补助什么时候兑现', description: '去年申报的技术改造项目补助已公示，想问一下资金什么时候兑现到账。' },
    { title: '高新技术企业认定奖励政策咨询', description: '公司准备申报高新技术企业，想了解认定后区里的奖励标准和申报流程。' },
    { title: '首台套产品奖励如何申报', description: '我们的新产品被认定为省首台套，想了解区级配套奖励怎么申报。' },
    { title: '稳岗补贴申报咨询', description: '想了解今年稳岗补贴的申报条件，我们有{n}名员工，是否符合。' },
  ],
  'factors.power': [
    { title: '新生产线需要用电增容', description: '新上一条生产线，现有变压器容量不够，需要申请用电增容约{n}00千伏安，想请帮忙协调供电部门加快办理。' },
    { title: '厂区计划停电影响生产', description: '收到供电部门计划停电通知，正好赶上订单交付期，希望协调调整停电时间或提供临时电源。' },
    { title: '电力报装进度咨询', description: '新厂房电力报装已经提交一个多月，还没有排期，请帮忙了解进度。' },
  ],
  'factors.land': [
    { title: '扩产需要新增工业用地', description: '企业订单增长，现有厂房不够用，希望了解附近是否有可供出让的工业用地或标准厂房。' },
    { title: '租用标准厂房咨询', description: '想在园区租用约{n}000平方米标准厂房，请帮忙对接园区招商和物业。' },
  ],
  'factors.water': [
    { title: '厂区水压不足', description: '最近一周厂区水压明显偏低，影响清洗工序，希望协调供水公司排查。' },
    { title: '排水管网接入咨询', description: '新建车间的排水需要接入市政管网，想了解办理流程和需要的材料。' },
  ],
  talent: [
    { title: '招工难，急需一线操作工', description: '旺季订单多，急需招聘一线操作工约{n}0名，希望街道帮忙对接劳务资源或组织招聘会。' },
    { title: '技术骨干落户咨询', description: '公司新引进的两名技术骨干想办理落户，想了解人才落户政策和流程。' },
    { title: '人才公寓申请', description: '想为新入职的硕士研究生申请人才公寓，请问申请条件和房源情况。' },
    { title: '校企合作招聘对接', description: '希望与本地高职院校开展订单式培养，请帮忙对接学校。' },
  ],
  finance: [
    { title: '流动资金贷款需求', description: '原材料涨价，需要流动资金约{n}00万元，希望对接银行了解低息贷款或政策性担保。' },
    { title: '转贷资金咨询', description: '一笔银行贷款下月到期，想了解区里应急转贷资金的申请办法。' },
    { title: '科技型企业信用贷款对接', description: '公司是科技型中小企业，缺少抵押物，想了解科创贷、人才贷等信用贷款产品。' },
  ],
  testing: [
    { title: '新产品需要第三方检测', description: '新研发的实验室仪器需要第三方检测报告才能投标，想找附近有资质的检测机构，时间比较紧。' },
    { title: '检测认证需求：CMA 资质机构对接', description: '产品出口需要做检测认证，想了解本地有 CMA、CNAS 资质的检测机构。' },
    { title: '计量器具校准', description: '车间的计量器具到期需要校准，想了解就近的计量校准服务。' },
  ],
  approval: [
    { title: '审批咨询：新建厂房施工许可', description: '新建厂房的施工许可需要哪些前置审批，能否并联办理，想请帮忙梳理流程。' },
    { title: '环评审批进度咨询', description: '技改项目的环评已经提交，想了解审批进度和还需补充的材料。' },
    { title: '竣工验收备案咨询', description: '厂房已经完工，想了解竣工验收备案的流程和时间。' },
    { title: '食品经营许可变更', description: '公司地址变更，需要同步变更食品经营许可，想了解能否网上办理。' },
  ],
  dispute: [
    { title: '货款被拖欠', description: '下游客户拖欠货款约{n}0万元已超过半年，多次催收无果，希望街道帮忙协调。' },
    { title: '劳动争议调解', description: '与一名离职员工因加班费产生劳动争议，希望有关部门帮忙调解。' },
  ],
  other: [
    { title: '园区道路照明不足', description: '园区内道路晚上照明不足，员工下夜班不安全，希望增加路灯。' },
    { title: '企业门前公交站点设置建议', description: '企业员工多，上下班通勤不便，建议在附近增设公交站点。' },
  ],
};

const ANSWERS: Record<string, { respond: string; resolve: string }> = {
  policy: { respond: '已电话联系企业，讲解了申报条件和材料清单。', resolve: '已指导企业完成申报材料，纳入本批次审核。' },
  'factors.power': { respond: '已联系供电所，安排客户经理上门勘查。', resolve: '供电部门已完成方案答复并安排施工，企业确认满足生产需要。' },
  'factors.land': { respond: '已对接园区招商，提供可用厂房和地块信息。', resolve: '企业已与园区达成租用意向，签订协议。' },
  'factors.water': { respond: '已联系供水公司安排人员到现场排查。', resolve: '供水公司更换了减压阀，水压恢复正常。' },
  talent: { respond: '已与企业对接用工需求，纳入本月招聘会。', resolve: '招聘会已举办，企业招到所需人员；相关政策已解答。' },
  finance: { respond: '已将需求推送给合作银行，银行客户经理已联系企业。', resolve: '银行已完成授信审批并放款。' },
  testing: { respond: '已联系附近有资质的检测机构，约定上门时间。', resolve: '检测机构已完成检测并出具报告，企业按期投标。' },
  approval: { respond: '已向企业说明审批流程，安排帮办代办员跟进。', resolve: '审批已办结，证照已发放。' },
  dispute: { respond: '已约谈双方，了解争议情况。', resolve: '经调解双方达成一致，已签订协议。' },
  other: { respond: '已转交相关部门现场查看。', resolve: '已完成整改，企业确认。' },
};

export const TEXT_CATEGORIES = Object.keys(TEXTS);

export function requestText(rng: Random, categoryId: string): RequestText {
  const t = rng.pick(TEXTS[categoryId]!);
  const n = String(rng.int(2, 9));
  return { title: t.title.replaceAll('{n}', n), description: t.description.replaceAll('{n}', n) };
}

export function answersFor(categoryId: string): { respond: string; resolve: string } {
  return ANSWERS[categoryId] ?? ANSWERS.other!;
}

export const RETURN_NOTES: Record<string, string> = {
  not_our_remit: '该事项不属于本单位职责，建议交办行业主管部门。',
  wrong_area: '企业不在本街道辖区，请交办属地街道。',
  unclear_ownership: '事项涉及多个部门，权属不清，请亲企办协调。',
  shared_remit: '职能交叉，建议由主管部门主办、本单位协办。',
  other: '诉求内容不清，请补充后重新交办。',
};

export const FOLLOW_UP_NOTES = {
  satisfied: '企业表示问题已解决，对服务满意。',
  basically_satisfied: '企业表示基本解决，希望办理再快一些。',
  dissatisfied: '企业表示问题未解决，要求重新办理。',
} as const;
