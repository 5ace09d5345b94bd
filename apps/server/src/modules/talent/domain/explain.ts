// Explanations: each item's result as a sentence in zh-CN or en-US, e.g.
//   学历分：硕士研究生 → 30 分（依据 第五条第（一）项）
//   贡献分：发明专利 4 项 × 5 分 = 20 分，超过上限 15 分，计 15 分
//   薪酬分：未提供年薪，未评分
// Pure functions of a stored EvaluationResult: no scheme needed, so old results re-render.
import type { Label } from './scheme/types';
import type { CapApplied, EvaluationResult, GroupResult, ItemResult, SourceRef, Trace } from './engine/types';

export type Locale = 'zh-CN' | 'en-US';

interface Words {
  lang: 'zh' | 'en';
  pts(n: number): string;
  sep: string;
  colon: string;
  semi: string;
  comma: string;
  paren(s: string): string;
  capped(c: CapApplied): string;
  ref(r: string): string;
  missing(what: string): string;
  gated(cond: string): string;
  gateMet(cond: string): string;
  gateFailed(cond: string): string;
  vetoed(cond: string): string;
  vetoClear(cond: string): string;
  unknownCondition(cond: string): string;
  noRow: string;
  max: string;
  sum(n: string): string;
  none: string;
  entries(given: number, excluded: number): string;
  whenCase(cond: string): string;
  otherwise: string;
  noCase: string;
  deduct(n: number): string;
  perUnit(t: Extract<Trace, { kind: 'perUnit' }>, name: string, value: string, unit: string): string;
}

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

const ZH: Words = {
  lang: 'zh',
  pts: (n) => `${fmt(n)} 分`,
  sep: '、',
  colon: '：',
  semi: '；',
  comma: '，',
  paren: (s) => `（${s}）`,
  capped: (c) => `，超过${{ rule: '', item: '项目', group: '分组', total: '总分' }[c.level]}上限 ${fmt(c.cap)} 分，计 ${fmt(c.cap)} 分`,
  ref: (r) => `（依据 ${r}）`,
  missing: (what) => `未提供${what}，未评分`,
  gated: (c) => `不满足条件（${c}），不计分`,
  gateMet: (c) => `满足门槛（${c}）`,
  gateFailed: (c) => `不满足门槛（${c}），未通过`,
  vetoed: (c) => `${c}，一票否决`,
  vetoClear: (c) => `未触发否决（${c}）`,
  unknownCondition: (c) => `无法判断条件（${c}）`,
  noRow: '无对应档次',
  max: '不累计取最高',
  sum: (n) => `合计 ${n}`,
  none: '无',
  entries: (g, x) => `共 ${g} 项${x ? `（其中 ${x} 项不在计分范围内）` : ''}`,
  whenCase: (c) => `${c}时按此计分`,
  otherwise: '其他情况',
  noCase: '无适用情形',
  deduct: (n) => `扣 ${fmt(n)} 分`,
  perUnit: (t, name, value, unit) => {
    const points = t.cap?.before ?? t.points;
    const simple = t.countDownFrom === undefined && t.unitSize === 1 && !t.after && String(t.units) === value;
    if (simple) return `${name} ${value}${unit} × ${fmt(t.per)} 分${t.base ? ` + ${fmt(t.base)} 分` : ''} = ${fmt(points)} 分`;
    const how =
      t.countDownFrom !== undefined
        ? `比 ${t.countDownFrom}${unit}少 ${t.units} 个单位`
        : `${t.unitSize !== 1 ? `每满 ${t.unitSize}${unit}为一个单位，` : ''}${t.after ? `前 ${t.after} 个单位不计，` : ''}计 ${t.units} 个单位`;
    return `${name} ${value}${unit}，${how}：${t.base ? `${fmt(t.base)} + ` : ''}${t.units} × ${fmt(t.per)} 分 = ${fmt(points)} 分`;
  },
};

const EN: Words = {
  lang: 'en',
  pts: (n) => `${fmt(n)} ${Math.abs(n) === 1 ? 'point' : 'points'}`,
  sep: ', ',
  colon: ': ',
  semi: '; ',
  comma: ', ',
  paren: (s) => ` (${s})`,
  capped: (c) => `, above the ${{ rule: '', item: 'item ', group: 'group ', total: 'total ' }[c.level]}cap of ${fmt(c.cap)}, counted as ${fmt(c.cap)}`,
  ref: (r) => ` (per ${r})`,
  missing: (what) => `${what} not given, not scored`,
  gated: (c) => `condition not met (${c}), not scored`,
  gateMet: (c) => `requirement met (${c})`,
  gateFailed: (c) => `requirement not met (${c}): not passed`,
  vetoed: (c) => `${c}: vetoed`,
  vetoClear: (c) => `no veto (${c})`,
  unknownCondition: (c) => `cannot decide (${c})`,
  noRow: 'no matching row',
  max: 'highest only',
  sum: (n) => `total ${n}`,
  none: 'none',
  entries: (g, x) => `${g} given${x ? ` (${x} outside the counted range)` : ''}`,
  whenCase: (c) => `when ${c}`,
  otherwise: 'otherwise',
  noCase: 'no case applies',
  deduct: (n) => `minus ${fmt(n)} points`,
  perUnit: (t, name, value, unit) => {
    const points = t.cap?.before ?? t.points;
    const simple = t.countDownFrom === undefined && t.unitSize === 1 && !t.after && String(t.units) === value;
    if (simple) return `${name} ${value}${unit} × ${fmt(t.per)}${t.base ? ` + ${fmt(t.base)}` : ''} = ${fmt(points)} points`;
    const how =
      t.countDownFrom !== undefined
        ? `${t.units} units below ${t.countDownFrom}`
        : `${t.unitSize !== 1 ? `one unit per ${t.unitSize}, ` : ''}${t.after ? `first ${t.after} units not counted, ` : ''}${t.units} units`;
    return `${name} ${value}${unit}, ${how}: ${t.base ? `${fmt(t.base)} + ` : ''}${t.units} × ${fmt(t.per)} = ${fmt(points)} points`;
  },
};

function words(locale: Locale): Words {
  return locale === 'en-US' ? EN : ZH;
}

function name(src: SourceRef, w: Words): string {
  return src.label[w.lang];
}
function unitOf(src: SourceRef, w: Words): string {
  const u = src.unit?.[w.lang];
  return u ? ` ${u}` : '';
}
function val(v: string | number | boolean, label: Label | undefined, w: Words): string {
  return label ? label[w.lang] : String(v);
}

function explainTrace(t: Trace, w: Words): string {
  const capped = (s: string, cap: CapApplied | undefined) => (cap ? s + w.capped(cap) : s);
  switch (t.kind) {
    case 'row':
      if (t.source.unit || typeof t.value === 'number')
        return capped(`${name(t.source, w)} ${t.value}${unitOf(t.source, w)}${w.paren(t.rowLabel[w.lang])} → ${w.pts(t.cap?.before ?? t.points)}`, t.cap);
      return capped(`${val(t.value, t.valueLabel, w)} → ${w.pts(t.cap?.before ?? t.points)}`, t.cap);
    case 'noRow':
      return `${name(t.source, w)} ${val(t.value, t.valueLabel, w)}${unitOf(t.source, w)}${w.colon}${w.noRow} → ${w.pts(0)}`;
    case 'perUnit':
      return capped(w.perUnit(t, name(t.source, w), String(t.value), unitOf(t.source, w)), t.cap);
    case 'grid':
      return capped(
        `${name(t.row.source, w)} ${t.row.label[w.lang]} × ${name(t.column.source, w)} ${t.column.label[w.lang]} → ${w.pts(t.cap?.before ?? t.points)}`,
        t.cap,
      );
    case 'gridMiss':
      return `${w.noRow} → ${w.pts(0)}`;
    case 'combine': {
      const parts = t.parts.map((p) => explainTrace(p, w));
      const shown = t.cap?.before ?? t.points;
      const body = t.policy === 'max' ? `${w.max}${w.colon}${parts.join(w.semi)} → ${w.pts(shown)}` : `${parts.join(w.semi)}${w.semi}${w.sum(w.pts(shown))}`;
      return capped(body, t.cap);
    }
    case 'list': {
      const head = `${name(t.source, w)} ${w.entries(t.given, t.excluded)}`;
      if (t.entries.length === 0) return `${head} → ${w.pts(0)}`;
      if (t.policy === 'max') {
        const best = t.entries[t.chosen ?? 0]!;
        return capped(`${head}${w.colon}${w.max}${w.comma}${explainTrace(best.trace, w)}`, t.cap);
      }
      const parts = t.entries.map((e) => explainTrace(e.trace, w));
      return capped(`${head}${w.colon}${parts.join(w.semi)}${w.semi}${w.sum(w.pts(t.cap?.before ?? t.points))}`, t.cap);
    }
    case 'when':
      if (t.then === null) return `${w.noCase} → ${w.pts(0)}`;
      return capped(`${t.condition ? w.whenCase(t.condition[w.lang]) : w.otherwise}${w.colon}${explainTrace(t.then, w)}`, t.cap);
    case 'fixed':
      return w.pts(t.points);
  }
}

/** One sentence for one item. */
export function explainItem(item: ItemResult, locale: Locale = 'zh-CN'): string {
  const w = words(locale);
  const cond = item.condition?.[w.lang] ?? '';
  let body: string;
  switch (item.status) {
    case 'not_evaluated':
      body =
        item.missingFacts.length > 0
          ? w.missing(item.missingFacts.map((m) => m.label[w.lang]).join(w.sep))
          : w.unknownCondition(cond);
      break;
    case 'gated':
      body = item.kind === 'gate' ? w.gateFailed(cond) : w.gated(cond);
      break;
    case 'vetoed':
      body = w.vetoed(cond);
      break;
    case 'scored':
      if (item.kind === 'gate') body = w.gateMet(cond);
      else if (item.kind === 'veto') body = w.vetoClear(cond);
      else {
        body = item.trace ? explainTrace(item.trace, w) : w.pts(item.points);
        for (const c of item.capsApplied) if (c.level === 'item') body += w.capped(c);
        if (item.kind === 'deduction' && item.points !== 0) body += `${w.semi}${w.deduct(-item.points)}`;
      }
      break;
  }
  const ref = item.reference && item.status === 'scored' ? w.ref(item.reference) : '';
  return `${item.label[w.lang]}${w.colon}${body}${ref}`;
}

function explainGroup(g: GroupResult, w: Words): string {
  const how = g.policy === 'max' ? `${w.max} ` : '';
  const cap = g.capsApplied[0];
  return `${g.label[w.lang]}${w.colon}${how}${w.pts(g.rawPoints)}${cap ? w.capped(cap) : ''}`;
}

export interface Explanation {
  items: Array<{ itemId: string; text: string }>;
  groups: Array<{ groupId: string; text: string }>;
  summary: string;
}

/** Every item, every group and a summary line. */
export function explainResult(result: EvaluationResult, locale: Locale = 'zh-CN'): Explanation {
  const w = words(locale);
  const zh = w.lang === 'zh';
  const parts: string[] = [];
  parts.push(zh ? `总分 ${fmt(result.total)} 分` : `Total ${fmt(result.total)} points`);
  if (result.deductionTotal !== 0)
    parts.push(zh ? `加分 ${fmt(result.bonusTotal)}，扣分 ${fmt(-result.deductionTotal)}` : `bonus ${fmt(result.bonusTotal)}, deductions ${fmt(-result.deductionTotal)}`);
  for (const c of result.capsApplied) parts.push(zh ? `总分上限 ${fmt(c.cap)} 分（封顶前 ${fmt(c.before)} 分）` : `total cap ${fmt(c.cap)} (${fmt(c.before)} before the cap)`);
  if (result.notEvaluated.length) parts.push(zh ? `${result.notEvaluated.length} 个项目因缺少事实未评分` : `${result.notEvaluated.length} item(s) not scored for missing facts`);
  if (result.vetoed) parts.push(zh ? '一票否决' : 'vetoed');
  if (result.gatesFailed.length) parts.push(zh ? '未满足门槛条件' : 'a requirement is not met');
  if (result.passMark !== null || result.passed === false) {
    const mark = result.passMark !== null ? (zh ? `合格线 ${fmt(result.passMark)} 分，` : `pass mark ${fmt(result.passMark)}, `) : '';
    const verdict = result.passed === null ? (zh ? '尚无法判断' : 'undecided') : result.passed ? (zh ? '已达到' : 'passed') : zh ? '未达到' : 'not passed';
    parts.push(mark + verdict);
  }
  if (result.tier) parts.push(zh ? `档次：${result.tier.label.zh}` : `tier: ${result.tier.label.en}`);
  return {
    items: result.items.map((i) => ({ itemId: i.itemId, text: explainItem(i, locale) })),
    groups: result.groups.map((g) => ({ groupId: g.groupId, text: explainGroup(g, w) })),
    summary: parts.join(zh ? '；' : '; '),
  };
}
