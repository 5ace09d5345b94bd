import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
const MIN_BYTES = 1024;

/**
 * Writes `name.br` and `name.gz` beside every text file of the build (not the source maps, which
 * only developer tools fetch), once, at build time: the server sends them as they are
 * (@fastify/static `preCompressed`) instead of compressing on every request or sending the
 * bundle uncompressed. Brotli quality 9: within 10 % of quality 11 (vendor-echarts 182 against 168 kB) at a twentieth of its time.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'zz-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }) as string[])
        .map((f) => path.join(outDir, f))
        .filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).size >= MIN_BYTES);
      await Promise.all(files.map(async (file) => {
        const bytes = await fs.promises.readFile(file);
        const [br, gz] = await Promise.all([
          brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
          gzip(bytes, { level: 9 }),
        ]);
        await Promise.all([fs.promises.writeFile(`${file}.br`, br), fs.promises.writeFile(`${file}.gz`, gz)]);
      }));
    },
  };
}
