import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isEmbedRequest, securityHeaders } from './securityHeaders';

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe('security headers', () => {
  it('forbid framing the editor, allow framing an embed', () => {
    const full = securityHeaders();
    expect(directive(full['Content-Security-Policy'] ?? '', 'frame-ancestors')).toBe(
      "frame-ancestors 'none'",
    );
    expect(full['X-Frame-Options']).toBe('DENY');
    const embed = securityHeaders({ embed: true });
    expect(directive(embed['Content-Security-Policy'] ?? '', 'frame-ancestors')).toBe('frame-ancestors *');
    expect(embed['X-Frame-Options']).toBeUndefined();
  });

  it('keep the built policy strict; only dev allows inline scripts and hot-reload sockets', () => {
    const built = securityHeaders()['Content-Security-Policy'] ?? '';
    expect(directive(built, 'script-src')).toBe("script-src 'self'");
    expect(directive(built, 'worker-src')).toBe("worker-src 'self' blob:");
    expect(directive(built, 'connect-src')).toBe("connect-src 'self'");
    expect(built).not.toMatch(/unsafe-eval/);
    const dev = securityHeaders({ dev: true })['Content-Security-Policy'] ?? '';
    expect(directive(dev, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    // The meta tag cannot carry frame-ancestors (browsers ignore it there).
    expect(contentSecurityPolicy().join(';')).not.toMatch(/frame-ancestors/);
  });

  it('send nosniff and a referrer policy everywhere', () => {
    for (const headers of [securityHeaders(), securityHeaders({ embed: true, dev: true })]) {
      expect(headers['X-Content-Type-Options']).toBe('nosniff');
      expect(headers['Referrer-Policy']).toBe('no-referrer');
    }
  });

  it('read the embed flag as the app does', () => {
    expect(isEmbedRequest('/?embed=1')).toBe(true);
    expect(isEmbedRequest('/?present=1&embed=true')).toBe(true);
    expect(isEmbedRequest('/?embed=0')).toBe(false);
    expect(isEmbedRequest('/embed=1')).toBe(false);
    expect(isEmbedRequest('//evil.example/?embed=1')).toBe(true);
  });

  it('are sent by the dev server', async () => {
    const { createServer } = await import('vite');
    const server = await createServer({
      configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
      logLevel: 'silent',
      server: { port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    try {
      const base = server.resolvedUrls?.local[0] ?? '';
      const full = await fetch(new URL('/', base));
      expect(full.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(full.headers.get('content-security-policy')).toMatch(/script-src 'self' 'unsafe-inline'/);
      expect(full.headers.get('x-content-type-options')).toBe('nosniff');
      const embed = await fetch(new URL('/?embed=1', base));
      expect(embed.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
      // The dev page has no meta policy (its inline preamble would be refused by it).
      expect(await full.text()).not.toMatch(/http-equiv="Content-Security-Policy"/);
    } finally {
      await server.close();
    }
  });
});
