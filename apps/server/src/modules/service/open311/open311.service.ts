import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../core/identity/actor';
import { recordAudit } from '../../../core/audit/audit';
import { maskPhone } from '../../../core/privacy/mask';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import { STATUS_LABELS, submitRequest, type RequestStatus } from '../domain';
import { categoryTreeOf, categoryView, loadCategories } from '../settings/catalog';
import { suggestCategory } from '../settings/suggest-category';
import { applyEventsToSteps, serviceClock } from '../requests/service-levels';
import { loadPolicyBook } from '../settings/service-level-policy-store';
import { findLiveKey } from './open311-keys';
import {
  attributesOf, list, MAX_RANGE_DAYS, MAX_REQUESTS, Open311Error, open311Status, optional, parseW3cDateTime, w3cDateTime,
} from './open311-format';

/**
 * Open311 GeoReport v2 over the service module (docs/service/OPEN311.md). Services are the active
 * request categories (service_code = category id); a POSTed request goes through the domain's
 * submitRequest and the same steps and deadlines as one recorded by the hotline, on channel
 * `open311`. Output never carries personal data: no contact names or phones, no enterprise, and
 * the description and address only of requests that were themselves posted through Open311.
 */

export interface Open311Deps {
  db: Kysely<DB>;
  calendar: () => WorkdayCalendar;
  now: () => Date;
  /** The one jurisdiction served: the county code; a different jurisdiction_id is a 404. */
  jurisdiction: string;
}

export function checkJurisdiction(deps: Open311Deps, args: Record<string, unknown>): void {
  const j = optional(args.jurisdiction_id);
  if (j !== undefined && j !== deps.jurisdiction) throw new Open311Error(404, `jurisdiction_id not found: ${j} (this server serves ${deps.jurisdiction} only)`);
}

// ---------------------------------------------------------------------------------------------
// Services

export async function serviceList(deps: Open311Deps) {
  const categories = (await loadCategories(deps.db)).filter((c) => c.active);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const tree = categoryTreeOf(categories);
  return categories.map((c) => ({
    service_code: c.id,
    service_name: c.name,
    description: c.name_en ? `${c.name}（${c.name_en}）` : c.name,
    metadata: true,
    type: 'realtime',
    keywords: c.keywords.join(','),
    group: byId.get(tree.pathOf(c.id)[0] ?? c.id)?.name ?? c.name,
  }));
}

/** The attributes every service takes (the same for each category). */
export const ATTRIBUTES = [
  {
    variable: true, code: 'credit_code', datatype: 'string', required: false, order: 1,
    datatype_description: '18 位统一社会信用代码 (18-character unified social credit code)',
    description: '企业的统一社会信用代码：已登记的企业据此关联一企一档。The enterprise\'s credit code: a registered enterprise is linked by it.',
  },
  {
    variable: true, code: 'organization_name', datatype: 'string', required: false, order: 2,
    datatype_description: '单位名称，至多 100 字 (organisation name, up to 100 characters)',
    description: '未提供信用代码或代码未登记时必填。Required when no credit code is given or it is not registered.',
  },
  {
    variable: true, code: 'title', datatype: 'string', required: false, order: 3,
    datatype_description: '至多 100 字 (up to 100 characters)',
    description: '诉求标题；不填则取描述的第一行。A short title; the first line of the description when left out.',
  },
] as const;

export async function serviceDefinition(deps: Open311Deps, code: string) {
  const c = (await loadCategories(deps.db)).find((x) => x.id === code && x.active);
  if (!c) throw new Open311Error(404, `service_code not found: ${code}`);
  return { service_code: c.id, attributes: ATTRIBUTES };
}

// ---------------------------------------------------------------------------------------------
// POST requests

const PHONE = /^[\d+\-\s]{5,20}$/;
const HTML = /<\s*\/?\s*[a-z!][^>]*>/i;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export async function postRequest(deps: Open311Deps, body: Record<string, unknown>, meta: { requestId: string; ip: string }) {
  checkJurisdiction(deps, body);
  const apiKey = optional(body.api_key);
  if (!apiKey) throw new Open311Error(403, 'api_key missing: posting a request needs an API key');
  const key = await findLiveKey(deps.db, apiKey);
  if (!key) throw new Open311Error(403, 'Invalid api_key received -- cannot proceed with create_request');

  const errors: Open311Error[] = [];
  const serviceCode = optional(body.service_code);
  if (!serviceCode) throw new Open311Error(400, 'service_code missing');
  const category = (await loadCategories(deps.db)).find((c) => c.id === serviceCode && c.active);
  if (!category) throw new Open311Error(404, `service_code not found: ${serviceCode}`);

  const latText = optional(body.lat);
  const longText = optional(body.long);
  const addressString = optional(body.address_string);
  const addressId = optional(body.address_id);
  let lat: number | null = null;
  let long: number | null = null;
  if (latText !== undefined || longText !== undefined) {
    lat = Number(latText);
    long = Number(longText);
    if (latText === undefined || longText === undefined) errors.push(new Open311Error(400, 'lat and long must be sent together', 'location_invalid'));
    else if (!Number.isFinite(lat) || !Number.isFinite(long) || Math.abs(lat) > 90 || Math.abs(long) > 180) errors.push(new Open311Error(400, 'lat/long must be WGS84 degrees', 'location_invalid'));
  } else if (!addressString && !addressId) {
    errors.push(new Open311Error(400, 'a location is required: lat & long, address_string or address_id', 'location_missing'));
  }
  if (addressString && addressString.length > 200) errors.push(new Open311Error(400, 'address_string is longer than 200 characters', 'address_string_invalid'));
  if (addressId && addressId.length > 100) errors.push(new Open311Error(400, 'address_id is longer than 100 characters', 'address_id_invalid'));

  const description = optional(body.description);
  if (!description) errors.push(new Open311Error(400, 'description missing: this server needs the text of the request', 'description_missing'));
  else if (description.length > 4000) errors.push(new Open311Error(400, 'description is longer than 4,000 characters', 'description_invalid'));
  else if (HTML.test(description)) errors.push(new Open311Error(400, 'description must not contain HTML or code', 'description_invalid'));

  const phone = optional(body.phone) ?? '';
  if (phone && !PHONE.test(phone)) errors.push(new Open311Error(400, 'phone is not a phone number', 'phone_invalid'));
  const mediaUrl = optional(body.media_url) ?? '';
  if (mediaUrl && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 500)) errors.push(new Open311Error(400, 'media_url must be an http(s) URL of at most 500 characters', 'media_url_invalid'));
  const accountId = clip(optional(body.account_id) ?? '', 100);

  const attributes = attributesOf(body);
  const creditCode = attributes.get('credit_code')?.[0]?.toUpperCase();
  const organizationName = attributes.get('organization_name')?.[0];
  const title = attributes.get('title')?.[0];
  if (creditCode && !CREDIT_CODE.test(creditCode)) errors.push(new Open311Error(400, 'attribute[credit_code] is not an 18-character unified social credit code', 'attribute_invalid'));
  if (organizationName && organizationName.length > 100) errors.push(new Open311Error(400, 'attribute[organization_name] is longer than 100 characters', 'attribute_invalid'));
  if (title && title.length > 100) errors.push(new Open311Error(400, 'attribute[title] is longer than 100 characters', 'attribute_invalid'));

  const enterprise = creditCode && CREDIT_CODE.test(creditCode)
    ? await deps.db.selectFrom('enterprises').select(['id', 'division_code', 'park_id']).where('credit_code', '=', creditCode).executeTakeFirst()
    : undefined;
  if (!enterprise && !organizationName) {
    errors.push(new Open311Error(400, 'attribute[organization_name] is required when attribute[credit_code] is missing or not registered', 'attribute_missing'));
  }
  if (errors.length) throw new MultiError(errors);

  const now = deps.now();
  const id = randomUUID();
  const actor = { role: 'office_operator' as const, id: key.id };
  const submitted = submitRequest({ id, enterpriseId: enterprise?.id ?? '', channel: 'open311', categoryId: category.id }, actor, now);
  if (!submitted.ok) throw new Open311Error(400, submitted.message.en);
  const contactName = clip(`${optional(body.last_name) ?? ''}${optional(body.first_name) ?? ''}`, 50) || '（未留姓名）';
  const requestTitle = clip(title ?? description!.split('\n')[0]!.trim(), 30) || category.name;
  const actorName = `Open311：${key.name}`;

  const number = await deps.db.transaction().execute(async (tx) => {
    const categories = await loadCategories(tx);
    const suggestion = suggestCategory(categories.map(categoryView), `${requestTitle}\n${description}`);
    const row = await tx.insertInto('service_requests').values({
      id,
      channel: 'open311',
      category_id: category.id,
      suggested_category_id: suggestion?.categoryId ?? null,
      title: requestTitle,
      description: description!,
      enterprise_id: enterprise?.id ?? null,
      enterprise_ids: enterprise ? [enterprise.id] : [],
      organization_name: enterprise ? '' : organizationName!,
      contact_name: contactName,
      contact_phone: phone,
      division_code: enterprise ? (enterprise.division_code.length >= 9 ? enterprise.division_code.slice(0, 9) : enterprise.division_code) : null,
      park_id: enterprise?.park_id ?? null,
      location: addressString ?? '',
      submitted_at: now,
      created_by: null,
      updated_at: now,
    }).returning('number').executeTakeFirstOrThrow();
    await tx.insertInto('service_open311_requests').values({
      request_id: id, key_id: key.id, lat, long, address_id: addressId ?? '', media_url: mediaUrl, account_id: accountId,
    }).execute();
    // The timeline: the API client records the request as the hotline would (no user behind it).
    await tx.insertInto('service_request_events').values(submitted.events.map((e) => {
      const { at, actor: _a, requestId, type, ...payload } = e;
      return { request_id: requestId, type, at, actor_role: 'office_operator', actor_id: null, actor_name: actorName, unit_id: null, payload: JSON.stringify(payload) };
    })).execute();
    await applyEventsToSteps(tx, id, submitted.events, { clock: serviceClock(deps.calendar()), policies: await loadPolicyBook(tx, deps.calendar()), categoryPath: categoryTreeOf(categories).pathOf(category.id), round: 0 }, now);
    await tx.updateTable('service_open311_keys').set({ last_used_at: now }).where('id', '=', key.id).execute();
    const auditActor = { userId: null, displayName: actorName } as unknown as Actor; // no user: the key is the actor
    await recordAudit(tx, { actor: auditActor, requestId: meta.requestId, ip: meta.ip, now, countyCode: deps.jurisdiction }, {
      action: 'service.request.create', entityType: 'service_request', entityId: id, enterpriseId: enterprise?.id ?? null,
      after: {
        channel: 'open311', open311KeyId: key.id, categoryId: category.id, enterpriseId: enterprise?.id ?? null, organizationName: enterprise ? '' : organizationName,
        title: requestTitle, contactName, contactPhone: maskPhone(phone), location: addressString ?? '', lat, long,
      },
    });
    return row.number;
  });
  const due = await deps.db.selectFrom('service_request_steps').select('due_at').where('request_id', '=', id).where('step', '=', 'accept').executeTakeFirst();
  return [{
    service_request_id: String(number),
    service_notice: `亲企办当天受理、当天交办、当天回应（16:00 以后提交的顺延至下一个工作日）。诉求编号 ${number}${due?.due_at ? `，受理时限 ${w3cDateTime(due.due_at)}` : ''}。`,
    account_id: accountId || null,
  }];
}

/** Several 400s at once: the spec's error body is an array. */
export class MultiError extends Error {
  constructor(readonly errors: Open311Error[]) {
    super(errors.map((e) => e.description).join('; '));
  }
}

// ---------------------------------------------------------------------------------------------
// GET requests

const DAY_MS = 86_400_000;

function requestQuery(db: Kysely<DB>) {
  return db.selectFrom('service_requests as r')
    .leftJoin('service_categories as c', (j) => j.on(sql<boolean>`c.id = coalesce(r.category_id, r.suggested_category_id)`))
    .leftJoin('departments as lu', 'lu.id', 'r.lead_unit_id')
    .leftJoin('departments as lp', 'lp.id', 'lu.parent_id')
    .leftJoin('service_open311_requests as o', 'o.request_id', 'r.id')
    .select([
      'r.number', 'r.status', 'r.description', 'r.location', 'r.submitted_at', 'r.updated_at', 'r.resolved_at', 'r.closed_at',
      'c.id as service_code', 'c.name as service_name', 'lu.name as unit_name', 'lp.name as unit_parent',
      'o.request_id as open311_id', 'o.lat', 'o.long', 'o.address_id', 'o.media_url',
      sql<Date | null>`(SELECT s.due_at FROM service_request_steps s WHERE s.request_id = r.id AND s.step = 'resolve'
        AND s.completed_at IS NULL AND s.cancelled_at IS NULL ORDER BY s.round DESC LIMIT 1)`.as('expected_at'),
    ]);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

function toOpen311(r: RequestRow) {
  const status = r.status as RequestStatus;
  const closed = open311Status(status) === 'closed';
  const own = r.open311_id !== null; // posted through this API: its text and place were given to be published
  return {
    service_request_id: String(r.number),
    status: open311Status(status),
    status_notes: status === 'merged' ? '已合并到另一件诉求办理 (merged into another request)' : `${STATUS_LABELS[status].zh} (${STATUS_LABELS[status].en})`,
    service_name: r.service_name ?? null,
    service_code: r.service_code ?? null,
    description: own ? r.description : null,
    agency_responsible: r.unit_name ? (r.unit_parent ? `${r.unit_parent}/${r.unit_name}` : r.unit_name) : null,
    service_notice: null,
    requested_datetime: w3cDateTime(r.submitted_at),
    updated_datetime: w3cDateTime(closed ? (r.closed_at ?? r.resolved_at ?? r.updated_at) : r.updated_at),
    expected_datetime: !closed && r.expected_at ? w3cDateTime(r.expected_at) : null,
    address: own && r.location ? r.location : null,
    address_id: own && r.address_id ? r.address_id : null,
    zipcode: null,
    lat: own ? (r.lat ?? null) : null,
    long: own ? (r.long ?? null) : null,
    media_url: own && r.media_url ? r.media_url : null,
  };
}

export async function getRequests(deps: Open311Deps, args: Record<string, unknown>) {
  checkJurisdiction(deps, args);
  const ids = list(args.service_request_id);
  let qb = requestQuery(deps.db);
  if (ids.length) {
    // "This overrides all other arguments."
    const numbers = ids.filter((x) => /^\d{1,15}$/.test(x)).map(Number);
    if (numbers.length === 0) return [];
    return (await qb.where('r.number', 'in', numbers.slice(0, MAX_REQUESTS)).orderBy('r.number').execute()).map(toOpen311);
  }
  const codes = list(args.service_code);
  if (codes.length) {
    const known = new Set((await loadCategories(deps.db)).map((c) => c.id));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new Open311Error(404, `service_code not found: ${unknown.join(',')}`);
    qb = qb.where(sql<string>`coalesce(r.category_id, r.suggested_category_id)`, 'in', codes);
  }
  const statuses = list(args.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed (comma delimited)');
  if (statuses.length === 1) {
    const closed = sql<boolean>`r.status IN ('resolved', 'followed_up', 'closed', 'merged')`;
    qb = qb.where(statuses[0] === 'closed' ? closed : sql<boolean>`NOT ${closed}`);
  }
  const startText = optional(args.start_date);
  const endText = optional(args.end_date);
  const start = startText === undefined ? undefined : parseW3cDateTime(startText);
  const end = endText === undefined ? undefined : parseW3cDateTime(endText);
  if (start === null) throw new Open311Error(400, 'start_date must be a W3C date/time with a time zone, e.g. 2010-01-01T00:00:00Z');
  if (end === null) throw new Open311Error(400, 'end_date must be a W3C date/time with a time zone, e.g. 2010-01-01T00:00:00Z');
  const span = MAX_RANGE_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(start.getTime() + span) : deps.now());
  const from = start ?? new Date(to.getTime() - span);
  if (to.getTime() < from.getTime()) throw new Open311Error(400, 'end_date is before start_date');
  if (to.getTime() - from.getTime() > span) throw new Open311Error(400, `start_date and end_date may not span more than ${MAX_RANGE_DAYS} days`);
  const rows = await qb.where('r.submitted_at', '>=', from).where('r.submitted_at', '<=', to)
    .orderBy('r.submitted_at', 'desc').orderBy('r.number', 'desc').limit(MAX_REQUESTS).execute();
  return rows.map(toOpen311);
}

export async function getRequest(deps: Open311Deps, id: string, args: Record<string, unknown>) {
  checkJurisdiction(deps, args);
  const row = /^\d{1,15}$/.test(id) ? await requestQuery(deps.db).where('r.number', '=', Number(id)).executeTakeFirst() : undefined;
  if (!row) throw new Open311Error(404, `service_request_id not found: ${id}`);
  return [toOpen311(row)];
}
