import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';


/** The demo's medfund accounts: an analyst of the 医保局 and a viewer (a leader of the bureau). */
export async function seedMedfundRules(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  const accounts = [
    { username: 'mf_analyst', display_name: '医保局基金监管科 分析员 周敏', role: 'medfund_analyst' },
    { username: 'mf_viewer', display_name: '医保局 陈局长', role: 'medfund_viewer' },
  ];
  const users = await tx
    .insertInto('users')
    .values(accounts.map((a) => ({ username: a.username, display_name: a.display_name, password_hash: demo.passwordHash })))
    .returning(['id', 'username'])
    .execute();
  const id = new Map(users.map((u) => [u.username, u.id]));
  await tx.insertInto('user_roles').values(accounts.map((a) => ({ user_id: id.get(a.username)!, role_code: a.role }))).execute();
  return { medfundAccounts: accounts.length };
}
