import { importKubernetes, type ImportFile, type ImportResult } from '@playground/evaluator';
import { readProcessStdin, readWorkspaceFile } from '../files';
import { printable } from '../format';
import { EXIT, UsageError, type Io } from '../io';

export interface ImportCommandOptions {
  probes: 'none' | 'services';
}

export function parseProbesOption(value: string | undefined): 'none' | 'services' {
  if (value === undefined || value === 'services') return 'services';
  if (value === 'none') return 'none';
  throw new UsageError(`--probes "${value}": use none or services`);
}

const name = (o: { kind: string; namespace?: string; name?: string }) =>
  [o.kind, [o.namespace, o.name].filter(Boolean).join('/')].filter(Boolean).join(' ');

/** The summary on stderr: counts, then one line per object read or skipped and per warning. */
function summaryText(result: ImportResult): string {
  const { read, skipped, warnings } = result.summary;
  const lines = [
    `import: ${read.length} read, ${skipped.length} skipped, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}; ` +
      `${result.parts.mesh.workloads?.length ?? 0} workloads, ${result.parts.probes.probes?.length ?? 0} probes`,
  ];
  if (read.length) lines.push('read:', ...read.map((o) => `  ${printable(name(o))}`));
  if (skipped.length)
    lines.push('skipped:', ...skipped.map((o) => `  ${printable(name(o))}: ${printable(o.reason)}`));
  if (warnings.length) lines.push('warnings:', ...warnings.map((w) => `  ${printable(w)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * `import FILE... [--probes none|services]`: the workspace on stdout, the summary on stderr.
 * Exit 0; 2 when a file cannot be read or does not parse (file:line:column), or nothing usable
 * (no workload and no Istio resource) was found. `-` reads standard input.
 */
export async function importCommand(files: string[], options: ImportCommandOptions, io: Io): Promise<number> {
  const inputs: ImportFile[] = [];
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('import reads standard input (-) once');
  for (const file of files) {
    if (file === '-') {
      try {
        inputs.push({ name: '-', text: await (io.stdin ?? readProcessStdin)() });
      } catch (error) {
        io.stderr(`${printable(`-: ${error instanceof Error ? error.message : String(error)}`)}\n`);
        return EXIT.invalid;
      }
      continue;
    }
    const read = readWorkspaceFile(file);
    if ('error' in read) {
      io.stderr(`${printable(read.error)}\n`);
      return EXIT.invalid;
    }
    inputs.push({ name: file, text: read.text });
  }
  const result = importKubernetes(inputs, { probes: options.probes });
  if (result.diagnostics.length) {
    for (const d of result.diagnostics)
      io.stderr(`${printable(d.file)}:${d.line}:${d.column}: error import.parse: ${printable(d.message)}\n`);
    io.stderr('import: the input does not parse; nothing was written\n');
    return EXIT.invalid;
  }
  const workloads = result.parts.mesh.workloads?.length ?? 0;
  if (workloads === 0 && result.parts.policies.trim() === '') {
    io.stderr(summaryText(result));
    io.stderr(
      'import: nothing usable: no workload and no Istio resource in the input; nothing was written\n',
    );
    return EXIT.invalid;
  }
  io.stdout(result.text);
  io.stderr(summaryText(result));
  return EXIT.ok;
}
