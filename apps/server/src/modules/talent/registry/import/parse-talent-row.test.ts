import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../core/reference/domain/id-number';
import { COLUMNS, parseRecognitions, parseTalentRow, type Lookups } from './parse-talent-row';

const lookups: Lookups = { today: '2026-01-01', enterprises: new Map([['91330110MA2KQ00010', 'e1']]), ownEnterpriseId: 'e1' };
const id = makeIdNumber('33011019900307231');

describe('parseTalentRow', () => {
  it('turns labels into facts, leaving empty cells out', () => {
    const r = parseTalentRow({ [COLUMNS.idNumber]: id.toLowerCase(), [COLUMNS.name]: '张明', [COLUMNS.education]: '博士', [COLUMNS.skillLevel]: '高级工', [COLUMNS.honours]: '国家级:2020', [COLUMNS.yearsInCounty]: '3' }, lookups);
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({ idNumber: id, gender: 'male', birthDate: '1990-03-07', enterpriseId: 'e1', status: 'active' });
    expect(r.input!.facts).toEqual({ education: 'doctorate', skillLevel: 'level3', honours: [{ level: 'national', year: 2020 }], yearsInCounty: 3 });
  });

  it('names each bad cell', () => {
    const r = parseTalentRow({ [COLUMNS.idNumber]: '330110199003072311', [COLUMNS.name]: '', [COLUMNS.socialInsuranceMonths]: '2.5' }, lookups);
    expect(r.errors.map((e) => e.column)).toEqual([COLUMNS.idNumber, COLUMNS.name, COLUMNS.socialInsuranceMonths]);
  });

  it('reads lists of recognitions', () => {
    expect(parseRecognitions('省级：2023；市级:2021')).toEqual([{ level: 'provincial', year: 2023 }, { level: 'city', year: 2021 }]);
    expect(parseRecognitions('优秀员工')).toBeNull();
  });
});
