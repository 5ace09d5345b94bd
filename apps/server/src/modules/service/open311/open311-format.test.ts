import { describe, expect, it } from 'vitest';
import { attributesOf, list, open311Status, optional, parseForm, parseW3cDateTime, stripFormat, w3cDateTime, Open311Error } from './open311-format';

describe('Open311 date/times (W3C subset of ISO 8601, time zone required)', () => {
  it('answers in +08:00 with seconds', () => {
    expect(w3cDateTime(new Date('2026-03-10T01:02:03.456Z'))).toBe('2026-03-10T09:02:03+08:00');
    expect(w3cDateTime(new Date('2026-03-31T20:00:00Z'))).toBe('2026-04-01T04:00:00+08:00');
  });
  it.each([
    ['2010-01-01T00:00:00Z', '2010-01-01T00:00:00.000Z'],
    ['1994-11-05T08:15:30-05:00', '1994-11-05T13:15:30.000Z'],
    ['2026-03-10T09:00+08:00', '2026-03-10T01:00:00.000Z'],
    ['2026-03-10T09:00:00.5+08:00', '2026-03-10T01:00:00.500Z'],
  ])('reads %s', (text, iso) => {
    expect(parseW3cDateTime(text)?.toISOString()).toBe(iso);
  });
  it.each(['2026-03-10T09:00:00', '2026-03-10', '2026-03-10 09:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', 'yesterday', ''])(
    'refuses %j (no time zone, no time, impossible, not a date)', (text) => {
      expect(parseW3cDateTime(text)).toBeNull();
    },
  );
});

describe('Open311 arguments', () => {
  it('an optional argument given empty is as if not given', () => {
    expect(optional('')).toBeUndefined();
    expect(optional('  ')).toBeUndefined();
    expect(optional(undefined)).toBeUndefined();
    expect(optional(' x ')).toBe('x');
  });
  it('comma lists, also when the argument is repeated', () => {
    expect(list('open, closed')).toEqual(['open', 'closed']);
    expect(list(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(list(undefined)).toEqual([]);
  });
  it('attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2', () => {
    const body = parseForm('service_code=policy&attribute%5Bcredit_code%5D=91330110MA2XXXXX&attribute[multi][]=1&attribute[multi][]=2');
    const a = attributesOf(body);
    expect(a.get('credit_code')).toEqual(['91330110MA2XXXXX']);
    expect(a.get('multi')).toEqual(['1', '2']);
    expect(attributesOf({ attribute: { organization_name: '某公司' } }).get('organization_name')).toEqual(['某公司']);
  });
  it('status: open, or closed once resolved', () => {
    expect(open311Status('submitted')).toBe('open');
    expect(open311Status('responded')).toBe('open');
    expect(open311Status('waiting_for_enterprise')).toBe('open');
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('followed_up')).toBe('closed');
    expect(open311Status('closed')).toBe('closed');
    expect(open311Status('merged')).toBe('closed');
  });
  it('the format suffix: .json, .xml refused with a reason, none is not a resource', () => {
    expect(stripFormat('factors.land.json')).toBe('factors.land');
    expect(() => stripFormat('policy.xml')).toThrow(Open311Error);
    expect(() => stripFormat('policy')).toThrowError(/json/);
  });
});
