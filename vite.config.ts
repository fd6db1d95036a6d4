import { defineConfig } from 'vite';
import type { Connect, Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, isEmbedRequest, securityHeaders } from './app/src/securityHeaders.ts';

/**
 * The built page forbids inline and remote scripts: a `<meta>` policy in the page (so any static
 * host gets it) and, from `vite preview` and `vite dev`, the full set of security headers
 * (app/src/securityHeaders.ts; docs/deployment.md has them for static hosts). Only the dev server's
 * policy allows inline scripts: React refresh's preamble is one.
 */
function securityPolicy(): Plugin {
  const middleware =
    (dev: boolean): Connect.NextHandleFunction =>
    (req, res, next) => {
      const headers = securityHeaders({ dev, embed: isEmbedRequest(req.url ?? '/') });
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      next();
    };
  return {
    name: 'playground-security-headers',
    // The meta policy is the built page's only: the dev server sends its own (inline scripts allowed).
    transformIndexHtml: (_html, context) =>
      context.server
        ? []
        : [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy().join('; ') },
              injectTo: 'head-prepend',
            },
          ],
    configureServer: (server) => {
      server.middlewares.use(middleware(true));
    },
    configurePreviewServer: (server) => {
      server.middlewares.use(middleware(false));
    },
  };
}

// The SPA lives in app/; static assets in public/. Monaco is bundled (never a CDN) and lazily loaded.
export default defineConfig({
  root: 'app',
  publicDir: '../public',
  plugins: [react(), securityPolicy()],
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
