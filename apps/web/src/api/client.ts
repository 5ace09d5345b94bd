import { ERROR_CATALOG, type ErrorCode } from '@zhizhi/contracts';

/**
 * The one door to the HTTP API. JSON in and out, cookies same-origin, the CSRF token on every
 * write, the UI language in `x-locale`, and one error type (ApiError) for every failure so pages
 * can show the catalogue message and put `fields` next to the form inputs.
 */

export type Locale = 'zh-CN' | 'en-US';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly fields: Record<string, string>;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
    this.requestId = requestId;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A network failure or an answer that is not our error shape becomes NETWORK / INTERNAL. */
const NETWORK = 'NETWORK';

let csrfToken = '';
let locale: Locale = 'zh-CN';
let onUnauthorized: (() => void) | null = null;
let refreshCsrf: (() => Promise<string | null>) | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? '';
}
export function setApiLocale(value: Locale): void {
  locale = value;
}
export function getApiLocale(): Locale {
  return locale;
}
/** Called on a 401 (except where the caller opted out): the app sends the user to /login. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}
/** How to get a fresh CSRF token (GET /api/auth/me) when the server says ours is stale. */
export function setCsrfRefresher(fn: () => Promise<string | null>): void {
  refreshCsrf = fn;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

/** Builds `path?a=1&b=2`, dropping empty values, so URLs stay short and stable. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) sp.append(key, String(v));
    } else {
      sp.set(key, String(value));
    }
  }
  const s = sp.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not redirect to /login on 401 (the session probe and the login call itself). */
  allow401?: boolean;
  signal?: AbortSignal;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: string, path: string, opts: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-locale': locale };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body; // the browser sets the multipart boundary
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK, messageFor(NETWORK));
  }
  if (res.ok) return res;

  const err = await toApiError(res);
  // A stale CSRF token (e.g. after the session was renewed in another tab): fetch a fresh one
  // and try once more, so the user does not lose what they typed.
  if (err.code === 'CSRF_TOKEN_INVALID' && !retried && refreshCsrf) {
    const token = await refreshCsrf().catch(() => null);
    if (token) {
      csrfToken = token;
      return send(method, path, opts, true);
    }
  }
  if (err.status === 401 && !opts.allow401) onUnauthorized?.();
  throw err;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    /* not JSON (proxy error page, empty body) */
  }
  const e = (payload as { error?: { code?: string; message?: string; fields?: Record<string, string>; requestId?: string } } | null)
    ?.error;
  if (e?.code) return new ApiError(res.status, e.code, e.message || messageFor(e.code), e.fields, e.requestId);
  const code = res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return new ApiError(res.status, code, messageFor(code));
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The message for a code in the current UI language (the catalogue is shared with the server). */
export function messageFor(code: string): string {
  const zh = locale === 'zh-CN';
  if (code === NETWORK) return zh ? '无法连接服务器，请检查网络后重试' : 'Cannot reach the server; check the network and try again';
  const entry = (ERROR_CATALOG as Record<string, { zh: string; en: string }>)[code];
  if (entry) return zh ? entry.zh : entry.en;
  return zh ? ERROR_CATALOG.INTERNAL.zh : ERROR_CATALOG.INTERNAL.en;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    send('GET', path, { ...opts, query }).then((r) => parse<T>(r)),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    send('POST', path, { ...opts, body }).then((r) => parse<T>(r)),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    send('PUT', path, { ...opts, body }).then((r) => parse<T>(r)),
  del: <T = void>(path: string, opts: Omit<RequestOptions, 'body'> = {}) =>
    send('DELETE', path, opts).then((r) => parse<T>(r)),
  /** multipart upload (one `file` field unless a FormData is given). */
  upload: <T>(path: string, file: File | Blob | FormData, field = 'file') => {
    let form: FormData;
    if (file instanceof FormData) {
      form = file;
    } else {
      form = new FormData();
      form.append(field, file);
    }
    return send('POST', path, { body: form }).then((r) => parse<T>(r));
  },
};

/**
 * Downloads a file (Excel export, template, error report) through fetch, so a 403 or 500 shows
 * as a message instead of a browser page of JSON, and saves it under the server's file name.
 */
export async function download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function fileNameFrom(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}
