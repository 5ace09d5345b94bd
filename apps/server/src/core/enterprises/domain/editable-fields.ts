import type { EnterpriseInput } from '@zhizhi/contracts';

export type EnterpriseField = keyof EnterpriseInput;

/**
 * What an enterprise may change in its own file: its own profile figures. Identity (credit
 * code, name), classification and official flags (规上, 高新, 上市, tags, status) are kept by the
 * government's officers.
 */
export const SELF_EDITABLE_FIELDS: readonly EnterpriseField[] = [
  'legalRepresentative',
  'establishedOn',
  'registeredCapitalFen',
  'address',
  'employees',
  'revenueFen',
  'assetsFen',
  'businessScope',
];

export const ALL_FIELDS: readonly EnterpriseField[] = [
  'creditCode', 'name', 'legalRepresentative', 'establishedOn', 'registeredCapitalFen',
  'industryCode', 'divisionCode', 'parkId', 'address', 'employees', 'revenueFen', 'assetsFen',
  'aboveScale', 'highTech', 'listed', 'tags', 'status', 'businessScope',
];

/** Fields of `input` that differ from `current` but are not in `allowed`. */
export function forbiddenChanges(
  current: EnterpriseInput,
  input: EnterpriseInput,
  allowed: readonly EnterpriseField[],
): EnterpriseField[] {
  return ALL_FIELDS.filter(
    (f) => !allowed.includes(f) && JSON.stringify(current[f]) !== JSON.stringify(input[f]),
  );
}
