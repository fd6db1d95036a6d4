/** Presenter keyboard map: → / PageDown next step, ← / PageUp previous, r reset (re-apply), e editor. */
export type PresenterCommand = 'next' | 'previous' | 'reset' | 'editor';

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** Typing in the editor, a field or a dialog's search box must never move the slides. */
function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (
    (target as Element).closest('input, textarea, select, [contenteditable="true"], .monaco-editor') !== null
  );
}

export function presenterCommand(e: KeyLike): PresenterCommand | null {
  if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'r':
    case 'R':
      return 'reset';
    case 'e':
    case 'E':
      return 'editor';
    default:
      return null;
  }
}
