import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { tinyPdf, tinyPng } from '../../../db/seed/sample-files';

// Tuesday 2026-03-10 09:00 in Asia/Shanghai.
const now = new Date('2026-03-10T01:00:00Z');

let t: TestApp;
let admin: Client;
let operator: Client;
let dispatcher: Client;
let unitA: Client;
let unitB: Client;
let leader: Client;
let entZsy: Client;
let entOther: Client;
let auditor: Client;
const ids = {} as Record<'zsy' | 'other' | 'unitA' | 'unitB', string>;
const PASSWORD = 'Service#2026';
const ZERO = '00000000-0000-4000-8000-000000000000';

async function department(path: string): Promise<string> {
  const [dep, sec] = path.split('/');
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', dep!).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  return (await t.deps.db.selectFrom('departments').select('id').where('name', '=', sec!).where('parent_id', '=', d.id).executeTakeFirstOrThrow()).id;
}
async function user(username: string, roles: string[], scope: Record<string, string> = {}): Promise<Client> {
  const res = await admin.post('/api/users', { username, displayName: username, password: PASSWORD, roles, ...scope });
  expect(res.statusCode, res.body).toBe(201);
  return t.as(username, PASSWORD);
}
async function act(c: Client, id: string, body: Record<string, unknown>) {
  const version = (await dispatcher.get(`/api/service/requests/${id}`)).json().version;
  return c.post(`/api/service/requests/${id}/actions`, { version, ...body });
}
async function actOk(c: Client, id: string, body: Record<string, unknown>) {
  const res = await act(c, id, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function upload(c: Client, id: string, name: string, content: Buffer) {
  const res = await c.upload(`/api/service/requests/${id}/attachments`, name, content);
  return res;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { FILE_MAX_MB: '1' } });
  admin = await t.as('admin');
  const ents = await t.deps.db.selectFrom('enterprises').select(['id', 'name']).orderBy('credit_code').execute();
  ids.zsy = ents.find((e) => e.name === '中双元（杭州）科技有限公司')!.id;
  ids.other = ents.find((e) => e.id !== ids.zsy)!.id;
  ids.unitA = await department('余杭区市场监督管理局/信用监管科');
  ids.unitB = await department('良渚街道办事处/经济发展科');
  operator = await user('att_operator', ['service_operator']);
  dispatcher = await user('att_dispatcher', ['service_dispatcher']);
  unitA = await user('att_unit_a', ['service_unit'], { departmentId: ids.unitA });
  unitB = await user('att_unit_b', ['service_unit'], { departmentId: ids.unitB });
  leader = await user('att_leader', ['service_leader']);
  entOther = await user('att_ent_other', ['enterprise_user'], { enterpriseId: ids.other });
  entZsy = await t.as('ent_zsy');
  auditor = await t.as('auditor');
});
afterAll(() => t.close());

/** The enterprise raises a request online. */
async function online(): Promise<string> {
  const res = await entZsy.post('/api/service/requests', {
    title: '厂区门口路灯损坏', description: '厂区门口两盏路灯损坏一周，夜间员工出行不便。', contactName: '王经理', contactPhone: '13912345678',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('request attachments', () => {
  it('the enterprise attaches a photo; the office and the unit it is dispatched to read it, audited; others get 404', async () => {
    const id = await online();
    const res = await upload(entZsy, id, '../路灯照片.png', tinyPng());
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ name: '路灯照片.png', mediaType: 'image/png', eventId: null, uploaderRole: 'enterprise', mine: true });

    const file = (await entZsy.get(`/api/service/requests/${id}`)).json();
    expect(file.attachments.map((a: { id: string }) => a.id)).toEqual([photo.id]);

    await actOk(dispatcher, id, { action: 'accept', categoryId: 'factors' });
    // Before the dispatch the unit does not see the request, nor its files.
    expect((await unitA.get(`/api/service/requests/${id}/attachments/${photo.id}`)).statusCode).toBe(404);
    await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA });

    const url = `/api/service/requests/${id}/attachments/${photo.id}`;
    const got = await unitA.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toContain('attachment');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(got.rawPayload).equals(tinyPng())).toBe(true);
    expect((await unitA.get(`${url}?inline=true`)).headers['content-disposition']).toContain('inline');
    expect((await leader.get(url)).statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['file.download', 'service.request.attach']).where('entity_id', 'in', [id, photo.id]).execute();
    expect(audit.filter((a) => a.action === 'file.download').length).toBe(3);
    expect(audit.filter((a) => a.action === 'service.request.attach')).toHaveLength(1);

    // Outside the scope: another enterprise, another unit, no service part at all, no session.
    expect((await entOther.get(url)).statusCode).toBe(404);
    expect((await unitB.get(url)).statusCode).toBe(404);
    expect((await auditor.get(url)).statusCode).toBe(403);
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
    expect((await entOther.upload(`/api/service/requests/${id}/attachments`, 'x.png', tinyPng())).statusCode).toBe(404);
    expect((await t.anonymous.upload(`/api/service/requests/${id}/attachments`, 'x.png', tinyPng())).statusCode).toBe(401);
    expect((await auditor.upload(`/api/service/requests/${id}/attachments`, 'x.png', tinyPng())).statusCode).toBe(403);
    expect((await auditor.get(`/api/service/requests/${id}/attachments`)).statusCode).toBe(403);
    // A leader reads, but adds nothing.
    expect((await leader.upload(`/api/service/requests/${id}/attachments`, 'x.png', tinyPng())).statusCode).toBe(403);
    expect((await unitA.get(`/api/service/requests/${id}/attachments/${ZERO}`)).statusCode).toBe(404);
  });

  it('the unit answers with a PDF on its response step; a return\'s letter stays internal; the enterprise sees the answer\'s file', async () => {
    const id = await online();
    await actOk(dispatcher, id, { action: 'accept', categoryId: 'factors' });
    await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitB });
    const letter = (await upload(unitB, id, '退单说明.pdf', tinyPdf('not ours'))).json();
    await actOk(unitB, id, { action: 'return', reason: 'not_our_remit', note: '路灯归城管', attachmentIds: [letter.id] });
    await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA });
    await actOk(unitA, id, { action: 'sign' });
    const answer = (await upload(unitA, id, '维修记录.pdf', tinyPdf('repaired'))).json();
    // Someone else's file, or one already on a step, cannot be put on this step.
    const bad = await act(unitA, id, { action: 'respond', content: '已安排维修', attachmentIds: [answer.id, letter.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ 'attachmentIds.1': '附件不存在、不是您上传的或已属于其他环节' });
    const r = await actOk(unitA, id, { action: 'respond', content: '已安排维修', attachmentIds: [answer.id] });
    const responded = r.events.find((e: { type: string }) => e.type === 'responded');
    const returned = r.events.find((e: { type: string }) => e.type === 'returned');
    expect(r.attachments.map((a: { id: string; eventId: number }) => [a.id, a.eventId])).toHaveLength(2);
    expect(r.attachments.map((a: { id: string; eventId: number }) => [a.id, a.eventId])).toEqual(expect.arrayContaining([[letter.id, returned.id], [answer.id, responded.id]]));
    const audit = await t.deps.db.selectFrom('audit_log').select('after').where('entity_id', '=', id).where('action', '=', 'service.request.respond').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ attachmentIds: [answer.id] });

    const seen = (await entZsy.get(`/api/service/requests/${id}`)).json();
    expect(seen.attachments.map((a: { id: string }) => a.id)).toEqual([answer.id]);
    expect((await entZsy.get(`/api/service/requests/${id}/attachments/${answer.id}`)).statusCode).toBe(200);
    expect((await entZsy.get(`/api/service/requests/${id}/attachments/${letter.id}`)).statusCode).toBe(404);
    // On a step: kept.
    const del = await unitA.delete(`/api/service/requests/${id}/attachments/${answer.id}`);
    expect([del.statusCode, del.json().error.code]).toEqual([409, 'SERVICE_ATTACHMENT_ON_STEP']);
  });

  it('refuses a forbidden type, an empty or too large file, with the name and the limit; one\'s own loose file can be removed, not another\'s', async () => {
    const id = await online();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    const fake = await upload(entZsy, id, 'photo.png', exe);
    expect([fake.statusCode, fake.json().error.code]).toEqual([400, 'FILE_TYPE_NOT_ALLOWED']);
    expect(fake.json().error.message).toContain('photo.png');
    expect((await upload(entZsy, id, 'empty.pdf', Buffer.alloc(0))).json().error.code).toBe('FILE_EMPTY');
    const big = Buffer.concat([tinyPng(), Buffer.alloc(1024 * 1024 + 10)]);
    const tooBig = await upload(entZsy, id, 'scan.png', big);
    expect([tooBig.statusCode, tooBig.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await t.deps.db.selectFrom('service_request_attachments').select('file_id').where('request_id', '=', id).execute()).toEqual([]);

    const own = (await upload(operator, id, '来电记录.pdf', tinyPdf('call'))).json();
    expect(own.uploaderRole).toBe('office');
    expect((await entZsy.delete(`/api/service/requests/${id}/attachments/${own.id}`)).statusCode).toBe(403);
    expect((await operator.delete(`/api/service/requests/${id}/attachments/${own.id}`)).statusCode).toBe(204);
    expect((await operator.get(`/api/service/requests/${id}/attachments`)).json()).toEqual([]);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'service.request.detach').execute();
    expect(audit).toHaveLength(1);
  });

  it('nothing is added to a closed or merged request', async () => {
    const dup = await online();
    const primary = await online();
    await actOk(dispatcher, primary, { action: 'accept', categoryId: 'factors' });
    await actOk(dispatcher, dup, { action: 'merge', primaryId: primary });
    const res = await upload(entZsy, dup, 'late.png', tinyPng());
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'SERVICE_REQUEST_FINISHED']);
  });
});
