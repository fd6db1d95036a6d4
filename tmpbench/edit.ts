import { createEvaluator } from '../packages/evaluator/src';
import { generateWorkspace } from '../packages/evaluator/bench/generate';
const ws = generateWorkspace({ workloads: 100, namespaces: 10, policies: 100, probes: 300 });
const evaluator = createEvaluator();
await evaluator.evaluate(ws.text);
const lines = ws.text.split('\n');
const target = lines.findIndex((l) => l.includes('values: ["tenant-'));
const t = performance.now();
for (let i = 0; i < 200; i++) {
  const edited = [...lines];
  edited[target] = `      values: ["tenant-${i}"]`;
  await evaluator.evaluate(edited.join('\n'));
}
console.log(((performance.now() - t) / 200).toFixed(2), 'ms');
