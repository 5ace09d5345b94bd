// diffSchemes: the changed paths between two scheme documents (the editor's "diff against the
// published version"). Lists of objects that carry an identity (id, key or value) are matched by
// it, so inserting an item shows as one addition, not as every later item changing; the path
// then names the identity: items[id=education].rule.categories[value=master].points.
export interface SchemeChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const IDENTITY = ['id', 'key', 'value'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function identityOf(list: readonly unknown[]): (typeof IDENTITY)[number] | undefined {
  return IDENTITY.find((k) => {
    if (!list.every((e) => isObject(e) && (typeof e[k] === 'string' || typeof e[k] === 'boolean'))) return false;
    const ids = list.map((e) => String((e as Record<string, unknown>)[k]));
    return new Set(ids).size === ids.length;
  });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function walk(before: unknown, after: unknown, path: string, out: SchemeChange[]) {
  if (Object.is(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    const id = before.length && after.length ? identityOf(before) : undefined;
    const idBefore = id !== undefined && identityOf(after) === id ? id : undefined;
    if (idBefore) {
      const key = (e: unknown) => String((e as Record<string, unknown>)[idBefore]);
      const a = new Map(before.map((e) => [key(e), e] as const));
      const b = new Map(after.map((e) => [key(e), e] as const));
      for (const [k, v] of a) {
        const p = `${path}[${idBefore}=${k}]`;
        if (!b.has(k)) out.push({ path: p, change: 'removed', before: v });
        else walk(v, b.get(k), p, out);
      }
      for (const [k, v] of b) if (!a.has(k)) out.push({ path: `${path}[${idBefore}=${k}]`, change: 'added', after: v });
      return;
    }
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}[${i}]`;
      if (i >= after.length) out.push({ path: p, change: 'removed', before: before[i] });
      else if (i >= before.length) out.push({ path: p, change: 'added', after: after[i] });
      else walk(before[i], after[i], p, out);
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) {
      const p = join(path, k);
      const inA = before[k] !== undefined;
      const inB = after[k] !== undefined;
      if (inA && !inB) out.push({ path: p, change: 'removed', before: before[k] });
      else if (!inA && inB) out.push({ path: p, change: 'added', after: after[k] });
      else if (inA && inB) walk(before[k], after[k], p, out);
    }
    return;
  }
  out.push({ path, change: 'changed', before, after });
}

/** Changes from `before` (e.g. the published document) to `after` (the draft), in path order. */
export function diffSchemes(before: unknown, after: unknown): SchemeChange[] {
  const out: SchemeChange[] = [];
  walk(before, after, '', out);
  return out;
}
