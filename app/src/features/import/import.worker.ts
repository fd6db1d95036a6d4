/// <reference lib="webworker" />
/**
 * The import worker: reads pasted or dropped files off the main thread (a multi-megabyte
 * `kubectl get -A -o yaml` takes a while to parse). A single playground workspace file is passed
 * through; anything else goes through the evaluator's `importKubernetes`.
 */
import { importKubernetes } from '@playground/evaluator';
import type { ImportPreview, ImportRequest, ImportResponse } from './protocol';
import { isPlaygroundWorkspace } from './preview';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function preview(request: ImportRequest): ImportPreview {
  const [only] = request.files;
  if (request.files.length === 1 && only && isPlaygroundWorkspace(only.text))
    return { kind: 'workspace', file: only.name, text: only.text };
  const result = importKubernetes(request.files, { probes: request.probes });
  return { kind: 'kubernetes', text: result.text, summary: result.summary, diagnostics: result.diagnostics };
}

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const { id } = event.data;
  let answer: ImportResponse;
  try {
    answer = { id, ok: true, preview: preview(event.data) };
  } catch (error) {
    answer = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(answer);
};
