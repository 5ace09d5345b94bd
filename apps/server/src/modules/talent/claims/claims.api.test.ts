import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { tinyPdf, tinyPng } from '../../../db/seed/sample-files';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';
import { makeIdNumber } from '../../../core/reference/domain/id-number';

let t: TestApp;
let office: Client;
let hr: Client; // ent_zsy: talent HR of 中双元
let otherHr: Client; // talent HR of another enterprise
let self: Client; // talent_demo, a talent of 中双元 with their own login
let zsyId: string;
let otherId: string;
let selfTalentId: string;

const ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  // a 1 MB limit, so that the size refusal needs no large upload
  t = await createTestApp({ config: { FILE_MAX_MB: '1' } });
  const ents = await t.deps.db.selectFrom('enterprises').select(['id', 'name']).orderBy('credit_code').execute();
  zsyId = ents.find((e) => e.name === DEMO_STORY_ENTERPRISE)!.id;
  otherId = ents.find((e) => e.id !== zsyId)!.id;
  const admin = await t.as('admin');
  expect((await admin.post('/api/users', {
    username: 'other_hr', displayName: '其他企业人事', password: 'OtherHr#2026', roles: ['enterprise_user', 'talent_hr'], enterpriseId: otherId,
  })).statusCode).toBe(201);
  [office, hr, self] = await Promise.all([t.as('talent_office'), t.as('ent_zsy'), t.as('talent_demo')]);
  otherHr = await t.as('other_hr', 'OtherHr#2026');
  selfTalentId = (await self.get('/api/talent/talents')).json().items[0].id;
});
afterAll(() => t.close());

/** A talent of 中双元 with no open claim, not talent_demo. */
async function freeTalent(skip: string[] = []) {
  const row = await t.deps.db
    .selectFrom('talents as t')
    .select(['t.id'])
    .where('t.enterprise_id', '=', zsyId)
    .where('t.id', 'not in', [selfTalentId, ...skip])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('talent_claims as c').select('c.id').whereRef('c.talent_id', '=', 't.id').where('c.status', 'in', ['submitted', 'more_info_requested', 'resubmitted']))))
    .orderBy('t.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return (await hr.get(`/api/talent/talents/${row.id}`)).json();
}

/** HR edits one fact of a talent's form (as the form sends it: the facts it shows, pending ones included). */
async function hrEdits(file: any, patch: Record<string, unknown>, client = hr) {
  const shown = { ...file.facts };
  for (const c of file.pendingClaim?.changes ?? []) shown[c.fact] = c.claimed;
  return client.put(`/api/talent/talents/${file.id}`, { name: file.name, status: file.status, facts: { ...shown, ...patch }, version: file.version });
}

describe('an enterprise\'s change of facts becomes a claim', () => {
  it('keeps the approved facts, opens one claim, amends it on the next edit and withdraws it when edited back', async () => {
    const file = await freeTalent();
    const title = file.facts.titleLevel === 'senior' ? 'intermediate' : 'senior';
    const res = await hrEdits(file, { titleLevel: title, keyProjects: 4 });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.facts).toEqual(file.facts); // the approved facts are unchanged
    expect(after.factsApplyDirectly).toBe(false);
    expect(after.version).toBe(file.version + 1);
    expect(after.pendingClaim).toMatchObject({ status: 'submitted', evidenceCount: 0 });
    expect(after.pendingClaim.changes.map((c: any) => c.fact).sort()).toEqual(['keyProjects', 'titleLevel']);
    expect(after.pendingClaim.changes.find((c: any) => c.fact === 'titleLevel')).toMatchObject({ before: file.facts.titleLevel ?? null, claimed: title });
    const claimId = after.pendingClaim.id;

    // a later edit amends the same claim
    const amended = (await hrEdits(after, { keyProjects: file.facts.keyProjects ?? null })).json();
    expect(amended.pendingClaim.id).toBe(claimId);
    expect(amended.pendingClaim.changes.map((c: any) => c.fact)).toEqual(['titleLevel']);
    // editing back to the approved facts withdraws it
    const back = (await hrEdits(amended, { titleLevel: file.facts.titleLevel ?? null })).json();
    expect(back.pendingClaim).toBeNull();
    expect((await hr.get(`/api/talent/claims/${claimId}`)).json()).toMatchObject({ status: 'withdrawn' });
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', claimId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['talent.claim.submit', 'talent.claim.amend', 'talent.claim.withdraw']);
    const events = (await hr.get(`/api/talent/claims/${claimId}`)).json().events.map((e: any) => e.action);
    expect(events).toEqual(['submit', 'amend', 'withdraw']);
  });

  it('writes name and phone at once, and a new talent\'s facts as a claim', async () => {
    const file = await freeTalent();
    const renamed = (await hr.put(`/api/talent/talents/${file.id}`, { name: '改名测试', status: file.status, facts: file.facts, version: file.version })).json();
    expect(renamed).toMatchObject({ name: '改名测试', pendingClaim: null });

    const created = await hr.post('/api/talent/talents', {
      idNumber: makeIdNumber('33011019900101771'), name: '新登记人才', phone: '', facts: { education: 'doctorate', inventionPatents: 2 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().facts).toEqual({});
    expect(created.json().pendingClaim.changes).toEqual([
      { fact: 'education', before: null, claimed: 'doctorate', evidenceCount: 0 },
      { fact: 'inventionPatents', before: null, claimed: 2, evidenceCount: 0 },
    ]);
  });

  it('lets the talent office edit facts directly, audited as its own edit', async () => {
    const file = (await office.get(`/api/talent/talents/${(await freeTalent()).id}`)).json();
    expect(file.factsApplyDirectly).toBe(true);
    const res = await office.put(`/api/talent/talents/${file.id}`, { name: file.name, status: file.status, facts: { ...file.facts, utilityPatents: 7 }, version: file.version });
    expect(res.json()).toMatchObject({ facts: { utilityPatents: 7 }, pendingClaim: null });
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', file.id).where('action', '=', 'talent.update').execute();
    expect(audit.at(-1)!.after).toMatchObject({ facts: { utilityPatents: 7 }, factsApplied: 'directly by the talent office' });
  });
});

describe('evidence files', () => {
  let claim: any;

  beforeAll(async () => {
    const file = await freeTalent();
    claim = (await hrEdits(file, { inventionPatents: (file.facts.inventionPatents ?? 0) + 3 })).json().pendingClaim;
  });

  it('stores a PNG and a PDF by their content, per fact, and shows them on the claim', async () => {
    const png = await hr.upload(`/api/talent/claims/${claim.id}/evidence?fact=inventionPatents`, '../../专利证书.png', tinyPng());
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({ name: '专利证书.png', mediaType: 'image/png', fact: 'inventionPatents' });
    // a real PDF named .jpg is stored as the PDF it is, named so
    const pdf = await hr.upload(`/api/talent/claims/${claim.id}/evidence`, '说明.jpg', tinyPdf('Patent list'));
    expect(pdf.json()).toMatchObject({ name: '说明.pdf', mediaType: 'application/pdf', fact: null });
    const detail = (await hr.get(`/api/talent/claims/${claim.id}`)).json();
    expect(detail.evidence).toHaveLength(2);
    expect(detail.evidenceCount).toBe(2);
    const stored = await t.deps.db.selectFrom('files').select(['sha256', 'size_bytes', 'owner_kind', 'owner_id']).where('id', '=', png.json().id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ owner_kind: 'talent.claim', owner_id: claim.id, size_bytes: tinyPng().length });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a program named .png, an empty file, a file over the limit and a fact not claimed, naming the file and the limit', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 0x90)]);
    const fake = await hr.upload(`/api/talent/claims/${claim.id}/evidence`, 'photo.png', exe);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(fake.json().error.message).toContain('photo.png');
    expect(fake.json().error.message).toContain('PDF、PNG、JPEG');
    const empty = await hr.upload(`/api/talent/claims/${claim.id}/evidence`, 'empty.pdf', Buffer.alloc(0));
    expect(empty.json().error).toMatchObject({ code: 'FILE_EMPTY' });
    const big = Buffer.concat([tinyPng(), Buffer.alloc(1024 * 1024)]);
    const tooBig = await hr.upload(`/api/talent/claims/${claim.id}/evidence`, 'scan.png', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('FILE_TOO_LARGE');
    expect(tooBig.json().error.message).toContain('scan.png');
    expect(tooBig.json().error.message).toContain('1 MB');
    const en = await t.app.inject({ method: 'POST', url: `/api/talent/claims/${claim.id}/evidence`, headers: { ...(hr as any).headers({ 'content-type': 'multipart/form-data; boundary=x', 'accept-language': 'en' }) }, payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nMZ\r\n--x--\r\n' });
    expect(en.json().error.message).toContain('“a.png” is not an allowed type');
    const wrongFact = await hr.upload(`/api/talent/claims/${claim.id}/evidence?fact=education`, 'x.png', tinyPng());
    expect(wrongFact.statusCode).toBe(400);
    expect(wrongFact.json().error.fields.fact).toContain('学历');
    expect(await t.deps.db.selectFrom('files').select('id').where('owner_id', '=', claim.id).execute()).toHaveLength(2);
  });

  it('downloads with the detected type, nosniff and as an attachment; audited; 404 for another enterprise, 403/401 without the permission', async () => {
    const ev = (await hr.get(`/api/talent/claims/${claim.id}`)).json().evidence.find((e: any) => e.mediaType === 'image/png');
    const url = `/api/talent/claims/${claim.id}/evidence/${ev.id}`;
    const res = await hr.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*\.png"; filename\*=UTF-8''%E4%B8%93/);
    expect(res.rawPayload.equals(tinyPng())).toBe(true);
    expect((await office.get(`${url}?inline=true`)).headers['content-disposition']).toMatch(/^inline;/);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_id', '=', ev.id).where('action', '=', 'file.download').execute();
    expect(audit).toHaveLength(2);

    expect((await otherHr.get(url)).statusCode).toBe(404);
    expect((await otherHr.get(`/api/talent/claims/${claim.id}`)).statusCode).toBe(404);
    expect((await otherHr.upload(`/api/talent/claims/${claim.id}/evidence`, 'x.png', tinyPng())).statusCode).toBe(404);
    expect((await hr.get(`/api/talent/claims/${claim.id}/evidence/${ID}`)).statusCode).toBe(404);
    expect((await self.get(url)).statusCode).toBe(403);
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/talent/claims')).statusCode).toBe(401);
    expect((await self.get('/api/talent/claims')).statusCode).toBe(403);
  });

  it('removes a file while the claim is open, with the enterprise\'s say', async () => {
    const up = (await hr.upload(`/api/talent/claims/${claim.id}/evidence`, 'wrong.png', tinyPng(4, 4))).json();
    expect((await office.delete(`/api/talent/claims/${claim.id}/evidence/${up.id}`)).statusCode).toBe(403);
    expect((await hr.delete(`/api/talent/claims/${claim.id}/evidence/${up.id}`)).statusCode).toBe(204);
    expect(await t.deps.db.selectFrom('file_contents').select('file_id').where('file_id', '=', up.id).execute()).toEqual([]);
  });
});

describe('review', () => {
  it('asks for more, takes the answer with a file, approves: facts written, timeline, audit and notifications', async () => {
    const file = await freeTalent();
    const claimed = (await hrEdits(file, { keyProjects: (file.facts.keyProjects ?? 0) + 2 })).json().pendingClaim;
    const c0 = (await office.get(`/api/talent/claims/${claimed.id}`)).json();
    expect(c0).toMatchObject({ status: 'submitted', canReview: true, canRespond: false });

    // refused: resubmit before anything was asked; HR reviewing; a stale version; no text
    expect((await hr.post(`/api/talent/claims/${c0.id}/resubmit`, { version: c0.version })).json().error.code).toBe('TALENT_CLAIM_STATE');
    expect((await hr.post(`/api/talent/claims/${c0.id}/approve`, { version: c0.version })).statusCode).toBe(403);
    expect((await office.post(`/api/talent/claims/${c0.id}/approve`, { version: c0.version + 1 })).json().error.code).toBe('CONFLICT');
    expect((await office.post(`/api/talent/claims/${c0.id}/request-info`, { version: c0.version, note: ' ' })).statusCode).toBe(400);
    expect((await office.post(`/api/talent/claims/${c0.id}/reject`, { version: c0.version, reason: '' })).statusCode).toBe(400);

    const asked = await office.post(`/api/talent/claims/${c0.id}/request-info`, { version: c0.version, note: '请上传重点项目立项文件' });
    expect(asked.json()).toMatchObject({ status: 'more_info_requested', reason: '请上传重点项目立项文件' });
    const hrNote = await t.deps.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.title', 'n.link']).where('u.username', '=', 'ent_zsy').where('n.link', '=', `/talent/claims/${c0.id}`).execute();
    expect(hrNote).toEqual([expect.objectContaining({ title: expect.stringContaining('需补充材料') })]);
    expect((await hr.get(`/api/talent/talents/${file.id}`)).json().pendingClaim).toMatchObject({ status: 'more_info_requested', reason: '请上传重点项目立项文件' });
    // waiting for the enterprise: the office cannot approve or ask again
    const refused = await office.post(`/api/talent/claims/${c0.id}/approve`, { version: asked.json().version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('待补充材料');

    expect((await hr.upload(`/api/talent/claims/${c0.id}/evidence?fact=keyProjects`, '立项文件.pdf', tinyPdf('Project approval'))).statusCode).toBe(201);
    const v = (await hr.get(`/api/talent/claims/${c0.id}`)).json().version;
    expect((await office.post(`/api/talent/claims/${c0.id}/resubmit`, { version: v })).statusCode).toBe(403);
    const re = await hr.post(`/api/talent/claims/${c0.id}/resubmit`, { version: v, note: '已上传立项文件' });
    expect(re.json()).toMatchObject({ status: 'resubmitted', reason: '' });

    const ok = await office.post(`/api/talent/claims/${c0.id}/approve`, { version: re.json().version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', canReview: false, canRespond: false });
    expect(ok.json().events.map((e: any) => e.action)).toEqual(['submit', 'request_info', 'evidence_add', 'resubmit', 'approve']);
    const after = (await hr.get(`/api/talent/talents/${file.id}`)).json();
    expect(after.facts.keyProjects).toBe((file.facts.keyProjects ?? 0) + 2);
    expect(after.pendingClaim).toBeNull();
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', file.id).where('action', '=', 'talent.facts.approve').execute();
    // this claim's approval (the demo may have approved an earlier claim of the same talent)
    expect(audit.filter((a) => (a.after as { claimId?: string } | null)?.claimId === c0.id))
      .toEqual([expect.objectContaining({ after: expect.objectContaining({ facts: { keyProjects: (file.facts.keyProjects ?? 0) + 2 }, claimId: c0.id }) })]);

    // closed: no second decision, no more files
    for (const [path, body] of [['approve', {}], ['reject', { reason: '重复' }], ['request-info', { note: '再补' }]] as const) {
      const r = await office.post(`/api/talent/claims/${c0.id}/${path}`, { version: ok.json().version, ...body });
      expect(r.statusCode, path).toBe(409);
      expect(r.json().error.code, path).toBe('TALENT_CLAIM_STATE');
    }
    expect((await hr.upload(`/api/talent/claims/${c0.id}/evidence`, 'late.png', tinyPng())).json().error.code).toBe('TALENT_CLAIM_STATE');
  });

  it('rejects with a reason, telling the enterprise and the talent', async () => {
    const file = (await hr.get(`/api/talent/talents/${selfTalentId}`)).json();
    const claim = (await hrEdits(file, { honours: [{ level: 'provincial', year: 2025 }] })).json().pendingClaim;
    const res = await office.post(`/api/talent/claims/${claim.id}/reject`, { version: claim.version, reason: '荣誉证书与姓名不符' });
    expect(res.json()).toMatchObject({ status: 'rejected', reason: '荣誉证书与姓名不符' });
    expect((await hr.get(`/api/talent/talents/${selfTalentId}`)).json().facts).toEqual(file.facts);
    const mine = await t.deps.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.title', 'n.body', 'n.link']).where('u.username', '=', 'talent_demo').execute();
    expect(mine).toContainEqual(expect.objectContaining({ title: expect.stringContaining('被驳回'), link: '/talent/me', body: expect.stringContaining('荣誉证书与姓名不符') }));
  });

  it('refuses to approve when a claimed fact changed since the claim was made, naming the fact', async () => {
    const file = await freeTalent();
    const title = file.facts.titleLevel === 'senior' ? 'junior' : 'senior';
    const claim = (await hrEdits(file, { titleLevel: title })).json().pendingClaim;
    const officeFile = (await office.get(`/api/talent/talents/${file.id}`)).json();
    // the office sets a third value: neither the one before nor the one claimed (the demo talent picked may hold either)
    const other = ['associate_senior', 'intermediate', 'junior', 'senior'].find((v) => v !== title && v !== file.facts.titleLevel)!;
    expect((await office.put(`/api/talent/talents/${file.id}`, { name: file.name, status: file.status, facts: { ...officeFile.facts, titleLevel: other }, version: officeFile.version })).statusCode).toBe(200);
    const detail = (await office.get(`/api/talent/claims/${claim.id}`)).json();
    expect(detail.changes).toEqual([expect.objectContaining({ fact: 'titleLevel', current: other, stale: true })]);
    const res = await office.post(`/api/talent/claims/${claim.id}/approve`, { version: detail.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'TALENT_CLAIM_STALE', fields: { 'changes.titleLevel': expect.any(String) } });
    expect(res.json().error.message).toContain('职称');
    expect((await office.get(`/api/talent/talents/${file.id}`)).json().facts.titleLevel).toBe(other);
  });
});

describe('only approved facts count toward points', () => {
  async function recompute() {
    const res = await office.post('/api/talent/scores/recompute', { kind: 'personal' });
    expect(res.statusCode).toBe(202);
    await t.deps.jobs.drain();
  }
  const total = async () => (await office.get(`/api/talent/scores/${selfTalentId}`)).json().total as number;

  it('recomputes with the approved facts: the claim adds points only once approved', async () => {
    const file = (await hr.get(`/api/talent/talents/${selfTalentId}`)).json();
    await recompute();
    const before = await total();
    const claim = (await hrEdits(file, { education: 'doctorate', inventionPatents: (file.facts.inventionPatents ?? 0) + 2 })).json().pendingClaim;
    await recompute();
    expect(await total()).toBe(before);
    expect((await office.post(`/api/talent/claims/${claim.id}/approve`, { version: claim.version })).statusCode).toBe(200);
    await recompute();
    expect(await total()).toBeGreaterThan(before);
  });
});

describe('the review queue', () => {
  it('lists oldest first with counts, filters by status, enterprise, fact and age, and keeps enterprises apart', async () => {
    const q = (await office.get('/api/talent/claims?status=open&pageSize=100')).json();
    expect(q.total).toBe(q.counts.open);
    expect(q.items.length).toBeGreaterThan(0);
    const waits = q.items.map((i: any) => new Date(i.waitingSince).getTime());
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    const byFact = (await office.get('/api/talent/claims?fact=titleLevel&pageSize=100')).json();
    expect(byFact.items.length).toBeGreaterThan(0);
    expect(byFact.items.every((i: any) => i.facts.includes('titleLevel'))).toBe(true);
    const old = (await office.get('/api/talent/claims?status=open&minAgeDays=3650')).json();
    expect(old.items.every((i: any) => Date.now() - new Date(i.waitingSince).getTime() >= 3650 * 86_400_000)).toBe(true);
    const zsy = (await office.get(`/api/talent/claims?enterprise=${zsyId}&pageSize=100`)).json();
    expect(zsy.items.every((i: any) => i.enterpriseId === zsyId)).toBe(true);
    const own = (await hr.get('/api/talent/claims?pageSize=100')).json();
    expect(own.items.every((i: any) => i.enterpriseId === zsyId)).toBe(true);
    const theirs = (await otherHr.get(`/api/talent/claims?enterprise=${zsyId}`)).json();
    expect(theirs.items.filter((i: any) => i.enterpriseId === zsyId)).toEqual([]);
    expect((await office.get('/api/talent/claims?status=bogus')).statusCode).toBe(400);
  });

  it('approves a selection, reporting each one that is refused', async () => {
    const a = (await hrEdits(await freeTalent(), { keyProjects: 9 })).json();
    const b = (await hrEdits(await freeTalent([a.id]), { keyProjects: 8 })).json();
    const rejected = (await office.get('/api/talent/claims?status=rejected')).json().items[0];
    const res = await office.post('/api/talent/claims/approve-batch', { ids: [a.pendingClaim.id, b.pendingClaim.id, rejected.id, ID] });
    expect(res.statusCode).toBe(200);
    expect(res.json().approved).toBe(2);
    expect(res.json().results.filter((r: any) => !r.ok).map((r: any) => r.code)).toEqual(['TALENT_CLAIM_STATE', 'TALENT_CLAIM_NOT_FOUND']);
    expect((await hr.get(`/api/talent/talents/${b.id}`)).json().facts.keyProjects).toBe(8);
    expect((await hr.post('/api/talent/claims/approve-batch', { ids: [a.pendingClaim.id] })).statusCode).toBe(403);
  });
});

describe('enterprise facts', () => {
  it('are claimed by the enterprise and written when the office approves', async () => {
    const before = (await hr.get(`/api/talent/enterprise-facts/${zsyId}?year=2026`)).json();
    const facts = { ...before.facts, trainingSpend: (Number(before.facts.trainingSpend) || 0) + 50 };
    const put = await hr.put(`/api/talent/enterprise-facts/${zsyId}`, { year: 2026, facts });
    expect(put.statusCode).toBe(200);
    expect(put.json().facts).toEqual(before.facts);
    expect(put.json().pendingClaim.changes).toEqual([expect.objectContaining({ fact: 'trainingSpend', claimed: facts.trainingSpend })]);
    const claim = (await office.get(`/api/talent/claims?subjectKind=enterprise&enterprise=${zsyId}&status=open`)).json().items[0];
    expect(claim).toMatchObject({ year: 2026, enterpriseName: DEMO_STORY_ENTERPRISE, talentId: null });
    expect((await office.post(`/api/talent/claims/${claim.id}/approve`, { version: claim.version })).statusCode).toBe(200);
    expect((await hr.get(`/api/talent/enterprise-facts/${zsyId}?year=2026`)).json()).toMatchObject({ facts: { trainingSpend: facts.trainingSpend }, pendingClaim: null });
  });
});
