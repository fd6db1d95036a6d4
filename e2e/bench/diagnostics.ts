/**
 * Diagnostics for the app bench (e2e/bench/app-bench.ts), printed on stderr, never bench figures:
 * PROFILE=1 prints the main thread's CPU profile of the keystroke loop by self time
 * (PROFILE_FILE=path also writes the raw profile); TRACE=1 prints the renderer main thread's trace
 * events per keystroke (TRACE_FILE=path also writes the raw trace, for chrome://tracing).
 */
import { writeFileSync } from 'node:fs';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** PROFILE=1: the top self times of a CDP `Profiler.stop` answer. */
export function printCpuProfile(answer: unknown): void {
  const { profile } = answer as { profile: CpuProfile };
  if (process.env.PROFILE_FILE) writeFileSync(process.env.PROFILE_FILE, JSON.stringify(profile));
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const key = n
      ? `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
      : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.error(
    [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([k, v]) => `${v.toFixed(0)}ms ${k}`)
      .join('\n'),
  );
}

/**
 * TRACE=1: the renderer main thread's time per keystroke by trace event (complete events only,
 * nested ones included, so the figures overlap: RunTask is the whole of each task).
 */
export function printMainThreadTrace(trace: Buffer, keystrokes: number): void {
  if (process.env.TRACE_FILE) writeFileSync(process.env.TRACE_FILE, trace);
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as {
    traceEvents: {
      name: string;
      ph: string;
      dur?: number;
      tid: number;
      pid: number;
      args?: { name?: string };
    }[];
  };
  const main = traceEvents.find((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain');
  if (!main) return;
  const total = new Map<string, number>();
  for (const e of traceEvents)
    if (e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur)
      total.set(e.name, (total.get(e.name) ?? 0) + e.dur / 1000);
  console.error(
    [...total.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([name, ms]) => `(trace) ${(ms / keystrokes).toFixed(2)} ms/keystroke ${name}`)
      .join('\n'),
  );
}
