import { FILE_KINDS, type FileKind } from './media-type';

/** What an upload may be: its kinds (by content) and its largest size. */
export interface UploadLimits {
  kinds: readonly FileKind[];
  maxBytes: number;
}

export type UploadRefusal =
  | { code: 'FILE_EMPTY'; zh: string; en: string }
  | { code: 'FILE_TYPE_NOT_ALLOWED'; zh: string; en: string }
  | { code: 'FILE_TOO_LARGE'; zh: string; en: string };

export const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : n >= 1024 ? `${Math.ceil(n / 1024)} KB` : `${n} B`;

export const kindsLabel = (kinds: readonly FileKind[]) => kinds.map((k) => FILE_KINDS[k].label).join('、');

/** The message of a file over the limit: its name, its size if known, and the limit. */
export function tooLarge(name: string, limits: UploadLimits, size?: number): UploadRefusal {
  const max = formatBytes(limits.maxBytes);
  return {
    code: 'FILE_TOO_LARGE',
    zh: size ? `文件“${name}”大小为 ${formatBytes(size)}，超过上限 ${max}` : `文件“${name}”超过大小上限 ${max}`,
    en: size ? `“${name}” is ${formatBytes(size)}, over the limit of ${max}` : `“${name}” is larger than the limit of ${max}`,
  };
}

/**
 * Checks one upload against the limits, by its content. Returns the refusal (naming the file and
 * the limit), or null when the file may be stored.
 */
export function refuseUpload(name: string, size: number, detected: FileKind | null, limits: UploadLimits): UploadRefusal | null {
  if (size === 0) return { code: 'FILE_EMPTY', zh: `文件“${name}”是空文件`, en: `“${name}” is empty` };
  if (size > limits.maxBytes) return tooLarge(name, limits, size);
  if (!detected || !limits.kinds.includes(detected)) {
    const allowed = kindsLabel(limits.kinds);
    return {
      code: 'FILE_TYPE_NOT_ALLOWED',
      zh: `文件“${name}”的内容不是允许的类型（只接受 ${allowed}，按文件内容判断，不看扩展名）`,
      en: `“${name}” is not an allowed type (only ${allowed}, judged by the content, not the name)`,
    };
  }
  return null;
}
