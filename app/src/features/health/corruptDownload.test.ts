/** The unreadable autosaves' download (features/health): one byte for byte, several named. */
import { describe, expect, it } from 'vitest';
import { corruptDownload } from './corruptDownload';

describe('corruptDownload', () => {
  it('downloads one entry byte for byte, several as one text that names each', () => {
    expect(corruptDownload(['a\u0000b'])).toEqual({ text: 'a\u0000b', name: 'playground-autosave.txt' });
    const both = corruptDownload(['x: [', 'y: {']);
    expect(both.name).toBe('playground-autosaves.txt');
    expect(both.text).toBe(
      '# ---- unreadable autosave 1 of 2, as it was stored ----\nx: [\n' +
        '# ---- unreadable autosave 2 of 2, as it was stored ----\ny: {',
    );
  });
});
