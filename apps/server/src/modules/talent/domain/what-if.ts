// What-if run (试算): the same population evaluated under the published scheme and under a draft;
// who gains, who loses, whose tier changes. Pure: takes the two sets of results as (id, total, tier).
export interface WhatIfSubject {
  id: string;
  /** null when the result is incomplete (a fact is missing) or vetoed. */
  total: number | null;
  tier?: string | null;
}

export interface WhatIfRow {
  id: string;
  before: { total: number | null; tier: string | null } | null;
  after: { total: number | null; tier: string | null } | null;
  /** after − before, when both totals are known. */
  delta: number | null;
  change: 'gained' | 'lost' | 'unchanged' | 'undecided' | 'onlyPublished' | 'onlyDraft';
  tierChanged: boolean;
  /** With a tier order: 'up' = a better tier under the draft. */
  tierMove: 'up' | 'down' | null;
}

export interface WhatIfComparison {
  counts: {
    subjects: number;
    gained: number;
    lost: number;
    unchanged: number;
    undecided: number;
    tierChanged: number;
    tierUp: number;
    tierDown: number;
    onlyPublished: number;
    onlyDraft: number;
  };
  /** Sorted by id. */
  rows: WhatIfRow[];
}

function index(list: readonly WhatIfSubject[], which: string): Map<string, WhatIfSubject> {
  const m = new Map<string, WhatIfSubject>();
  for (const s of list) {
    if (m.has(s.id)) throw new RangeError(`duplicate id ${s.id} in the ${which} results`);
    m.set(s.id, s);
  }
  return m;
}

/**
 * Compare published vs draft results. `tierOrder` lists tier ids best first (e.g. the scheme's
 * tiering.tiers ids); without it tier moves are reported as changed but not as up/down.
 */
export function compareWhatIf(published: readonly WhatIfSubject[], draft: readonly WhatIfSubject[], opts: { tierOrder?: readonly string[] } = {}): WhatIfComparison {
  const a = index(published, 'published');
  const b = index(draft, 'draft');
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const counts = { subjects: ids.length, gained: 0, lost: 0, unchanged: 0, undecided: 0, tierChanged: 0, tierUp: 0, tierDown: 0, onlyPublished: 0, onlyDraft: 0 };
  const rank = (t: string | null) => (t === null || !opts.tierOrder ? -1 : opts.tierOrder.indexOf(t));
  const rows: WhatIfRow[] = ids.map((id) => {
    const x = a.get(id);
    const y = b.get(id);
    const before = x ? { total: x.total, tier: x.tier ?? null } : null;
    const after = y ? { total: y.total, tier: y.tier ?? null } : null;
    const delta = before?.total != null && after?.total != null ? Math.round((after.total - before.total) * 1e6) / 1e6 : null;
    let change: WhatIfRow['change'];
    if (!before) change = 'onlyDraft';
    else if (!after) change = 'onlyPublished';
    else if (delta === null) change = 'undecided';
    else change = delta > 0 ? 'gained' : delta < 0 ? 'lost' : 'unchanged';
    counts[change]++;
    const tierChanged = before !== null && after !== null && before.tier !== after.tier;
    let tierMove: WhatIfRow['tierMove'] = null;
    if (tierChanged) {
      counts.tierChanged++;
      const rb = rank(before.tier);
      const ra = rank(after.tier);
      // A tier is better than no tier; lower index is better.
      if (opts.tierOrder && (rb !== -1 || ra !== -1)) {
        const sb = rb === -1 ? Infinity : rb;
        const sa = ra === -1 ? Infinity : ra;
        tierMove = sa < sb ? 'up' : 'down';
        counts[tierMove === 'up' ? 'tierUp' : 'tierDown']++;
      }
    }
    return { id, before, after, delta, change, tierChanged, tierMove };
  });
  return { counts, rows };
}
