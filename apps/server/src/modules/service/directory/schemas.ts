import { z } from 'zod';
import { IsoDate, PageQuery, pageOf } from '@zhizhi/contracts';
import { COORDINATE_SYSTEMS } from '../../../core/reference/domain/coordinates';
import { CAPABILITY_CODE } from './domain/capability-code';

export const PROVIDER_KINDS = [
  'testing_lab', 'certification_body', 'law_firm', 'bank', 'patent_agency', 'training_body', 'accounting_firm', 'consultancy', 'other',
] as const;
export const OUTCOMES = ['pending', 'helped', 'not_helped'] as const;

const Lat = z.number().min(-90, '纬度须在 -90 至 90 之间').max(90, '纬度须在 -90 至 90 之间');
const Lng = z.number().min(-180, '经度须在 -180 至 180 之间').max(180, '经度须在 -180 至 180 之间');

/** A location as entered: in the system it was read in (GPS = wgs84, Baidu = bd09, AMap/Tencent = gcj02). */
export const LocationInput = z.object({ lat: Lat, lng: Lng, system: z.enum(COORDINATE_SYSTEMS).default('gcj02') });

export const Capability = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
  providerCount: z.number(),
});
export const CapabilityInput = z.object({
  code: z.string().trim().regex(CAPABILITY_CODE, '代码由小写字母、数字和下划线组成，下级以“上级代码.”开头'),
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().max(80).default(''),
  sortOrder: z.number().int().default(0),
});
export const CapabilityUpdate = z.object({
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().max(80).default(''),
  sortOrder: z.number().int().default(0),
  active: z.boolean(),
});

export const ProviderServiceInput = z.object({
  capabilityCode: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).default(''),
});

export const ProviderInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(PROVIDER_KINDS),
  description: z.string().trim().max(2000).default(''),
  enterpriseId: z.uuid().nullable().default(null),
  contactName: z.string().trim().max(50).default(''),
  contactPhone: z.string().trim().regex(/^([\d+\-\s]{5,20})?$/, '电话号码格式不正确').default(''),
  website: z.string().trim().max(200).default(''),
  email: z.string().trim().max(100).default(''),
  openingHours: z.string().trim().max(200).default(''),
  address: z.string().trim().max(200).default(''),
  divisionCode: z.string().regex(/^\d{9}$/, '街道代码应为 9 位数字').nullable().default(null),
  location: LocationInput,
  services: z.array(ProviderServiceInput).min(1, '至少填写一项服务').max(50),
});
export type ProviderInput = z.infer<typeof ProviderInput>;
export const ProviderUpdate = ProviderInput.extend({ status: z.enum(['active', 'inactive']), version: z.number().int() });
export type ProviderUpdate = z.infer<typeof ProviderUpdate>;

export const ProviderServiceView = z.object({ id: z.string(), capabilityCode: z.string(), capabilityName: z.string(), name: z.string(), description: z.string() });

export const ProviderSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  address: z.string(),
  divisionCode: z.string().nullable(),
  /** GCJ-02 */
  lat: z.number(),
  lng: z.number(),
  contactName: z.string(),
  /** masked */
  contactPhone: z.string(),
  openingHours: z.string(),
  status: z.enum(['active', 'inactive']),
  capabilities: z.array(z.object({ code: z.string(), name: z.string() })),
  updatedAt: z.date(),
});
export const ProviderPage = pageOf(ProviderSummary);
export const ProviderDetail = ProviderSummary.extend({
  description: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  website: z.string(),
  email: z.string(),
  services: z.array(ProviderServiceView),
  recommendations: z.object({ total: z.number(), helped: z.number(), notHelped: z.number() }),
  version: z.number(),
});
export type ProviderDetail = z.infer<typeof ProviderDetail>;

export const ProviderListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  /** The capability or anything below it. */
  capability: z.string().max(64).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  sort: z.enum(['name', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ProviderListQuery = z.infer<typeof ProviderListQuery>;

export const NearestQuery = z.object({
  capability: z.string().max(64).optional(),
  /** from a request's enterprise, an enterprise, or a point (GCJ-02) — exactly one */
  requestId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  /** metres */
  maxDistance: z.coerce.number().int().min(1).max(500_000).optional(),
});
export type NearestQuery = z.infer<typeof NearestQuery>;

export const NearestResult = z.object({
  origin: z.object({ lat: z.number(), lng: z.number(), label: z.string(), enterpriseId: z.string().nullable() }),
  capability: z.string().nullable(),
  directoryVersion: z.number(),
  providers: z.array(ProviderSummary.extend({ distanceM: z.number(), recommendedBefore: z.number() })),
});

export const RecommendationInput = z.object({
  providerId: z.uuid(),
  capabilityCode: z.string().trim().min(1).max(64),
  /** the request it answers; or an enterprise (no request) */
  requestId: z.uuid().nullable().default(null),
  enterpriseId: z.uuid().nullable().default(null),
  note: z.string().trim().max(500).default(''),
});
export const OutcomeInput = z.object({
  outcome: z.enum(['helped', 'not_helped']),
  note: z.string().trim().max(500).default(''),
  version: z.number().int(),
});
export const RecommendationView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  requestId: z.string().nullable(),
  requestNumber: z.number().nullable(),
  provider: z.object({ id: z.string(), name: z.string(), kind: z.enum(PROVIDER_KINDS) }),
  capabilityCode: z.string(),
  capabilityName: z.string(),
  distanceM: z.number().nullable(),
  note: z.string(),
  recommendedByName: z.string(),
  recommendedAt: z.date(),
  outcome: z.enum(OUTCOMES),
  outcomeNote: z.string(),
  outcomeByName: z.string(),
  outcomeAt: z.date().nullable(),
  version: z.number(),
});
export type RecommendationView = z.infer<typeof RecommendationView>;
export const RecommendationListQuery = z.object({
  requestId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  parkId: z.uuid().optional(),
});
export const ParkRecommendationFigures = z.object({
  parkId: z.string(),
  total: z.number(),
  helped: z.number(),
  notHelped: z.number(),
  pending: z.number(),
  enterprises: z.number(),
  byCapability: z.array(z.object({ code: z.string(), name: z.string(), total: z.number(), helped: z.number() })),
  topProviders: z.array(z.object({ id: z.string(), name: z.string(), total: z.number(), helped: z.number() })),
  recent: z.array(RecommendationView),
});

export const EnterpriseLocation = z.object({ enterpriseId: z.string(), lat: z.number().nullable(), lng: z.number().nullable() });
export const ProviderReveal = z.object({ contactPhone: z.string() });
export const ExportQuery = ProviderListQuery.omit({ page: true, pageSize: true });
export const PeriodQuery = z.object({ from: IsoDate, to: IsoDate });
