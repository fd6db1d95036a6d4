import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in app/; static assets in public/. Monaco is bundled (never a CDN) and lazily loaded.
export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: false },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
