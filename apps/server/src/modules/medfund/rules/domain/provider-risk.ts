/**
 * Provider risk (医药机构风险画像): each designated provider against the providers of its peer
 * group (same type and level), on three measures — cost per settlement, fund share of the cost,
 * findings per thousand settlements. The method (docs/medfund/RISK.md):
 *
 * - robust z-score per measure within the peer group: z = 0.6745 · (x − median) / MAD
 *   (Iglewicz & Hoaglin's modified z-score); when the MAD is 0 (more than half the group equal),
 *   the mean absolute deviation × 1.2533 stands in; a group of fewer than MIN_PEERS has no z.
 * - an outlier on a measure when z > OUTLIER_Z (3.5, upper side only: low cost is not a risk);
 * - the risk score: the sum of the positive z-scores (capped at 10 each), so one extreme measure
 *   cannot hide the others; ranked by score, then by amount at risk.
 */
export const OUTLIER_Z = 3.5;
export const MIN_PEERS = 4;
const Z_CAP = 10;

export interface ProviderStats {
  code: string;
  name: string;
  type: string;
  level: string;
  settlements: number;
  costFen: number;
  fundFen: number;
  findings: number;
  amountAtRiskFen: number;
}

export interface ProviderRisk extends ProviderStats {
  peerGroup: string;
  peerCount: number;
  costPerVisitFen: number;
  fundShare: number;
  findingsPerK: number;
  zCost: number | null;
  zFundShare: number | null;
  zFindings: number | null;
  riskScore: number;
  outliers: ('cost' | 'fund_share' | 'findings')[];
  rank: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Modified z-scores of `values` (null each when there are too few values to judge). */
export function robustZ(values: number[]): (number | null)[] {
  if (values.length < MIN_PEERS) return values.map(() => null);
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  if (mad > 0) return values.map((v) => round2((0.6745 * (v - med)) / mad));
  const meanAbs = values.reduce((a, v) => a + Math.abs(v - med), 0) / values.length;
  if (meanAbs === 0) return values.map(() => 0);
  return values.map((v) => round2((v - med) / (1.2533 * meanAbs)));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function peerGroupOf(p: Pick<ProviderStats, 'type' | 'level'>): string {
  return `${p.type}|${p.level}`;
}

export function rankProviders(stats: ProviderStats[]): ProviderRisk[] {
  const withMeasures = stats.map((p) => ({
    ...p,
    peerGroup: peerGroupOf(p),
    costPerVisitFen: p.settlements ? Math.round(p.costFen / p.settlements) : 0,
    fundShare: p.costFen ? round4(p.fundFen / p.costFen) : 0,
    findingsPerK: p.settlements ? round2((p.findings * 1000) / p.settlements) : 0,
  }));
  const groups = new Map<string, typeof withMeasures>();
  for (const p of withMeasures) groups.set(p.peerGroup, [...(groups.get(p.peerGroup) ?? []), p]);
  const out: Omit<ProviderRisk, 'rank'>[] = [];
  for (const members of groups.values()) {
    const zc = robustZ(members.map((m) => m.costPerVisitFen));
    const zf = robustZ(members.map((m) => m.fundShare));
    const zk = robustZ(members.map((m) => m.findingsPerK));
    members.forEach((m, i) => {
      const z = { cost: zc[i]!, fund_share: zf[i]!, findings: zk[i]! };
      const outliers = (Object.keys(z) as (keyof typeof z)[]).filter((k) => z[k] !== null && z[k]! > OUTLIER_Z);
      const score = round2(Object.values(z).reduce<number>((a, v) => a + (v !== null && v > 0 ? Math.min(v, Z_CAP) : 0), 0));
      out.push({ ...m, peerCount: members.length, zCost: z.cost, zFundShare: z.fund_share, zFindings: z.findings, riskScore: score, outliers });
    });
  }
  out.sort((a, b) => b.riskScore - a.riskScore || b.amountAtRiskFen - a.amountAtRiskFen || a.code.localeCompare(b.code));
  return out.map((p, i) => ({ ...p, rank: i + 1 }));
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
