/**
 * Share links (docs/workspace-format.md "Share links"): `#w=1.<base64url(deflate-raw(workspace text))>`, optionally
 * `&b=1.<…>` for a review baseline. Decoding checks everything and caps the decompressed size, so a
 * truncated, oversized, non-base64 or decompression-bomb link is refused with a message.
 */
import { base64url } from 'jose';
import { WORKSPACE_SIZE_LIMIT } from '@playground/evaluator';

export const LINK_VERSION = '1';
/** Longest encoded payload accepted (characters after `1.`). Browsers cap URLs near 2 MB. */
export const MAX_ENCODED_LENGTH = 2 * 1024 * 1024;
/** Largest decompressed workspace accepted, in bytes. */
export const MAX_DECODED_BYTES = WORKSPACE_SIZE_LIMIT;

/** The DOM typings disagree on chunk types between Blob streams and (De)CompressionStream. */
type ByteTransform = TransformStream<Uint8Array, Uint8Array>;

export type DecodeResult =
  { ok: true; text: string; baseline: string | null } | { ok: false; message: string };

/** base64url without padding (RFC 4648 §5), checked strictly: no padding, whitespace or other alphabet. */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    return base64url.decode(text);
  } catch {
    return null;
  }
}

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function encodeWorkspace(text: string): Promise<string> {
  const compressed = await collect(
    streamOf(new TextEncoder().encode(text)).pipeThrough(
      new CompressionStream('deflate-raw') as unknown as ByteTransform,
    ),
    Number.MAX_SAFE_INTEGER,
  );
  if (compressed === 'too-large') throw new Error('unreachable');
  return `${LINK_VERSION}.${base64url.encode(compressed)}`;
}

export async function decodePayload(
  payload: string,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const dot = payload.indexOf('.');
  if (dot < 0) return { ok: false, message: 'the link has no version (expected "1.")' };
  const version = payload.slice(0, dot);
  if (version !== LINK_VERSION)
    return {
      ok: false,
      message: `the link has version "${version.slice(0, 10)}", this playground reads version ${LINK_VERSION}`,
    };
  const body = payload.slice(dot + 1);
  if (body.length > MAX_ENCODED_LENGTH)
    return {
      ok: false,
      message: `the link is too long (${Math.round(body.length / 1024)} KB; the limit is ${MAX_ENCODED_LENGTH / 1024} KB)`,
    };
  if (body.length === 0) return { ok: false, message: 'the link carries no workspace' };
  const bytes = fromBase64Url(body);
  if (!bytes)
    return { ok: false, message: 'the link is not valid base64url: it may have been cut or altered' };
  let inflated: Uint8Array | 'too-large';
  try {
    inflated = await collect(
      streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw') as unknown as ByteTransform),
      MAX_DECODED_BYTES,
    );
  } catch {
    return { ok: false, message: 'the link could not be decompressed: it is truncated or corrupted' };
  }
  if (inflated === 'too-large')
    return {
      ok: false,
      message: `the link's workspace is larger than ${MAX_DECODED_BYTES / 1024 / 1024} MB once decompressed`,
    };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return { ok: false, message: 'the link does not contain UTF-8 text' };
  }
}

/** Reads `#w=1.…[&b=1.…]`. Returns null when the hash carries no workspace. */
export async function decodeShareHash(hash: string): Promise<DecodeResult | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const w = params.get('w');
  if (w === null) return null;
  const main = await decodePayload(w);
  if (!main.ok) return main;
  const b = params.get('b');
  let baseline: string | null = null;
  if (b !== null) {
    const decoded = await decodePayload(b);
    if (!decoded.ok) return { ok: false, message: `the baseline: ${decoded.message}` };
    baseline = decoded.text;
  }
  return { ok: true, text: main.text, baseline };
}

export async function shareUrl(
  location: Pick<Location, 'origin' | 'pathname'>,
  text: string,
): Promise<string> {
  return `${location.origin}${location.pathname}#w=${await encodeWorkspace(text)}`;
}
