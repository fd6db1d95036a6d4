import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { WORKSPACE_SIZE_LIMIT } from '@playground/evaluator';

/**
 * The most bytes a workspace file may have: the evaluator's limit (counted in UTF-16 code units of
 * the text) taken as bytes, so no file the evaluator would refuse is ever read into memory whole.
 */
export const FILE_BYTE_LIMIT = WORKSPACE_SIZE_LIMIT;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Reads a workspace file: only a regular file, at most FILE_BYTE_LIMIT bytes. The file is opened
 * non-blocking (a FIFO with no writer would otherwise block the open) and checked with fstat on
 * the open descriptor before a byte is read, so a device, FIFO or directory is never read, and a
 * file that grows after the check is still cut off at the limit.
 */
export function readWorkspaceFile(file: string): { text: string } | { error: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return { error: `${file}: ${kindOf(stats)}, not a regular file; refusing to read it` };
    if (stats.size > FILE_BYTE_LIMIT)
      return { error: `${file}: ${stats.size} bytes is over the ${FILE_BYTE_LIMIT} byte limit` };
    // Read to the end, not to the size fstat gave: a file that grows meanwhile is still capped.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size, 1), FILE_BYTE_LIMIT) + 1);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > FILE_BYTE_LIMIT) return { error: `${file}: more than the ${FILE_BYTE_LIMIT} byte limit` };
    }
    return { text: Buffer.concat(chunks, length).toString('utf8') };
  } catch (error) {
    return { error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    closeSync(fd);
  }
}

/** Reads process.stdin to its end, at most FILE_BYTE_LIMIT bytes. */
export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > FILE_BYTE_LIMIT)
      throw new RangeError(`standard input: more than the ${FILE_BYTE_LIMIT} byte limit`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, length).toString('utf8');
}
