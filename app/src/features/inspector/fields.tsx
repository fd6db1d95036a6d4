/** Small form fields that commit on Enter or blur (one undo step per edit, not per keystroke). */
import { useId, useState } from 'react';

export function TextField(props: {
  label: string;
  value: string;
  onCommit(value: string): void;
  testId?: string;
  placeholder?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  // A new value from the store (undo, another selection) resets the draft, during render.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setDraft(props.value);
  }
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft);
  };
  return (
    <label className="field" htmlFor={id}>
      <span>{props.label}</span>
      {props.multiline ? (
        <textarea
          id={id}
          value={draft}
          data-testid={props.testId}
          placeholder={props.placeholder}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
        />
      ) : (
        <input
          id={id}
          value={draft}
          data-testid={props.testId}
          placeholder={props.placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(props.value);
          }}
        />
      )}
    </label>
  );
}

/** `k: v` lines ⇄ a string map. */
export const mapToLines = (m: Record<string, string> | undefined): string =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

export function linesToMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}
