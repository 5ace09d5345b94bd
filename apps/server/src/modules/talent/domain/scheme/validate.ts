// Semantic checks that the zod shape cannot express: references, bands, caps, cycles, tiers.
// Every problem is reported (not only the first) with its path.
import { fromZodIssues } from './zod-issues';
import { issue, type PathPart, type SchemeIssue } from './issues';
import { schemeSchema } from './schema';
import type { AxisDoc, BandDoc, ConditionDoc, FactDoc, FieldDoc, RuleDoc, SchemeDoc } from './types';

export type ValidationResult = { ok: true; doc: SchemeDoc; issues: [] } | { ok: false; issues: SchemeIssue[] };

/** Parse (zod) then check (semantics). The document is a parsed YAML/JSON object. */
export function validateScheme(input: unknown): ValidationResult {
  const parsed = schemeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const issues = checkScheme(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, doc: parsed.data, issues: [] };
}

type Scope = ReadonlyMap<string, FactDoc | FieldDoc>;

class Checker {
  readonly issues: SchemeIssue[] = [];
  readonly facts = new Map<string, FactDoc>();
  readonly itemIds = new Set<string>();
  /** item id → ids of the items its conditions read. */
  readonly deps = new Map<string, Set<string>>();
  currentItem = '';

  constructor(readonly doc: SchemeDoc) {}

  add(path: PathPart[], code: string, zh: string, en: string) {
    this.issues.push(issue(path, code, zh, en));
  }

  run(): SchemeIssue[] {
    const d = this.doc;
    if (d.effective.to !== undefined && d.effective.to < d.effective.from)
      this.add(['effective', 'to'], 'effective-order', '失效日期早于生效日期', 'effective.to is before effective.from');
    this.checkFacts();
    this.checkGroups();
    d.items.forEach((it, i) => {
      if (this.itemIds.has(it.id)) this.add(['items', i, 'id'], 'duplicate-id', `积分项目标识 ${it.id} 重复`, `duplicate item id ${it.id}`);
      this.itemIds.add(it.id);
    });
    d.items.forEach((it, i) => this.checkItem(i));
    this.checkCycles();
    this.checkTiering();
    return this.issues;
  }

  checkFacts() {
    this.doc.facts.forEach((f, i) => {
      if (this.facts.has(f.key)) this.add(['facts', i, 'key'], 'duplicate-id', `事实 ${f.key} 重复声明`, `fact ${f.key} declared twice`);
      else this.facts.set(f.key, f);
      this.checkScalarType(f, ['facts', i]);
      if (f.type === 'list') {
        const seen = new Set<string>();
        f.fields.forEach((fl, j) => {
          if (seen.has(fl.key))
            this.add(['facts', i, 'fields', j, 'key'], 'duplicate-id', `字段 ${fl.key} 重复声明`, `field ${fl.key} declared twice`);
          seen.add(fl.key);
          this.checkScalarType(fl, ['facts', i, 'fields', j]);
        });
      }
    });
  }

  checkScalarType(f: FactDoc | FieldDoc, path: PathPart[]) {
    if (f.type === 'enum') {
      const seen = new Set<string>();
      f.values.forEach((v, j) => {
        if (seen.has(v.value))
          this.add([...path, 'values', j, 'value'], 'duplicate-id', `取值 ${v.value} 重复`, `duplicate value ${v.value}`);
        seen.add(v.value);
      });
    }
    if (f.type === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max)
      this.add([...path, 'max'], 'range-order', '最大值小于最小值', 'max is below min');
  }

  checkGroups() {
    const groups = this.doc.groups ?? [];
    const byId = new Map<string, string | undefined>();
    groups.forEach((g, i) => {
      if (byId.has(g.id)) this.add(['groups', i, 'id'], 'duplicate-id', `分组标识 ${g.id} 重复`, `duplicate group id ${g.id}`);
      byId.set(g.id, g.parent);
    });
    groups.forEach((g, i) => {
      if (g.parent !== undefined && !byId.has(g.parent))
        this.add(['groups', i, 'parent'], 'unknown-group', `积分办法中没有分组 ${g.parent}`, `no group ${g.parent} in the scheme`);
      // a parent chain that comes back to g
      let at = g.parent;
      for (let steps = 0; at !== undefined && steps <= groups.length; steps++) {
        if (at === g.id) {
          this.add(['groups', i, 'parent'], 'cycle', `分组 ${g.id} 的上级形成循环`, `group ${g.id} is its own ancestor`);
          break;
        }
        at = byId.get(at);
      }
    });
  }

  checkItem(i: number) {
    const it = this.doc.items[i]!;
    const path: PathPart[] = ['items', i];
    const kind = it.kind ?? 'bonus';
    this.currentItem = it.id;
    this.deps.set(it.id, new Set());
    if (kind === 'bonus' || kind === 'deduction') {
      if (!it.rule) this.add([...path, 'rule'], 'required', '计分项目须有 rule', 'a scoring item needs a rule');
      else this.checkRule(it.rule, [...path, 'rule'], undefined);
      if (it.condition)
        this.add([...path, 'condition'], 'misplaced', '只有 gate / veto 项目使用 condition；计分前提请用 requires', 'only gate / veto items take condition; use requires');
    } else {
      if (!it.condition)
        this.add([...path, 'condition'], 'required', `${kind === 'gate' ? '门槛' : '否决'}项目须有 condition`, `a ${kind} item needs a condition`);
      else this.checkCondition(it.condition, [...path, 'condition'], undefined);
      if (it.rule) this.add([...path, 'rule'], 'misplaced', `${kind} 项目不计分，不能有 rule`, `a ${kind} item scores nothing and takes no rule`);
      if (it.cap !== undefined) this.add([...path, 'cap'], 'misplaced', `${kind} 项目不能有上限`, `a ${kind} item takes no cap`);
    }
    if (it.requires) this.checkCondition(it.requires, [...path, 'requires'], undefined);
    if (it.group !== undefined) {
      if (!(this.doc.groups ?? []).some((g) => g.id === it.group))
        this.add([...path, 'group'], 'unknown-group', `积分办法中没有分组 ${it.group}`, `no group ${it.group} in the scheme`);
      else if (kind !== 'bonus')
        this.add([...path, 'group'], 'misplaced', '只有加分项目可以归入分组（扣分在封顶之后扣减）', 'only bonus items belong to groups (deductions apply after caps)');
    }
  }

  /** The fact or field a rule/axis reads, checked; undefined when it is not usable. */
  resolveSource(
    node: { fact?: string; field?: string },
    path: PathPart[],
    scope: Scope | undefined,
  ): FactDoc | FieldDoc | undefined {
    if ((node.fact === undefined) === (node.field === undefined)) {
      this.add(path, 'source', '须且只能指定 fact 或 field 之一', 'needs exactly one of fact or field');
      return undefined;
    }
    if (node.field !== undefined) {
      if (!scope) {
        this.add([...path, 'field'], 'misplaced', 'field 只能用在列表规则（list）的 entry / where 中', 'field is only allowed inside a list rule');
        return undefined;
      }
      const f = scope.get(node.field);
      if (!f) this.add([...path, 'field'], 'unknown-field-ref', `列表条目中没有字段 ${node.field}`, `no field ${node.field} in the list entry`);
      return f;
    }
    const f = this.facts.get(node.fact!);
    if (!f) this.add([...path, 'fact'], 'unknown-fact', `积分办法中没有事实 ${node.fact}`, `no fact ${node.fact} in the scheme`);
    return f;
  }

  checkRule(rule: RuleDoc, path: PathPart[], scope: Scope | undefined) {
    switch (rule.type) {
      case 'table': {
        const src = this.resolveSource(rule, path, scope);
        if ((rule.bands === undefined) === (rule.categories === undefined)) {
          this.add(path, 'table-shape', '查表须且只能有 bands（区间）或 categories（类别）之一', 'a table needs exactly one of bands or categories');
          return;
        }
        if (!src) return;
        if (rule.bands) {
          if (src.type !== 'number') return this.typeMismatch(path, src, '数字', 'number');
          this.checkBands(rule.bands, [...path, 'bands'], rule.complete === true, src);
        } else if (rule.categories) {
          if (src.type !== 'enum' && src.type !== 'boolean') return this.typeMismatch(path, src, '枚举或布尔', 'enum or boolean');
          this.checkCategories(rule.categories.map((c) => c.value), [...path, 'categories'], src, rule.complete === true, true);
        }
        return;
      }
      case 'perUnit': {
        const src = this.resolveSource(rule, path, scope);
        if (src && src.type !== 'number' && src.type !== 'list' && src.type !== 'date')
          this.typeMismatch(path, src, '数字、列表或日期', 'number, list or date');
        return;
      }
      case 'grid': {
        const rows = this.checkAxis(rule.rows, [...path, 'rows'], scope);
        const cols = this.checkAxis(rule.columns, [...path, 'columns'], scope);
        if (rows !== undefined && rule.points.length !== rows)
          this.add([...path, 'points'], 'grid-shape', `points 应有 ${rows} 行（与 rows 一致）`, `points needs ${rows} rows (as in rows)`);
        if (cols !== undefined)
          rule.points.forEach((row, r) => {
            if (row.length !== cols)
              this.add([...path, 'points', r], 'grid-shape', `应有 ${cols} 列（与 columns 一致）`, `needs ${cols} columns (as in columns)`);
          });
        return;
      }
      case 'combine':
        rule.of.forEach((r, i) => this.checkRule(r, [...path, 'of', i], scope));
        return;
      case 'list': {
        const f = this.facts.get(rule.fact);
        if (!f) return this.add([...path, 'fact'], 'unknown-fact', `积分办法中没有事实 ${rule.fact}`, `no fact ${rule.fact} in the scheme`);
        if (f.type !== 'list') return this.typeMismatch(path, f, '列表', 'list');
        const fields: Scope = new Map(f.fields.map((fl) => [fl.key, fl]));
        this.checkRule(rule.entry, [...path, 'entry'], fields);
        if (rule.where) this.checkCondition(rule.where, [...path, 'where'], fields);
        if (rule.withinYears) {
          const y = fields.get(rule.withinYears.field);
          if (!y)
            this.add([...path, 'withinYears', 'field'], 'unknown-field-ref', `列表条目中没有字段 ${rule.withinYears.field}`, `no field ${rule.withinYears.field} in the list entry`);
          else if (y.type !== 'number') this.typeMismatch([...path, 'withinYears'], y, '数字（年份）', 'number (a year)');
        }
        return;
      }
      case 'when':
        rule.cases.forEach((c, i) => {
          this.checkCondition(c.if, [...path, 'cases', i, 'if'], scope);
          this.checkRule(c.then, [...path, 'cases', i, 'then'], scope);
        });
        if (rule.else) this.checkRule(rule.else, [...path, 'else'], scope);
        return;
      case 'fixed':
        return;
    }
  }

  checkAxis(axis: AxisDoc, path: PathPart[], scope: Scope | undefined): number | undefined {
    const src = this.resolveSource(axis, path, scope);
    if ((axis.bands === undefined) === (axis.categories === undefined)) {
      this.add(path, 'table-shape', '轴须且只能有 bands 或 categories 之一', 'an axis needs exactly one of bands or categories');
      return undefined;
    }
    if (src) {
      if (axis.bands) {
        if (src.type !== 'number') this.typeMismatch(path, src, '数字', 'number');
        else this.checkBands(axis.bands, [...path, 'bands'], false, src);
      } else if (src.type !== 'enum' && src.type !== 'boolean') this.typeMismatch(path, src, '枚举或布尔', 'enum or boolean');
      else this.checkCategories(axis.categories!, [...path, 'categories'], src, false, false);
    }
    return (axis.bands ?? axis.categories)!.length;
  }

  typeMismatch(path: PathPart[], src: FactDoc | FieldDoc, zh: string, en: string) {
    this.add(path, 'fact-type', `${src.key} 的类型是 ${src.type}，这里需要${zh}`, `${src.key} is of type ${src.type}; ${en} needed here`);
  }

  checkBands(bands: ReadonlyArray<Pick<BandDoc, 'min' | 'max'>>, path: PathPart[], complete: boolean, src: FactDoc | FieldDoc) {
    const lo = (b: Pick<BandDoc, 'min'>) => b.min ?? -Infinity;
    const hi = (b: Pick<BandDoc, 'max'>) => b.max ?? Infinity;
    bands.forEach((b, i) => {
      if (lo(b) >= hi(b))
        this.add([...path, i, 'max'], 'band-empty', `区间为空：max（${b.max}）须大于 min（${b.min}）`, `empty band: max (${b.max}) must exceed min (${b.min})`);
    });
    const order = bands.map((b, i) => ({ b, i })).sort((x, y) => lo(x.b) - lo(y.b) || x.i - y.i);
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1]!;
      const cur = order[k]!;
      if (hi(prev.b) > lo(cur.b))
        this.add([...path, cur.i, 'min'], 'band-overlap', `与第 ${prev.i + 1} 个区间重叠`, `overlaps band ${prev.i + 1}`);
      else if (complete && hi(prev.b) < lo(cur.b))
        this.add([...path, cur.i, 'min'], 'band-gap', `区间不连续：${hi(prev.b)} 至 ${lo(cur.b)} 未覆盖`, `gap: ${hi(prev.b)} to ${lo(cur.b)} is not covered`);
    }
    if (!complete || order.length === 0) return;
    const first = order[0]!;
    const last = order[order.length - 1]!;
    const factMin = src.type === 'number' ? (src.min ?? -Infinity) : -Infinity;
    const factMax = src.type === 'number' ? (src.max ?? Infinity) : Infinity;
    if (lo(first.b) > factMin)
      this.add([...path, first.i, 'min'], 'band-gap', `区间不完整：低于 ${lo(first.b)} 的取值未覆盖`, `incomplete: values below ${lo(first.b)} are not covered`);
    if (hi(last.b) < factMax && hi(last.b) !== Infinity)
      this.add([...path, last.i, 'max'], 'band-gap', `区间不完整：${hi(last.b)} 及以上的取值未覆盖`, `incomplete: values from ${hi(last.b)} up are not covered`);
  }

  checkCategories(values: ReadonlyArray<string | boolean>, path: PathPart[], src: FactDoc | FieldDoc, complete: boolean, hasPoints: boolean) {
    const allowed: Array<string | boolean> = src.type === 'enum' ? src.values.map((v) => v.value) : [true, false];
    const seen = new Set<string | boolean>();
    values.forEach((v, i) => {
      const at = hasPoints ? [...path, i, 'value'] : [...path, i];
      if (!allowed.includes(v))
        this.add(at, 'unknown-enum-value', `${src.key} 没有取值 ${String(v)}（可选：${allowed.join('、')}）`, `${src.key} has no value ${String(v)} (allowed: ${allowed.join(', ')})`);
      if (seen.has(v)) this.add(at, 'duplicate-id', `取值 ${String(v)} 重复`, `value ${String(v)} listed twice`);
      seen.add(v);
    });
    if (complete) {
      const missing = allowed.filter((v) => !seen.has(v));
      if (missing.length)
        this.add(path, 'category-gap', `complete 表须列出全部取值，缺少：${missing.join('、')}`, `a complete table lists every value; missing: ${missing.join(', ')}`);
    }
  }

  checkCondition(c: ConditionDoc, path: PathPart[], scope: Scope | undefined): void {
    if ('all' in c && c.all) return c.all.forEach((x, i) => this.checkCondition(x, [...path, 'all', i], scope));
    if ('any' in c && c.any) return c.any.forEach((x, i) => this.checkCondition(x, [...path, 'any', i], scope));
    if ('not' in c && c.not) return this.checkCondition(c.not, [...path, 'not'], scope);
    if ('item' in c && c.item !== undefined) {
      if (!this.itemIds.has(c.item))
        this.add([...path, 'item'], 'unknown-item', `积分办法中没有积分项目 ${c.item}`, `no item ${c.item} in the scheme`);
      else this.deps.get(this.currentItem)?.add(c.item);
      this.checkOperands(c, path, { type: 'number' } as FieldDoc);
      return;
    }
    const src = this.resolveSource(c as { fact?: string; field?: string }, path, scope);
    if (src) this.checkOperands(c, path, src);
  }

  checkOperands(c: ConditionDoc, path: PathPart[], src: FactDoc | FieldDoc) {
    const ops = c as Record<string, unknown>;
    if (ops.present !== undefined) return;
    if (src.type === 'list') {
      this.add(path, 'fact-type', `列表 ${src.key} 只能用 present 判断，或用 list 规则计分`, `list ${src.key} only takes present (or a list rule)`);
      return;
    }
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn'] as const) {
      const v = ops[op];
      if (v === undefined) continue;
      const values = Array.isArray(v) ? v : [v];
      values.forEach((val, i) => {
        const at = Array.isArray(v) ? [...path, op, i] : [...path, op];
        const ok =
          src.type === 'number'
            ? typeof val === 'number'
            : src.type === 'boolean'
              ? typeof val === 'boolean' && (op === 'eq' || op === 'ne' || op === 'in' || op === 'notIn')
              : src.type === 'date'
                ? typeof val === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(val)
                : typeof val === 'string' && (op === 'eq' || op === 'ne' || op === 'in' || op === 'notIn');
        if (!ok) {
          this.add(at, 'operand-type', `${src.key}（${src.type}）不能这样比较：${op} ${String(val)}`, `${src.key} (${src.type}) cannot be compared with ${op} ${String(val)}`);
          return;
        }
        if (src.type === 'enum' && !src.values.some((e) => e.value === val))
          this.add(at, 'unknown-enum-value', `${src.key} 没有取值 ${String(val)}`, `${src.key} has no value ${String(val)}`);
      });
    }
  }

  checkCycles() {
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const reported = new Set<string>();
    const visit = (id: string) => {
      state.set(id, 'visiting');
      stack.push(id);
      for (const dep of this.deps.get(id) ?? []) {
        const s = state.get(dep);
        if (s === 'visiting') {
          const cycle = [...stack.slice(stack.indexOf(dep)), dep];
          const key = [...cycle].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            const i = this.doc.items.findIndex((it) => it.id === dep);
            this.add(['items', i], 'cycle', `积分项目循环引用：${cycle.join(' → ')}`, `items refer to each other in a cycle: ${cycle.join(' → ')}`);
          }
        } else if (s === undefined) visit(dep);
      }
      stack.pop();
      state.set(id, 'done');
    };
    for (const it of this.doc.items) if (!state.has(it.id)) visit(it.id);
  }

  checkTiering() {
    const t = this.doc.tiering;
    if (!t) return;
    const seen = new Set<string>();
    let shareSum = 0;
    t.tiers.forEach((tier, i) => {
      const path = ['tiering', 'tiers', i];
      if (seen.has(tier.id)) this.add([...path, 'id'], 'duplicate-id', `档次标识 ${tier.id} 重复`, `duplicate tier id ${tier.id}`);
      seen.add(tier.id);
      if (t.method === 'thresholds') {
        if (tier.min === undefined) this.add([...path, 'min'], 'required', '按分数线分档时每档须有 min', 'thresholds need a min per tier');
        if (tier.share !== undefined) this.add([...path, 'share'], 'misplaced', '按分数线分档不用 share', 'thresholds take no share');
        const prev = t.tiers[i - 1];
        if (prev?.min !== undefined && tier.min !== undefined && tier.min >= prev.min)
          this.add([...path, 'min'], 'tier-order', '分数线须从高档到低档严格递减', 'thresholds must decrease strictly from the best tier');
      } else {
        if (tier.share === undefined) this.add([...path, 'share'], 'required', '按排名比例分档时每档须有 share', 'rank shares need a share per tier');
        else shareSum += tier.share;
        if (tier.min !== undefined) this.add([...path, 'min'], 'misplaced', '按排名比例分档不用 min', 'rank shares take no min');
      }
    });
    if (t.method === 'rankShare' && Math.abs(shareSum - 1) > 1e-9)
      this.add(['tiering', 'tiers'], 'share-sum', `各档比例之和应为 1，实际为 ${+shareSum.toFixed(6)}`, `shares must add up to 1, not ${+shareSum.toFixed(6)}`);
  }
}

export function checkScheme(doc: SchemeDoc): SchemeIssue[] {
  return new Checker(doc).run();
}
