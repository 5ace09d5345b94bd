import dayjs, { type Dayjs } from 'dayjs';
import type { EnterpriseFile, EnterpriseInput, EnterpriseStatus } from '../../../api/types';
import { fenToWan, wanToFen } from '../../../ui/format';

/**
 * The form keeps the API's field names (so the API's `fields` errors land on the right input),
 * but money is in 万元 and the date is a dayjs; these two functions convert at the edge.
 */
export interface EnterpriseFormValues {
  creditCode: string;
  name: string;
  legalRepresentative: string;
  establishedOn: Dayjs | null;
  registeredCapitalFen: number | null;
  industryCode: string | undefined;
  divisionCode: string | undefined;
  parkId: string | null;
  address: string;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
  aboveScale: boolean;
  highTech: boolean;
  listed: boolean;
  tags: string[];
  status: EnterpriseStatus;
  businessScope: string;
}

export const ENTERPRISE_INPUT_FIELDS: readonly (keyof EnterpriseInput)[] = [
  'creditCode',
  'name',
  'legalRepresentative',
  'establishedOn',
  'registeredCapitalFen',
  'industryCode',
  'divisionCode',
  'parkId',
  'address',
  'employees',
  'revenueFen',
  'assetsFen',
  'aboveScale',
  'highTech',
  'listed',
  'tags',
  'status',
  'businessScope',
];

export const EMPTY_ENTERPRISE: EnterpriseFormValues = {
  creditCode: '',
  name: '',
  legalRepresentative: '',
  establishedOn: null,
  registeredCapitalFen: null,
  industryCode: undefined,
  divisionCode: undefined,
  parkId: null,
  address: '',
  employees: null,
  revenueFen: null,
  assetsFen: null,
  aboveScale: false,
  highTech: false,
  listed: false,
  tags: [],
  status: 'active',
  businessScope: '',
};

export function formFromFile(e: EnterpriseFile): EnterpriseFormValues {
  return {
    creditCode: e.creditCode,
    name: e.name,
    legalRepresentative: e.legalRepresentative,
    establishedOn: e.establishedOn ? dayjs(e.establishedOn) : null,
    registeredCapitalFen: fenToWan(e.registeredCapitalFen),
    industryCode: e.industryCode,
    divisionCode: e.divisionCode,
    parkId: e.parkId,
    address: e.address,
    employees: e.employees,
    revenueFen: fenToWan(e.revenueFen),
    assetsFen: fenToWan(e.assetsFen),
    aboveScale: e.aboveScale,
    highTech: e.highTech,
    listed: e.listed,
    tags: e.tags,
    status: e.status,
    businessScope: e.businessScope,
  };
}

export function inputFromForm(v: EnterpriseFormValues): EnterpriseInput {
  return {
    creditCode: v.creditCode.trim().toUpperCase(),
    name: v.name.trim(),
    legalRepresentative: (v.legalRepresentative ?? '').trim(),
    establishedOn: v.establishedOn ? v.establishedOn.format('YYYY-MM-DD') : null,
    registeredCapitalFen: wanToFen(v.registeredCapitalFen),
    industryCode: v.industryCode ?? '',
    divisionCode: v.divisionCode ?? '',
    parkId: v.parkId ?? null,
    address: (v.address ?? '').trim(),
    employees: v.employees ?? null,
    revenueFen: wanToFen(v.revenueFen),
    assetsFen: wanToFen(v.assetsFen),
    aboveScale: !!v.aboveScale,
    highTech: !!v.highTech,
    listed: !!v.listed,
    tags: v.tags ?? [],
    status: v.status,
    businessScope: (v.businessScope ?? '').trim(),
  };
}
