/** Where a command writes; injected so tests can capture output without spawning a process. */
export interface Io {
  /** Text, or a batch of it already encoded as UTF-8 (whole characters: see `batched`). */
  stdout(chunk: string | Uint8Array): void;
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
 * difference between seconds and milliseconds for a matrix of 100,000 lines. Pieces are joined
 * into a string of about 4 KiB, then encoded as UTF-8 into the batch. Joining a whole batch into
 * one string first would make V8 copy it once more to flatten it before encoding it: on
 * `test --json` with 2,000 probes that was a twentieth of the run. Encoding each piece on its own
 * costs a call into C++ per piece, too many for a matrix of short lines. A batch always ends
 * between two pieces, so it holds whole characters. `flush` at the end.
 */
export interface Batch {
  push(text: string): void;
  flush(): void;
}

/** How much text is joined before it is encoded into the batch. */
const PIECES = 1 << 12;

export function batched(write: (bytes: Uint8Array) => void): Batch {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
  const capacity = BATCH * 3;
  let batch = Buffer.allocUnsafe(capacity);
  let used = 0;
  let pending = '';
  const writeBatch = () => {
    if (used === 0) return;
    write(batch.subarray(0, used));
    // The stream may still hold the bytes it was handed (a pipe writes them later): a new batch.
    batch = Buffer.allocUnsafe(capacity);
    used = 0;
  };
  const encodePending = () => {
    const text = pending;
    pending = '';
    if (text.length * 3 > capacity - used) writeBatch();
    if (text.length * 3 > capacity) write(Buffer.from(text, 'utf8'));
    else used += batch.write(text, used, 'utf8');
  };
  return {
    push(text) {
      pending += text;
      if (pending.length < PIECES) return;
      encodePending();
      if (used >= BATCH) writeBatch();
    },
    flush() {
      encodePending();
      writeBatch();
    },
  };
}
