import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console: React + TypeScript, compiled by Vite itself (automatic JSX runtime), served by the
// service from web/dist. `npm run start:web` runs Vite's dev server with the API proxied to :3000.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/admin/queues': 'http://localhost:3000' },
  },
});
