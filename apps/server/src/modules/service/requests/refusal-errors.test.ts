import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '@zhizhi/contracts';
import { REFUSAL_CODES, type RefusalCode } from '../domain';
import { refusalError } from './request.service';

const STATUS_OF_KIND = { conflict: 409, forbidden: 403, invalid: 400 } as const;

describe('every lifecycle refusal has an API error with the status its kind says', () => {
  it.each(Object.entries(REFUSAL_CODES) as [RefusalCode, keyof typeof STATUS_OF_KIND][])('%s (%s)', (code, kind) => {
    const err = refusalError({ ok: false, code, kind, message: { zh: '中文', en: 'English' } });
    expect(err.code).toBe(`SERVICE_${code}`);
    expect(ERROR_CATALOG[err.code].status).toBe(STATUS_OF_KIND[kind]);
    expect(err.status).toBe(STATUS_OF_KIND[kind]);
    expect(err.userMessage).toEqual({ zh: '中文', en: 'English' });
  });
});
