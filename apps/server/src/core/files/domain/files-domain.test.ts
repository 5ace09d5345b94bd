import { describe, expect, it } from 'vitest';
import { detectFileKind } from './media-type';
import { sanitiseFileName } from './file-name';
import { refuseUpload } from './upload-limits';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
const limits = { kinds: ['pdf', 'png', 'jpeg'] as const, maxBytes: 10 * 1024 * 1024 };

describe('detectFileKind: by content, never by name', () => {
  it('knows PDF, PNG and JPEG by their signatures', () => {
    expect(detectFileKind(PNG)).toBe('png');
    expect(detectFileKind(JPEG)).toBe('jpeg');
    expect(detectFileKind(PDF)).toBe('pdf');
  });
  it('knows nothing else, and no truncated signature', () => {
    expect(detectFileKind(EXE)).toBeNull();
    expect(detectFileKind(Buffer.from('<html><script>'))).toBeNull();
    expect(detectFileKind(PNG.subarray(0, 7))).toBeNull();
    expect(detectFileKind(Buffer.concat([Buffer.from(' '), PDF]))).toBeNull();
    expect(detectFileKind(Buffer.alloc(0))).toBeNull();
  });
});

describe('sanitiseFileName', () => {
  it('drops folders and unsafe characters, and ends with the extension of the content', () => {
    expect(sanitiseFileName('C:\\Users\\hr\\证书 扫描件.PNG', 'png')).toBe('证书 扫描件.png');
    expect(sanitiseFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('a"b<c>\u0000d.jpeg', 'jpeg')).toBe('a_b_c__d.jpg');
    expect(sanitiseFileName('report.png', 'pdf')).toBe('report.pdf');
    expect(sanitiseFileName('...', 'png')).toBe('file.png');
    expect([...sanitiseFileName('长'.repeat(300), 'pdf')]).toHaveLength(120);
  });
});

describe('refuseUpload', () => {
  it('names the file and the limit', () => {
    expect(refuseUpload('a.png', 11 * 1024 * 1024, 'png', limits)).toMatchObject({ code: 'FILE_TOO_LARGE', zh: '文件“a.png”大小为 11 MB，超过上限 10 MB' });
    expect(refuseUpload('b.png', 100, null, limits)).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', zh: expect.stringContaining('只接受 PDF、PNG、JPEG') });
    expect(refuseUpload('c.pdf', 0, null, limits)).toMatchObject({ code: 'FILE_EMPTY' });
    expect(refuseUpload('d.jpg', 100, 'jpeg', { kinds: ['pdf'], maxBytes: 1000 })).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', en: expect.stringContaining('only PDF') });
    expect(refuseUpload('e.pdf', 100, 'pdf', limits)).toBeNull();
  });
});
