import type { Evaluation } from './types';

export interface EvaluateOptions {
  /** Evaluation clock for JWT exp/nbf when neither the Probes document nor a probe sets `now`. */
  now?: Date;
}

/** Parse, validate and evaluate a whole workspace. Never throws for user input. */
export async function evaluateWorkspace(text: string, options: EvaluateOptions = {}): Promise<Evaluation> {
  void text;
  void options;
  throw new Error('evaluateWorkspace: being implemented');
}
