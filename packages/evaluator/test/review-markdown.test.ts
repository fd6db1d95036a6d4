/**
 * The Markdown review report, rendered with marked (GitHub-flavoured Markdown, raw HTML passed
 * through as GitHub's own renderer would before sanitising): its table, summary, diff block and
 * link, and that hostile names stay text — no HTML, no link, no extra row or cell, no early fence.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import {
  evaluateWorkspace,
  fencedBlock,
  markdownLink,
  markdownText,
  policyDiff,
  reviewMarkdown,
  serializeWorkspace,
  splitWorkspace,
  type ReviewInput,
  type WorkspaceParts,
} from '../src';
import { hostileMesh, hostileProbes, hostileStrings, POLICY_TEXT } from './review-hostile';

const NOW = new Date('2026-01-01T00:00:00Z');

async function input(parts: WorkspaceParts): Promise<ReviewInput> {
  const text = serializeWorkspace(parts).text;
  return { parts: splitWorkspace(text), evaluation: await evaluateWorkspace(text, { now: NOW }) };
}

const decode = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const html = (markdown: string): string => marked.parse(markdown, { gfm: true, async: false });

function rows(rendered: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(rendered)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1] ?? ''),
  );
}

const PWNED = '/tmp/pwned-markdown';
const afterParts: WorkspaceParts = {
  metadata: { name: 'hostile', title: `Review <script>alert(1)</script> | \`x\`` },
  mesh: hostileMesh(PWNED),
  policies: POLICY_TEXT,
  probes: hostileProbes(PWNED),
};
const beforeParts: WorkspaceParts = {
  ...afterParts,
  policies: '',
  probes: {
    ...afterParts.probes,
    probes: [
      ...(afterParts.probes.probes ?? []).filter((p) => !p.name?.startsWith('tcp ')),
      {
        name: '<b>removed</b> `probe`',
        from: 'foo/sleep',
        to: 'bar/httpbin',
        port: 8000,
        request: { path: '/removed' },
      },
    ],
  },
};

describe('reviewMarkdown with a baseline', () => {
  it('has a title, the summary line, one row per change, added and removed probe, the diff block and the link', async () => {
    const after = await input(afterParts);
    const before = await input(beforeParts);
    const md = reviewMarkdown(after, before, { link: 'https://play.example/#w=1.abc&b=1.def' });
    const posts = (afterParts.probes.probes ?? []).filter((p) => p.request?.method === 'POST').length;
    expect(posts).toBeGreaterThan(0);
    // The DENY policy on POST is the change: each POST probe goes from 200 to 403.
    expect(md).toContain(
      `${posts} connections changed: ${posts} newly denied, 0 newly allowed, 0 other; 1 added, 1 removed`,
    );
    const rendered = html(md);
    expect(rendered).toMatch(/^<h2>/);
    const table = rows(rendered);
    expect(table).toHaveLength(posts + 2);
    for (const cells of table) expect(cells).toHaveLength(4);
    const changed = table.slice(0, posts);
    for (const cells of changed) {
      expect(decode(cells[0] ?? '')).toMatch(/^foo\/sleep → bar\/httpbin :8000 POST \/anything\//);
      expect(cells[1]).toMatch(/^200 allowed/);
      expect(cells[2]).toMatch(/^403 denied/);
      expect(cells[3]).toBe('AuthorizationPolicy bar/deny-post (rule 0)');
    }
    expect(decode(table[posts]?.[0] ?? '')).toMatch(/^foo\/sleep → bar\/tcp-echo :9000 GET \/ — tcp /);
    expect(table[posts]?.[1]).toBe('— (added)');
    expect(decode(table[posts + 1]?.[0] ?? '')).toContain('<b>removed</b> `probe`');
    expect(table[posts + 1]?.[2]).toBe('— (removed)');
    // The policy diff, whole, in one code block that its own backtick run did not close.
    const pre = [...rendered.matchAll(/<pre><code class="language-diff">([\s\S]*?)<\/code><\/pre>/g)];
    expect(pre).toHaveLength(1);
    expect(decode(pre[0]?.[1] ?? '')).toBe(
      policyDiff('', POLICY_TEXT, { before: 'baseline', after: 'current' }),
    );
    expect(rendered).toContain('<a href="https://play.example/#w=1.abc&amp;b=1.def">');
  });

  it('keeps hostile names as text: no HTML, no link, no emphasis, no extra row or cell', async () => {
    const after = await input(afterParts);
    const before = await input(beforeParts);
    const rendered = html(reviewMarkdown(after, before, {}));
    expect(rendered).not.toMatch(/<script|<img|<b>|<strong>(?!\d)|<em>|<del>|href=|<h2>line2|<h2>heading/i);
    expect(rendered.match(/<h2>/g)).toHaveLength(1);
    expect(rendered.match(/<a /g)).toBeNull();
    for (const cells of rows(rendered)) expect(cells).toHaveLength(4);
    // Each hostile name (line breaks shown as \n) is in its row's first cell, character for character.
    const firstCells = rows(rendered).map((cells) => decode(cells[0] ?? ''));
    for (const h of hostileStrings(PWNED)) {
      const shown = h.replace(/\r\n|[\r\n]/g, '\\n');
      const post = (afterParts.probes.probes ?? []).find((p) => p.name === h)?.request?.method === 'POST';
      if (post)
        expect(
          firstCells.some((c) => c.endsWith(` — ${shown}`)),
          shown,
        ).toBe(true);
    }
  });
});

describe('reviewMarkdown without a baseline', () => {
  it('is the outcome table of every probe', async () => {
    const after = await input(afterParts);
    const rendered = html(reviewMarkdown(after, null, { title: 'Outcomes <i>now</i>' }));
    expect(rendered).toContain('<h2>Outcomes &lt;i&gt;now&lt;/i&gt;</h2>');
    const table = rows(rendered);
    expect(table).toHaveLength(after.evaluation.probes.length);
    for (const cells of table) expect(cells).toHaveLength(4);
    expect(rendered).not.toMatch(/<script|<img|<em>|<del>|href=/i);
  });
});

describe('escapes', () => {
  it('markdownText leaves nothing for Markdown to read', () => {
    expect(markdownText('a|b\\c`d*e_f[g]h~i<j>k&l\nm')).toBe(
      'a\\|b\\\\c\\`d\\*e\\_f\\[g\\]h\\~i&lt;j&gt;k&amp;l\\\\nm',
    );
    expect(markdownText('see https://evil.example, www.evil.example or a@b.example')).toBe(
      'see https\\://evil.example, www\\.evil.example or a\\@b.example',
    );
  });

  it('fencedBlock uses a fence longer than any backtick run inside', () => {
    expect(fencedBlock('a ````` b', 'diff')).toBe('``````diff\na ````` b\n``````\n');
    expect(fencedBlock('plain')).toBe('```\nplain\n```\n');
  });

  it('markdownLink takes http(s) only and percent-encodes what could end the autolink', () => {
    expect(markdownLink('javascript:alert(1)')).toBeNull();
    expect(markdownLink('data:text/html,<script>')).toBeNull();
    expect(markdownLink(' https://x')).toBeNull();
    expect(markdownLink('https://x.example/#w=1.a b<script>"`')).toBe(
      '<https://x.example/#w=1.a%20b%3Cscript%3E%22%60>',
    );
    const rendered = html(`see ${markdownLink('https://x.example/a b>c<d') ?? ''}`);
    expect(rendered).toContain('href="https://x.example/a%20b%3Ec%3Cd"');
  });
});
