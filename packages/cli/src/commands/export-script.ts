import { createEvaluator, verificationScript } from '@playground/evaluator';
import { EXIT, type Io } from '../io';
import { loadWorkspace } from './workspace';

/**
 * `export-script FILE`: the bash script that checks the evaluated outcomes on a real cluster.
 * Printed as generated, not through `printable`: it carries the Istio resources byte for byte in a
 * quoted here-document, and is meant to be redirected to a file. Exit 2 when FILE is not a workspace.
 */
export async function exportScriptCommand(file: string, options: { now?: Date }, io: Io): Promise<number> {
  const input = await loadWorkspace(file, createEvaluator(), io, options.now);
  if (!input) return EXIT.invalid;
  io.stdout(verificationScript(input.parts, input.evaluation));
  return EXIT.ok;
}
