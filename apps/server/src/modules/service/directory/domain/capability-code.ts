/**
 * Capability codes (能力分类) are paths in the taxonomy tree: a child's code is its parent's code,
 * a dot and a segment ('testing' > 'testing.materials'). So the ancestors of a code are its
 * prefixes, and a provider offering 'testing.materials' is found under 'testing' too.
 */
export const CAPABILITY_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

export function parentOf(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** The code and all its ancestors, nearest first: 'a.b.c' → ['a.b.c', 'a.b', 'a']. */
export function withAncestors(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentOf(c)) out.push(c);
  return out;
}

/** Whether `code` is `ancestor` or lies under it. */
export const isUnder = (code: string, ancestor: string) => code === ancestor || code.startsWith(`${ancestor}.`);
