import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { seededRandom, type Random } from '../../../db/seed/random';
import { mobilePhone, personName } from '../../../db/seed/enterprise-generator';
import { createWorkdayCalendar, PACKAGE_CALENDAR_DATA, CalendarNotCoveredError } from '../../../core/reference/domain/workday';
import {
  applyAction, applyEventsToHoldings, completedStepOutcome, openStepStatus, submitRequest, type StepHolding,
  type Actor, type Channel, type OpenStepState, type Pause, type RequestAction, type RequestEvent, type RequestSnapshot,
  type RequestStatus, type ReturnReason, type Satisfaction, type ServiceStep,
} from '../domain';
import { categoryTreeOf, categoryView, loadCategories } from '../settings/catalog';
import { suggestCategory } from '../settings/suggest-category';
import { SERVICE_LEVELS, serviceClock } from '../requests/service-levels';
import { answersFor, FOLLOW_UP_NOTES, requestText, RETURN_NOTES } from './texts';

/** About this many requests over the last DEMO_MONTHS months, up to the moment of seeding. */
export const DEMO_REQUEST_COUNT = 620;
const DEMO_DAYS = 182;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const TZ_MS = 8 * HOUR; // Asia/Shanghai, no summer time
const CHUNK = 1_000;

const STREETS = { liangzhu: '330110010', cangqian: '330110012', wuchang: '330110005' } as const;
/** The demo handling unit with its staff (unit_lz) and service agent (agent): the accounts in README. */
const DEMO_UNIT = '良渚街道办事处/经济发展科';

/**
 * One officer per handling unit the demo dispatches to; `unit_lz` and `agent` are the demo unit's.
 * 区经信局/企业服务科 acts through the core demo's `officer` (陈建国), who works there; no new
 * account is bound to the core's departments (their user counts are the core's).
 */
const UNIT_STAFF: { unit: string; username: string; name: string }[] = [
  { unit: DEMO_UNIT, username: 'unit_lz', name: '良渚经发科 王磊' },
  { unit: '良渚街道办事处/规划建设科', username: 'unit_lz_plan', name: '良渚规建科 赵明' },
  { unit: '仓前街道办事处/经济发展科', username: 'unit_cq', name: '仓前经发科 钱芳' },
  { unit: '五常街道办事处/经济发展科', username: 'unit_wc', name: '五常经发科 孙涛' },
  { unit: '余杭区经济和信息化局/工业发展科', username: 'unit_jxj_industry', name: '区经信局工业科 周强' },
  { unit: '余杭区市场监督管理局/登记注册科', username: 'unit_scjg', name: '区市场监管局登记科 吴静' },
  { unit: '余杭区人力资源和社会保障局/人才开发科', username: 'unit_rsj', name: '区人社局人才科 郑伟' },
  { unit: '余杭区科学技术局/成果转化科', username: 'unit_kjj', name: '区科技局成果科 冯洁' },
];

/** Which unit leads a category's requests: a district bureau, or the enterprise's own street. */
function leadUnitFor(categoryId: string, street: string): string {
  const own = street === STREETS.cangqian ? '仓前街道办事处/经济发展科' : street === STREETS.wuchang ? '五常街道办事处/经济发展科' : DEMO_UNIT;
  switch (categoryId) {
    case 'policy': return '余杭区经济和信息化局/企业服务科';
    case 'finance': return '余杭区经济和信息化局/企业服务科';
    case 'factors.power': return '余杭区经济和信息化局/工业发展科';
    case 'factors.land':
    case 'factors.water': return street === STREETS.liangzhu ? '良渚街道办事处/规划建设科' : own;
    case 'talent': return '余杭区人力资源和社会保障局/人才开发科';
    case 'approval': return '余杭区市场监督管理局/登记注册科';
    default: return own; // testing, dispute, other: the street first
  }
}
const ASSISTING: Record<string, string> = {
  testing: '余杭区科学技术局/成果转化科',
  'factors.power': DEMO_UNIT,
  talent: '余杭区经济和信息化局/企业服务科',
};

/**
 * How each handling unit works in the demo, so the 三率看板 has differences to show: how often it
 * is slow to sign, answer and resolve (times the age factor: older months were slower, before the
 * 当天回应 push), how the enterprises answer the follow-up, and how often the problem is solved
 * (an enterprise can be satisfied with a clear "no", e.g. a policy it does not qualify for).
 */
interface UnitProfile { slow: number; satisfaction: [Satisfaction, number][]; solved: number }
const PROFILE: Record<string, UnitProfile> = {
  [DEMO_UNIT]: { slow: 0.03, satisfaction: [['satisfied', 84], ['basically_satisfied', 13], ['dissatisfied', 3]], solved: 0.93 },
  '良渚街道办事处/规划建设科': { slow: 0.3, satisfaction: [['satisfied', 50], ['basically_satisfied', 25], ['dissatisfied', 25]], solved: 0.7 },
  '仓前街道办事处/经济发展科': { slow: 0.08, satisfaction: [['satisfied', 72], ['basically_satisfied', 20], ['dissatisfied', 8]], solved: 0.86 },
  '五常街道办事处/经济发展科': { slow: 0.12, satisfaction: [['satisfied', 62], ['basically_satisfied', 25], ['dissatisfied', 13]], solved: 0.8 },
  '余杭区经济和信息化局/企业服务科': { slow: 0.05, satisfaction: [['satisfied', 78], ['basically_satisfied', 17], ['dissatisfied', 5]], solved: 0.9 },
  '余杭区经济和信息化局/工业发展科': { slow: 0.25, satisfaction: [['satisfied', 54], ['basically_satisfied', 24], ['dissatisfied', 22]], solved: 0.72 },
  '余杭区市场监督管理局/登记注册科': { slow: 0.03, satisfaction: [['satisfied', 86], ['basically_satisfied', 11], ['dissatisfied', 3]], solved: 0.95 },
  '余杭区人力资源和社会保障局/人才开发科': { slow: 0.1, satisfaction: [['satisfied', 60], ['basically_satisfied', 30], ['dissatisfied', 10]], solved: 0.68 },
  '余杭区科学技术局/成果转化科': { slow: 0.06, satisfaction: [['satisfied', 75], ['basically_satisfied', 18], ['dissatisfied', 7]], solved: 0.85 },
};
const AVERAGE: UnitProfile = { slow: 0.1, satisfaction: [['satisfied', 70], ['basically_satisfied', 20], ['dissatisfied', 10]], solved: 0.85 };

const CATEGORY_WEIGHTS: [string, number][] = [
  ['policy', 20], ['factors.power', 9], ['factors.land', 6], ['factors.water', 4], ['talent', 15],
  ['finance', 11], ['testing', 9], ['approval', 14], ['dispute', 6], ['other', 6],
];
const CHANNEL_WEIGHTS: [Channel, number][] = [['hotline', 45], ['web', 25], ['visit', 15], ['app', 10], ['letter', 5]];
const RETURN_REASONS_USED: ReturnReason[] = ['not_our_remit', 'wrong_area', 'unclear_ownership', 'shared_remit'];

function weighted<T>(rng: Random, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

function uuid(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A moment `minutes` later, moved into office hours (08:30–17:30) when it falls outside; on a
 * weekday only, unless `weekends` (the office and the units keep a duty roster for 当天受理、交办、回应).
 */
function officeTime(rng: Random, from: number, minMinutes: number, maxMinutes: number, weekends = false): number {
  let t = from + rng.int(minMinutes, maxMinutes) * MINUTE;
  for (let guard = 0; guard < 10; guard++) {
    const local = new Date(t + TZ_MS);
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    const weekday = weekends || (local.getUTCDay() !== 0 && local.getUTCDay() !== 6);
    if (weekday && minutes >= 510 && minutes < 1050) return t;
    const startOfDay = t - (minutes * MINUTE + local.getUTCSeconds() * 1000 + local.getUTCMilliseconds());
    t = (minutes >= 510 && weekday ? startOfDay + DAY : minutes < 510 ? startOfDay : startOfDay + DAY) + 510 * MINUTE + rng.int(0, 50) * MINUTE;
  }
  return t;
}

/** When a call or web request comes in: mostly office hours, the hotline also evenings and weekends. */
function submissionTime(rng: Random, dayStart: number, channel: Channel): number {
  const evening = (channel === 'hotline' || channel === 'web' || channel === 'app') && rng.chance(0.15);
  const minute = evening ? rng.int(18 * 60, 22 * 60) : rng.int(8 * 60 + 30, 17 * 60 + 20);
  return dayStart + minute * MINUTE;
}

interface StepSim extends StepHolding { dueAt: Date | null; warnAt: Date | null; met: boolean | null; warnedAt: Date | null; overdueAt: Date | null }
interface PauseSim { from: Date; to: Date | null; reason: string }
interface Planned { at: number; actor: Actor; actorName: string; action: RequestAction | ((sims: Map<string, Sim>) => RequestAction) }
interface Sim {
  id: string;
  snapshot: RequestSnapshot;
  category: string;
  channel: Channel;
  title: string;
  description: string;
  suggested: string | null;
  enterpriseId: string | null;
  organizationName: string;
  contactName: string;
  contactPhone: string;
  divisionCode: string;
  parkId: string | null;
  location: string;
  submittedAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  version: number;
  resolvedAt: Date | null;
  closedAt: Date | null;
  plan: Planned[];
  stopped: boolean;
  steps: StepSim[];
  pauses: PauseSim[];
  history: { at: number; status: RequestStatus }[];
}
interface EventRow { seq: number; request_id: string; type: string; at: Date; actor_role: string; actor_id: string | null; actor_name: string; unit_id: string | null; payload: string }

/**
 * The demo county's 亲企办 requests: ~600 over the last six months up to the moment of seeding, in
 * every state, across categories, streets, channels and units. Each request's life is a plan of
 * actions at simulated times, run through the lifecycle's own applyAction in time order over all
 * requests (so merges see their primary as it was); the steps' deadlines and outcomes come from
 * the service-level engine as the store computes them, and what the escalation sweep would have
 * recorded (overdue marks, 督办) is added. Deterministic for a given day: the same requests,
 * texts and fates, placed relative to `now`. Batched inserts, in the demo seed's transaction.
 */
export async function seedDemoService(tx: Transaction<DB>, demo: { passwordHash: string }, now: Date = new Date()): Promise<Record<string, number>> {
  const rng = seededRandom(20260501);
  const nowMs = now.getTime();
  const clock = serviceClock(createWorkdayCalendar(PACKAGE_CALENDAR_DATA));
  const categories = await loadCategories(tx);
  const tree = categoryTreeOf(categories);
  const views = categories.map(categoryView);

  // --- accounts -------------------------------------------------------------------------------
  const departments = await tx.selectFrom('departments as d').leftJoin('departments as p', 'p.id', 'd.parent_id')
    .select(['d.id', 'd.name', 'p.name as parent']).execute();
  const unitId = new Map(departments.map((d) => [d.parent ? `${d.parent}/${d.name}` : d.name, d.id]));
  const accounts = [
    { username: 'hotline', display_name: '热线接线员 张丽', role: 'service_operator', department: null as string | null },
    { username: 'dispatcher', display_name: '亲企办调度员 何军', role: 'service_dispatcher', department: null },
    { username: 'service_leader', display_name: '亲企办 王主任', role: 'service_leader', department: null },
    { username: 'agent', display_name: '助企服务员 沈佳', role: 'service_agent', department: DEMO_UNIT },
    ...UNIT_STAFF.map((s) => ({ username: s.username, display_name: s.name, role: 'service_unit', department: s.unit })),
  ];
  const users = await tx.insertInto('users').values(accounts.map((a) => ({
    username: a.username, display_name: a.display_name, password_hash: demo.passwordHash, phone: mobilePhone(rng),
    department_id: a.department ? unitId.get(a.department) ?? null : null,
  }))).returning(['id', 'username']).execute();
  const userId = new Map(users.map((u) => [u.username, u.id]));
  await tx.insertInto('user_roles').values(accounts.map((a) => ({ user_id: userId.get(a.username)!, role_code: a.role }))).execute();
  const entUser = await tx.selectFrom('users').select(['id', 'enterprise_id', 'display_name']).where('username', '=', 'ent_zsy').executeTakeFirst();

  const names = new Map(accounts.map((a) => [userId.get(a.username)!, a.display_name]));
  const coreOfficer = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'officer').executeTakeFirstOrThrow();
  names.set(coreOfficer.id, coreOfficer.display_name);
  const operator: Actor = { role: 'office_operator', id: userId.get('hotline')! };
  const dispatcher: Actor = { role: 'office_dispatcher', id: userId.get('dispatcher')! };
  const staffOf = new Map(UNIT_STAFF.map((s) => [unitId.get(s.unit)!, userId.get(s.username)!]));
  staffOf.set(unitId.get('余杭区经济和信息化局/企业服务科')!, coreOfficer.id);
  const unitActor = (unit: string): Actor => ({ role: 'handling_unit', id: staffOf.get(unit)!, unitId: unit });
  const agentActor: Actor = { role: 'service_agent', id: userId.get('agent')!, unitId: unitId.get(DEMO_UNIT)! };
  const nameOf = (a: Actor) => names.get(a.id) ?? '';

  // --- the requests and their plans ------------------------------------------------------------
  const enterprises = await tx.selectFrom('enterprises').select(['id', 'name', 'division_code', 'park_id', 'address'])
    .where('status', '=', 'active').orderBy('credit_code').execute();
  const story = enterprises.find((e) => e.name === '中双元（杭州）科技有限公司');
  const contacts = await tx.selectFrom('enterprise_contacts').select(['enterprise_id', 'name', 'phone']).where('is_primary', '=', true).execute();
  const contactOf = new Map(contacts.map((c) => [c.enterprise_id, c]));

  const todayStart = Math.floor((nowMs + TZ_MS) / DAY) * DAY - TZ_MS;
  const sims = new Map<string, Sim>();
  const order: Sim[] = [];
  let refused = 0;

  const newSim = (dayOffset: number, over: Partial<{ enterprise: (typeof enterprises)[number] | null; category: string; channel: Channel; at: number }> = {}): Sim => {
    const category = over.category ?? weighted(rng, CATEGORY_WEIGHTS);
    const ent = over.enterprise !== undefined ? over.enterprise : rng.chance(0.05) ? null : rng.pick(enterprises);
    const picked = over.channel ?? weighted(rng, CHANNEL_WEIGHTS);
    const channel: Channel = !ent && (picked === 'web' || picked === 'app') ? 'hotline' : picked;
    const text = requestText(rng, category);
    const id = uuid(rng);
    let submitted = over.at ?? submissionTime(rng, todayStart - dayOffset * DAY, channel);
    if (submitted > nowMs) submitted = nowMs - rng.int(5, 120) * MINUTE;
    const street = ent ? ent.division_code.slice(0, 9) : rng.pick(Object.values(STREETS));
    const contact = ent ? contactOf.get(ent.id) : undefined;
    const isOwnWeb = ent && entUser && ent.id === entUser.enterprise_id && channel === 'web';
    const sim: Sim = {
      id, category, channel, title: text.title, description: text.description,
      suggested: suggestCategory(views, `${text.title}\n${text.description}`)?.categoryId ?? null,
      enterpriseId: ent?.id ?? null,
      organizationName: ent ? '' : `${rng.pick(['良渚', '仓前', '五常'])}${rng.pick(['鑫达', '恒远', '佳美', '永盛', '华通'])}${rng.pick(['五金加工厂', '商贸行', '餐饮店', '汽修厂'])}`,
      contactName: contact?.name ?? personName(rng),
      contactPhone: contact?.phone ?? mobilePhone(rng),
      divisionCode: street, parkId: ent?.park_id ?? null, location: ent?.address ?? '',
      submittedAt: new Date(submitted),
      createdBy: channel === 'web' || channel === 'app' ? (isOwnWeb ? entUser!.id : null) : operator.id,
      updatedAt: new Date(submitted), version: 1, resolvedAt: null, closedAt: null,
      snapshot: null as unknown as RequestSnapshot, plan: [], stopped: false, steps: [], pauses: [], history: [],
    };
    const submitter: Actor = channel === 'web' || channel === 'app'
      ? { role: 'enterprise', id: isOwnWeb ? entUser!.id : 'enterprise', enterpriseId: ent?.id }
      : operator;
    const s = submitRequest({ id, enterpriseId: ent?.id ?? '', channel, categoryId: null }, submitter, sim.submittedAt);
    if (!s.ok) throw new Error(`demo service seed: ${s.code}`);
    sim.snapshot = s.next;
    sim.history.push({ at: submitted, status: 'submitted' });
    record(sim, s.events, isOwnWeb ? entUser!.display_name : submitter.role === 'enterprise' ? sim.contactName : nameOf(operator), submitter);
    sims.set(id, sim);
    order.push(sim);
    return sim;
  };

  const events: EventRow[] = [];
  let seq = 0;
  function record(sim: Sim, evs: readonly RequestEvent[], actorName: string, actor: Actor) {
    for (const e of evs) {
      const { at, actor: a, requestId, type, ...payload } = e;
      events.push({
        seq: seq++, request_id: requestId, type, at, actor_role: a.role,
        actor_id: a.role === 'system' || !names.has(a.id) && !(entUser && a.id === entUser.id) ? null : a.id,
        actor_name: actorName, unit_id: a.unitId ?? null, payload: JSON.stringify(payload),
      });
    }
    applySteps(sims.get(evs[0]?.requestId ?? '') ?? sim, evs);
  }

  function applySteps(sim: Sim, evs: readonly RequestEvent[]) {
    const path = tree.pathOf(sim.snapshot.categoryId ?? '');
    const changes = applyEventsToHoldings(sim.steps, evs, sim.snapshot.reopenCount, (h) => ({ ...h, dueAt: null, warnAt: null, met: null, warnedAt: null, overdueAt: null }));
    for (const e of evs) {
      if (e.type === 'paused') sim.pauses.push({ from: e.at, to: null, reason: e.reason });
      if (e.type === 'resumed' || e.type === 'merged_into') for (const p of sim.pauses) if (!p.to) p.to = e.at;
    }
    const pauses: Pause[] = sim.pauses.map((p) => ({ from: p.from, to: p.to }));
    for (const s of changes.completed) {
      const outcome = guard(() => completedStepOutcome(clock, SERVICE_LEVELS.ruleFor(path, s.step), { start: s.startedAt, pauses, completedAt: s.completedAt! }));
      s.dueAt = outcome?.dueAt ?? null;
      s.met = outcome ? outcome.met : null;
    }
    for (const s of changes.returned) {
      const due = openStepStatus(clock, SERVICE_LEVELS.ruleFor(path, s.step), { start: s.startedAt, pauses }, s.cancelledAt!).dueMs;
      s.dueAt = due === null ? null : new Date(due);
      s.met = due !== null && s.cancelledAt!.getTime() > due ? false : null;
    }
  }

  /** The plan of a request's life after submission; times are cut at `now` when it is run. */
  function plan(sim: Sim, fate: Fate) {
    const p = sim.plan;
    let t = sim.submittedAt.getTime();
    const at = (min: number, max: number, duty = true) => (t = officeTime(rng, t, min, max, duty));
    const lateOften = fate.slow;
    at(lateOften ? 600 : 5, lateOften ? 2_000 : 150);
    p.push({ at: t, actor: rng.chance(0.5) ? operator : dispatcher, actorName: '', action: { type: 'accept', categoryId: sim.category } });
    if (fate.stop === 'accepted') return;
    if (fate.merge) {
      const primaryId = fate.merge;
      p.push({ at: at(10, 60), actor: dispatcher, actorName: '', action: (all) => ({ type: 'merge', primary: all.get(primaryId)!.snapshot }) });
      return;
    }
    const street = sim.divisionCode;
    const rightName = leadUnitFor(sim.category, street);
    const right = unitId.get(rightName)!;
    const profile = PROFILE[rightName] ?? AVERAGE;
    // Older months were slower: the 当天回应 push shows month by month.
    const ageFactor = 0.4 + (1.2 * (nowMs - sim.submittedAt.getTime())) / (DEMO_DAYS * DAY);
    const unitSlow = fate.slow || rng.chance(Math.min(0.9, profile.slow * ageFactor));
    const assist = ASSISTING[sim.category] && rng.chance(0.35) ? unitId.get(ASSISTING[sim.category]!)! : null;
    const assisting = assist && assist !== right ? [assist] : [];
    const wrongName = rng.pick(UNIT_STAFF.map((s) => s.unit).filter((u) => unitId.get(u) !== right));
    const first = fate.returned ? unitId.get(wrongName)! : right;
    const demoUnit = unitId.get(DEMO_UNIT)!;
    const dispatch = (unit: string): RequestAction => ({
      type: 'dispatch',
      units: [{ unitId: unit, role: 'lead' }, ...(unit === right ? assisting.map((u) => ({ unitId: u, role: 'assisting' as const })) : [])],
      agentId: unit === demoUnit && rng.chance(0.3) ? agentActor.id : null,
    });
    p.push({ at: at(lateOften ? 300 : 10, lateOften ? 1_500 : 180), actor: dispatcher, actorName: '', action: dispatch(first) });
    if (fate.stop === 'dispatched') return;
    if (fate.returned) {
      const reason = rng.pick(RETURN_REASONS_USED);
      // A slow unit sits on a request that is not its own before returning it: past the 当天回应 deadline.
      const lateReturn = rng.chance(Math.min(0.9, 2 * (PROFILE[wrongName] ?? AVERAGE).slow));
      p.push({ at: lateReturn ? at(1_000, 2_500) : at(30, 300), actor: unitActor(first), actorName: '', action: { type: 'return', reason, note: RETURN_NOTES[reason]! } });
      if (fate.stop === 'returned') return;
      p.push({ at: at(20, 240), actor: dispatcher, actorName: '', action: dispatch(right) });
    }
    const signer = right === demoUnit && rng.chance(0.5) ? agentActor : unitActor(right);
    p.push({ at: at(unitSlow ? 600 : 5, unitSlow ? 3_000 : 60), actor: signer, actorName: '', action: { type: 'sign' } });
    if (fate.stop === 'signed') return;
    const answers = answersFor(sim.category);
    if (fate.wait) {
      p.push({ at: at(60, 600), actor: signer, actorName: '', action: { type: 'wait_for_enterprise', reason: '请企业补充相关材料' } });
      if (fate.stop === 'waiting_for_enterprise') return;
      const resumer: Actor = rng.chance(0.5) ? signer : dispatcher;
      p.push({ at: at(600, 4_000), actor: resumer, actorName: '', action: { type: 'resume', note: '企业已补充材料' } });
    }
    // A consultation is often answered and resolved at once (resolving records the response too);
    // otherwise the unit responds (当天回应) and resolves days later.
    const atOnce = !unitSlow && fate.stop !== 'responded' && rng.chance(0.25);
    if (!atOnce) {
      p.push({ at: at(unitSlow ? 600 : 5, unitSlow ? 2_500 : 90), actor: signer, actorName: '', action: { type: 'respond', content: answers.respond } });
      if (fate.stop === 'responded') return;
    }
    p.push({ at: atOnce ? at(20, 200) : at(unitSlow ? 4_000 : 600, unitSlow ? 12_000 : 7_000, false), actor: signer, actorName: '', action: { type: 'resolve', summary: answers.resolve } });
    if (fate.stop === 'resolved') return;
    if (fate.closeWithoutFollowUp) {
      p.push({ at: at(4_000, 6_000, false), actor: dispatcher, actorName: '', action: { type: 'close', note: '多次联系企业未果，按规定关闭' } });
      return;
    }
    const followUp = (satisfaction: Satisfaction) => p.push({
      at: at(200, 3_000, false), actor: operator, actorName: '',
      action: { type: 'follow_up', satisfaction, solved: satisfaction !== 'dissatisfied' && rng.chance(profile.solved), note: FOLLOW_UP_NOTES[satisfaction] },
    });
    const answer = fate.satisfaction ?? weighted(rng, profile.satisfaction);
    followUp(answer);
    if (answer === 'dissatisfied') {
      // Reopened (重办): the same unit again; the second answer stands whatever it is (the reopen limit is 1).
      p.push({ at: at(30, 240), actor: dispatcher, actorName: '', action: dispatch(right) });
      p.push({ at: at(30, 400), actor: unitActor(right), actorName: '', action: { type: 'sign' } });
      p.push({ at: at(1_000, 5_000, false), actor: unitActor(right), actorName: '', action: { type: 'resolve', summary: `重办：${answers.resolve}` } });
      followUp(weighted<Satisfaction>(rng, profile.satisfaction.map(([k, w]) => [k, k === 'dissatisfied' ? w * 2.5 : w])));
    }
    if (fate.stop === 'followed_up') return;
    p.push({ at: at(10, 1_500, false), actor: rng.chance(0.6) ? operator : dispatcher, actorName: '', action: { type: 'close' } });
  }

  interface Fate {
    stop: RequestStatus | null;
    slow: boolean;
    returned: boolean;
    wait: boolean;
    /** The first follow-up's answer, or null: as the unit's profile makes it likely. */
    satisfaction: Satisfaction | null;
    closeWithoutFollowUp: boolean;
    merge: string | null;
  }
  const fateFor = (ageDays: number, merge: string | null = null): Fate => {
    const stuck = ageDays > 2 && rng.chance(ageDays > 30 ? 0.02 : 0.22);
    const waitingForOffice = !stuck && ageDays >= 1 && ageDays <= 6 && rng.chance(0.08);
    const stop: RequestStatus | null = waitingForOffice ? 'accepted' : stuck
      ? weighted<RequestStatus>(rng, [['accepted', 2], ['dispatched', 3], ['signed', 3], ['returned', 3], ['responded', 3], ['waiting_for_enterprise', 2], ['resolved', 4], ['followed_up', 2]])
      : null;
    return {
      stop,
      slow: stuck || rng.chance(0.04),
      returned: stop === 'returned' || rng.chance(0.09),
      wait: stop === 'waiting_for_enterprise' || rng.chance(0.05),
      satisfaction: rng.chance(0.03) ? 'dissatisfied' : null, // null: the unit's profile decides
      closeWithoutFollowUp: !stop && rng.chance(0.02),
      merge,
    };
  };

  // Requests per day grow a little towards today.
  for (let day = DEMO_DAYS; day >= 0; day--) {
    const expected = (DEMO_REQUEST_COUNT / DEMO_DAYS) * (0.75 + 0.5 * (1 - day / DEMO_DAYS));
    const weekend = new Date(todayStart - day * DAY + TZ_MS).getUTCDay() % 6 === 0;
    const n = Math.max(0, Math.round(expected * (weekend ? 0.35 : 1.15) * (0.6 + rng.next() * 0.8)));
    for (let i = 0; i < n; i++) {
      const sim = newSim(day);
      plan(sim, fateFor(day));
      // Now and then a second enterprise of the same street calls about the same thing: a duplicate, merged.
      if (sim.enterpriseId && rng.chance(0.035)) {
        const neighbour = enterprises.find((e) => e.division_code.startsWith(sim.divisionCode) && e.id !== sim.enterpriseId && rng.chance(0.2));
        if (neighbour) {
          const dup = newSim(day, { enterprise: neighbour, category: sim.category, channel: 'hotline' });
          dup.title = sim.title;
          dup.description = sim.description;
          dup.submittedAt = new Date(Math.min(nowMs - MINUTE, sim.submittedAt.getTime() + rng.int(20, 90) * MINUTE));
          dup.history[0]!.at = dup.submittedAt.getTime();
          for (const e of events) if (e.request_id === dup.id) e.at = dup.submittedAt;
          dup.steps[0]!.startedAt = dup.submittedAt;
          dup.updatedAt = dup.submittedAt;
          plan(dup, fateFor(day, sim.id));
        }
      }
    }
  }

  // The Liangzhu story: 中双元 needed a third-party test for a new instrument; the 亲企办 found the
  // lab less than a kilometre away. Closed, satisfied, a month ago; and one request of 中双元 open now.
  if (story) {
    const s = newSim(32, { enterprise: story, category: 'testing', channel: 'hotline' });
    s.title = '新产品需要第三方检测，急需就近检测机构';
    s.description = '公司新研发的实验室教学仪器要参加投标，需要第三方检测报告，时间很紧，希望亲企办帮忙找附近有资质的检测机构。';
    plan(s, { stop: null, slow: false, returned: false, wait: false, satisfaction: 'satisfied', closeWithoutFollowUp: false, merge: null });
    const open = newSim(1, { enterprise: story, category: 'factors.power', channel: 'web' });
    plan(open, { stop: 'signed', slow: false, returned: false, wait: false, satisfaction: 'satisfied', closeWithoutFollowUp: false, merge: null });
  }

  // Every status of the lifecycle on any day, at any hour of seeding: the fates above leave a
  // request waiting in a state only by chance, and one waits to be accepted (待受理) only when it
  // came in shortly before the seeding hour (none at 15:00 on a quiet afternoon). So one request
  // per waiting state, old enough for every planned step to have happened even when the unit is
  // slow and weekends intervene; a call that came in minutes ago; and a duplicate merged into an
  // open request. Drawn after everything else, so the rest of the demo stays as it was.
  const stays = (stop: RequestStatus, ageDays: number) => {
    const sim = newSim(ageDays);
    plan(sim, { stop, slow: false, returned: stop === 'returned', wait: stop === 'waiting_for_enterprise', satisfaction: 'satisfied', closeWithoutFollowUp: false, merge: null });
    return sim;
  };
  for (const [stop, ageDays] of [['accepted', 3], ['dispatched', 3], ['returned', 6], ['signed', 6], ['responded', 9], ['waiting_for_enterprise', 8], ['resolved', 25], ['followed_up', 28]] as const) stays(stop, ageDays);
  newSim(0, { at: nowMs - rng.int(5, 30) * MINUTE }); // submitted: no plan, it waits for the office
  const primary = stays('signed', 2);
  const duplicate = newSim(2, { category: primary.category, channel: 'hotline', at: primary.submittedAt.getTime() + rng.int(20, 90) * MINUTE });
  duplicate.title = primary.title;
  duplicate.description = primary.description;
  plan(duplicate, { stop: null, slow: false, returned: false, wait: false, satisfaction: null, closeWithoutFollowUp: false, merge: primary.id });

  // --- run every plan in time order ------------------------------------------------------------
  const queue = order.flatMap((sim) => sim.plan.filter((p) => p.at <= nowMs && p.at > sim.submittedAt.getTime()).map((p, i) => ({ sim, p, i })));
  queue.sort((a, b) => a.p.at - b.p.at || a.i - b.i);
  for (const { sim, p } of queue) {
    if (sim.stopped) continue;
    const at = new Date(p.at);
    const action = typeof p.action === 'function' ? p.action(sims) : p.action;
    const result = applyAction(sim.snapshot, action, p.actor, at);
    if (!result.ok) {
      sim.stopped = true; // e.g. a merge whose primary was answered meanwhile: the duplicate stays as it is
      refused++;
      continue;
    }
    for (const applied of [result, ...(result.related ? [result.related] : [])]) {
      const target = sims.get(applied.next.id)!;
      target.snapshot = applied.next;
      target.version++;
      target.updatedAt = at;
      target.history.push({ at: p.at, status: applied.next.status });
      const resolved = applied.events.find((e) => e.type === 'resolved');
      if (resolved) target.resolvedAt = resolved.at;
      const closed = applied.events.find((e) => e.type === 'closed' || e.type === 'merged_into');
      if (closed) target.closedAt = closed.at;
      record(target, applied.events, nameOf(p.actor), p.actor);
    }
  }

  // --- open steps now, and what the escalation sweep would have recorded ----------------------
  const WITH_UNIT = new Set<RequestStatus>(['dispatched', 'signed', 'responded']);
  const STEP_NAMES: Record<ServiceStep, string> = { accept: '受理', dispatch: '交办', respond: '回应', resolve: '办结', follow_up: '回访' };
  const statusAt = (sim: Sim, t: number) => sim.history.filter((h) => h.at <= t).at(-1)!.status;
  for (const sim of order) {
    const path = tree.pathOf(sim.snapshot.categoryId ?? '');
    const pauses: Pause[] = sim.pauses.map((p) => ({ from: p.from, to: p.to }));
    for (const s of sim.steps) {
      let state: OpenStepState | null = null;
      if (!s.completedAt && !s.cancelledAt) {
        const st = openStepStatus(clock, SERVICE_LEVELS.ruleFor(path, s.step), { start: s.startedAt, pauses }, now);
        s.dueAt = st.dueMs === null ? null : new Date(st.dueMs);
        s.warnAt = st.warnMs === null ? null : new Date(st.warnMs);
        state = st.state;
      }
      const end = (s.completedAt ?? s.cancelledAt ?? now).getTime();
      if (s.dueAt && s.dueAt.getTime() + 30_000 < end && (s.completedAt ? s.met === false : state === 'overdue')) {
        const at = new Date(s.dueAt.getTime() + 30_000);
        s.overdueAt = at;
        s.warnedAt = s.warnAt && s.warnAt < at ? s.warnAt : at;
        const payload = JSON.stringify({ step: s.step, round: s.round, dueAt: s.dueAt.toISOString() });
        events.push({ seq: seq++, request_id: sim.id, type: 'step_overdue', at, actor_role: 'system', actor_id: null, actor_name: '系统', unit_id: null, payload });
        if (WITH_UNIT.has(statusAt(sim, at.getTime()))) {
          events.push({ seq: seq++, request_id: sim.id, type: 'supervised', at, actor_role: 'system', actor_id: null, actor_name: '系统', unit_id: null, payload: JSON.stringify({ note: `${STEP_NAMES[s.step]}超时督办` }) });
        }
      } else if (state === 'warning' && s.warnAt) {
        s.warnedAt = new Date(s.warnAt.getTime() + 30_000);
        events.push({ seq: seq++, request_id: sim.id, type: 'step_warning', at: s.warnedAt, actor_role: 'system', actor_id: null, actor_name: '系统', unit_id: null, payload: JSON.stringify({ step: s.step, round: s.round, dueAt: s.dueAt!.toISOString() }) });
      }
    }
  }

  // --- write, in batches -----------------------------------------------------------------------
  order.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const requestRows = order.map((s) => ({
    id: s.id, status: s.snapshot.status, status_before_wait: s.snapshot.statusBeforeWait, channel: s.channel,
    category_id: s.snapshot.categoryId, suggested_category_id: s.suggested, title: s.title, description: s.description,
    enterprise_id: s.enterpriseId, enterprise_ids: [...s.snapshot.enterpriseIds].filter(Boolean), organization_name: s.organizationName,
    contact_name: s.contactName, contact_phone: s.contactPhone, division_code: s.divisionCode, park_id: s.parkId, location: s.location,
    lead_unit_id: s.snapshot.assignment?.leadUnitId ?? null, agent_id: s.snapshot.assignment?.agentId ?? null,
    return_count: s.snapshot.returnCount, reopen_count: s.snapshot.reopenCount, dispatch_count: s.snapshot.dispatchCount,
    merged_into_id: s.snapshot.mergedIntoId, submitted_at: s.submittedAt, resolved_at: s.resolvedAt, closed_at: s.closedAt,
    created_by: s.createdBy, updated_at: s.updatedAt, version: s.version,
  }));
  for (let i = 0; i < requestRows.length; i += CHUNK) await tx.insertInto('service_requests').values(requestRows.slice(i, i + CHUNK)).execute();

  const unitRows = order.flatMap((s) => {
    const a = s.snapshot.assignment;
    if (!a) return [];
    return [
      { request_id: s.id, unit_id: a.leadUnitId, role: 'lead' as const, attempt: s.snapshot.dispatchCount },
      ...a.assistingUnitIds.map((u) => ({ request_id: s.id, unit_id: u, role: 'assisting' as const, attempt: s.snapshot.dispatchCount })),
    ];
  });
  for (let i = 0; i < unitRows.length; i += CHUNK) await tx.insertInto('service_request_units').values(unitRows.slice(i, i + CHUNK)).execute();

  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  const eventRows = events.map(({ seq: _s, ...e }) => e);
  for (let i = 0; i < eventRows.length; i += CHUNK) await tx.insertInto('service_request_events').values(eventRows.slice(i, i + CHUNK)).execute();

  const stepRows = order.flatMap((sim) => sim.steps.map((s) => ({
    request_id: sim.id, step: s.step, round: s.round, started_at: s.startedAt, due_at: s.dueAt,
    warn_at: s.completedAt || s.cancelledAt ? null : s.warnAt, completed_at: s.completedAt, met: s.completedAt || s.returned ? s.met : null,
    cancelled_at: s.cancelledAt, warned_at: s.warnedAt, overdue_at: s.overdueAt,
    unit_id: s.unitId, agent_id: s.agentId, returned: s.returned, redispatch: s.redispatch, superseded: s.superseded, satisfaction: s.satisfaction, solved: s.solved,
  })));
  for (let i = 0; i < stepRows.length; i += CHUNK) await tx.insertInto('service_request_steps').values(stepRows.slice(i, i + CHUNK)).execute();

  const pauseRows = order.flatMap((sim) => sim.pauses.map((p) => ({ request_id: sim.id, from_at: p.from, to_at: p.to, reason: p.reason })));
  if (pauseRows.length) await tx.insertInto('service_pauses').values(pauseRows).execute();

  await sql`ANALYZE service_requests, service_request_units, service_request_events, service_request_steps`.execute(tx);

  const byStatus: Record<string, number> = {};
  for (const s of order) byStatus[s.snapshot.status] = (byStatus[s.snapshot.status] ?? 0) + 1;
  const counts = {
    requests: order.length, events: eventRows.length, steps: stepRows.length, accounts: accounts.length,
    overdueNow: order.filter((s) => s.steps.some((st) => st.overdueAt && !st.completedAt && !st.cancelledAt)).length,
    returned: order.filter((s) => s.snapshot.returnCount > 0).length, refusedPlans: refused,
    ...Object.fromEntries(Object.entries(byStatus).map(([k, v]) => [`status.${k}`, v])),
  };
  await tx.insertInto('audit_log').values({ actor_name: '系统', action: 'demo.seed', entity_type: 'service_request', after: JSON.stringify(counts) }).execute();
  return counts;
}

function guard<T>(f: () => T): T | null {
  try {
    return f();
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) return null;
    throw err;
  }
}
