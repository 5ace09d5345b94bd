import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycleTableMarkdown } from './lifecycle-table';

describe('docs/service/LIFECYCLE.md', () => {
  it('holds the role/transition table the code has', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../../../../../docs/service/LIFECYCLE.md'), 'utf8');
    expect(doc).toContain(lifecycleTableMarkdown());
  });
});
