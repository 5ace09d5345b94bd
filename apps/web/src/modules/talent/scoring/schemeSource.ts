import { parse as parseYaml, parseDocument } from 'yaml';
import type { SchemeIssue, SchemeSummary } from './api';

/**
 * Edits of a scheme's text that keep what the author wrote: the form changes one value at a time
 * through yaml's Document (comments, anchors, flow style and key order stay as they were); JSON
 * has no comments, so it is parsed, changed and printed with two-space indentation.
 */
export type Path = (string | number)[];

export const isJsonSource = (source: string) => source.trimStart().startsWith('{');

/** `items[3].rule.bands[2].min`, the API's issue path notation. */
export function pathString(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

export type Parsed = { ok: true; doc: Record<string, unknown> } | { ok: false; message: string };

export function parseSource(source: string): Parsed {
  try {
    const doc = isJsonSource(source) ? JSON.parse(source) : parseYaml(source);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, message: 'not an object' };
    return { ok: true, doc: doc as Record<string, unknown> };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

function setDeep(obj: unknown, path: Path, value: unknown): void {
  let cur = obj as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    if (cur[k] === undefined || cur[k] === null) cur[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** The text with the value at `path` replaced (undefined: the key removed). Throws on a text that does not parse. */
export function setInSource(source: string, path: Path, value: unknown): string {
  if (isJsonSource(source)) {
    const obj = JSON.parse(source) as unknown;
    setDeep(obj, path, value);
    return `${JSON.stringify(obj, null, 2)}\n`;
  }
  const doc = parseDocument(source);
  if (doc.errors.length) throw doc.errors[0]!;
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}

/** Several edits in one go (a new draft: version label and period). */
export function setManyInSource(source: string, edits: [Path, unknown][]): string {
  return edits.reduce((s, [p, v]) => setInSource(s, p, v), source);
}

/** The issues at `path` exactly. */
export const issuesAt = (issues: SchemeIssue[], path: Path) => {
  const p = pathString(path);
  return issues.filter((i) => i.path === p);
};

/** The issues at `path` or inside it. */
export const issuesUnder = (issues: SchemeIssue[], path: Path) => {
  const p = pathString(path);
  return issues.filter((i) => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`));
};

/** "2026-example-1" → "2026-example-2", skipping labels already taken. */
export function nextVersionLabel(version: string, taken: Set<string>): string {
  const m = /^(.*?)(\d+)$/.exec(version);
  let base = m ? m[1]! : `${version}-`;
  let n = m ? Number(m[2]) + 1 : 2;
  if (!m) base = `${version}-`;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** Published versions of the same kind whose period meets [from, to] (the API refuses to publish over them). */
export function overlappingPublished(all: SchemeSummary[], self: { id: string; kind: string }, from: string, to: string | null): SchemeSummary[] {
  return all.filter(
    (o) => o.status === 'published' && o.kind === self.kind && o.id !== self.id && (o.effectiveTo === null || o.effectiveTo >= from) && (to === null || o.effectiveFrom <= to),
  );
}

/** A short, readable form of a value in the diff. */
export function showValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}
