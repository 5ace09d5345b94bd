import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { toRow } from '../../core/enterprises/enterprise.service';
import { hashPassword } from '../../core/identity/password';
import { creditCodeIn, generateEnterprise, mobilePhone, personName } from './enterprise-generator';
import { seededRandom } from './random';
import { MODULES } from '../../modules';
import { settleDemoOutbox } from '../../core/notifications/demo-outbox';

/**
 * The demo county: 余杭区 (330110) of Hangzhou, home of the seed article's 良渚街道 亲企办 and
 * 未来科技城, with three of its streets, a few parks, about 200 enterprises, departments and
 * sections, and one account per role. Loaded into an empty database at first start.
 */
export const DEMO_PASSWORD = 'Zhizhi@2026';
export const DEMO_COUNTY = '330110';
export const DEMO_STREETS = { liangzhu: '330110010', cangqian: '330110012', wuchang: '330110005' } as const;
export const DEMO_ENTERPRISE_COUNT = 200;

const DEPARTMENTS: { name: string; division?: string; sections: string[] }[] = [
  { name: '余杭区经济和信息化局', sections: ['企业服务科', '工业发展科'] },
  { name: '余杭区科学技术局', sections: ['高新技术科', '成果转化科'] },
  { name: '余杭区市场监督管理局', sections: ['登记注册科', '信用监管科'] },
  { name: '余杭区人力资源和社会保障局', sections: ['人才开发科'] },
  { name: '余杭区医疗保障局', sections: ['基金监管科'] },
  // the bureaus that own talent redemption resources (modules/talent/seed/demo-redemption.ts)
  { name: '余杭区住房和城乡建设局', sections: ['住房保障科'] },
  { name: '余杭区教育局', sections: ['基础教育科'] },
  { name: '余杭区卫生健康局', sections: ['医政医管科'] },
  { name: '良渚街道办事处', division: DEMO_STREETS.liangzhu, sections: ['亲企办', '经济发展科', '规划建设科'] },
  { name: '仓前街道办事处', division: DEMO_STREETS.cangqian, sections: ['经济发展科'] },
  { name: '五常街道办事处', division: DEMO_STREETS.wuchang, sections: ['经济发展科'] },
];

const PARKS = [
  { name: '梦想小镇', kind: 'characteristic_town', division_code: DEMO_STREETS.cangqian, address: '仓前街道梦想小镇', area_mu: 4500, description: '浙江省首批特色小镇，互联网创业孵化集聚区' },
  { name: '人工智能小镇', kind: 'characteristic_town', division_code: DEMO_STREETS.wuchang, address: '五常街道文一西路', area_mu: 3600, description: '人工智能产业集聚区' },
  { name: '良渚新城科创园', kind: 'science_park', division_code: DEMO_STREETS.liangzhu, address: '良渚街道良渚大道', area_mu: 1200, description: '生命健康与智能制造产业园' },
  { name: '未来科技城医药港小镇', kind: 'characteristic_town', division_code: DEMO_STREETS.cangqian, address: '仓前街道', area_mu: 2800, description: '生物医药产业集聚区' },
] as const;

export async function isEmptyDatabase(db: Kysely<DB>): Promise<boolean> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n) === 0;
}

export async function seedDemoCounty(db: Kysely<DB>): Promise<{ enterprises: number; users: number; accounts: string[] }> {
  const rng = seededRandom(20260101);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    const departmentIds = new Map<string, string>();
    for (const d of DEPARTMENTS) {
      const { id } = await tx.insertInto('departments').values({ name: d.name, kind: 'department', division_code: d.division ?? null }).returning('id').executeTakeFirstOrThrow();
      departmentIds.set(d.name, id);
      for (const s of d.sections) {
        const sec = await tx.insertInto('departments').values({ name: s, kind: 'section', parent_id: id, division_code: d.division ?? null }).returning('id').executeTakeFirstOrThrow();
        departmentIds.set(`${d.name}/${s}`, sec.id);
      }
    }

    const parks = await tx.insertInto('parks').values(PARKS.map((p) => ({ ...p }))).returning(['id', 'division_code']).execute();
    const place = { countyCode: DEMO_COUNTY, streets: Object.values(DEMO_STREETS), parks: parks.map((p) => ({ id: p.id, divisionCode: p.division_code })) };
    const liangzhuPark = parks.find((p) => p.division_code === DEMO_STREETS.liangzhu)!.id;

    // The two companies of the Liangzhu story: the manufacturer that needed a test, and the lab
    // less than a kilometre away that did it.
    const storyCompanies = [
      {
        creditCode: creditCodeIn(rng, DEMO_COUNTY), name: '中双元（杭州）科技有限公司', legalRepresentative: personName(rng),
        establishedOn: '2016-03-18', registeredCapitalFen: 5_000 * 1_000_000, industryCode: '4014', divisionCode: DEMO_STREETS.liangzhu,
        parkId: liangzhuPark, address: '良渚街道良渚大道 618 号', employees: 126, revenueFen: 8_600 * 1_000_000, assetsFen: 12_000 * 1_000_000,
        aboveScale: true, highTech: true, listed: false, tags: ['规上工业', '实验室教学仪器'], status: 'active' as const,
        businessScope: '实验室教学仪器设备的研发、生产和销售',
      },
      {
        creditCode: creditCodeIn(rng, DEMO_COUNTY), name: '杭州良渚正信检测技术有限公司', legalRepresentative: personName(rng),
        establishedOn: '2014-09-02', registeredCapitalFen: 1_000 * 1_000_000, industryCode: '7452', divisionCode: DEMO_STREETS.liangzhu,
        parkId: liangzhuPark, address: '良渚街道良渚大道 1088 号', employees: 58, revenueFen: 2_100 * 1_000_000, assetsFen: 3_500 * 1_000_000,
        aboveScale: false, highTech: true, listed: false, tags: ['检验检测', 'CMA', 'CNAS'], status: 'active' as const,
        businessScope: '检验检测服务；仪器设备第三方检测与计量校准',
      },
    ];
    const usedNames = new Set(storyCompanies.map((c) => c.name));
    const enterprises = [...storyCompanies];
    while (enterprises.length < DEMO_ENTERPRISE_COUNT) enterprises.push(generateEnterprise(rng, place, usedNames) as (typeof enterprises)[number]);
    const inserted = await tx.insertInto('enterprises').values(enterprises.map(toRow)).returning(['id', 'name']).execute();

    const contacts = inserted.flatMap((e, i) =>
      Array.from({ length: 1 + (i % 2) }, (_, k) => ({
        enterprise_id: e.id,
        name: personName(rng),
        title: k === 0 ? '总经理' : rng.pick(['财务负责人', '人事经理', '行政主管']),
        phone: mobilePhone(rng),
        email: k === 0 ? `contact${i}@example.com` : '',
        is_primary: k === 0,
      })),
    );
    await tx.insertInto('enterprise_contacts').values(contacts).execute();

    const zsy = inserted.find((e) => e.name === storyCompanies[0]!.name)!.id;
    const users = [
      { username: 'admin', display_name: '平台管理员', roles: ['admin'], department: '余杭区经济和信息化局' },
      { username: 'officer', display_name: '陈建国', roles: ['officer'], department: '余杭区经济和信息化局/企业服务科' },
      { username: 'street_officer', display_name: '高唐', roles: ['officer'], department: '良渚街道办事处/亲企办', division: DEMO_STREETS.liangzhu },
      { username: 'leader', display_name: '林书记', roles: ['leader'], department: '余杭区经济和信息化局' },
      { username: 'auditor', display_name: '纪检监察组', roles: ['auditor'], department: null },
      { username: 'ent_zsy', display_name: '中双元 管理员', roles: ['enterprise_user'], department: null, enterprise: zsy },
    ];
    for (const u of users) {
      const { id } = await tx.insertInto('users').values({
        username: u.username,
        display_name: u.display_name,
        password_hash: passwordHash,
        phone: mobilePhone(rng),
        department_id: u.department ? departmentIds.get(u.department)! : null,
        division_code: 'division' in u ? u.division : null,
        enterprise_id: 'enterprise' in u ? u.enterprise : null,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('user_roles').values(u.roles.map((r) => ({ user_id: id, role_code: r }))).execute();
    }
    // Each module adds its demo data (e.g. the talent registry), in the same transaction.
    for (const m of MODULES) if (m.seed) await m.seed(tx, { passwordHash });
    await settleDemoOutbox(tx);
    const accounts = (await tx.selectFrom('users').select('username').orderBy('created_at').orderBy('username').execute()).map((u) => u.username);
    await tx.insertInto('audit_log').values({
      actor_name: '系统', action: 'demo.seed', entity_type: 'system', after: JSON.stringify({ enterprises: inserted.length, users: accounts.length }),
    }).execute();
    return { enterprises: inserted.length, users: accounts.length, accounts };
  });
}
