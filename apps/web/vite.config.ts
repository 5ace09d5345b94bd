import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress';

// Where the API runs in development; override to point the dev server at another instance.
const api = process.env.ZZ_API_URL ?? 'http://127.0.0.1:3000';

// The API serves the JSON API, its OpenAPI document and health probes; the dev server forwards
// them so the browser sees one origin (cookies, CSRF) exactly as in production.
const proxy = Object.fromEntries(
  ['/api', '/docs', '/openapi.json', '/healthz', '/readyz'].map((path) => [path, { target: api, changeOrigin: false }]),
);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Stable vendor chunks for React and ECharts, so a release that changes only our pages
        // leaves them cached; antd is left to the default splitting so that pages load only the
        // components they use. ECharts stays out of the first load (chart pages only).
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 30 },
            { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
