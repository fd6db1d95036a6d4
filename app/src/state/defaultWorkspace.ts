/**
 * The first screen: the mesh of Istio's authentication task ("Setup") with its nine probes
 * `sleep.X → httpbin.Y:8000/ip` and no policies, so every call is allowed (200), as the task says.
 */
const workloads = ['foo', 'bar', 'legacy']
  .map((ns) => {
    const sidecar = ns === 'legacy' ? ', sidecar: false' : '';
    return [
      `    - {name: httpbin, namespace: ${ns}${sidecar}, labels: {app: httpbin, version: v1}, serviceAccount: httpbin, ports: [{name: http, port: 8000, targetPort: 8080}]}`,
      `    - {name: sleep, namespace: ${ns}${sidecar}, labels: {app: sleep}, serviceAccount: sleep, ports: [{name: http, port: 80, targetPort: 80}]}`,
    ].join('\n');
  })
  .join('\n');

const probes = ['foo', 'bar', 'legacy']
  .flatMap((from) =>
    ['foo', 'bar', 'legacy'].map((to) =>
      [
        `    - name: sleep.${from} to httpbin.${to}`,
        `      from: ${from}/sleep`,
        `      to: ${to}/httpbin`,
        '      port: 8000',
        '      request: {path: /ip}',
      ].join('\n'),
    ),
  )
  .join('\n');

export const DEFAULT_WORKSPACE = `apiVersion: playground/v1
kind: Mesh
metadata:
  name: authn-demo
  title: "Authentication task: the starting mesh"
spec:
  namespaces:
    - {name: foo, labels: {istio-injection: enabled}}
    - {name: bar, labels: {istio-injection: enabled}}
    - {name: legacy}
  workloads:
${workloads}
---
apiVersion: playground/v1
kind: Probes
spec:
  probes:
${probes}
`;
