import { AppError } from '../../../http/app-error';
import { can } from '../../../core/identity/actor';
import { enterpriseInScope } from '../../../core/identity/scope';
import { recordAudit } from '../../../core/audit/audit';
import { maskPhone } from '../../../core/privacy/mask';
import type { Ctx } from '../../../core/context';

export interface PhoneMatch {
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  contactName: string;
  /** masked */
  contactPhone: string;
  divisionCode: string;
}

/** The forms a caller's number is stored in: as typed, and its digits only (no spaces or dashes). */
export function phoneCandidates(phone: string): string[] {
  const typed = phone.trim();
  const digits = typed.replace(/[\s-]/g, '');
  return [...new Set([typed, digits])].filter((p) => p.length >= 5);
}

/**
 * 来电识别: the enterprises whose contacts have exactly the caller's number, for the hotline
 * operator recording the call (service.operate, with personal.reveal: the search uses a full
 * phone number). Within the operator's scope (a street-bound one sees its street's). The matches
 * show the number masked; every lookup, found or not, is written to the audit log (masked).
 */
export async function findEnterprisesByPhone(ctx: Ctx, phone: string): Promise<PhoneMatch[]> {
  if (!can(ctx.actor, 'service.operate') || !can(ctx.actor, 'personal.reveal')) throw new AppError('FORBIDDEN');
  const candidates = phoneCandidates(phone);
  return ctx.db.transaction().execute(async (tx) => {
    const rows = candidates.length === 0 ? [] : await tx
      .selectFrom('enterprise_contacts as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select(['e.id', 'e.name', 'e.credit_code', 'e.division_code', 'c.name as contact_name', 'c.phone', 'c.is_primary'])
      .where('c.phone', 'in', candidates)
      .where(enterpriseInScope(ctx.actor, 'e'))
      .orderBy('e.name').orderBy('c.is_primary', 'desc').orderBy('c.id')
      .limit(50)
      .execute();
    const seen = new Set<string>();
    const matches: PhoneMatch[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      matches.push({
        enterpriseId: r.id, enterpriseName: r.name, creditCode: r.credit_code, contactName: r.contact_name,
        contactPhone: maskPhone(r.phone), divisionCode: r.division_code,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'service.hotline.phone_lookup', entityType: 'enterprise_contact',
      after: { phone: maskPhone(phone.trim()), matches: matches.map((m) => m.enterpriseId) },
    });
    return matches;
  });
}
