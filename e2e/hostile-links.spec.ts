/**
 * The hostile link table: every link is opened in a fresh page whose autosave holds the user's work,
 * in the full playground and as an embed (`?embed=1`), and each must leave
 * - no dialog (alert/confirm/prompt) and no element or handler the app did not render,
 * - a working page: the toolbar (or the embed) responds, and the canvas renders or a notice explains,
 * - the user's work: the autosave unchanged, or, when the link legitimately replaced the workspace,
 *   the replaced work kept in the history of recent workspaces.
 */
import { deflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const AUTOSAVE = 'playground.workspace.v1';
const RECENT = 'playground.recent.v1';

const encode = (payload: Buffer | string) => deflateRawSync(payload).toString('base64url');
const share = (text: string) => `#w=1.${encode(text)}`;

/** The user's own work, in the autosave before the link is opened. */
// In the form the app writes it, so the history's copy can be compared as text.
const SEED = `apiVersion: playground/v1
kind: Mesh
metadata:
  name: my-work
  title: My own work
spec:
  namespaces:
    - name: shop
  workloads:
    - name: web
      namespace: shop
      labels:
        app: web
      ports:
        - port: 80
          name: http
    - name: client
      namespace: shop
      labels:
        app: client
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - from: shop/client
      to: shop/web
      port: 80
      name: client to web
`;

const SMALL = `apiVersion: playground/v1
kind: Mesh
metadata: {name: small, title: Small}
spec:
  namespaces: [{name: a}]
  workloads: [{name: w, namespace: a, ports: [{name: http, port: 80}]}, {name: c, namespace: a}]
---
apiVersion: playground/v1
kind: Probes
spec:
  probes: [{from: a/c, to: a/w, port: 80}]
`;

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (value: string) => JSON.stringify(value);

/** A valid workspace with `payload` in every name and metadata field a user can write. */
function everywhere(payload: string): string {
  const p = q(payload);
  return `apiVersion: playground/v1
kind: Mesh
metadata:
  name: ${p}
  title: ${p}
  description: ${q(`${payload} [link](javascript:alert(1)) <a href="javascript:alert(1)">x</a>`)}
  tags: [${p}, ${q('javascript:alert(1)')}]
spec:
  namespaces:
    - {name: ${p}, labels: {${p}: ${p}, __proto__: ${p}, constructor: x}}
    - {name: shop}
  workloads:
    - {name: ${p}, namespace: ${p}, serviceAccount: ${p}, labels: {app: ${p}, ${p}: ${p}}, ports: [{name: ${p}, port: 80}]}
    - {name: web, namespace: shop, labels: {app: web, __proto__: polluted}, ports: [{name: http, port: 80}]}
    - {name: client, namespace: shop, labels: {constructor: ${p}}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${p}
  namespace: shop
  annotations: {${p}: ${p}}
spec:
  selector: {matchLabels: {app: web}}
  action: ALLOW
  rules:
    - from: [{source: {principals: [${p}], namespaces: [${p}]}}]
      to: [{operation: {paths: [${p}], hosts: [${q('javascript:alert(1)')}]}}]
      when: [{key: ${q(`request.headers[${payload}]`)}, values: [${p}]}]
---
apiVersion: playground/v1
kind: Probes
spec:
  tokens:
    ${p}: {iss: ${p}, sub: ${p}}
  probes:
    - {name: ${p}, from: shop/client, to: shop/web, port: 80, request: {path: ${q(`/${payload}`)}, headers: {${p}: ${p}}}}
    - {name: ${q('javascript:alert(1)')}, from: ${p}, to: shop/web, port: 80}
    - {name: plain, from: shop/client, to: ${p}, port: 80}
`;
}

/** `(a+)+$` against a long path: exponential on a backtracking engine. */
const REDOS = `apiVersion: playground/v1
kind: Mesh
metadata: {name: redos, title: ReDoS}
spec:
  namespaces:
    - {name: istio-system}
    - {name: foo, labels: {istio-injection: enabled}}
    - {name: ${'a'.repeat(63)}}
  workloads:
    - name: istio-ingressgateway
      namespace: istio-system
      gateway: true
      labels: {istio: ingressgateway}
      ports: [{name: http2, port: 80, targetPort: 8080}]
    - {name: httpbin, namespace: foo, labels: {app: httpbin}, ports: [{name: http, port: 8000, targetPort: 8080}]}
    - {name: client, namespace: ${'a'.repeat(63)}}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: foo}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: foo}
spec:
  hosts: ["*"]
  gateways: [gw]
  http:
    - match: [{uri: {regex: "(a+)+$"}}, {headers: {x: {regex: "(a|aa)+$"}}}]
      route: [{destination: {host: httpbin, port: {number: 8000}}}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: glob, namespace: foo}
spec:
  selector: {matchLabels: {app: httpbin}}
  rules: [{from: [{source: {namespaces: ["${'*a'.repeat(30)}*b"]}}]}]
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
    - {from: external, to: istio-system/istio-ingressgateway, port: 80, request: {path: "/${'a'.repeat(48)}!", headers: {x: "${'a'.repeat(48)}!"}}}
    - {from: ${'a'.repeat(63)}/client, to: foo/httpbin, port: 8000}
`;

let bombPayload: string | null = null;
/** 120 MB of zeros, deflated to about 120 KB. */
function bomb(): string {
  bombPayload ??= encode(Buffer.alloc(120 * 1024 * 1024));
  return bombPayload;
}

const validBody = encode(SMALL);

interface HostileLink {
  name: string;
  /** The path the link opens (`/` unless said). */
  path?: string;
  hash: () => string;
  /** The link may legitimately replace the workspace (then the work must be in the history). */
  replaces: boolean;
}

const XSS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=1;alert(1)</script>',
  'javascript:window.__xss=1;alert(document.domain)',
  '"><svg onload="window.__xss=1;alert(1)"><a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe><object data=\'javascript:alert(1)\'></object>',
  "{{constructor.constructor('alert(1)')()}} ${alert(1)} __proto__ \u202e\u0000\u001b[31m",
];

const LINKS: HostileLink[] = [
  { name: 'truncated', hash: () => share(SMALL).slice(0, -9), replaces: false },
  { name: 'truncated to the version', hash: () => '#w=1.', replaces: false },
  { name: 'bad base64', hash: () => '#w=1.not*base64!!', replaces: false },
  { name: 'base64 of an impossible length', hash: () => '#w=1.A', replaces: false },
  { name: 'wrong version', hash: () => `#w=2.${validBody}`, replaces: false },
  { name: 'no version', hash: () => `#w=${validBody}`, replaces: false },
  { name: 'percent-encoded junk', hash: () => '#w=1.%00%ff%3Cscript%3E', replaces: false },
  { name: '120 MB inflate bomb', hash: () => `#w=1.${bomb()}`, replaces: false },
  {
    name: '120 MB inflate bomb as the baseline',
    hash: () => `#w=1.${validBody}&b=1.${bomb()}`,
    replaces: false,
  },
  { name: 'binary bytes', hash: () => `#w=1.${encode(randomBytes(4096))}`, replaces: false },
  {
    name: 'binary inside a workspace',
    hash: () => share(`kind: Mesh\n${'\u0000\u0007\u001b[2J\ufffe'.repeat(50)}\n`),
    replaces: true,
  },
  { name: 'not a workspace', hash: () => share('just: some yaml\n'), replaces: false },
  ...XSS.map((payload, i) => ({
    name: `XSS ${i + 1} in every field`,
    hash: () => share(everywhere(payload)),
    replaces: true,
  })),
  { name: '#example=__proto__', hash: () => '#example=__proto__', replaces: false },
  { name: '#lesson=__proto__', hash: () => '#lesson=__proto__&step=1', replaces: false },
  { name: '#example=constructor', hash: () => '#example=constructor', replaces: false },
  {
    name: 'markup in a lesson id',
    hash: () => '#lesson=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    replaces: false,
  },
  { name: 'javascript: as an example id', hash: () => '#example=javascript:alert(1)', replaces: false },
  { name: 'step=99999999', hash: () => '#lesson=mtls-strict&step=99999999', replaces: true },
  { name: 'step=-1', hash: () => '#lesson=mtls-strict&step=-1', replaces: true },
  { name: 'step=1e9', hash: () => '#lesson=mtls-strict&step=1e9', replaces: true },
  {
    name: 'a lesson and a bomb at once',
    hash: () => `#lesson=pitfalls&step=2&w=1.${bomb()}`,
    replaces: true,
  },
  { name: 'ReDoS workspace', hash: () => share(REDOS), replaces: true },
  {
    name: 'a protocol-relative path',
    path: '//evil.example/',
    hash: () => '#example=authn-mesh-strict',
    replaces: true,
  },
];

/** Elements, handlers and URLs the app never renders. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc']);
    for (const el of document.querySelectorAll('body *')) {
      for (const attribute of el.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`<${el.tagName}> ${attribute.name}`);
        if (
          urlAttributes.has(attribute.name.toLowerCase()) &&
          /^\s*(javascript|data|vbscript):/i.test(attribute.value)
        )
          found.push(`<${el.tagName}> ${attribute.name}=${attribute.value.slice(0, 40)}`);
      }
    }
    for (const el of document.querySelectorAll(
      [
        ...['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'img[src="x"]'].map(
          (t) => `body ${t}`,
        ),
        'base',
        'meta[http-equiv="refresh" i]',
      ].join(', '),
    ))
      found.push(el.outerHTML.slice(0, 80));
    if (document.querySelectorAll('[onerror],[onload],[onclick]').length) found.push('inline handlers');
    if ((window as unknown as { __xss?: unknown }).__xss !== undefined) found.push('window.__xss was set');
    return found;
  });
}

async function storage(page: Page): Promise<{ autosave: string | null; recent: string[] }> {
  return page.evaluate(
    ([autosave, recent]) => {
      // Autosave writes at once when the page is hidden: flush what may be pending.
      window.dispatchEvent(new Event('pagehide'));
      let texts: string[] = [];
      try {
        const data = JSON.parse(localStorage.getItem(recent) ?? '{}') as { entries?: { text?: unknown }[] };
        texts = (data.entries ?? []).map((e) => (typeof e.text === 'string' ? e.text : ''));
      } catch {
        texts = [];
      }
      return { autosave: localStorage.getItem(autosave), recent: texts };
    },
    [AUTOSAVE, RECENT] as const,
  );
}

for (const embed of [false, true]) {
  for (const hostile of LINKS) {
    test(`${embed ? 'embed: ' : ''}${hostile.name}`, async ({ page }) => {
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // The user's work is in the autosave before the first page of the origin runs.
      await page.addInitScript(
        ([key, seed]) => {
          if (!sessionStorage.getItem('seeded')) {
            localStorage.setItem(key, seed);
            sessionStorage.setItem('seeded', '1');
          }
        },
        [AUTOSAVE, SEED] as const,
      );
      const origin = new URL(test.info().project.use.baseURL ?? '').origin;
      await page.goto(`${origin}${hostile.path ?? '/'}${embed ? '?embed=1' : ''}${hostile.hash()}`);

      // A working page: the canvas renders or a notice explains, and the toolbar answers.
      if (embed) {
        await expect(page.getByTestId('embed')).toBeVisible();
        await expect(page.getByTestId('canvas').or(page.getByTestId('embed.error')).first()).toBeVisible();
        await expect(page.getByTestId('embed.open')).toHaveAttribute('href', /^\/(?![/\\])/);
      } else {
        await expect(page.getByTestId('canvas').or(page.getByTestId('notice')).first()).toBeVisible();
        await page.getByTestId('toolbar.menu.file').click();
        await expect(page.getByTestId('toolbar.recent')).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('toolbar.recent')).toBeHidden();
      }
      // Give a slow decode, a lesson load or an evaluation the time to land, then look again.
      await expect(page.getByTestId('canvas')).toBeVisible();
      await page.waitForTimeout(600);
      expect(await injected(page)).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);

      const saved = await storage(page);
      if (embed || !hostile.replaces) {
        expect(saved.autosave).toBe(SEED);
        if (embed) expect(saved.recent).toEqual([]);
      } else if (saved.autosave !== SEED) {
        // Replaced legitimately: the user's work is the newest entry of the history.
        expect(saved.recent[0]).toBe(SEED);
      }
      // Still responsive at the end (a regex running away in the page would stop this).
      expect(await page.evaluate(() => document.readyState)).toBe('complete');
    });
  }
}
