// Tiering (分档, e.g. 四档) of a population of subjects by their totals, deterministically.
//
// thresholds: a subject is in the first (best) tier whose `min` its total reaches; below every
//   min → no tier.
// rankShare: subjects are ranked by total, highest first. Rank = 1 + the number of subjects with a
//   strictly higher total, so equal totals share a rank ("1, 2, 2, 4"). Tier k holds the ranks up to
//   ⌈(share₁ + … + share_k) × n⌉. Tie-break: subjects with equal totals are never split across
//   tiers — they all take the tier of the best position their group occupies (so a tier may hold a
//   few more than its share). Output order: rank, then id (string order) — the id only orders the
//   output, it never decides a tier.
// Subjects whose total is null (incomplete or vetoed results) get no tier and no rank.
import type { Label, TieringDoc } from './scheme/types';

export interface TierSubject {
  id: string;
  total: number | null;
}

export interface TierAssignment {
  id: string;
  total: number | null;
  rank: number | null;
  tier: { id: string; label: Label } | null;
}

export function tierByThresholds(tiering: TieringDoc, total: number): { id: string; label: Label } | null {
  const hit = tiering.tiers.find((t) => t.min !== undefined && total >= t.min);
  return hit ? { id: hit.id, label: hit.label } : null;
}

export function tierPopulation(tiering: TieringDoc, subjects: readonly TierSubject[]): TierAssignment[] {
  const seen = new Set<string>();
  for (const s of subjects) {
    if (seen.has(s.id)) throw new RangeError(`duplicate subject id ${s.id}`);
    seen.add(s.id);
  }
  const ranked = subjects
    .filter((s): s is { id: string; total: number } => s.total !== null && Number.isFinite(s.total))
    .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unranked = subjects.filter((s) => s.total === null || !Number.isFinite(s.total)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const n = ranked.length;
  const bounds: number[] = [];
  let cum = 0;
  for (const t of tiering.tiers) {
    cum += t.share ?? 0;
    bounds.push(Math.min(n, Math.ceil(cum * n - 1e-9)));
  }
  if (bounds.length) bounds[bounds.length - 1] = n;

  const out: TierAssignment[] = [];
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const s = ranked[i]!;
    if (i === 0 || s.total !== ranked[i - 1]!.total) rank = i + 1;
    let tier: TierAssignment['tier'] = null;
    if (tiering.method === 'thresholds') tier = tierByThresholds(tiering, s.total);
    else {
      const k = bounds.findIndex((b) => rank <= b);
      const t = tiering.tiers[k];
      if (t) tier = { id: t.id, label: t.label };
    }
    out.push({ id: s.id, total: s.total, rank, tier });
  }
  for (const s of unranked) out.push({ id: s.id, total: null, rank: null, tier: null });
  return out;
}
