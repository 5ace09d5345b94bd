import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import { pointsBasis } from './points';

/**
 * The in-app notices of a round that the services do not send inline (docs/talent/REDEMPTION.md,
 * "Notifications"): the round opened (to every talent with a login who may apply), an application
 * received (to the applicant) and the result made final (to every applicant). Each is written in the
 * caller's transaction, so a notice exists exactly when the change it announces does.
 */

const TZ_MS = 8 * 3_600_000;
/** "2026-12-20 17:00", Asia/Shanghai (no summer time). */
export const shanghaiMinute = (d: Date) => new Date(d.getTime() + TZ_MS).toISOString().slice(0, 16).replace('T', ' ');

type OpenedRound = { id: string; name: string; resource_id: string; period: string; min_points: number | string | null; quota_holders: boolean; closes_at: Date };

/**
 * The talents who may apply the moment the round opens: active, with a login, and with complete
 * personal points at or above the threshold (the points day a talent sees) or — when the round
 * admits quota holders — a live unit of the resource and period. Returns how many were told.
 */
export async function notifyRoundOpened(tx: Tx, ctx: Ctx, notifier: Notifier, r: OpenedRound): Promise<number> {
  const basis = await pointsBasis({ ...ctx, db: tx }); // on tx: PGlite is one session
  const min = r.min_points === null ? null : Number(r.min_points);
  const byPoints = min !== null && basis.versionId && basis.asOf
    ? await tx.selectFrom('talent_scores as s').innerJoin('talents as t', 't.id', 's.talent_id')
      .select(['t.user_id', 's.total'])
      .where('s.scheme_version_id', '=', basis.versionId).where('s.as_of', '=', basis.asOf)
      .where('s.complete', '=', true).where('s.total', '>=', min)
      .where('t.status', '=', 'active').where('t.user_id', 'is not', null).execute()
    : [];
  const byQuota = r.quota_holders
    ? await tx.selectFrom('talent_quota_handovers as h').innerJoin('talents as t', 't.id', 'h.talent_id')
      .select(['t.user_id']).where('h.resource_id', '=', r.resource_id).where('h.period', '=', r.period)
      .where('h.status', '=', 'assigned').where('t.status', '=', 'active').where('t.user_id', 'is not', null).execute()
    : [];
  const why = new Map<string, string>();
  for (const x of byPoints) why.set(x.user_id!, `您的个人积分 ${Number(x.total)} 分，达到门槛 ${min} 分`);
  for (const x of byQuota) why.set(x.user_id!, '您持有本企业调剂的配额');
  for (const [userId, reason] of why) {
    await notifier.notify(tx, userId, {
      title: `“${r.name}”开始申报`,
      body: `${reason}，可以申请。请在 ${shanghaiMinute(r.closes_at)} 前按顺序填报志愿。`,
      link: '/talent/redemption',
    });
  }
  return why.size;
}

/** To the applicant: what was received, in which order, and until when it can be changed. */
export async function notifyApplicationReceived(tx: Tx, notifier: Notifier, a: { userId: string; applicationId: string; roundName: string; preferences: string[]; closesAt: Date }) {
  await notifier.notify(tx, a.userId, {
    title: `“${a.roundName}”申请已受理`,
    body: `您的志愿：${a.preferences.map((p, i) => `${i + 1}. ${p}`).join('；')}。${shanghaiMinute(a.closesAt)} 前可修改或撤回。`,
    link: `/talent/applications/${a.applicationId}`,
  });
}

/** To every applicant with a login: the result, published for notice, is now final. */
export async function notifyRoundFinal(tx: Tx, notifier: Notifier, roundId: string, roundName: string): Promise<number> {
  const rows = await tx.selectFrom('talent_round_results as x').innerJoin('talents as t', 't.id', 'x.talent_id')
    .leftJoin('talent_round_options as o', 'o.id', 'x.option_id')
    .select(['t.user_id', 'x.application_id', 'o.name as option_name'])
    .where('x.round_id', '=', roundId).where('t.user_id', 'is not', null).orderBy('x.rank').execute();
  for (const x of rows) {
    await notifier.notify(tx, x.user_id!, {
      title: `“${roundName}”结果已确定`,
      body: x.option_name ? `公示期满，您获得的“${x.option_name}”已确定，请按资源单位通知办理。` : '公示期满，本轮结果已确定，您未获分配。',
      link: `/talent/applications/${x.application_id}`,
    });
  }
  return rows.length;
}

