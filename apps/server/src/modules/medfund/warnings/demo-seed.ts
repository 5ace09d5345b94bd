import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

export const DISCIPLINE_GROUP = '纪委监委派驻纪检监察组';

/**
 * The discipline inspection group (a top-level department, created by name so that any part's
 * seed may create it safely) and its demo account mf_jijian, who receives red warnings.
 */
export async function seedDemoWarnings(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  await tx.insertInto('departments').values({ name: DISCIPLINE_GROUP, kind: 'department' })
    .onConflict((oc) => oc.columns(['parent_id', 'name']).doNothing()).execute();
  const dept = await tx.selectFrom('departments').select('id').where('name', '=', DISCIPLINE_GROUP).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const user = await tx.insertInto('users').values({
    username: 'mf_jijian', display_name: '纪检监察组 周明', password_hash: demo.passwordHash, department_id: dept.id,
    phone: '13800005701', email: 'mf_jijian@example.gov.cn',
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('user_roles').values({ user_id: user.id, role_code: 'medfund_oversight' }).execute();
  return { medfundOversightUsers: 1 };
}
