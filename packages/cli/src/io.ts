/** Where a command writes; injected so tests can capture output without spawning a process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** What `-` reads; default process.stdin. */
  stdin?: ReadStdin;
}

/** Exit codes of the CLI contract (docs/workspace-format.md "CLI"). */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

export class UsageError extends Error {}

/** Standard input, for `-` in place of a file; tests inject it, the command falls back to process.stdin. */
export type ReadStdin = () => Promise<string>;
