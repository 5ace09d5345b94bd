import { FILE_KINDS, type FileKind } from './media-type';

const MAX_NAME = 120;

/**
 * The name a stored file keeps: the last segment of what the client sent (no folders), without
 * control characters or characters that are unsafe in a header or on a desktop (<>:"/\|?*), at most
 * 120 characters, and ending with the extension of the kind its content is (the content decides).
 */
export function sanitiseFileName(raw: string, kind: FileKind): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*;]/g, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  const ext = FILE_KINDS[kind].extension;
  const known = Object.values(FILE_KINDS).flatMap((k) => (k.extension === '.jpg' ? ['.jpg', '.jpeg'] : [k.extension]));
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 && known.includes(name.slice(dot).toLowerCase()) ? name.slice(0, dot) : name;
  const keep = [...(stem || 'file')].slice(0, MAX_NAME - ext.length).join('');
  return `${keep}${ext}`;
}
