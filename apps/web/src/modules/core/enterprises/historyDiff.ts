/** Which fields an audit entry changed, before → after (bookkeeping fields left out). */
const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'id', 'enterpriseId']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/**
 * Changed fields in a stable order (`order` first, the rest after). For a creation (no
 * `before`), empty values are left out: "地址: —" on a new file says nothing.
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  order: readonly string[] = [],
): FieldChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k)).sort((x, y) => rank(x) - rank(y));
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .filter((k) => before !== null || !isEmpty(a[k]))
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }));
}
