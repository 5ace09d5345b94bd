import type { z } from 'zod';
import type { Contact, ContactInput, ContactUpdateInput } from '@zhizhi/contracts';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit/audit';
import { maskEmail, maskPhone } from '../privacy/mask';
import type { Ctx } from '../context';
import { editableFieldsFor, loadVisibleEnterprise } from './enterprise.service';

type ContactData = z.infer<typeof ContactInput>;
type ContactUpdate = z.infer<typeof ContactUpdateInput>;

function assertCanEdit(ctx: Ctx): void {
  if (editableFieldsFor(ctx).length === 0) throw new AppError('FORBIDDEN');
}

function toView(c: { id: string; name: string; title: string; phone: string; email: string; is_primary: boolean }): Contact {
  return { id: c.id, name: c.name, title: c.title, phone: maskPhone(c.phone), email: maskEmail(c.email), isPrimary: c.is_primary };
}

const toRow = (input: ContactData) => ({
  name: input.name,
  title: input.title,
  phone: input.phone,
  email: input.email,
  is_primary: input.isPrimary,
});

/** Personal data in the audit log is masked too: the log is read by more people than the file. */
const forAudit = (input: ContactData) => ({ ...input, phone: maskPhone(input.phone), email: maskEmail(input.email) });

export async function addContact(ctx: Ctx, enterpriseId: string, input: ContactData): Promise<Contact> {
  assertCanEdit(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    await loadVisibleEnterprise(ctx, enterpriseId, tx);
    if (input.isPrimary) await tx.updateTable('enterprise_contacts').set({ is_primary: false }).where('enterprise_id', '=', enterpriseId).execute();
    const row = await tx.insertInto('enterprise_contacts').values({ enterprise_id: enterpriseId, ...toRow(input) }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'contact.create', entityType: 'contact', entityId: row.id, enterpriseId, after: forAudit(input) });
    return toView(row);
  });
}

async function loadContact(ctx: Ctx, enterpriseId: string, contactId: string, tx = ctx.db) {
  await loadVisibleEnterprise(ctx, enterpriseId, tx);
  const c = await tx
    .selectFrom('enterprise_contacts')
    .selectAll()
    .where('id', '=', contactId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

export async function updateContact(ctx: Ctx, enterpriseId: string, contactId: string, update: ContactUpdate): Promise<Contact> {
  assertCanEdit(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await loadContact(ctx, enterpriseId, contactId, tx);
    const input: ContactData = { ...update, phone: update.phone ?? before.phone, email: update.email ?? before.email };
    if (input.isPrimary) await tx.updateTable('enterprise_contacts').set({ is_primary: false }).where('enterprise_id', '=', enterpriseId).execute();
    const row = await tx.updateTable('enterprise_contacts').set(toRow(input)).where('id', '=', contactId).returningAll().executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'contact.update',
      entityType: 'contact',
      entityId: contactId,
      enterpriseId,
      before: forAudit({ name: before.name, title: before.title, phone: before.phone, email: before.email, isPrimary: before.is_primary }),
      after: forAudit(input),
    });
    return toView(row);
  });
}

export async function deleteContact(ctx: Ctx, enterpriseId: string, contactId: string): Promise<void> {
  assertCanEdit(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await loadContact(ctx, enterpriseId, contactId, tx);
    await tx.deleteFrom('enterprise_contacts').where('id', '=', contactId).execute();
    await recordAudit(tx, ctx, {
      action: 'contact.delete',
      entityType: 'contact',
      entityId: contactId,
      enterpriseId,
      before: forAudit({ name: before.name, title: before.title, phone: before.phone, email: before.email, isPrimary: before.is_primary }),
    });
  });
}

/** The full phone and e-mail of a contact. Every reveal is written to the audit log. */
export async function revealContact(ctx: Ctx, enterpriseId: string, contactId: string): Promise<{ phone: string; email: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await loadContact(ctx, enterpriseId, contactId, tx);
    await recordAudit(tx, ctx, { action: 'contact.reveal', entityType: 'contact', entityId: contactId, enterpriseId, after: { fields: ['phone', 'email'] } });
    return { phone: c.phone, email: c.email };
  });
}
