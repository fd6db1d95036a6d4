import { createEvaluator } from '../packages/evaluator/src';
import { generateWorkspace } from '../packages/evaluator/bench/generate';
import { countMatrix } from '../packages/evaluator/src/matrix';
const ws = generateWorkspace({ workloads: 1000, namespaces: 100, policies: 1000, probes: 0 });
const engine = createEvaluator().compile(ws.text);
const t = performance.now();
const n = countMatrix(engine, { all: true });
console.log(n, (performance.now() - t).toFixed(0), 'ms', Math.round(n / ((performance.now() - t) / 1000)));
