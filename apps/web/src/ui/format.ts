import dayjs from 'dayjs';
import { TIME_ZONE } from '../i18n';

/** Money is integer fen in the API; officers think in 万元 (1 万元 = 1,000,000 fen). */
export const FEN_PER_WAN = 1_000_000;

export function fenToWan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / FEN_PER_WAN;
}

export function wanToFen(wan: number | null | undefined): number | null {
  return wan === null || wan === undefined || Number.isNaN(wan) ? null : Math.round(wan * FEN_PER_WAN);
}

const wanFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
const intFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** "1,234.56" (万元); empty for unknown. */
export function formatWan(fen: number | null | undefined): string {
  const wan = fenToWan(fen);
  return wan === null ? '' : wanFmt.format(wan);
}

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : intFmt.format(n);
}

/** ISO time (UTC) shown in Asia/Shanghai, minutes precision. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD HH:mm') : '';
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss') : '';
}
