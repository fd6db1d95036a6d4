/**
 * Whether a pod gets an Envoy sidecar, decided as Istio's sidecar injector decides it. Two places
 * in istio/istio say how, and this follows both (read, not copied):
 * - manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml: which pods the
 *   API server sends to the injector at all. A namespace labelled `istio-injection=enabled` sends
 *   every pod not labelled `sidecar.istio.io/inject=false`; a namespace with `istio.io/rev` and no
 *   `istio-injection` label does the same for that revision; a namespace with neither label sends
 *   only pods *labelled* `sidecar.istio.io/inject=true` or `istio.io/rev`; a namespace labelled
 *   `istio-injection` with any other value (`disabled`) sends none, whatever the pod says.
 * - pkg/kube/inject/inject.go `injectRequired`: what the injector then decides. Host-network pods
 *   and pods in kube-system/kube-public are never injected; the pod's `sidecar.istio.io/inject`
 *   label takes precedence over the annotation of that name; `true`/`false` decide, any other value
 *   falls back to the default policy (inject).
 * When neither the namespace nor the pod says anything, an already injected pod (an `istio-proxy`
 * container or an `istio-init` init container, or the injector's `sidecar.istio.io/status`
 * annotation) says it has a sidecar: it was injected by hand or before a label changed.
 */

export interface PodFacts {
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostNetwork: boolean;
  /** An istio-proxy container, an istio-init init container or the injector's status annotation. */
  injected: boolean;
}

export interface InjectionDecision {
  sidecar: boolean;
  /** Why, in a few words, for the summary. */
  reason: string;
  /** Something the user probably did not mean (an annotation that never reaches the injector). */
  warning?: string;
}

const INJECT = 'sidecar.istio.io/inject';
const REV = 'istio.io/rev';
const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public']);

/** The pod's own say: label first, then annotation; `undefined` when it says nothing usable. */
function podSays(pod: PodFacts): { value: boolean | undefined; from: string } {
  const label = pod.labels[INJECT];
  const raw = label ?? pod.annotations[INJECT];
  const from = label !== undefined ? `label ${INJECT}` : `annotation ${INJECT}`;
  if (raw === 'true') return { value: true, from };
  if (raw === 'false') return { value: false, from };
  return { value: undefined, from };
}

/**
 * The decision for one pod (or pod template) in a namespace with the given labels; `namespaceLabels`
 * is null when the input has no Namespace object for it (its labels are unknown).
 */
export function decideSidecar(
  pod: PodFacts,
  namespaceLabels: Record<string, string> | null,
): InjectionDecision {
  if (pod.hostNetwork) return { sidecar: false, reason: 'hostNetwork pods are never injected' };
  if (IGNORED_NAMESPACES.has(pod.namespace))
    return { sidecar: false, reason: `the injector ignores ${pod.namespace}` };
  const says = podSays(pod);
  const nsInjection = namespaceLabels?.['istio-injection'];
  const nsRev = namespaceLabels?.[REV];
  if (nsInjection !== undefined && nsInjection !== 'enabled')
    return { sidecar: false, reason: `namespace label istio-injection=${nsInjection}` };
  if (nsInjection === 'enabled' || nsRev !== undefined) {
    const by = nsInjection === 'enabled' ? 'istio-injection=enabled' : `${REV}=${nsRev}`;
    // The webhook's object selector already drops pods labelled inject=false; the injector then
    // reads label-over-annotation, so an annotation `false` also opts out.
    if (says.value === false) return { sidecar: false, reason: `${says.from}=false` };
    return { sidecar: true, reason: `namespace label ${by}` };
  }
  // No injection label on the namespace (or the namespace is not in the input).
  if (pod.labels[INJECT] === 'true') return { sidecar: true, reason: `label ${INJECT}=true` };
  if (pod.labels[REV] !== undefined && pod.labels[INJECT] !== 'false')
    return { sidecar: true, reason: `label ${REV}=${pod.labels[REV]}` };
  if (pod.injected) return { sidecar: true, reason: 'already injected (istio-proxy container)' };
  if (pod.annotations[INJECT] === 'true' && pod.labels[INJECT] === undefined)
    return {
      sidecar: false,
      reason: 'no injection label on the namespace',
      warning: `annotation ${INJECT}=true does not reach the injector without a namespace label; use the label`,
    };
  return {
    sidecar: false,
    reason: namespaceLabels
      ? 'no injection label on the namespace'
      : 'namespace not in the input, pod not injected',
  };
}
