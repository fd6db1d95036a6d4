/**
 * A deliberately tiny Markdown subset for lesson narration: paragraphs, bullet and numbered lists,
 * **bold**, *emphasis*, `code` and [links](https://…). Why hand-written: lesson text is data that a
 * URL can point at, so it must never reach innerHTML; this renderer only ever creates React text
 * nodes and a fixed set of elements, and a link keeps its target only when it is http(s), a
 * same-page anchor or a site-relative path (no `javascript:`/`data:`). A full Markdown library
 * would need a sanitiser and weigh far more than the lessons use.
 */
import type { ReactNode } from 'react';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string | null; children: Inline[] };

export type Block =
  { kind: 'paragraph'; children: Inline[] } | { kind: 'list'; ordered: boolean; items: Inline[][] };

/** The only link targets kept; anything else is rendered as plain text. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(h)) return h;
  if (/^#[\w=&.-]*$/.test(h)) return h;
  if (/^\/(?!\/)[^\s:]*$/.test(h)) return h;
  return null;
}

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s](?:[^*]*[^*\s])?)\*/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: 'strong', children: parseInline(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'code', text: m[2] });
    else if (m[3] !== undefined && m[4] !== undefined)
      out.push({ kind: 'link', href: safeHref(m[4]), children: parseInline(m[3]) });
    else if (m[5] !== undefined) out.push({ kind: 'em', children: parseInline(m[5]) });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** Blocks are separated by blank lines; a line starting with `- `/`* `/`1. ` starts a list item. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const bullet = BULLET.exec(raw);
    const numbered = bullet ? null : NUMBERED.exec(raw);
    if (!line) flush();
    else if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? '');
    } else if (list) {
      // A continuation line of the last item.
      list.items[list.items.length - 1] += ` ${line}`;
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return n.text;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(n.children)}</em>;
      case 'link':
        return n.href ? (
          <a
            key={i}
            href={n.href}
            {...(/^https?:/i.test(n.href) ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            {renderInline(n.children)}
          </a>
        ) : (
          <span key={i}>{renderInline(n.children)}</span>
        );
    }
  });
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      {parseMarkdown(source).map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i}>{renderInline(b.children)}</p>
        ) : b.ordered ? (
          <ol key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{renderInline(item)}</li>
            ))}
          </ol>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{renderInline(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
