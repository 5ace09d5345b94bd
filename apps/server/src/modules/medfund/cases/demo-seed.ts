import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { districtProviders } from '../generator/catalogue';
import { providerScaleFactor, SCALES } from '../generator/generate';
import { DEFAULT_PARTNERS, ensurePartner } from './partners.service';

/**
 * The demo district's providers (generator/catalogue.ts, 余杭 330110) as the demo year has them
 * (scale small: the generator's scale factor for 2,000 persons), split into two inspection areas;
 * a larger generated year brings more providers, for the head of inspection to assign (稽核片区).
 */
export function demoAreas(): { hospitals: string[]; community: string[] } {
  const all = districtProviders('330110', providerScaleFactor(SCALES.small));
  return { hospitals: all.filter((p) => p.code.startsWith('H')).map((p) => p.code), community: all.filter((p) => !p.code.startsWith('H')).map((p) => p.code) };
}

/**
 * The demo's part of cases: the joint supervision community (15 departments), two inspectors of
 * two areas, the head of inspection, two partner-department accounts. The demo cases come later:
 * the findings do not exist while the seed runs; the end of the demo year's screening run queues
 * the job that opens them (demo-cases.ts).
 */
export async function seedDemoCases(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  const partnerIds = new Map<string, string>();
  for (const [i, p] of DEFAULT_PARTNERS.entries()) partnerIds.set(p.name, await ensurePartner(tx, p, i + 1));
  const bureau = await tx.selectFrom('departments').select('id').where('name', '=', '余杭区医疗保障局').where('parent_id', 'is', null).executeTakeFirst();
  const accounts = [
    { username: 'mf_inspector', display_name: '医保局稽核员 赵峰', role: 'medfund_inspector', department_id: bureau?.id ?? null },
    { username: 'mf_inspector2', display_name: '医保局稽核员 周倩', role: 'medfund_inspector', department_id: bureau?.id ?? null },
    { username: 'mf_lead', display_name: '医保局基金监管科 吴科长', role: 'medfund_case_lead', department_id: bureau?.id ?? null },
    { username: 'mf_wjw', display_name: '卫健局医政医管科 郑医生', role: 'medfund_partner', department_id: partnerIds.get('余杭区卫生健康局')! },
    { username: 'mf_gaj', display_name: '公安分局经侦大队 冯警官', role: 'medfund_partner', department_id: partnerIds.get('余杭区公安分局')! },
  ];
  const users = await tx.insertInto('users')
    .values(accounts.map((a) => ({ username: a.username, display_name: a.display_name, password_hash: demo.passwordHash, department_id: a.department_id })))
    .returning(['id', 'username']).execute();
  await tx.insertInto('user_roles').values(users.map((u) => ({ user_id: u.id, role_code: accounts.find((a) => a.username === u.username)!.role }))).execute();
  const areas = demoAreas();
  const id = (name: string) => users.find((u) => u.username === name)!.id;
  await tx.insertInto('medfund_inspector_areas').values([
    { user_id: id('mf_inspector'), area_name: '区级医院片区', provider_codes: areas.hospitals, updated_at: new Date() },
    { user_id: id('mf_inspector2'), area_name: '社区卫生服务中心和药店片区', provider_codes: areas.community, updated_at: new Date() },
  ]).execute();
  return { medfundPartners: DEFAULT_PARTNERS.length, medfundCaseUsers: users.length };
}
