/// <reference lib="webworker" />
/**
 * The export worker: evaluates the workspace afresh, with every trace, and turns the evaluation
 * into an export's text, off the main thread. Created on the first export; one request at a time.
 */
import { evaluateParts } from '@playground/evaluator';
import type { ExportRequest, ExportResponse } from './protocol';
import { buildVerificationScript } from './verificationScriptAdapter';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function run(request: ExportRequest): Promise<string> {
  const evaluation = await evaluateParts(request.parts, { traces: 'all' });
  switch (request.kind) {
    case 'script':
      return buildVerificationScript(request.parts, evaluation);
  }
}

scope.onmessage = (event: MessageEvent<ExportRequest>) => {
  const { id } = event.data;
  run(event.data).then(
    (text) => scope.postMessage({ id, ok: true, text } satisfies ExportResponse),
    (error: unknown) =>
      scope.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ExportResponse),
  );
};
