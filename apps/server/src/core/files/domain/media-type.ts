/** The media types the store keeps (mirrors the CHECK of files.media_type, migration 0016). */
export type StoredMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The kinds of file the store accepts, by their short name in FILE_TYPES. */
export const FILE_KINDS = {
  pdf: { mediaType: 'application/pdf', extension: '.pdf', label: 'PDF' },
  png: { mediaType: 'image/png', extension: '.png', label: 'PNG' },
  jpeg: { mediaType: 'image/jpeg', extension: '.jpg', label: 'JPEG' },
} as const satisfies Record<string, { mediaType: StoredMediaType; extension: string; label: string }>;

export type FileKind = keyof typeof FILE_KINDS;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/**
 * What a file is, from its first bytes (its "magic number"), never from its name or the type the
 * browser sent: a program renamed to photo.png is not a PNG. null = none of the kinds we store.
 * - PDF: "%PDF-" (ISO 32000-1 §7.5.2) at the very start (readers tolerate leading junk; we do not)
 * - PNG: the 8-byte signature 89 50 4E 47 0D 0A 1A 0A (ISO/IEC 15948 §5.2)
 * - JPEG: SOI FF D8 followed by a marker FF xx (ISO/IEC 10918-1)
 */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  return null;
}

export const kindOfMediaType = (mediaType: string): FileKind | null =>
  (Object.keys(FILE_KINDS) as FileKind[]).find((k) => FILE_KINDS[k].mediaType === mediaType) ?? null;
