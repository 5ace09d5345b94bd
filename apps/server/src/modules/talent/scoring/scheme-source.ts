import { parse, YAMLParseError } from 'yaml';
import { compileScheme, contentHash, validateScheme, type CompiledScheme, type SchemeDoc, type SchemeIssue } from '../domain';

export type SourceFormat = 'yaml' | 'json';

export type ParsedSource =
  | { ok: true; format: SourceFormat; doc: SchemeDoc; hash: string; issues: [] }
  | { ok: false; format: SourceFormat; issues: SchemeIssue[] };

/** JSON when the text starts with '{', YAML otherwise (YAML is a superset, but errors read better). */
export function detectFormat(source: string, format?: SourceFormat): SourceFormat {
  return format ?? (source.trimStart().startsWith('{') ? 'json' : 'yaml');
}

/**
 * The author's text → a validated scheme document, or every problem with its path. A syntax
 * error is one issue at path '' with the line and column; everything else is A's validateScheme.
 */
export function parseSchemeSource(source: string, format?: SourceFormat): ParsedSource {
  const fmt = detectFormat(source, format);
  let raw: unknown;
  try {
    raw = fmt === 'json' ? JSON.parse(source) : parse(source, { prettyErrors: true, merge: true });
  } catch (err) {
    const pos = err instanceof YAMLParseError ? err.linePos?.[0] : undefined;
    const where = pos ? { zh: `第 ${pos.line} 行第 ${pos.col} 列`, en: `line ${pos.line}, column ${pos.col}` } : { zh: '', en: '' };
    const msg = (err as Error).message.split('\n')[0] ?? '';
    return {
      ok: false,
      format: fmt,
      issues: [{
        path: '', code: 'syntax',
        zh: `${fmt === 'json' ? 'JSON' : 'YAML'} 语法错误${where.zh ? `（${where.zh}）` : ''}：${msg}`,
        en: `${fmt === 'json' ? 'JSON' : 'YAML'} syntax error${where.en ? ` (${where.en})` : ''}: ${msg}`,
      }],
    };
  }
  const v = validateScheme(raw);
  if (!v.ok) return { ok: false, format: fmt, issues: v.issues };
  return { ok: true, format: fmt, doc: v.doc, hash: contentHash(v.doc), issues: [] };
}

/** Compiled schemes by content hash: a published document never changes, so neither does this. */
const compiled = new Map<string, CompiledScheme>();

/** The compiled scheme of a content hash, when it is in the cache. */
export const cachedCompiled = (hash: string): CompiledScheme | undefined => compiled.get(hash);

export function compiledOf(doc: SchemeDoc | Record<string, unknown>, hash: string): CompiledScheme {
  let c = compiled.get(hash);
  if (!c) {
    c = compileScheme(doc);
    if (compiled.size > 50) compiled.clear();
    compiled.set(hash, c);
  }
  return c;
}
