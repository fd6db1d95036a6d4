/** The examples gallery: every golden workspace, searchable, filterable by tag, opened in one click. */
import { useEffect, useMemo, useState } from 'react';
import { exampleHash } from '../routing/route';
import { filterExamples, loadAllExamples, tagsOf, type ExampleEntry } from '../../state/examples';
import '../learn.css';
import { usePlayground } from '../../store';
import { LearnDialog } from '../LearnDialog';

export function GalleryDialog() {
  const close = usePlayground((s) => s.setLearnDialog);
  const openExample = usePlayground((s) => s.openExample);
  const [examples, setExamples] = useState<ExampleEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void loadAllExamples().then((list) => {
      if (live) setExamples(list);
    });
    return () => {
      live = false;
    };
  }, []);

  const allTags = useMemo(() => tagsOf(examples ?? []), [examples]);
  const shown = useMemo(() => filterExamples(examples ?? [], query, tags), [examples, query, tags]);

  return (
    <LearnDialog id="gallery" title="Examples" onClose={() => close(null)}>
      <p className="muted">
        Every example is a workspace from Istio&apos;s documents, and every one is also a test of the engine.
      </p>
      <input
        type="search"
        className="learn-search"
        placeholder="Search titles, descriptions and tags"
        aria-label="Search the examples"
        data-testid="gallery.search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoFocus
      />
      <div className="learn-chips" role="group" aria-label="Filter by tag">
        {allTags.map((t) => {
          const on = tags.includes(t);
          return (
            <button
              key={t}
              type="button"
              className="learn-chip"
              aria-pressed={on}
              data-testid="gallery.tag"
              data-tag={t}
              onClick={() => setTags(on ? tags.filter((x) => x !== t) : [...tags, t])}
            >
              {t}
            </button>
          );
        })}
      </div>
      {examples === null ? (
        <p role="status">Loading the examples…</p>
      ) : (
        <>
          <p className="muted" role="status" data-testid="gallery.count">
            {shown.length} of {examples.length} examples
          </p>
          <ul className="learn-list">
            {shown.map((e) => (
              <li key={e.id} className="learn-row">
                <button
                  type="button"
                  className="learn-item"
                  data-testid="gallery.item"
                  data-example={e.id}
                  onClick={() => void openExample(e.id)}
                >
                  <span className="learn-item__title">{e.title}</span>
                  <span className="learn-item__text">{e.description}</span>
                  <span className="learn-item__tags">
                    {e.tags.map((t) => (
                      <span key={t} className="learn-tag">
                        {t}
                      </span>
                    ))}
                  </span>
                </button>
                <a
                  className="learn-item__link"
                  href={exampleHash(e.id)}
                  title="A link that opens this example"
                  aria-label={`Link to the example ${e.title}`}
                >
                  #
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </LearnDialog>
  );
}
