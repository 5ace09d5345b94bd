import type { SizeClass } from '../../reference/domain/size-class';
import { classifySize } from '../../reference/domain/size-class';

const FEN_PER_WAN = 1_000_000; // 1 万元 = 10,000 元 = 1,000,000 分

/** Size class (大/中/小/微) from the enterprise's figures; null when a needed figure is missing. */
export function deriveSizeClass(e: {
  industryCode: string;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
}): SizeClass | null {
  return classifySize({
    industryCode: e.industryCode,
    employees: e.employees ?? undefined,
    revenueWan: e.revenueFen === null ? undefined : e.revenueFen / FEN_PER_WAN,
    assetsWan: e.assetsFen === null ? undefined : e.assetsFen / FEN_PER_WAN,
  });
}
