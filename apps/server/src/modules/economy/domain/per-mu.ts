import { FEN_PER_WAN } from './indicators';

/**
 * 亩均 figures of one enterprise for one year: tax and value added per mu of land and per tonne
 * of standard coal. Money in 万元; null where a figure is missing or the divisor is not positive.
 */
export interface PerMuInput {
  taxFen: number | null;
  valueAddedFen: number | null;
  revenueFen: number | null;
  landMu: number | null;
  energyTce: number | null;
}

export interface PerMu {
  taxPerMuWan: number | null;
  valueAddedPerMuWan: number | null;
  revenuePerMuWan: number | null;
  valueAddedPerTceWan: number | null;
  taxPerTceWan: number | null;
}

const per = (fen: number | null, by: number | null) => (fen === null || by === null || by <= 0 ? null : Math.round((fen / FEN_PER_WAN / by) * 100) / 100);

export function perMu(i: PerMuInput): PerMu {
  return {
    taxPerMuWan: per(i.taxFen, i.landMu),
    valueAddedPerMuWan: per(i.valueAddedFen, i.landMu),
    revenuePerMuWan: per(i.revenueFen, i.landMu),
    valueAddedPerTceWan: per(i.valueAddedFen, i.energyTce),
    taxPerTceWan: per(i.taxFen, i.energyTce),
  };
}
