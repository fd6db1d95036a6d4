/** Saves text as a file through a temporary object URL (nothing leaves the page). */
export function download(filename: string, text: BlobPart, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Only the Istio resources, ready for `kubectl apply -f`. */
export function kubectlYaml(policies: string): string {
  const body = policies.trim();
  return body ? `# Istio resources exported from the Istio Policy Playground\n${body}\n` : '';
}
