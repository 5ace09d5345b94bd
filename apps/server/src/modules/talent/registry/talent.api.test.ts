import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { makeIdNumber, validateIdNumber } from '../../../core/reference/domain/id-number';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';

let t: TestApp;
let office: Client;
let hr: Client; // ent_zsy: talent HR of 中双元
let otherHr: Client; // talent HR of another enterprise (created here)
let self: Client; // talent_demo: a talent of 中双元
let officer: Client; // an enterprise officer without talent permissions
let zsyId: string;
let otherId: string;
let thirdId: string;

const ID = '00000000-0000-4000-8000-000000000000';
const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** A valid ID number born in 1990; an odd n is a man. */
const idn = (n: number) => makeIdNumber(`3301101990${pad(1 + (n % 12), 2)}${pad(1 + (Math.floor(n / 12) % 28), 2)}${pad(n % 1000, 3)}`);

const newTalent = (over: Record<string, unknown> = {}) => ({
  idNumber: idn(1001),
  name: '测试人才',
  phone: '13812345678',
  facts: { education: 'master', titleLevel: 'intermediate', inventionPatents: 2, awards: [{ level: 'city', year: 2023 }] },
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const ents = await t.deps.db.selectFrom('enterprises').select(['id', 'name']).orderBy('credit_code').execute();
  zsyId = ents.find((e) => e.name === DEMO_STORY_ENTERPRISE)!.id;
  const others = ents.filter((e) => e.id !== zsyId);
  otherId = others[0]!.id;
  thirdId = others[1]!.id;
  const admin = await t.as('admin');
  const created = await admin.post('/api/users', {
    username: 'other_hr', displayName: '其他企业人事', password: 'OtherHr#2026', roles: ['enterprise_user', 'talent_hr'], enterpriseId: otherId,
  });
  expect(created.statusCode).toBe(201);
  [office, hr, self, officer] = await Promise.all([t.as('talent_office'), t.as('ent_zsy'), t.as('talent_demo'), t.as('officer')]);
  otherHr = await t.as('other_hr', 'OtherHr#2026');
});
afterAll(() => t.close());

describe('demo data', () => {
  it('has about 3,000 talents with valid ID numbers, a set at 中双元, moves and two open conflicts', async () => {
    const n = await t.deps.db.selectFrom('talents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(2_700);
    expect(Number(n.n)).toBeLessThan(3_300);
    const zsy = (await office.get(`/api/talent/talents?enterprise=${zsyId}&pageSize=100`)).json();
    expect(zsy.total).toBeGreaterThanOrEqual(30);
    const conflicts = (await office.get('/api/talent/conflicts?status=open')).json();
    expect(conflicts.total).toBe(2);
    const moved = await t.deps.db.selectFrom('talent_employments').select('talent_id').where('ended_on', 'is not', null).execute();
    expect(moved.length).toBeGreaterThan(10);
    const all = await t.deps.db.selectFrom('talents').select(['id_number', 'birth_date']).execute();
    expect(all.filter((r) => !validateIdNumber(r.id_number).ok)).toEqual([]);
    expect(all.every((r) => r.id_number.startsWith('33') && r.birth_date >= '1960-01-01' && r.birth_date <= '2002-12-31')).toBe(true);
  });
});

describe('list and scope', () => {
  it('shows the talent office the whole county, masked', async () => {
    const body = (await office.get('/api/talent/talents?pageSize=50&sort=name&order=asc')).json();
    expect(body.total).toBeGreaterThan(2_700);
    expect(body.items).toHaveLength(50);
    expect(body.items[0].idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(body.items[0].phone === '' || /\*{4}/.test(body.items[0].phone)).toBe(true);
  });

  it('shows enterprise HR only its own talents, whatever the filter asks', async () => {
    const own = (await hr.get('/api/talent/talents?pageSize=100')).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((i: { enterpriseId: string }) => i.enterpriseId === zsyId)).toBe(true);
    const asked = (await hr.get(`/api/talent/talents?enterprise=${otherId}`)).json();
    expect(asked.total).toBe(0);
    const foreign = (await office.get(`/api/talent/talents?enterprise=${otherId}&pageSize=1`)).json().items[0];
    expect((await hr.get(`/api/talent/talents/${foreign.id}`)).statusCode).toBe(404);
    expect((await hr.post(`/api/talent/talents/${foreign.id}/reveal`)).statusCode).toBe(404);
    expect((await hr.put(`/api/talent/talents/${foreign.id}`, { name: '改名', facts: {}, version: 1 })).statusCode).toBe(404);
  });

  it('shows a talent only themself', async () => {
    const mine = (await self.get('/api/talent/talents')).json();
    expect(mine.total).toBe(1);
    const file = (await self.get(`/api/talent/talents/${mine.items[0].id}`)).json();
    expect(file).toMatchObject({ hasUser: true, canEdit: false, canMove: false, enterpriseId: zsyId });
    const other = (await hr.get('/api/talent/talents?pageSize=100')).json().items.find((i: { id: string }) => i.id !== mine.items[0].id);
    expect((await self.get(`/api/talent/talents/${other.id}`)).statusCode).toBe(404);
    expect((await self.post('/api/talent/talents', newTalent())).statusCode).toBe(403);
    expect((await self.get('/api/talent/talents/export.xlsx')).statusCode).toBe(403);
  });

  it('filters by name, exact ID number, education, category and status', async () => {
    const first = (await office.get('/api/talent/talents?pageSize=1')).json().items[0];
    const reveal = (await office.post(`/api/talent/talents/${first.id}/reveal`)).json();
    const byId = (await office.get(`/api/talent/talents?q=${reveal.idNumber}`)).json();
    expect(byId.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const partial = (await office.get(`/api/talent/talents?q=${reveal.idNumber.slice(0, 10)}`)).json();
    expect(partial.total).toBe(0); // only the exact number matches
    const byName = (await office.get(`/api/talent/talents?q=${encodeURIComponent(first.name.slice(0, 1))}&pageSize=100`)).json();
    expect(byName.items.every((i: { name: string }) => i.name.includes(first.name.slice(0, 1)))).toBe(true);
    for (const [q, holds] of [
      ['education=doctorate', (i: any) => i.education === 'doctorate'],
      ['talentCategory=D', (i: any) => i.talentCategory === 'D'],
      ['status=inactive', (i: any) => i.status === 'inactive'],
    ] as const) {
      const body = (await office.get(`/api/talent/talents?pageSize=100&${q}`)).json();
      expect(body.total, q).toBeGreaterThan(0);
      expect(body.items.every(holds), q).toBe(true);
    }
  });

  it('refuses users without talent permissions, and strangers', async () => {
    expect((await officer.get('/api/talent/talents')).statusCode).toBe(403);
    expect((await officer.get('/api/talent/conflicts')).statusCode).toBe(403);
    expect((await hr.get('/api/talent/conflicts')).statusCode).toBe(403);
    expect((await hr.post(`/api/talent/talents/${ID}/move`, { enterpriseId: otherId, version: 1 })).statusCode).toBe(403);
    expect((await hr.post(`/api/talent/conflicts/${ID}/resolve`, { resolution: 'dismissed' })).statusCode).toBe(403);
    for (const url of ['/api/talent/talents', `/api/talent/talents/${ID}`, '/api/talent/conflicts', '/api/talent/talents/export.xlsx', '/api/talent/talents/import-template.xlsx']) {
      expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
    }
    expect((await t.anonymous.post('/api/talent/talents', newTalent())).statusCode).toBe(401);
  });
});

describe('registering', () => {
  let createdId: string;

  it('registers a talent for the HR user\'s own enterprise, deriving gender and birth date', async () => {
    const res = await hr.post('/api/talent/talents', newTalent());
    expect(res.statusCode).toBe(201);
    const file = res.json();
    createdId = file.id;
    expect(file).toMatchObject({
      name: '测试人才', enterpriseId: zsyId, gender: 'male',
      idNumber: `${idn(1001).slice(0, 4)}**********${idn(1001).slice(-4)}`, phone: '138****5678',
      // an enterprise's facts wait for the talent office's review: none is approved yet
      facts: {},
      factsApplyDirectly: false,
      employments: [expect.objectContaining({ enterpriseId: zsyId, endedOn: null })],
      canEdit: true, version: 1,
    });
    expect(file.pendingClaim).toMatchObject({ status: 'submitted' });
    expect(Object.fromEntries(file.pendingClaim.changes.map((c: { fact: string; claimed: unknown }) => [c.fact, c.claimed]))).toEqual(
      { education: 'master', titleLevel: 'intermediate', inventionPatents: 2, awards: [{ level: 'city', year: 2023 }] },
    );
    expect(file.birthDate).toBe(`${idn(1001).slice(6, 10)}-${idn(1001).slice(10, 12)}-${idn(1001).slice(12, 14)}`);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', createdId).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'talent.create' })]);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(idn(1001)); // personal data masked in the log
    expect(JSON.stringify(audit[0]!.after)).not.toContain('13812345678');
  });

  it('refuses an invalid ID number and an unknown fact with field errors', async () => {
    const bad = idn(1002).slice(0, 17) + (idn(1002).endsWith('1') ? '2' : '1');
    const res = await hr.post('/api/talent/talents', newTalent({ idNumber: bad, facts: { education: 'master', shoeSize: 42, titleLevel: 'wizard' } }));
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields.idNumber).toContain('校验位');
    expect(fields['facts.shoeSize']).toContain('shoeSize');
    expect(fields['facts.titleLevel']).toBeDefined();
    expect((await hr.post('/api/talent/talents', newTalent({ idNumber: '12345' }))).json().error.fields.idNumber).toContain('18');
  });

  it('does not let an enterprise register for another enterprise', async () => {
    const res = await hr.post('/api/talent/talents', newTalent({ idNumber: idn(1003), enterpriseId: otherId }));
    expect(res.json().error.fields.enterpriseId).toBeDefined();
  });

  it('files a conflict instead of a second talent when another enterprise registers the same person', async () => {
    const again = await hr.post('/api/talent/talents', newTalent());
    expect(again.json().error.code).toBe('TALENT_ALREADY_REGISTERED');

    const res = await otherHr.post('/api/talent/talents', newTalent({ name: '测试人才' }));
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('TALENT_REGISTERED_ELSEWHERE');
    expect(JSON.stringify(err)).not.toContain('中双元');
    const rows = await t.deps.db.selectFrom('talents').select('id').where('id_number', '=', idn(1001)).execute();
    expect(rows).toHaveLength(1);
    // Registering again files nothing new.
    await otherHr.post('/api/talent/talents', newTalent());
    const open = (await office.get('/api/talent/conflicts?status=open')).json();
    const mine = open.items.filter((c: { talentId: string }) => c.talentId === createdId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ holderEnterpriseId: zsyId, claimantEnterpriseId: otherId, status: 'open' });
  });

  it('lets the office resolve a conflict to the claimant, which moves the talent and keeps the history', async () => {
    const conflict = (await office.get('/api/talent/conflicts?status=open')).json().items.find((c: { talentId: string }) => c.talentId === createdId);
    const res = await office.post(`/api/talent/conflicts/${conflict.id}/resolve`, { resolution: 'resolved_to_claimant', note: '已核实劳动合同' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved_to_claimant', resolvedByName: expect.any(String) });
    expect((await office.post(`/api/talent/conflicts/${conflict.id}/resolve`, { resolution: 'dismissed' })).json().error.code).toBe('TALENT_CONFLICT_CLOSED');
    const file = (await otherHr.get(`/api/talent/talents/${createdId}`)).json();
    expect(file.enterpriseId).toBe(otherId);
    expect(file.employments).toHaveLength(2);
    expect(file.employments.filter((m: { endedOn: string | null }) => m.endedOn === null)).toEqual([expect.objectContaining({ enterpriseId: otherId })]);
    expect((await hr.get(`/api/talent/talents/${createdId}`)).statusCode).toBe(404);
  });

  it('moves a talent (office only), closing the old employment, with version check', async () => {
    const file = (await office.get(`/api/talent/talents/${createdId}`)).json();
    expect((await office.post(`/api/talent/talents/${createdId}/move`, { enterpriseId: thirdId, version: file.version + 5 })).json().error.code).toBe('CONFLICT');
    expect((await office.post(`/api/talent/talents/${createdId}/move`, { enterpriseId: otherId, version: file.version })).statusCode).toBe(400);
    const res = await office.post(`/api/talent/talents/${createdId}/move`, { enterpriseId: thirdId, version: file.version, note: '调动' });
    expect(res.statusCode).toBe(200);
    const moved = res.json();
    expect(moved.enterpriseId).toBe(thirdId);
    expect(moved.employments).toHaveLength(3);
    expect(moved.employments.filter((m: { endedOn: string | null }) => m.endedOn === null)).toHaveLength(1);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', createdId).where('action', '=', 'talent.move').execute();
    expect(audit).toHaveLength(2);
  });

  it('claims HR\'s fact changes for review under an optimistic lock, keeping the phone when left out', async () => {
    const own = (await hr.get('/api/talent/talents?pageSize=1')).json().items[0];
    const file = (await hr.get(`/api/talent/talents/${own.id}`)).json();
    // values the file does not hold yet: which talent comes first depends on the list's order (points, recomputed in the background)
    const claimed = { keyProjects: file.facts.keyProjects === 3 ? 4 : 3, talentCategory: file.facts.talentCategory === 'C' ? 'B' : 'C' };
    const facts = { ...file.facts, ...claimed };
    const res = await hr.put(`/api/talent/talents/${own.id}`, { name: file.name, status: 'active', facts, version: file.version });
    expect(res.statusCode).toBe(200);
    // the approved facts stay; the change is a claim (the version moves, so a stale form is refused)
    expect(res.json()).toMatchObject({ version: file.version + 1, phone: file.phone, facts: file.facts });
    expect(res.json().pendingClaim.changes.filter((c: { fact: string }) => ['keyProjects', 'talentCategory'].includes(c.fact)).map((c: { claimed: unknown }) => c.claimed)).toEqual([claimed.keyProjects, claimed.talentCategory]);
    const stale = await hr.put(`/api/talent/talents/${own.id}`, { name: file.name, facts, version: file.version });
    expect(stale.json().error.code).toBe('CONFLICT');
    const unknown = await hr.put(`/api/talent/talents/${own.id}`, { name: file.name, facts: { ...facts, favouriteColour: 'blue' }, version: file.version + 1 });
    expect(unknown.json().error.fields).toHaveProperty('facts.favouriteColour');
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', own.id).where('action', '=', 'talent.update').execute();
    expect(audit).toHaveLength(0); // nothing of the talent itself changed
    // the claim's latest entry (a submit, or an amend of a claim already open) holds what is claimed now
    const claimAudit = await t.deps.db.selectFrom('audit_log').select(['after']).where('entity_id', '=', res.json().pendingClaim.id).where('action', 'in', ['talent.claim.submit', 'talent.claim.amend']).orderBy('id', 'desc').execute();
    expect(claimAudit[0]!.after).toMatchObject({ changes: res.json().pendingClaim.changes.map(({ evidenceCount: _, ...c }: { evidenceCount: number }) => c) });
  });

  it('reveals the full ID number and phone, and audits the reveal', async () => {
    const own = (await hr.get('/api/talent/talents?pageSize=1')).json().items[0];
    const res = await hr.post(`/api/talent/talents/${own.id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json().idNumber).toMatch(/^\d{17}[\dX]$/);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_id', '=', own.id).where('action', '=', 'talent.reveal').execute();
    expect(audit).toHaveLength(1);
    const mine = (await self.get('/api/talent/talents')).json().items[0];
    expect((await self.post(`/api/talent/talents/${mine.id}/reveal`)).statusCode).toBe(200);
  });
});

describe('export', () => {
  it('exports only the HR user\'s own talents, with masked ID numbers, and audits it', async () => {
    const res = await hr.get('/api/talent/talents/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    expect(header).toContain('身份证号码');
    const total = (await hr.get('/api/talent/talents')).json().total;
    expect(ws.rowCount - 1).toBe(total);
    const ents = new Set<string>();
    ws.eachRow((row, n) => {
      if (n === 1) return;
      expect(String(row.getCell(1).value)).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      ents.add(String(row.getCell(5).value));
    });
    expect([...ents]).toEqual([DEMO_STORY_ENTERPRISE]);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'talent.export').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe("the talent's own account", () => {
  it('an administrator creates a 人才 account, the office links it; the person then sees their own file only', async () => {
    const admin = await t.as('admin');
    expect((await admin.post('/api/users', { username: 'talent_new', displayName: '新人才', password: 'NewTalent#2026', roles: ['talent'] })).statusCode).toBe(201);
    const person = await t.as('talent_new', 'NewTalent#2026');
    expect((await person.get('/api/talent/talents')).json().items).toEqual([]);

    const target = await t.deps.db.selectFrom('talents').select(['id', 'enterprise_id']).where('user_id', 'is', null).where('enterprise_id', '=', otherId).limit(1).executeTakeFirstOrThrow();
    const res = await office.put(`/api/talent/talents/${target.id}/account`, { username: 'TALENT_NEW' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ hasUser: true, account: { username: 'talent_new', displayName: '新人才' } });
    expect((await person.get('/api/talent/talents')).json().items.map((i: { id: string }) => i.id)).toEqual([target.id]);
    expect((await person.get(`/api/talent/talents/${target.id}`)).json()).toMatchObject({ hasUser: true, account: null });
    // HR of the employer sees that there is an account, not which one
    expect((await otherHr.get(`/api/talent/talents/${target.id}`)).json()).toMatchObject({ hasUser: true, account: null });

    // one account, one talent
    const another = await t.deps.db.selectFrom('talents').select('id').where('user_id', 'is', null).where('id', '<>', target.id).limit(1).executeTakeFirstOrThrow();
    const taken = await office.put(`/api/talent/talents/${another.id}/account`, { username: 'talent_new' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('TALENT_ACCOUNT_IN_USE');

    const unlinked = await office.delete(`/api/talent/talents/${target.id}/account`);
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json()).toMatchObject({ hasUser: false, account: null });
    expect((await person.get('/api/talent/talents')).json().items).toEqual([]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', target.id).where('action', 'like', 'talent.account.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['talent.account.link', 'talent.account.unlink']);
    expect(audit[0]!.after).toMatchObject({ username: 'talent_new' });
  });

  it('refuses an unknown user or one without the 人才 role (400 at username)', async () => {
    const target = await t.deps.db.selectFrom('talents').select('id').where('user_id', 'is', null).limit(1).executeTakeFirstOrThrow();
    const unknown = await office.put(`/api/talent/talents/${target.id}/account`, { username: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.username).toContain('不存在');
    const notTalent = await office.put(`/api/talent/talents/${target.id}/account`, { username: 'officer' });
    expect(notTalent.statusCode).toBe(400);
    expect(notTalent.json().error.fields.username).toContain('人才');
  });

  it('is the office\'s: 401 anonymous, 403 for HR and the talent, 404 outside the scope', async () => {
    const target = await t.deps.db.selectFrom('talents').select('id').limit(1).executeTakeFirstOrThrow();
    expect((await t.anonymous.put(`/api/talent/talents/${target.id}/account`, { username: 'talent_demo' })).statusCode).toBe(401);
    expect((await hr.put(`/api/talent/talents/${target.id}/account`, { username: 'talent_demo' })).statusCode).toBe(403);
    expect((await self.delete(`/api/talent/talents/${target.id}/account`)).statusCode).toBe(403);
    expect((await office.put(`/api/talent/talents/${ID}/account`, { username: 'talent_demo' })).statusCode).toBe(404);
  });
});
