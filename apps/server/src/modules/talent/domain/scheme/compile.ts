// compileScheme: validate once, then index everything the engine needs (closures per item,
// evaluation order, group tree, content hash) so that evaluateScheme does no look-ups by name.
import type { CompiledCondition, CompiledRule } from '../engine/context';
import { compileRule, conditionEnv, type RuleEnv } from '../engine/compile-rule';
import { compileCondition } from '../engine/constructs/condition';
import { contentHash } from './hash';
import { SchemeValidationError } from './issues';
import type { FactDoc, ItemKind, Label, SchemeDoc, TieringDoc } from './types';
import { validateScheme } from './validate';

export interface CompiledItem {
  index: number;
  id: string;
  label: Label;
  kind: ItemKind;
  group: string | null;
  groupIndex: number;
  reference: string | null;
  cap: number | undefined;
  rule: CompiledRule | undefined;
  requires: { test: CompiledCondition; text: Label } | undefined;
  condition: { test: CompiledCondition; text: Label } | undefined;
  /** Fact keys the item reads, in document order of the facts. */
  factKeys: readonly string[];
  /** Builds the item's factsUsed record from the subject's facts. */
  pickFacts: (facts: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/**
 * A function returning `{ key: facts[key], … }` for fixed keys, as one object literal: every
 * result gets the same object shape, which is markedly cheaper than adding keys one by one (about
 * a fifth of an evaluation). The keys are fact keys, already checked against
 * /^[A-Za-z][A-Za-z0-9_]*$/ by the schema, and quoted with JSON.stringify.
 */
function factPicker(keys: readonly string[]): (facts: Readonly<Record<string, unknown>>) => Record<string, unknown> {
  if (!keys.every((k) => /^[A-Za-z][A-Za-z0-9_]*$/.test(k))) throw new RangeError('invalid fact key');
  const body = keys.map((k) => `${JSON.stringify(k)}: f[${JSON.stringify(k)}]`).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('f', `return { ${body} };`) as (facts: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

export interface CompiledGroup {
  index: number;
  id: string;
  label: Label;
  parent: string | null;
  parentIndex: number;
  policy: 'sum' | 'max';
  cap: number | undefined;
  /** Member ids (items and child groups) in document order. */
  members: string[];
}

export interface CompiledScheme {
  readonly doc: SchemeDoc;
  readonly code: string;
  readonly version: string;
  readonly hash: string;
  readonly facts: ReadonlyMap<string, FactDoc>;
  /** In document order. */
  readonly items: readonly CompiledItem[];
  /** Item indexes, each after the items its conditions read. */
  readonly evalOrder: readonly number[];
  /** Groups, children before parents. */
  readonly groups: readonly CompiledGroup[];
  readonly totalCap: number | undefined;
  readonly passMark: number | undefined;
  readonly tiering: TieringDoc | undefined;
}

/** Validate and compile; throws SchemeValidationError with every issue when the document is invalid. */
export function compileScheme(input: unknown): CompiledScheme {
  const v = validateScheme(input);
  if (!v.ok) throw new SchemeValidationError(v.issues);
  return compileValidated(v.doc);
}

export function compileValidated(doc: SchemeDoc): CompiledScheme {
  const facts = new Map(doc.facts.map((f) => [f.key, f] as const));
  const itemIdx = new Map(doc.items.map((it, i) => [it.id, i] as const));
  const groupsDoc = doc.groups ?? [];
  const groupIdx = new Map(groupsDoc.map((g, i) => [g.id, i] as const));
  const factOrder = doc.facts.map((f) => f.key);

  const deps: number[][] = [];
  const items: CompiledItem[] = doc.items.map((it, index) => {
    const used = new Set<string>();
    const myDeps: number[] = [];
    const env: RuleEnv = {
      facts,
      used,
      at: it.id,
      itemIndex: (id) => {
        const i = itemIdx.get(id)!;
        myDeps.push(i);
        return i;
      },
      itemLabel: (id) => doc.items[itemIdx.get(id)!]!.label,
    };
    const rule = it.rule ? compileRule(it.rule, env) : undefined;
    const requires = it.requires ? compileCondition(it.requires, conditionEnv(env)) : undefined;
    const condition = it.condition ? compileCondition(it.condition, conditionEnv(env)) : undefined;
    deps.push(myDeps);
    const factKeys = factOrder.filter((k) => used.has(k));
    return {
      index,
      id: it.id,
      label: it.label,
      kind: it.kind ?? 'bonus',
      group: it.group ?? null,
      groupIndex: it.group === undefined ? -1 : groupIdx.get(it.group)!,
      reference: it.reference ?? null,
      cap: it.cap,
      rule,
      requires,
      condition,
      factKeys,
      pickFacts: factPicker(factKeys),
    };
  });

  // Topological order (validation has already rejected cycles); ties keep document order.
  const evalOrder: number[] = [];
  const placed = new Array<boolean>(items.length).fill(false);
  const place = (i: number) => {
    if (placed[i]) return;
    placed[i] = true;
    for (const d of deps[i]!) place(d);
    evalOrder.push(i);
  };
  items.forEach((_, i) => place(i));

  const depth = (id: string): number => {
    let d = 0;
    for (let p = groupsDoc[groupIdx.get(id)!]?.parent; p !== undefined; p = groupsDoc[groupIdx.get(p)!]?.parent) d++;
    return d;
  };
  const groups: CompiledGroup[] = groupsDoc
    .map((g) => ({
      index: 0,
      id: g.id,
      label: g.label,
      parent: g.parent ?? null,
      parentIndex: -1,
      policy: g.policy ?? ('sum' as const),
      cap: g.cap,
      members: [...doc.items.filter((it) => it.group === g.id).map((it) => it.id), ...groupsDoc.filter((c) => c.parent === g.id).map((c) => c.id)],
      depth: depth(g.id),
    }))
    .sort((a, b) => b.depth - a.depth)
    .map(({ depth: _depth, ...g }, index) => ({ ...g, index }));
  const sortedIdx = new Map(groups.map((g) => [g.id, g.index] as const));
  for (const g of groups) g.parentIndex = g.parent === null ? -1 : sortedIdx.get(g.parent)!;
  for (const it of items) it.groupIndex = it.group === null ? -1 : sortedIdx.get(it.group)!;

  return {
    doc,
    code: doc.code,
    version: doc.version,
    hash: contentHash(doc),
    facts,
    items,
    evalOrder,
    groups,
    totalCap: doc.totalCap,
    passMark: doc.passMark,
    tiering: doc.tiering,
  };
}
