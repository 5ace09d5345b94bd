/**
 * The Open311 GeoReport v2 wire rules (http://wiki.open311.org/GeoReport_v2), pure:
 * - date/times in the W3C subset of ISO 8601 **with** a time zone; we answer in Asia/Shanghai (+08:00);
 * - errors are an array of `{ code, description }`; 404 for what does not exist, 403 for a missing or
 *   wrong api_key, 400 for anything else;
 * - an "optional" argument given empty is treated as not given;
 * - status is `open` or `closed` ("closed: it has been resolved").
 */
import type { RequestStatus } from '../domain';

export const OPEN311_SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** When this implementation of the API last changed (the discovery document's changeset). */
export const OPEN311_CHANGESET = '2026-03-01T00:00:00+08:00';
/** At most this many requests in one GET requests answer, and this many days between start_date and end_date. */
export const MAX_REQUESTS = 1000;
export const MAX_RANGE_DAYS = 90;

export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404 | 429, readonly description: string, readonly code: number | string = status) {
    super(description);
  }
}

export const errorBody = (e: Open311Error) => [{ code: e.code, description: e.description }];

const OFFSET_MS = 8 * 3_600_000;

/** An instant as `YYYY-MM-DDThh:mm:ss+08:00`. */
export function w3cDateTime(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a W3C date/time that carries its time zone; anything else (no zone, a date alone, nonsense) is null. */
export function parseW3cDateTime(text: string): Date | null {
  const m = W3C.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31 || +h! > 23 || +mi! > 59 || (s !== undefined && +s > 59)) return null;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) return null;
  // Reject dates that JavaScript rolls over (2026-02-30).
  const zone = m[7] === 'Z' ? 0 : (m[7]!.startsWith('-') ? -1 : 1) * (Number(m[7]!.slice(1, 3)) * 60 + Number(m[7]!.slice(4, 6)));
  const local = new Date(at.getTime() + zone * 60_000);
  if (local.getUTCDate() !== +d! || local.getUTCMonth() + 1 !== +mo!) return null;
  return at;
}

/** An optional argument: absent, empty or blank → undefined. */
export function optional(v: unknown): string | undefined {
  if (Array.isArray(v)) v = v[v.length - 1];
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** A comma-delimited list argument (several values, or the argument given several times). */
export function list(v: unknown): string[] {
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (x === undefined || x === null ? [] : String(x).split(',')));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const CLOSED: readonly RequestStatus[] = ['resolved', 'followed_up', 'closed', 'merged'];

export function open311Status(status: RequestStatus): 'open' | 'closed' {
  return CLOSED.includes(status) ? 'closed' : 'open';
}

/**
 * `<name>.json` → name. The format is the suffix; only JSON is offered (the discovery document
 * says so): `.xml` is a 400 that says why, no suffix at all a 404 (no such resource).
 */
export function stripFormat(file: string): string {
  if (file.endsWith('.json')) return file.slice(0, -5);
  if (file.endsWith('.xml')) throw new Open311Error(400, 'XML is not offered by this server: use the .json format (see discovery.json)');
  throw new Open311Error(404, `no such resource: ${file} (append .json)`);
}

/**
 * `attribute[code]=v` and `attribute[code][]=v1&…` from a urlencoded body parsed flat, or
 * `{ attribute: { code: v } }` from JSON. Values of a code given several times become a list.
 */
export function attributesOf(body: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (code: string, v: unknown) => {
    const values = (Array.isArray(v) ? v : [v]).map((x) => String(x ?? '').trim()).filter(Boolean);
    if (values.length) out.set(code, [...(out.get(code) ?? []), ...values]);
  };
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) add(m[1]!, v);
  }
  if (body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute)) {
    for (const [code, v] of Object.entries(body.attribute as Record<string, unknown>)) add(code, v);
  }
  return out;
}

/** The body of an application/x-www-form-urlencoded POST, flat; a key given twice becomes a list. */
export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
