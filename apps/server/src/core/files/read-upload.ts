import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error';
import { tooLarge, type UploadLimits } from './domain/upload-limits';

/**
 * Reads the one file of a multipart/form-data upload (field `file`), stopping at the size limit:
 * a file over it is refused (413, naming the file and the limit) without reading the rest.
 */
export async function readUpload(req: FastifyRequest, limits: UploadLimits): Promise<{ name: string; content: Buffer }> {
  let part;
  try {
    part = await req.file({ limits: { fileSize: limits.maxBytes, files: 1 } });
  } catch {
    throw new AppError('FILE_MISSING', { file: '请以 multipart/form-data 上传文件（字段 file）' });
  }
  if (!part) throw new AppError('FILE_MISSING', { file: '请选择要上传的文件' });
  const name = part.filename.split(/[\\/]/).pop() || 'file';
  try {
    const content = await part.toBuffer();
    return { name, content };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated) {
      const r = tooLarge(name, limits);
      throw new AppError('FILE_TOO_LARGE', { file: r.zh }, { zh: r.zh, en: r.en });
    }
    throw err;
  }
}
