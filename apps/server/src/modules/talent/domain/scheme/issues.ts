// A problem found in a scheme document or in a set of facts: where (a path such as
// `items[3].rule.bands[2].min`) and what (zh-CN and en-US).

export interface SchemeIssue {
  /** e.g. `items[3].rule.bands[2].min`; '' for the document itself. */
  path: string;
  /** Stable machine code, e.g. 'band-overlap', 'unknown-fact'. */
  code: string;
  zh: string;
  en: string;
}

export type PathPart = string | number;

/** ['items', 3, 'rule', 'bands', 2, 'min'] → 'items[3].rule.bands[2].min' */
export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function issue(path: readonly PropertyKey[], code: string, zh: string, en: string): SchemeIssue {
  return { path: formatPath(path), code, zh, en };
}

/** Thrown by compileScheme when the document is invalid. */
export class SchemeValidationError extends Error {
  constructor(readonly issues: SchemeIssue[]) {
    super(`积分办法校验未通过：${issues.map((i) => `${i.path || '(文档)'}：${i.zh}`).join('；')}`);
    this.name = 'SchemeValidationError';
  }
}
