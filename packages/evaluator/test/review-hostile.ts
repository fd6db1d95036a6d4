/**
 * A review whose every user-written value is hostile: quotes, `$()`, backticks, `<script>`, pipes,
 * Markdown syntax and line breaks in probe names, paths, header names and values, hosts, tokens,
 * labels and the Istio resources text. Shared by the Markdown and script tests.
 */
import type { MeshSpec, ProbeSpec, ProbesSpec } from '../src';

/** Values that would run a command, close a quote or inject markup if printed as they are. */
export function hostileStrings(pwned: string): string[] {
  return [
    `it's "quoted" \\ back\\slash`,
    `$(touch ${pwned})`,
    `\`touch ${pwned}\``,
    `'; touch ${pwned}; echo '`,
    `"; touch ${pwned}; echo "`,
    `<script>alert(1)</script>`,
    `<img src=x onerror=alert(1)>`,
    `a | b || c`,
    `line1\nline2\r\n| fake | row |\n## heading`,
    '```\n</pre>\n````',
    `[click](javascript:alert(1)) ![x](http://evil/x.png)`,
    `**bold** _em_ ~~del~~ &lt;b&gt; &amp;`,
    `\${TOKEN_DEMO} %{http_code} \\n`,
  ];
}

export const POLICY_TEXT = `# A comment with a backtick run: \`\`\`\` and a would-be delimiter below
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-post
  namespace: bar
spec:
  selector:
    matchLabels:
      app: httpbin
  action: DENY
  rules:
  - to:
    - operation:
        methods: ["POST"]
---
PLAYGROUND_ISTIO_RESOURCES
`;

export function hostileMesh(pwned: string): MeshSpec {
  const [quoted, dollar] = hostileStrings(pwned);
  return {
    namespaces: [{ name: 'foo' }, { name: 'bar' }, { name: 'istio-system' }],
    workloads: [
      // A label value with a quote and a command substitution: it reaches `kubectl get pod -l`.
      {
        name: 'sleep',
        namespace: 'foo',
        labels: { app: `sleep${quoted ?? ''}${dollar ?? ''}` },
        ports: [{ name: 'http', port: 80 }],
      },
      {
        name: 'httpbin',
        namespace: 'bar',
        labels: { app: 'httpbin' },
        ports: [{ name: 'http', port: 8000, targetPort: 8080 }],
      },
      {
        name: 'tcp-echo',
        namespace: 'bar',
        labels: { app: 'tcp-echo' },
        ports: [{ name: 'tcp', port: 9000 }],
      },
      {
        name: 'istio-ingressgateway',
        namespace: 'istio-system',
        gateway: true,
        labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
        ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
      },
    ],
  };
}

/** One HTTP probe per hostile string (name, path, header and host), a TCP probe and a token probe. */
export function hostileProbes(pwned: string): ProbesSpec {
  const hostile = hostileStrings(pwned);
  const probes: ProbeSpec[] = hostile.map((h, i) => ({
    name: h,
    from: 'foo/sleep',
    to: 'bar/httpbin',
    port: 8000,
    request: {
      method: i % 3 === 0 ? 'POST' : 'GET',
      path: `/anything/${i}?q=${h.replace(/[\r\n]/g, '')}`,
      headers: { 'x-hostile': h.replace(/[\r\n]/g, ' '), [`x-${i}`]: `v'${i}"` },
      ...(i === 1 ? { host: `httpbin.bar:8000` } : {}),
      ...(i === 2 ? { token: hostile[3] ?? '' } : {}),
      ...(i === 4 ? { token: 'real' } : {}),
    },
  }));
  probes.push({ name: `tcp ${hostile[1] ?? ''}`, from: 'foo/sleep', to: 'bar/tcp-echo', port: 9000 });
  probes.push({
    name: `external ${hostile[2] ?? ''}`,
    from: 'external',
    to: 'istio-system/istio-ingressgateway',
    port: 80,
    request: { path: `/ext?q=${hostile[3] ?? ''}`, host: `evil'$(touch ${pwned}).example` },
  });
  return {
    tokens: {
      [hostile[3] ?? 'x']: { claims: { iss: 'testing@secure.istio.io', sub: hostile[5] ?? '' } },
      real: { raw: `${hostile[2] ?? ''}'"` },
    },
    probes,
  };
}
