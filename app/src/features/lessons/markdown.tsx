/**
 * Lesson narration as Markdown (CommonMark, through react-markdown). Lesson text is data that a URL
 * can point at, so it never reaches innerHTML: react-markdown builds React elements, raw HTML in the
 * text stays text (no rehype-raw), only the elements a narration needs are kept, and a link keeps its
 * target only when it is http(s), a same-page anchor or a relative path (no `javascript:`/`data:`).
 * The lesson panel imports this module, and the panel is loaded lazily (features/LearnLayer.tsx), so
 * react-markdown stays out of the page's entry chunk.
 */
import type { ComponentProps } from 'react';
import ReactMarkdown from 'react-markdown';
import type { Components } from 'react-markdown';

/** What a narration may render; anything else (headings, images, tables…) is unwrapped to its text. */
const ALLOWED = ['p', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'a', 'blockquote', 'br', 'hr'];

/**
 * The only link targets kept: http(s), `#…` anchors (the app's own `#lesson=`/`#example=` links) and
 * relative paths. Scheme-relative (`//host`) and backslash paths, which a browser would send to
 * another host, are refused like every other scheme.
 */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/[\s\\]/.test(h) || h.startsWith('//')) return null;
  if (/^https?:\/\/./i.test(h)) return h;
  // No scheme: nothing before the first `/`, `?` or `#` contains a colon.
  if (/^[^:/?#]*(?:[/?#]|$)/.test(h) && h !== '') return h;
  return null;
}

function LessonLink({ href, children }: ComponentProps<'a'>) {
  if (!href) return <span>{children}</span>;
  const external = /^https?:/i.test(href);
  return (
    <a href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {children}
    </a>
  );
}

const COMPONENTS: Components = { a: ({ href, children }) => <LessonLink href={href}>{children}</LessonLink> };

export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown
        allowedElements={ALLOWED}
        unwrapDisallowed
        components={COMPONENTS}
        urlTransform={(url) => safeHref(url)}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
