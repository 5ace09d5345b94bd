import { z } from 'zod';

export const Uuid = z.uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Money in integer fen (分). */
export const Fen = z.number().int().nonnegative();

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), totalEstimated: z.boolean() });
}

/** Query-string booleans: 'true' / 'false'. */
export const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
