// Turns a rule document into a closure, once, so evaluation does no look-ups by name.
import type { FactDoc, FieldDoc, Label, RuleDoc } from '../scheme/types';
import { makeReader, type CompiledRule, type Reader } from './context';
import { compileCombine } from './constructs/combine';
import { compileCondition, type ConditionEnv } from './constructs/condition';
import { compileGrid } from './constructs/grid';
import { compileList } from './constructs/list';
import { compilePerUnit } from './constructs/per-unit';
import { compileTable } from './constructs/table';
import { compileWhen } from './constructs/when';

export interface RuleEnv {
  facts: ReadonlyMap<string, FactDoc>;
  itemIndex(id: string): number;
  itemLabel(id: string): Label;
  /** Fact keys read anywhere in the rule (for factsUsed). */
  used: Set<string>;
  /** The id of the item being compiled (for cap records). */
  at: string;
}

function readerFor(env: RuleEnv, list: { key: string; fields: ReadonlyMap<string, FieldDoc> } | undefined, source: { fact?: string; field?: string }): Reader {
  if (source.field !== undefined) return makeReader(list!.fields.get(source.field)!, list!.key);
  env.used.add(source.fact!);
  return makeReader(env.facts.get(source.fact!)!, undefined);
}

export function conditionEnv(env: RuleEnv, list?: { key: string; fields: ReadonlyMap<string, FieldDoc> }): ConditionEnv {
  return {
    reader: (s) => readerFor(env, list, s),
    itemIndex: env.itemIndex,
    itemLabel: env.itemLabel,
  };
}

export function compileRule(rule: RuleDoc, env: RuleEnv, list?: { key: string; fields: ReadonlyMap<string, FieldDoc> }): CompiledRule {
  const inner = compileInner(rule, env, list);
  const cap = 'cap' in rule ? rule.cap : undefined;
  if (cap === undefined) return inner;
  const at = env.at;
  return (ctx) => {
    const t = inner(ctx);
    if (t === undefined || t.points <= cap || t.kind === 'noRow' || t.kind === 'gridMiss' || t.kind === 'fixed') return t;
    // the trace was built for this evaluation only: mark it in place rather than copy it
    t.cap = { level: 'rule', at, cap, before: t.points };
    t.points = cap;
    return t;
  };
}

function compileInner(rule: RuleDoc, env: RuleEnv, list?: { key: string; fields: ReadonlyMap<string, FieldDoc> }): CompiledRule {
  switch (rule.type) {
    case 'table':
      return compileTable(rule, readerFor(env, list, rule));
    case 'perUnit':
      return compilePerUnit(rule, readerFor(env, list, rule));
    case 'grid':
      return compileGrid(rule, readerFor(env, list, rule.rows), readerFor(env, list, rule.columns));
    case 'combine':
      return compileCombine(rule.policy, rule.of.map((r) => compileRule(r, env, list)));
    case 'list': {
      const decl = env.facts.get(rule.fact)!;
      env.used.add(rule.fact);
      const fields = new Map(decl.type === 'list' ? decl.fields.map((f) => [f.key, f] as const) : []);
      const inner = { key: rule.fact, fields };
      const where = rule.where ? compileCondition(rule.where, conditionEnv(env, inner)).test : undefined;
      return compileList(rule, makeReader(decl, undefined), compileRule(rule.entry, env, inner), where, rule.withinYears?.field);
    }
    case 'when':
      return compileWhen(
        rule.cases.map((c) => ({ ...compileCondition(c.if, conditionEnv(env, list)), then: compileRule(c.then, env, list) })),
        rule.else ? compileRule(rule.else, env, list) : undefined,
      );
    case 'fixed': {
      const points = rule.points;
      return () => ({ kind: 'fixed', points });
    }
  }
}
