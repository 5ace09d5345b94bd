// Runs every golden file in ./golden against the shipped scheme it names (../schemes/<name>.yaml).
// Format: see docs/talent/SCHEME_FORMAT.md § "Golden tests".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadShippedScheme } from '../load-scheme-file';
import { evaluateScheme, explainResult, tierPopulation, type CompiledScheme, type TieringDoc } from './index';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

interface GoldenCase {
  name: string;
  asOf: string;
  facts: Record<string, unknown>;
  expected: {
    total: number;
    bonusTotal?: number;
    deductionTotal?: number;
    complete?: boolean;
    passed?: boolean | null;
    vetoed?: boolean;
    inEffect?: boolean;
    tier?: string | null;
    gatesFailed?: string[];
    notEvaluated?: string[];
    capsApplied?: string[];
    groups?: Record<string, number>;
    items: Record<string, number | string>;
    explain?: Record<string, string>;
  };
}
interface TieringCase {
  name: string;
  asOf?: string;
  tiering?: TieringDoc;
  subjects: Array<{ id: string; total?: number | null; facts?: Record<string, unknown> }>;
  expected: Record<string, string | null>;
}
interface GoldenFile {
  scheme: string;
  cases: GoldenCase[];
  tiering?: TieringCase[];
}

const files = fs.readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.golden.yaml')).sort();

it('there is a golden file for every shipped scheme', () => {
  const schemes = fs.readdirSync(path.join(GOLDEN_DIR, '../../schemes')).filter((f) => f.endsWith('.yaml'));
  expect(files.map((f) => f.replace('.golden.yaml', '')).sort()).toEqual(schemes.map((f) => f.replace('.yaml', '')).sort());
});

for (const file of files) {
  const golden = parse(fs.readFileSync(path.join(GOLDEN_DIR, file), 'utf8'), { merge: true }) as GoldenFile;
  describe(`golden ${file}`, () => {
    let scheme: CompiledScheme;
    const get = () => (scheme ??= loadShippedScheme(golden.scheme));

    it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const s = get();
      const r = evaluateScheme(s, c.facts, { asOf: c.asOf });
      const e = c.expected;
      // every item is listed, so a new item cannot slip through a golden file unnoticed
      expect(Object.keys(e.items).sort()).toEqual(s.items.map((i) => i.id).sort());
      const actual = Object.fromEntries(r.items.map((i) => [i.itemId, i.status === 'scored' ? i.points : i.status]));
      expect(actual).toEqual(e.items);
      for (const i of r.items) if (i.status !== 'scored') expect(i.points).toBe(0);
      expect(r.total).toBe(e.total);
      if (e.bonusTotal !== undefined) expect(r.bonusTotal).toBe(e.bonusTotal);
      if (e.deductionTotal !== undefined) expect(r.deductionTotal).toBe(e.deductionTotal);
      expect(r.complete).toBe(e.complete ?? !Object.values(e.items).includes('not_evaluated'));
      if ('passed' in e) expect(r.passed).toBe(e.passed);
      if (e.vetoed !== undefined) expect(r.vetoed).toBe(e.vetoed);
      expect(r.inEffect).toBe(e.inEffect ?? true);
      if ('tier' in e) expect(r.tier?.id ?? null).toBe(e.tier);
      if (e.gatesFailed) expect(r.gatesFailed).toEqual(e.gatesFailed);
      if (e.notEvaluated) expect(r.notEvaluated).toEqual(e.notEvaluated);
      if (e.capsApplied) expect(r.capsApplied.map((x) => x.level)).toEqual(e.capsApplied);
      if (e.groups) expect(Object.fromEntries(r.groups.filter((g) => g.groupId in e.groups!).map((g) => [g.groupId, g.points]))).toEqual(e.groups);
      if (e.explain) {
        const texts = Object.fromEntries(explainResult(r, 'zh-CN').items.map((i) => [i.itemId, i.text]));
        for (const [id, text] of Object.entries(e.explain)) expect(texts[id]).toBe(text);
      }
      expect(r.schemeCode).toBe(s.code);
      expect(r.schemeHash).toBe(s.hash);
    });

    for (const t of golden.tiering ?? [])
      it(`tiering: ${t.name}`, () => {
        const s = get();
        const tiering = t.tiering ?? s.tiering!;
        const subjects = t.subjects.map((x) => {
          if (!x.facts) return { id: x.id, total: x.total ?? null };
          const r = evaluateScheme(s, x.facts, { asOf: t.asOf! });
          return { id: x.id, total: r.complete && !r.vetoed ? r.total : null };
        });
        const tiers = Object.fromEntries(tierPopulation(tiering, subjects).map((a) => [a.id, a.tier?.id ?? null]));
        expect(tiers).toEqual(t.expected);
        // the input order does not matter
        const reversed = Object.fromEntries(tierPopulation(tiering, [...subjects].reverse()).map((a) => [a.id, a.tier?.id ?? null]));
        expect(reversed).toEqual(t.expected);
      });
  });
}
