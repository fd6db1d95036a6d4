/** Several unreadable entries download as one text, each under a line saying which one it is. */
export function corruptDownload(kept: readonly string[]): { text: string; name: string } {
  if (kept.length === 1) return { text: kept[0] ?? '', name: 'playground-autosave.txt' };
  const text = kept
    .map((raw, i) => `# ---- unreadable autosave ${i + 1} of ${kept.length}, as it was stored ----\n${raw}`)
    .join('\n');
  return { text, name: 'playground-autosaves.txt' };
}
