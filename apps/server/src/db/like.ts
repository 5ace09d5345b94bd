/**
 * Patterns for LIKE / ILIKE built from user input: % and _ in the input match themselves.
 * (PostgreSQL's default escape character is the backslash.)
 */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const containing = (s: string) => `%${escapeLike(s)}%`;
export const startingWith = (s: string) => `${escapeLike(s)}%`;
