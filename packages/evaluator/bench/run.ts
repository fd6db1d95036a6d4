/**
 * `pnpm bench`: prints one line per figure, `bench <name> <value> <unit>` (docs/architecture.md "CI and benches").
 *  - evaluator.matrix.decisionsPerSecond: full matrix of 1,000 workloads in 100 namespaces under
 *    1,000 policies (1,000,000 decisions). Goal ≥ 1,000,000/s.
 *  - evaluator.edit.medianMs: parse + validate + evaluate all probes of a 100-workload, 100-policy,
 *    300-probe workspace after a one-line edit. Goal ≤ 8 ms.
 *  - evaluator.partsEdit.medianMs / evaluator.partsEditUntraced.medianMs: the same workspace as
 *    the app sends it (evaluateParts, same Mesh and Probes objects) after a one-character edit of
 *    the policies text, with every trace, and with none.
 */
import { createEvaluator, splitWorkspace, type EvaluateOptions } from '../src';
import { generateWorkspace } from './generate';
import { countMatrix } from '../src/matrix';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function matrixBench(): Promise<void> {
  const ws = generateWorkspace({ workloads: 1000, namespaces: 100, policies: 1000, probes: 0 });
  // Best of three runs, each on a freshly compiled workspace (no decision caches carried over).
  let best = 0;
  let decisions = 0;
  for (let run = 0; run < 3; run++) {
    const engine = await createEvaluator().compile(ws.text);
    const start = performance.now();
    decisions = countMatrix(engine, { all: true, now: new Date('2026-01-01T00:00:00Z') });
    best = Math.max(best, decisions / ((performance.now() - start) / 1000));
  }
  console.log(`bench evaluator.matrix.decisionsPerSecond ${Math.round(best)} decisions/s`);
  console.log(`bench evaluator.matrix.decisions ${decisions} decisions`);
}

async function editBench(): Promise<void> {
  const ws = generateWorkspace({ workloads: 100, namespaces: 10, policies: 100, probes: 300 });
  const evaluator = createEvaluator();
  await evaluator.evaluate(ws.text);
  const lines = ws.text.split('\n');
  const target = lines.findIndex((l) => l.includes('values: ["tenant-'));
  const times: number[] = [];
  for (let i = 0; i < 110; i++) {
    const edited = [...lines];
    edited[target] = `      values: ["tenant-${i}"]`;
    const text = edited.join('\n');
    const start = performance.now();
    const result = await evaluator.evaluate(text);
    times.push(performance.now() - start);
    if (result.probes.length !== 300) throw new Error('expected 300 probe results');
  }
  console.log(`bench evaluator.edit.medianMs ${median(times.slice(10)).toFixed(2)} ms`);
}

async function partsEditBench(traces: EvaluateOptions['traces'], name: string): Promise<void> {
  const ws = generateWorkspace({ workloads: 100, namespaces: 10, policies: 100, probes: 300 });
  const parts = splitWorkspace(ws.text);
  const evaluator = createEvaluator();
  await evaluator.evaluateParts(parts, { traces });
  const at = parts.policies.indexOf('"tenant-') + '"tenant-'.length;
  const times: number[] = [];
  for (let i = 0; i < 110; i++) {
    // One character: the tenant digit, a different one each time (so the document is re-parsed).
    const policies = `${parts.policies.slice(0, at)}${String.fromCharCode(97 + (i % 26))}${parts.policies.slice(at + 1)}`;
    const start = performance.now();
    const result = await evaluator.evaluateParts({ ...parts, policies }, { traces });
    times.push(performance.now() - start);
    if (result.probes.length !== 300) throw new Error('expected 300 probe results');
  }
  console.log(`bench evaluator.${name}.medianMs ${median(times.slice(10)).toFixed(2)} ms`);
}

await matrixBench();
await editBench();
await partsEditBench('all', 'partsEdit');
await partsEditBench('none', 'partsEditUntraced');
