/**
 * The learning links, read and written: `#example=<id>`, `#lesson=<id>&step=<n>` (steps from 1),
 * `?present=1`, `?embed=1`. Only ids and numbers are taken from the address; nothing in it is ever
 * run or rendered as markup. `#w=` share links belong to useShareLink and are left alone here.
 */
export type RouteTarget =
  | { kind: 'example'; id: string }
  | { kind: 'lesson'; id: string; step: number }
  | { kind: 'workspace' }
  | null;

export interface LearnRoute {
  present: boolean;
  embed: boolean;
  target: RouteTarget;
}

/** Ids as the address gives them, bounded so a hostile link cannot flood a notice. */
const cleanId = (value: string | null): string => (value ?? '').trim().slice(0, 80);

export function parseLearnRoute(search: string, hash: string): LearnRoute {
  const query = new URLSearchParams(search);
  const flag = (name: string) => query.get(name) === '1' || query.get(name) === 'true';
  const h = hash.replace(/^#/, '');
  let target: RouteTarget = null;
  if (/^w=/.test(h)) target = { kind: 'workspace' };
  else if (h) {
    const params = new URLSearchParams(h);
    if (params.has('lesson')) {
      const raw = params.get('step');
      // A missing step is step 1; anything but digits is NaN, which the lesson opening reports.
      const step = raw === null || raw === '' ? 1 : /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
      target = { kind: 'lesson', id: cleanId(params.get('lesson')), step };
    } else if (params.has('example')) target = { kind: 'example', id: cleanId(params.get('example')) };
  }
  return { present: flag('present'), embed: flag('embed'), target };
}

export const lessonHash = (id: string, step: number): string =>
  `#lesson=${encodeURIComponent(id)}&step=${step}`;

export const exampleHash = (id: string): string => `#example=${encodeURIComponent(id)}`;

export const isLessonHash = (hash: string): boolean => /^#?lesson=/.test(hash);

/**
 * The path of an address as a same-origin path: `//host/…` (a page opened as
 * `https://playground//evil.example/`) would otherwise be read back as a link to another host.
 */
export const sitePath = (pathname: string): string => `/${pathname.replace(/^[/\\]+/, '')}`;

/** The same address with a query flag set or removed (`present`, `embed`), hash kept. */
export function withFlag(href: string, name: string, on: boolean): string {
  const url = new URL(href);
  if (on) url.searchParams.set(name, '1');
  else url.searchParams.delete(name);
  return `${sitePath(url.pathname)}${url.search}${url.hash}`;
}

/** Where an embed's "Open in playground" goes: the same link without `embed`. */
export const playgroundHref = (href: string): string => withFlag(href, 'embed', false);
