import { describe, expect, it } from 'vitest';
import { projectLocationProblem, roundLocation } from './project-location';

describe('projectLocationProblem', () => {
  it('accepts a point in 余杭区 and refuses one outside, or swapped, naming the problem', () => {
    expect(projectLocationProblem({ lat: 30.2935, lng: 119.9905 }, '330110')).toBeNull();
    expect(projectLocationProblem({ lat: 119.9905, lng: 30.2935 }, '330110')).toContain('填反');
    expect(projectLocationProblem({ lat: 39.9, lng: 116.4 }, '330110')).toContain('不在本区范围内');
    expect(projectLocationProblem({ lat: Number.NaN, lng: 120 }, '330110')).toContain('数字');
  });
  it('another county: anywhere in mainland China', () => {
    expect(projectLocationProblem({ lat: 39.9, lng: 116.4 }, '110101')).toBeNull();
    expect(projectLocationProblem({ lat: 10, lng: 10 }, '110101')).not.toBeNull();
  });
  it('rounds to 7 decimals', () => {
    expect(roundLocation({ lat: 30.123456789, lng: 120.987654321 })).toEqual({ lat: 30.1234568, lng: 120.9876543 });
  });
});
