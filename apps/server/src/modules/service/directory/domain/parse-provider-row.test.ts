import { describe, expect, it } from 'vitest';
import { countyBox } from '../../../../core/reference/domain/coordinates';
import { parseProviderRow, PROVIDER_COLUMNS as C } from './parse-provider-row';

const lookups = {
  capabilities: new Map([['testing', 'testing'], ['testing.materials', 'testing.materials'], ['材料检测', 'testing.materials'], ['legal', 'legal']]),
  divisions: new Set(['330110010']),
  box: countyBox('330110'),
};
const good = {
  [C.name]: '良渚检测', [C.kind]: '检验检测机构', [C.capabilities]: '材料检测、legal', [C.services]: '金属材料拉伸试验',
  [C.lat]: '30.3801', [C.lng]: '120.0312', [C.division]: '330110010', [C.contactPhone]: '0571-88001234',
};

describe('parseProviderRow', () => {
  it('reads a good row: names or codes of capabilities, services by position, GCJ-02 kept as it is', () => {
    const { input, errors } = parseProviderRow(good, lookups);
    expect(errors).toEqual([]);
    expect(input).toMatchObject({
      name: '良渚检测', kind: 'testing_lab', lat: 30.3801, lng: 120.0312, divisionCode: '330110010', status: 'active',
      services: [{ capabilityCode: 'testing.materials', name: '金属材料拉伸试验' }, { capabilityCode: 'legal', name: 'legal' }],
    });
  });

  it('converts WGS-84 and BD-09 into GCJ-02', () => {
    const wgs = parseProviderRow({ ...good, [C.system]: 'WGS-84' }, lookups).input!;
    const bd = parseProviderRow({ ...good, [C.system]: '百度' }, lookups).input!;
    expect(wgs.lng).toBeGreaterThan(120.0312);
    expect(bd.lng).toBeLessThan(120.0312);
  });

  it('names every problem of a bad row: unknown capability, bad numbers, swapped or outside the county, unknown kind and street', () => {
    const cols = (values: Record<string, string>) => parseProviderRow({ ...good, ...values }, lookups).errors.map((e) => e.column);
    expect(cols({ [C.capabilities]: '量子检测' })).toEqual([C.capabilities]);
    expect(parseProviderRow({ ...good, [C.capabilities]: '量子检测' }, lookups).errors[0]!.message).toContain('量子检测');
    expect(cols({ [C.lat]: '北纬30度' })).toEqual([C.lat]);
    expect(parseProviderRow({ ...good, [C.lat]: '120.0312', [C.lng]: '30.3801' }, lookups).errors[0]!.message).toContain('填反');
    expect(parseProviderRow({ ...good, [C.lat]: '39.9', [C.lng]: '116.4' }, lookups).errors[0]!.message).toContain('不在本区县范围内');
    expect(cols({ [C.lat]: '' })).toEqual([C.lat]);
    expect(cols({ [C.kind]: '神庙', [C.division]: '999999999', [C.system]: 'UTM', [C.contactPhone]: 'abc' }).sort()).toEqual([C.kind, C.contactPhone, C.division, C.system].sort());
    expect(cols({ [C.services]: '一、二、三' })).toEqual([C.services]);
  });
});
