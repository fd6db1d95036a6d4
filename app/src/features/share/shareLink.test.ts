// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { decodePayload, decodeShareHash, encodeWorkspace, MAX_DECODED_BYTES } from './shareLink';

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

describe('share links', () => {
  it('round-trips a workspace, including names that look like HTML', async () => {
    const text =
      'apiVersion: playground/v1\nkind: Mesh\nspec:\n  namespaces: [{name: "<img src=x onerror=alert(1)>"}]\n';
    const payload = await encodeWorkspace(text);
    expect(payload).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareHash(`#w=${payload}`)).toEqual({ ok: true, text, baseline: null });
  });

  it('keeps the link format: a link written by an earlier version reads back and encodes the same', async () => {
    // deflate-raw at zlib's default level, base64url without padding: the `-` and `_` of the
    // URL-safe alphabet both occur, and the length is not a multiple of 4.
    const link =
      '1.SyzIDEstKs7Mz7NSKMhJrEwvyi_NS9EvM-TKzsxLsVLwTS3O4MpNLUlMSSxJtFKozkvMTbVSyMnMy9Y1NKjlKi5ITbbiUlAACRcXJCanFlspREMVKR2eb3N4pZ1SbSwXAA';
    const text =
      'apiVersion: playground/v1\nkind: Mesh\nmetadata: {name: link-10}\nspec:\n  namespaces: [{name: "ß<é>"}]\n';
    expect(await decodePayload(link)).toEqual({ ok: true, text });
    expect(await encodeWorkspace(text)).toBe(link);
    expect(await decodePayload(`${link}=`)).toMatchObject({ ok: false });
  });

  it('returns null when the hash has no workspace', async () => {
    expect(await decodeShareHash('#something')).toBeNull();
  });

  it('refuses an unknown version, bad base64 and a truncated stream', async () => {
    expect(await decodePayload('2.abc')).toMatchObject({
      ok: false,
      message: expect.stringContaining('version'),
    });
    expect(await decodePayload('1.a$b')).toMatchObject({
      ok: false,
      message: expect.stringContaining('base64url'),
    });
    const payload = await encodeWorkspace('kind: Mesh\n'.repeat(200));
    expect(await decodePayload(payload.slice(0, payload.length - 8))).toMatchObject({ ok: false });
  });

  it('stops a decompression bomb at the size cap', async () => {
    const bomb = await deflate(new Uint8Array(MAX_DECODED_BYTES + 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await decodePayload(`1.${b64url(bomb)}`)).toMatchObject({
      ok: false,
      message: expect.stringContaining('larger than'),
    });
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(
      await decodePayload(`1.${b64url(await deflate(new Uint8Array([0xff, 0xfe, 0xfd])))}`),
    ).toMatchObject({ ok: false, message: expect.stringContaining('UTF-8') });
  });
});
