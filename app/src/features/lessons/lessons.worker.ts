/// <reference lib="webworker" />
/** The lessons worker: runs the lesson operations (engine.ts) off the main thread, one message each. */
import type { EngineRequest, EngineResponse } from './engine';
import { inProcessEngine } from './inProcessEngine';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function run(request: EngineRequest): Promise<unknown> {
  const e = inProcessEngine;
  switch (request.op) {
    case 'order':
      return e.order();
    case 'parse':
      return e.parse(...request.args);
    case 'workspace':
      return e.workspace(...request.args);
    case 'check':
      return e.check(...request.args);
  }
}

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id } = event.data;
  run(event.data).then(
    (value) => scope.postMessage({ id, ok: true, value } satisfies EngineResponse),
    (error: unknown) =>
      scope.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies EngineResponse),
  );
};
