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

/** How much output a command gathers before handing it to `Io.stdout` (one write per batch). */
export const BATCH = 1 << 16;

/**
 * Output gathered into batches of about 64 KiB: one `write` per batch instead of one per line, the
 * difference between seconds and milliseconds for a matrix of 100,000 lines. `flush` at the end.
 */
export interface Batch {
  push(text: string): void;
  flush(): void;
}

export function batched(write: (text: string) => void): Batch {
  let pending = '';
  return {
    push(text) {
      pending += text;
      if (pending.length >= BATCH) {
        write(pending);
        pending = '';
      }
    },
    flush() {
      if (pending) write(pending);
      pending = '';
    },
  };
}
