import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readTable, splitUnquotedCsv } from './read-table';

const viaCsvParse = (text: string) => parse(Buffer.from(text, 'utf8'), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];

describe('splitUnquotedCsv: the fast path gives csv-parse\'s records', () => {
  const samples = [
    'a,b,c\n1,2,3\n4,5,6\n',
    'a,b,c\r\n1,2,3\r\n4,5,6',
    '统一社会信用代码,期间\n91330110MA2XXXXX01,2025-Q3\n\n91330110MA2XXXXX02,2025年第三季度\n',
    'a,b\n1\n1,2,3\n,,\n',
    'a\n',
    'a,b\n\n\n',
    '',
  ];
  for (const text of samples) {
    it(JSON.stringify(text), () => expect(splitUnquotedCsv(text)).toEqual(viaCsvParse(text)));
  }
  it('leaves anything quoted to csv-parse', () => {
    expect(splitUnquotedCsv('a,b\n"x,y",2\n')).toBeNull();
  });
  it('a file with a BOM and one with quotes read the same table', async () => {
    const plain = await readTable(Buffer.from('\uFEFF名称,数量\n甲,1\n\n乙,2\n', 'utf8'), 'a.csv');
    const quoted = await readTable(Buffer.from('\uFEFF名称,数量\n"甲",1\n\n乙,"2"\n', 'utf8'), 'a.csv');
    expect(plain).toEqual(quoted);
    expect(plain.rows.map((r) => r.line)).toEqual([2, 4]);
  });
});
