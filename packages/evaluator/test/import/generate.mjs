// Run: node packages/evaluator/test/import/generate.mjs (rewrites the fixtures beside it; bookinfo-gateway.yaml is Istio's file as is).
// Builds the import fixtures from Istio's sample manifests, in the form `kubectl get -o yaml|json` prints.
import { stringify } from 'yaml';
import { writeFileSync, mkdirSync } from 'node:fs';
const out = import.meta.dirname;
mkdirSync(out, { recursive: true });
let rv = 41000;
let n = 0;
const uid = () =>
  `6f1c${(++n).toString(16).padStart(4, '0')}-2b1e-4c7a-9d3e-0a5b8c7d${(1000 + n).toString(16).padStart(4, '0')}`;
const ts = '2026-11-20T08:14:27Z';
const sortKeys = (v) =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys(v[k])]),
        )
      : v;
function meta(kind, name, ns, extra = {}, applied = null) {
  const m = { creationTimestamp: ts, name, resourceVersion: String(++rv), uid: uid(), ...extra };
  if (ns) m.namespace = ns;
  if (applied)
    m.annotations = {
      ...(m.annotations ?? {}),
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) + '\n',
    };
  if (
    kind !== 'Pod' &&
    kind !== 'Namespace' &&
    kind !== 'Service' &&
    kind !== 'ServiceAccount' &&
    kind !== 'ConfigMap' &&
    kind !== 'Secret'
  )
    m.generation = 1;
  m.managedFields = [
    {
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': {} } },
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      time: ts,
    },
  ];
  return m;
}
function podSpec(spec) {
  return {
    ...spec,
    containers: spec.containers.map((c) => ({
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ...c,
      ports: c.ports?.map((p) => ({ protocol: 'TCP', ...p })),
    })),
    dnsPolicy: 'ClusterFirst',
    restartPolicy: spec.restartPolicy ?? 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
  };
}
const ns = (name, labels = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { ...meta('Namespace', name, null), labels: { 'kubernetes.io/metadata.name': name, ...labels } },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});
const sa = (name, namespace) => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: meta('ServiceAccount', name, namespace),
});
function svc(name, namespace, ports, selector, labels) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...meta(
        'Service',
        name,
        namespace,
        {},
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { labels, name, namespace },
          spec: { ports, selector },
        },
      ),
      labels,
    },
    spec: {
      clusterIP: `10.96.${n % 250}.${(n * 7) % 250}`,
      clusterIPs: [`10.96.${n % 250}.${(n * 7) % 250}`],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: ports.map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
      selector,
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}
function deploy(name, namespace, labels, spec, extraTemplate = {}) {
  const selector = { matchLabels: labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...meta(
        'Deployment',
        name,
        namespace,
        { annotations: { 'deployment.kubernetes.io/revision': '1' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace },
          spec: { replicas: 1, selector, template: { metadata: { labels }, spec } },
        },
      ),
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector,
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: { metadata: { creationTimestamp: null, labels, ...extraTemplate }, spec: podSpec(spec) },
    },
    status: {
      availableReplicas: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastTransitionTime: ts,
          lastUpdateTime: ts,
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
      ],
      observedGeneration: 1,
      readyReplicas: 1,
      replicas: 1,
      updatedReplicas: 1,
    },
  };
}
// A Deployment's ReplicaSet and Pod, as the controllers create them; `injected` adds what Istio's injector adds.
function rsAndPod(d, hash, suffix, injected) {
  const rsName = `${d.metadata.name}-${hash}`;
  const labels = { ...d.spec.template.metadata.labels, 'pod-template-hash': hash };
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...meta('ReplicaSet', rsName, d.metadata.namespace, {
        annotations: {
          'deployment.kubernetes.io/desired-replicas': '1',
          'deployment.kubernetes.io/max-replicas': '2',
          'deployment.kubernetes.io/revision': '1',
        },
        labels,
      }),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'Deployment',
          name: d.metadata.name,
          uid: d.metadata.uid,
        },
      ],
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: d.spec.template.spec },
    },
    status: {
      availableReplicas: 1,
      fullyLabeledReplicas: 1,
      observedGeneration: 1,
      readyReplicas: 1,
      replicas: 1,
    },
  };
  const spec = structuredClone(d.spec.template.spec);
  const podLabels = { ...labels };
  const annotations = {};
  if (injected) {
    Object.assign(podLabels, {
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': labels.app,
      'service.istio.io/canonical-revision': labels.version ?? 'latest',
    });
    annotations['istio.io/rev'] = 'default';
    annotations['sidecar.istio.io/status'] =
      '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}';
    spec.initContainers = [
      {
        name: 'istio-init',
        image: 'docker.io/istio/proxyv2:1.28.0',
        args: [
          'istio-iptables',
          '-p',
          '15001',
          '-z',
          '15006',
          '-u',
          '1337',
          '-m',
          'REDIRECT',
          '-i',
          '*',
          '-x',
          '',
          '-b',
          '*',
          '-d',
          '15090,15021,15020',
          '--log_output_level=default:info',
        ],
      },
    ];
    spec.containers.push({
      name: 'istio-proxy',
      image: 'docker.io/istio/proxyv2:1.28.0',
      args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
      ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    });
  }
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta('Pod', `${rsName}-${suffix}`, d.metadata.namespace, {
        generateName: `${rsName}-`,
        labels: podLabels,
        ...(injected ? { annotations } : {}),
      }),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'ReplicaSet',
          name: rsName,
          uid: rs.metadata.uid,
        },
      ],
    },
    spec: {
      ...spec,
      enableServiceLinks: true,
      nodeName: 'kind-control-plane',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      serviceAccount: spec.serviceAccountName ?? 'default',
    },
    status: { phase: 'Running', podIP: `10.244.0.${n % 250}`, qosClass: 'BestEffort', startTime: ts },
  };
  return [rs, pod];
}
// kubectl's YAML: sequences not indented, timestamps quoted.
const kube = (v) =>
  stringify(v, { lineWidth: 0, indentSeq: false }).replace(/: (\d{4}-\d\d-\d\dT[\d:]+Z)$/gm, ': "$1"');
const list = (items) =>
  sortKeys({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
const header = (lines) => lines.map((l) => `# ${l}`).join('\n') + '\n';
// samples/httpbin/httpbin.yaml and samples/sleep/sleep.yaml
const httpbin = (namespace) => [
  sa('httpbin', namespace),
  svc(
    'httpbin',
    namespace,
    [{ name: 'http', port: 8000, targetPort: 8080 }],
    { app: 'httpbin' },
    { app: 'httpbin', service: 'httpbin' },
  ),
  deploy(
    'httpbin',
    namespace,
    { app: 'httpbin', version: 'v1' },
    {
      serviceAccountName: 'httpbin',
      containers: [
        {
          image: 'docker.io/mccutchen/go-httpbin:v2.15.0',
          imagePullPolicy: 'IfNotPresent',
          name: 'httpbin',
          ports: [{ containerPort: 8080 }],
        },
      ],
    },
  ),
];
const sleep = (namespace) => [
  sa('sleep', namespace),
  svc('sleep', namespace, [{ port: 80, name: 'http' }], { app: 'sleep' }, { app: 'sleep', service: 'sleep' }),
  deploy(
    'sleep',
    namespace,
    { app: 'sleep' },
    {
      terminationGracePeriodSeconds: 0,
      serviceAccountName: 'sleep',
      containers: [
        {
          name: 'sleep',
          image: 'docker.io/curlimages/curl:8.16.0',
          command: ['/bin/sleep', 'infinity'],
          imagePullPolicy: 'IfNotPresent',
          volumeMounts: [{ mountPath: '/etc/sleep/tls', name: 'secret-volume' }],
        },
      ],
      volumes: [
        { name: 'secret-volume', secret: { defaultMode: 420, optional: true, secretName: 'sleep-secret' } },
      ],
    },
  ),
];
{
  const items = [
    ns('istio-system'),
    ns('foo', { 'istio-injection': 'enabled' }),
    ns('bar', { 'istio-injection': 'enabled' }),
    ns('legacy'),
  ];
  let h = 0;
  for (const space of ['foo', 'bar', 'legacy']) {
    for (const objs of [httpbin(space), sleep(space)]) {
      items.push(...objs);
      const d = objs.find((o) => o.kind === 'Deployment');
      items.push(
        ...rsAndPod(
          d,
          ['7d6b8f9c5', '5c9d7b6f4', '6f8b9d7c4', '84c7d9b6f', '9b7c6d5f8', '5f6d8c9b7'][h++],
          ['x2k9p', 'q7w4z', 'm3n8v', 'r5t2c', 'b8j6h', 'k4l9s'][h - 1],
          space !== 'legacy',
        ),
      );
    }
  }
  writeFileSync(
    `${out}/authn-cluster.yaml`,
    header([
      'The authentication task\'s setup (istio.io "Authentication Policy", Setup): namespaces foo and bar labelled',
      'istio-injection=enabled, legacy without; samples/httpbin/httpbin.yaml and samples/sleep/sleep.yaml in each.',
      'As `kubectl get ns,sa,svc,deploy,rs,po -o yaml` prints it: server-set fields, a List, injected pods in foo and bar.',
    ]) + kube(list(items)),
  );
  const pa = {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: meta(
      'PeerAuthentication',
      'default',
      'istio-system',
      {},
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'istio-system' },
        spec: { mtls: { mode: 'STRICT' } },
      },
    ),
    spec: { mtls: { mode: 'STRICT' } },
  };
  writeFileSync(
    `${out}/authn-mesh-strict.yaml`,
    header([
      'The task\'s "Globally enabling Istio mutual TLS in STRICT mode" policy, as `kubectl get peerauthentication -A -o yaml` prints it.',
    ]) + kube(list([pa])),
  );
}
// Bookinfo + httpbin in default (injection on), curl in plain, the ingress gateway in istio-system.
{
  const items = [
    ns('default', { 'istio-injection': 'enabled' }),
    ns('istio-system'),
    ns('plain'),
    ns('kube-system'),
    ns('mesh-ambient', { 'istio.io/dataplane-mode': 'ambient' }),
  ];
  const bi = (app, version, sa_, extra = {}) => [
    deploy(
      `${app}-${version}`,
      'default',
      { app, version },
      {
        serviceAccountName: sa_,
        containers: [
          {
            name: app,
            image: `registry.istio.io/release/examples-bookinfo-${app}-${version}:1.20.3`,
            imagePullPolicy: 'IfNotPresent',
            ports: [{ containerPort: 9080 }],
            ...extra,
          },
        ],
      },
    ),
  ];
  for (const app of ['details', 'ratings', 'reviews', 'productpage']) {
    items.push(
      svc(app, 'default', [{ port: 9080, name: 'http' }], { app }, { app, service: app }),
      sa(`bookinfo-${app}`, 'default'),
    );
  }
  items.push(...bi('details', 'v1', 'bookinfo-details'), ...bi('ratings', 'v1', 'bookinfo-ratings'));
  for (const v of ['v1', 'v2', 'v3']) items.push(...bi('reviews', v, 'bookinfo-reviews'));
  const pp = bi('productpage', 'v1', 'bookinfo-productpage')[0];
  items.push(pp, ...rsAndPod(pp, '7c9f5d8b6', 'h2x7w', true));
  items.push(...httpbin('default'));
  // samples/curl/curl.yaml in a namespace without injection; the pod asks by annotation, which never reaches the injector.
  const curl = deploy(
    'curl',
    'plain',
    { app: 'curl' },
    {
      terminationGracePeriodSeconds: 0,
      serviceAccountName: 'curl',
      containers: [
        {
          name: 'curl',
          image: 'docker.io/curlimages/curl:8.16.0',
          command: ['/bin/sleep', 'infinity'],
          imagePullPolicy: 'IfNotPresent',
        },
      ],
    },
    { annotations: { 'sidecar.istio.io/inject': 'true' } },
  );
  items.push(
    sa('curl', 'plain'),
    svc('curl', 'plain', [{ port: 80, name: 'http' }], { app: 'curl' }, { app: 'curl', service: 'curl' }),
    curl,
  );
  // The ingress gateway (manifests/charts/gateway, release istio-ingressgateway): pod labels istio=ingressgateway.
  const gwLabels = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
  const gw = deploy(
    'istio-ingressgateway',
    'istio-system',
    gwLabels,
    {
      serviceAccountName: 'istio-ingressgateway',
      containers: [
        {
          name: 'istio-proxy',
          image: 'auto',
          args: ['proxy', 'router'],
          ports: [{ containerPort: 15090, name: 'http-envoy-prom' }],
        },
      ],
    },
    { annotations: { 'inject.istio.io/templates': 'gateway', 'prometheus.io/scrape': 'true' } },
  );
  gw.spec.template.metadata.labels = {
    'sidecar.istio.io/inject': 'true',
    ...gwLabels,
    'app.kubernetes.io/name': 'istio-ingressgateway',
  };
  gw.spec.selector = { matchLabels: gwLabels };
  items.push(sa('istio-ingressgateway', 'istio-system'), gw);
  const gwSvc = svc(
    'istio-ingressgateway',
    'istio-system',
    [
      { name: 'status-port', port: 15021, targetPort: 15021 },
      { name: 'http2', port: 80, targetPort: 8080 },
      { name: 'https', port: 443, targetPort: 8443 },
    ],
    gwLabels,
    { app: 'istio-ingressgateway', istio: 'ingressgateway' },
  );
  gwSvc.spec.type = 'LoadBalancer';
  items.push(gwSvc);
  items.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('ConfigMap', 'istio', 'istio-system', {
      labels: { 'install.operator.istio.io/owning-resource': 'unknown', 'istio.io/rev': 'default' },
    }),
    data: {
      mesh: 'defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  gatewayTopology:\n    numTrustedProxies: 1\ndefaultProviders:\n  metrics:\n  - prometheus\nenablePrometheusMerge: true\nextensionProviders:\n- name: sample-ext-authz-grpc\n  envoyExtAuthzGrpc:\n    service: ext-authz.foo.svc.cluster.local\n    port: 9000\n- name: otel\n  opentelemetry:\n    service: opentelemetry-collector.observability.svc.cluster.local\n    port: 4317\npathNormalization:\n  normalization: MERGE_SLASHES\nrootNamespace: istio-system\ntrustDomain: cluster.local\n',
      meshNetworks: 'networks: {}',
    },
  });
  items.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('ConfigMap', 'istio-ca-root-cert', 'default', { labels: { 'istio.io/config': 'true' } }),
    data: {
      'root-cert.pem':
        '-----BEGIN CERTIFICATE-----\nMIIC/TCCAeWgAwIBAgIRAPxroot\n-----END CERTIFICATE-----\n',
    },
  });
  items.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('Secret', 'db-credentials', 'default'),
    type: 'Opaque',
    data: { password: Buffer.from('hunter2-do-not-leak').toString('base64') },
  });
  // A Job: its pod opts out of injection by label (a batch job that must exit).
  items.push({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { ...meta('Job', 'db-migrate', 'default'), labels: { app: 'db-migrate' } },
    spec: {
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'c1d2' } },
      template: {
        metadata: {
          creationTimestamp: null,
          labels: {
            app: 'db-migrate',
            'sidecar.istio.io/inject': 'false',
            'batch.kubernetes.io/job-name': 'db-migrate',
          },
        },
        spec: podSpec({
          restartPolicy: 'Never',
          containers: [
            {
              name: 'migrate',
              image: 'docker.io/library/busybox:1.36',
              command: ['sh', '-c', 'echo migrated'],
            },
          ],
        }),
      },
    },
    status: { succeeded: 1, completionTime: ts, startTime: ts },
  });
  items.push(...httpbin('mesh-ambient').filter((o) => o.kind === 'Deployment'));
  items.push({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta('Certificate', 'bookinfo-cert', 'istio-system'),
    spec: { secretName: 'bookinfo-credential', dnsNames: ['bookinfo.example.com'] },
  });
  writeFileSync(
    `${out}/samples-cluster.yaml`,
    header([
      'samples/bookinfo/platform/kube/bookinfo.yaml and samples/httpbin/httpbin.yaml in default (istio-injection=enabled),',
      'samples/curl/curl.yaml in plain (no label; the pod template asks by annotation only), the ingress gateway of',
      'manifests/charts/gateway in istio-system with its Service and the istio ConfigMap, a Secret, an unrelated ConfigMap,',
      'a Job, an ambient-mode namespace and a cert-manager Certificate; productpage with its ReplicaSet and injected Pod.',
    ]) + kube(list(items)),
  );
}
// samples/tcp-echo/tcp-echo.yaml in a namespace labelled istio.io/rev, as `kubectl get -o json` prints it.
{
  const items = [
    ns('tcp', { 'istio.io/rev': 'default' }),
    svc(
      'tcp-echo',
      'tcp',
      [
        { name: 'tcp', port: 9000 },
        { name: 'tcp-other', port: 9001 },
      ],
      { app: 'tcp-echo' },
      { app: 'tcp-echo', service: 'tcp-echo' },
    ),
    deploy(
      'tcp-echo',
      'tcp',
      { app: 'tcp-echo', version: 'v1' },
      {
        containers: [
          {
            name: 'tcp-echo',
            image: 'registry.istio.io/release/tcp-echo-server:1.3',
            imagePullPolicy: 'IfNotPresent',
            args: ['9000,9001,9002', 'hello'],
            ports: [{ containerPort: 9000 }, { containerPort: 9001 }],
          },
        ],
      },
    ),
  ];
  writeFileSync(`${out}/tcp-echo.json`, JSON.stringify(list(items), null, 4) + '\n');
}
