import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config';
import type { StoredMediaType } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit/audit';
import type { Ctx, Tx } from '../context';
import { detectFileKind, FILE_KINDS } from './domain/media-type';
import { sanitiseFileName } from './domain/file-name';
import { refuseUpload, type UploadLimits } from './domain/upload-limits';

/** A stored file's metadata (never its bytes). */
export interface StoredFile {
  id: string;
  name: string;
  mediaType: StoredMediaType;
  sizeBytes: number;
  sha256: string;
  ownerKind: string;
  ownerId: string;
  uploadedBy: string | null;
  createdAt: Date;
}

/** The installation's upload limits (FILE_TYPES, FILE_MAX_MB). */
export const uploadLimitsOf = (config: Pick<Config, 'FILE_TYPES' | 'FILE_MAX_MB'>): UploadLimits => ({
  kinds: config.FILE_TYPES,
  maxBytes: Math.round(config.FILE_MAX_MB * 1024 * 1024),
});

/**
 * Stores one uploaded file for an owner, in the caller's transaction (with the caller's audit
 * entry for what the file is for). The content decides the media type; a file of another kind, an
 * empty one or one over the limit is refused with an AppError naming the file and the limit.
 */
export async function storeFile(
  tx: Tx,
  ctx: Pick<Ctx, 'actor'>,
  input: { ownerKind: string; ownerId: string; name: string; content: Buffer },
  limits: UploadLimits,
): Promise<StoredFile> {
  const kind = detectFileKind(input.content);
  const displayName = input.name.split(/[\\/]/).pop() || 'file';
  const refusal = refuseUpload(displayName, input.content.length, kind, limits);
  if (refusal || !kind) {
    const r = refusal!;
    throw new AppError(r.code, { file: r.zh }, { zh: r.zh, en: r.en });
  }
  const row = await tx
    .insertInto('files')
    .values({
      sha256: createHash('sha256').update(input.content).digest('hex'),
      name: sanitiseFileName(input.name, kind),
      media_type: FILE_KINDS[kind].mediaType,
      size_bytes: input.content.length,
      owner_kind: input.ownerKind,
      owner_id: input.ownerId,
      uploaded_by: ctx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // base64 both ways: the same on pg and PGlite, whatever each driver makes of a bytea parameter
  await tx.insertInto('file_contents').values({ file_id: row.id, content: sql<string>`decode(${input.content.toString('base64')}, 'base64')` }).execute();
  return toStoredFile(row);
}

function toStoredFile(r: {
  id: string; name: string; media_type: StoredMediaType; size_bytes: number; sha256: string; owner_kind: string; owner_id: string; uploaded_by: string | null; created_at: Date;
}): StoredFile {
  return {
    id: r.id, name: r.name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256,
    ownerKind: r.owner_kind, ownerId: r.owner_id, uploadedBy: r.uploaded_by, createdAt: r.created_at,
  };
}

/** A file of an owner, or null. The owning module has already decided the reader may see the owner. */
export async function findOwnedFile(tx: Tx, ownerKind: string, ownerId: string, fileId: string): Promise<StoredFile | null> {
  const row = await tx.selectFrom('files').selectAll().where('id', '=', fileId).where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).executeTakeFirst();
  return row ? toStoredFile(row) : null;
}

/** Deletes a file and its content (the caller audits why). */
export async function deleteFile(tx: Tx, fileId: string): Promise<void> {
  await tx.deleteFrom('files').where('id', '=', fileId).execute();
}

const CHUNK = 1024 * 1024;

/** The content in 1 MB pieces, read one query at a time: a large file never sits whole in memory. */
function contentStream(db: Tx, file: StoredFile): Readable {
  let offset = 0;
  return new Readable({
    async read() {
      try {
        if (offset >= file.sizeBytes) return void this.push(null);
        const row = await db
          .selectFrom('file_contents')
          .select(sql<string>`encode(substring(content from ${offset + 1} for ${CHUNK}), 'base64')`.as('piece'))
          .where('file_id', '=', file.id)
          .executeTakeFirst();
        if (!row) return void this.destroy(new Error(`file ${file.id} has no content`));
        const piece = Buffer.from(row.piece, 'base64');
        offset += CHUNK;
        this.push(piece.length ? piece : null);
      } catch (err) {
        this.destroy(err as Error);
      }
    },
  });
}

/** The whole content (tests, small files). */
export async function readFileContent(db: Tx, fileId: string): Promise<Buffer> {
  const row = await db.selectFrom('file_contents').select(sql<string>`encode(content, 'base64')`.as('b64')).where('file_id', '=', fileId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return Buffer.from(row.b64, 'base64');
}

export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a stored file the owning module has let the actor read, and audits the download. Always a
 * download (attachment) unless `inline` is asked for a preview; the type is the detected one, with
 * nosniff so that no browser second-guesses it, and the answer is not cached by shared caches.
 */
export async function sendStoredFile(reply: FastifyReply, ctx: Ctx, file: StoredFile, opts: { inline?: boolean; enterpriseId?: string | null } = {}) {
  await recordAudit(ctx.db, ctx, {
    action: 'file.download', entityType: 'file', entityId: file.id, enterpriseId: opts.enterpriseId ?? null,
    after: { name: file.name, owner: `${file.ownerKind}:${file.ownerId}`, inline: !!opts.inline },
  });
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', contentDisposition(opts.inline ? 'inline' : 'attachment', file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(contentStream(ctx.db, file));
}
