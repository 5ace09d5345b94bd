import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { srcPath } from './src-path';

describe('run-time files', () => {
  it('are found through srcPath only, so that the bundle in dist/ finds them too', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && entry.name !== 'src-path.ts') {
          if (/import\.meta\.(url|dirname|filename)/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(srcPath(), file));
        }
      }
    };
    walk(srcPath());
    expect(offenders).toEqual([]);
  });
});
