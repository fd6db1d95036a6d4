/**
 * The HTTP headers the playground is served with (`vite preview`, `vite dev`; docs/deployment.md
 * gives the same for a static host). Pure data, shared by vite.config.ts and its tests.
 *
 * - The Content-Security-Policy header repeats the `<meta>` policy of the built page and adds what
 *   a meta tag cannot carry: `frame-ancestors`. The full editor may not be framed by any page
 *   (clickjacking: a framing page could make the user click Import, Share or Restore); an embed
 *   (`?embed=1`), a read-only canvas that never writes to storage, is meant to be framed anywhere.
 * - Only the dev server allows inline scripts (React refresh's preamble) and WebSocket connections
 *   (hot reload); the built page's policy stays strict.
 * - Workers (evaluation, lessons, Monaco) come from the page's origin or blob: URLs.
 */

/** The policy of the built page, as the `<meta>` tag carries it (no frame-ancestors: ignored there). */
export function contentSecurityPolicy({ dev = false } = {}): string[] {
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}

/** Whether a request's query asks for the embed (as the app reads `?embed=1`). */
export function isEmbedRequest(url: string): boolean {
  const query = new URL(url, 'http://localhost').searchParams.get('embed');
  return query === '1' || query === 'true';
}

/** The headers of one response. */
export function securityHeaders({ dev = false, embed = false } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': [
      ...contentSecurityPolicy({ dev }),
      embed ? 'frame-ancestors *' : "frame-ancestors 'none'",
    ].join('; '),
    // Older browsers without frame-ancestors.
    ...(embed ? {} : { 'X-Frame-Options': 'DENY' }),
    'X-Content-Type-Options': 'nosniff',
    // Share links carry the workspace in the hash, never sent; the query and path are not sent either.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
