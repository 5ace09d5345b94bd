import { describe, expect, it } from 'vitest';
import { mappingProblems, missingHeaders, nationalMapping } from './mapping';

describe('column mappings', () => {
  it('the national mapping of a table is complete and valid', () => {
    const m = nationalMapping('fee_list_d');
    expect(m.feedetl_sn).toBe('feedetl_sn');
    expect(m).not.toHaveProperty('load_id');
    expect(mappingProblems('fee_list_d', m)).toEqual({});
  });

  it('names unknown columns and unmapped required ones', () => {
    const m = { ...nationalMapping('setl_d'), nonsense: 'X' } as Record<string, string>;
    delete m.setl_id;
    const p = mappingProblems('setl_d', m);
    expect(Object.keys(p).sort()).toEqual(['nonsense', 'setl_id']);
    expect(p.setl_id).toContain('结算ID');
  });

  it('finds the headers a file lacks', () => {
    expect(missingHeaders({ setl_id: '结算ID', psn_no: '人员编号' }, ['结算ID', '姓名'])).toEqual(['人员编号']);
  });
});
