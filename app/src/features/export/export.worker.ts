/// <reference lib="webworker" />
/**
 * The export worker: evaluates the workspace afresh, with every trace, and turns the evaluation
 * into an export's text with the evaluator's own writers (`verificationScript`, `reviewMarkdown`,
 * which escape and quote everything that comes from the workspace), off the main thread.
 * Created on the first export; one request at a time.
 */
import { evaluateParts, reviewMarkdown, verificationScript } from '@playground/evaluator';
import type { ExportRequest, ExportResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function run(request: ExportRequest): Promise<string> {
  const evaluation = await evaluateParts(request.parts, { traces: 'all' });
  switch (request.kind) {
    case 'script':
      return verificationScript(request.parts, evaluation);
    case 'markdown': {
      const before = request.baseline
        ? { parts: request.baseline, evaluation: await evaluateParts(request.baseline, { traces: 'all' }) }
        : null;
      return reviewMarkdown({ parts: request.parts, evaluation }, before, {
        title: request.title,
        ...(request.link ? { link: request.link } : {}),
      });
    }
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
