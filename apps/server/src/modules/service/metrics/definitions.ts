import type { ServiceStep } from '../domain';

/**
 * What each figure means, returned with the figures so the dashboard's tooltips say exactly what
 * the engine counted (domain/rates/service-rates.ts; docs/service/RATES.md, METRICS.md). Words only:
 * the ratios are the domain's ratesFromCounts; what is counted is metrics.count.ts (countMetrics).
 */
export interface FigureDefinition {
  zh: { name: string; numerator: string; denominator: string; note?: string };
  en: { name: string; numerator: string; denominator: string; note?: string };
}

const STEP_NAMES: Record<ServiceStep, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accept' },
  dispatch: { zh: '交办', en: 'dispatch' },
  respond: { zh: '回应', en: 'respond' },
  resolve: { zh: '办结', en: 'resolve' },
  follow_up: { zh: '回访', en: 'follow-up' },
};

const DUE_ZH = '已到期的该环节：已完成且时限已知的，加上仍未完成但时限已过的（未到期的不计；等待企业暂停中或日历未覆盖的不计）';
const DUE_EN = 'steps that are due: completed with a known deadline, plus still open past their deadline (not yet due, paused or calendar-not-covered steps are not judged)';
const SCOPE_NOTE_ZH = '合并的重复诉求不计入任何比率；每个环节取该诉求最近一轮（重办后为新一轮）。按承办单位或服务员统计时：环节计入当时持有它的单位（退单的单位对其持有期间已超时的环节负责，重新交办后沿用同一时限），解决率、满意率、回访率计入办结该诉求的单位；合计中每个环节只计一次（最后的持有者）。退单后的重新交办是亲企办的额外持有：按单位统计时计入亲企办的交办按时率、交办平均用时、未办结和超时；合计中交办只计每轮首次交办，但超时未重新交办的诉求计为超时。';
const SCOPE_NOTE_EN = 'Merged duplicates are left out of every rate; each step is the request\'s latest round (a reopen starts a new one). By unit or agent: a step counts for the unit that held it (a unit that returned a request answers for a step it held past the deadline; the next unit keeps the same deadline), and the resolution, satisfaction and follow-up rates count for the unit that resolved the request; in the total each step counts once (its last holder). A re-dispatch after a return is an extra holding of the office: by unit it counts in the office\'s dispatch on-time rate, dispatch duration, open and overdue; in the total the dispatch is each round\'s first, but a request whose re-dispatch is open past its deadline is overdue.';

export const RATE_DEFINITIONS = {
  responseRate: {
    zh: { name: '响应率', numerator: '按时限完成的回应环节数', denominator: `应回应数：${DUE_ZH}`, note: `即回应环节的按时率；超时未回应计入分母、不计入分子。${SCOPE_NOTE_ZH}` },
    en: { name: 'Response rate', numerator: 'respond steps completed at or before their deadline', denominator: `respond ${DUE_EN}`, note: `The respond step's on-time rate; an unanswered request past its deadline counts as late. ${SCOPE_NOTE_EN}` },
  },
  resolutionRate: {
    zh: { name: '解决率', numerator: '回访答复"问题已解决"的诉求数', denominator: '已回访的诉求数（取最近一次回访；重办后以再次办结后的回访为准）', note: SCOPE_NOTE_ZH },
    en: { name: 'Resolution rate', numerator: 'requests whose latest follow-up answered "solved"', denominator: 'requests followed up (the latest follow-up; after a reopen, the one after the next resolution)', note: SCOPE_NOTE_EN },
  },
  satisfactionRate: {
    zh: { name: '满意率', numerator: '回访答复"满意"或"基本满意"的诉求数', denominator: '已回访的诉求数（取最近一次回访）', note: `基本满意计为满意；三类数量另见 satisfactionCounts。${SCOPE_NOTE_ZH}` },
    en: { name: 'Satisfaction rate', numerator: 'requests whose latest follow-up answered satisfied or basically satisfied', denominator: 'requests followed up (the latest follow-up)', note: `"Basically satisfied" counts as satisfied; the three counts are in satisfactionCounts. ${SCOPE_NOTE_EN}` },
  },
  followUpRate: {
    zh: { name: '回访率', numerator: '已办结且已回访的诉求数', denominator: '已办结的诉求数', note: SCOPE_NOTE_ZH },
    en: { name: 'Follow-up rate', numerator: 'resolved requests that were followed up', denominator: 'requests resolved', note: SCOPE_NOTE_EN },
  },
  ...Object.fromEntries(
    (Object.keys(STEP_NAMES) as ServiceStep[]).map((s) => [
      `onTime.${s}`,
      {
        zh: { name: `${STEP_NAMES[s].zh}按时率`, numerator: `按时限完成的${STEP_NAMES[s].zh}环节数`, denominator: `应${STEP_NAMES[s].zh}数：${DUE_ZH}`, note: SCOPE_NOTE_ZH },
        en: { name: `On-time rate (${STEP_NAMES[s].en})`, numerator: `${STEP_NAMES[s].en} steps completed at or before their deadline`, denominator: `${STEP_NAMES[s].en} ${DUE_EN}`, note: SCOPE_NOTE_EN },
      } satisfies FigureDefinition,
    ]),
  ),
  ...Object.fromEntries(
    (Object.keys(STEP_NAMES) as ServiceStep[]).map((s) => [
      `averageDurationMs.${s}`,
      {
        zh: { name: `${STEP_NAMES[s].zh}平均用时`, numerator: `已完成的${STEP_NAMES[s].zh}环节从开始到完成的时长之和（自然时间，含暂停）`, denominator: `已完成的${STEP_NAMES[s].zh}环节数` },
        en: { name: `Average duration (${STEP_NAMES[s].en})`, numerator: `sum of wall-clock time from start to completion of completed ${STEP_NAMES[s].en} steps (pauses included)`, denominator: `completed ${STEP_NAMES[s].en} steps` },
      } satisfies FigureDefinition,
    ]),
  ),
} as Record<string, FigureDefinition>;

export const STEP_LABELS = STEP_NAMES;
