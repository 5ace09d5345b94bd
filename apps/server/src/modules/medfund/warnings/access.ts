import type { Actor } from '../../../core/identity/actor';
import { AppError } from '../../../http/app-error';

/**
 * The warnings part of 医保基金监管: who reads warnings, who handles them and edits the roll-up
 * rules, and the discipline inspection group's oversight (red warnings and how each was handled;
 * red warnings notify the holders of medfund.warnings.oversee).
 */
export const MEDFUND_WARNINGS_PERMISSIONS = {
  'medfund.warnings.read': { zh: '查看医保预警（各等级，个人信息脱敏）、预警规则', en: 'View warnings of every level (personal data masked) and the warning rules' },
  'medfund.warnings.manage': { zh: '处置医保预警（调整等级、关闭、排除）、调整预警规则、发起预警归集', en: 'Handle warnings (level, close, dismiss), edit the warning rules, start a roll-up' },
  'medfund.warnings.oversee': { zh: '纪检监察：查看红色预警及其处置情况，接收红色预警提醒', en: 'Oversight: see red warnings and how each was handled; be notified of red warnings' },
} as const;

/** Which warnings an actor sees: all of them, only red ones (oversight), or none (403). */
export function warningScope(actor: Actor): 'all' | 'red' {
  if (actor.permissions.has('medfund.warnings.read')) return 'all';
  if (actor.permissions.has('medfund.warnings.oversee')) return 'red';
  throw new AppError('FORBIDDEN');
}
