import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { GENERATE_JOB } from './loads.service';

/**
 * The demo's medical fund data: two accounts, and a generated district-year (scale small, seeded)
 * queued as a load. The job fills the claims store at the first start (a few seconds); the platform
 * database only records the load.
 */
export async function seedDemoMedfund(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  const accounts = [
    { username: 'mf_analyst', display_name: '医保局分析员 钱敏', role: 'medfund_analyst' },
    { username: 'mf_viewer', display_name: '医保局 孙局长', role: 'medfund_viewer' },
  ];
  const users = await tx.insertInto('users').values(accounts.map((a) => ({ username: a.username, display_name: a.display_name, password_hash: demo.passwordHash })))
    .returning(['id', 'username']).execute();
  await tx.insertInto('user_roles').values(users.map((u) => ({ user_id: u.id, role_code: accounts.find((a) => a.username === u.username)!.role }))).execute();
  const load = await tx.insertInto('medfund_data_loads').values({
    source: 'generator', target_table: '*', file_name: '演示数据：余杭区 2025 年（合成，small）', file_format: 'generated', status: 'queued', claims_engine: 'duckdb',
    created_by: users.find((u) => u.username === 'mf_analyst')!.id,
  }).returning('id').executeTakeFirstOrThrow();
  const jobId = await enqueueJob(tx, { kind: GENERATE_JOB, payload: { loadId: load.id, scale: 'small', seed: 20250101, year: 2025, screenAfter: true }, maxAttempts: 2 });
  await tx.updateTable('medfund_data_loads').set({ job_id: jobId }).where('id', '=', load.id).execute();
  return { medfundUsers: users.length, medfundLoads: 1 };
}
