/** Meshes the layout tests run on (also handy for trying ELK options). */
import type { LayoutEdge, LayoutInput, LayoutNamespace, LayoutWorkload } from './types';

const LABEL = { width: 64, height: 24 };
const EXTERNAL = { id: '@external', width: 160, height: 64 };

function workload(key: string, role: LayoutWorkload['role'] = 'workload'): LayoutWorkload {
  return { key, width: 180, height: 72, role };
}

function namespace(name: string, workloads: string[], gateways: string[] = []): LayoutNamespace {
  return {
    name,
    workloads: [
      ...gateways.map((w) => workload(`${name}/${w}`, 'gateway')),
      ...workloads.map((w) => workload(`${name}/${w}`)),
    ],
  };
}

function edges(pairs: [string, string][]): LayoutEdge[] {
  return pairs.map(([source, target], i) => ({ id: `e${i}`, source, target, label: LABEL }));
}

function mesh(namespaces: LayoutNamespace[], pairs: [string, string][]): LayoutInput {
  return { namespaces, external: [EXTERNAL], edges: edges(pairs), namespaceHeader: 36 };
}

const SEED_NAMESPACES = ['foo', 'bar', 'legacy'];

/** (a) The seed: sleep in every namespace calls httpbin in every namespace; the client calls nothing. */
export const seedMesh = mesh(
  SEED_NAMESPACES.map((ns) => namespace(ns, ['sleep', 'httpbin'])),
  SEED_NAMESPACES.flatMap((x) =>
    SEED_NAMESPACES.map((y): [string, string] => [`${x}/sleep`, `${y}/httpbin`]),
  ),
);

/** (b) Bookinfo: the ingress gateway in istio-system in front of the default namespace. */
export const bookinfoMesh = mesh(
  [
    namespace('istio-system', [], ['ingressgateway']),
    namespace('default', ['productpage', 'details', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings']),
  ],
  [
    ['@external', 'istio-system/ingressgateway'],
    ['istio-system/ingressgateway', 'default/productpage'],
    ['default/productpage', 'default/details'],
    ...['v1', 'v2', 'v3'].map((v): [string, string] => ['default/productpage', `default/reviews-${v}`]),
    ['default/reviews-v2', 'default/ratings'],
    ['default/reviews-v3', 'default/ratings'],
  ],
);

/** (c) Five namespaces, calls crossing them in a chain with shortcuts (acyclic). */
export const crossMesh = mesh(
  [
    namespace('edge', ['web'], ['gateway']),
    namespace('shop', ['cart', 'catalog']),
    namespace('pay', ['payments', 'fraud']),
    namespace('data', ['db', 'cache']),
    namespace('ops', ['audit']),
  ],
  [
    ['@external', 'edge/gateway'],
    ['edge/gateway', 'edge/web'],
    ['edge/web', 'shop/cart'],
    ['edge/web', 'shop/catalog'],
    ['shop/cart', 'pay/payments'],
    ['pay/payments', 'pay/fraud'],
    ['shop/catalog', 'data/cache'],
    ['shop/cart', 'data/db'],
    ['pay/fraud', 'data/db'],
    ['pay/payments', 'ops/audit'],
    ['shop/catalog', 'data/db'],
  ],
);

/** (d) The benchmark: 10 namespaces × 10 workloads, 300 calls. */
export const benchmarkMesh: LayoutInput = {
  namespaces: Array.from({ length: 10 }, (_, n) =>
    namespace(
      `ns${n}`,
      Array.from({ length: 10 }, (_, w) => `w${w}`),
    ),
  ),
  external: [EXTERNAL],
  edges: Array.from({ length: 300 }, (_, i) => ({
    id: `e${i}`,
    source: `ns${i % 10}/w${(i * 7) % 10}`,
    target: `ns${(i * 3) % 10}/w${i % 10}`,
    label: LABEL,
  })),
  namespaceHeader: 36,
};
