import { ERROR_CATALOG, type ErrorCode } from '@zhizhi/contracts';

/**
 * The one error type of the server: a stable code (see ERROR_CATALOG) and optional field errors.
 * `userMessage` replaces the catalogue's text when the reason is more specific than the code (a
 * refused lifecycle step: "诉求当前为“已受理”，不能签收"); it must be fit for users, in both languages.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, string>,
    readonly userMessage?: { zh: string; en: string },
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_CATALOG[code].status;
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code);
export const forbidden = () => new AppError('FORBIDDEN');
export const invalid = (fields: Record<string, string>) => new AppError('VALIDATION_FAILED', fields);
