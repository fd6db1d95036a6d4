/**
 * File ▸ Import…: cluster objects (`kubectl get … -o yaml|json`), manifests, or a playground
 * workspace file, chosen, dropped onto the page or pasted. The files are read in a worker and
 * nothing leaves the page; the dialog shows what was read, skipped and refused, and only "Replace
 * my workspace" replaces it (the previous one is set aside, one click away).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { WORKSPACE_SIZE_LIMIT } from '@playground/evaluator';
import type { ImportFile } from '@playground/evaluator';
import { usePlayground, usePlaygroundStore } from '../../store';
import { readWorkspaceText } from '../../state/workspaceText';
import { LearnDialog } from '../LearnDialog';
import { previewImport } from './importClient';
import { openImported } from './openImported';
import { countsByKind, objectName } from './preview';
import type { ImportPreview } from './protocol';
import '../learn.css';
import './import.css';

/** Skipped objects and warnings listed one by one; the rest are counted. */
const LIST_LIMIT = 40;

type Status =
  | { kind: 'empty' }
  | { kind: 'reading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; name: string; preview: ImportPreview };

async function readFiles(files: readonly File[]): Promise<ImportFile[]> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > WORKSPACE_SIZE_LIMIT)
    throw new Error(
      `the files hold ${(total / 1024 / 1024).toFixed(1)} MB; the limit is ${WORKSPACE_SIZE_LIMIT / 1024 / 1024} MB`,
    );
  return Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
}

function Limited({ items, testId }: { items: string[]; testId: string }) {
  return (
    <ul className="import-list" data-testid={testId}>
      {items.slice(0, LIST_LIMIT).map((item, i) => (
        <li key={i}>{item}</li>
      ))}
      {items.length > LIST_LIMIT ? <li className="muted">and {items.length - LIST_LIMIT} more</li> : null}
    </ul>
  );
}

function Summary({ name, preview }: { name: string; preview: ImportPreview }) {
  const read = useMemo(() => readWorkspaceText(preview.text), [preview.text]);
  const parts = read.ok ? read.parts : null;
  const workloads = parts?.mesh.workloads?.length ?? 0;
  const namespaces = parts?.mesh.namespaces?.length ?? 0;
  const probes = parts?.probes.probes?.length ?? 0;
  const usable =
    read.ok && (preview.kind === 'workspace' || workloads > 0 || preview.summary.read.length > 0);
  return (
    <section
      className="import-summary"
      data-testid="import.summary"
      data-kind={preview.kind}
      data-workloads={workloads}
      data-probes={probes}
      data-usable={usable}
      aria-live="polite"
    >
      <h3>
        {preview.kind === 'workspace' ? `${name}: a playground workspace` : `${name}: what will be imported`}
      </h3>
      {read.ok ? (
        <p>
          {workloads} {workloads === 1 ? 'workload' : 'workloads'} in {namespaces}{' '}
          {namespaces === 1 ? 'namespace' : 'namespaces'}, {probes} {probes === 1 ? 'probe' : 'probes'}
          {preview.kind === 'kubernetes' ? ', laid out automatically.' : '.'}
        </p>
      ) : (
        <p className="import-error">This cannot be opened: {read.message}.</p>
      )}
      {preview.kind === 'kubernetes' ? (
        <>
          {preview.summary.read.length ? (
            <>
              <h4>Read</h4>
              <p data-testid="import.summary.read">
                {countsByKind(preview.summary.read)
                  .map((c) => `${c.count} ${c.kind}`)
                  .join(', ')}
              </p>
            </>
          ) : null}
          {preview.diagnostics.length ? (
            <>
              <h4>Could not be read</h4>
              <Limited
                testId="import.summary.errors"
                items={preview.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)}
              />
            </>
          ) : null}
          {preview.summary.skipped.length ? (
            <>
              <h4>Skipped ({preview.summary.skipped.length})</h4>
              <Limited
                testId="import.summary.skipped"
                items={preview.summary.skipped.map((s) => `${objectName(s)}: ${s.reason}`)}
              />
            </>
          ) : null}
          {preview.summary.warnings.length ? (
            <>
              <h4>Warnings</h4>
              <Limited testId="import.summary.warnings" items={preview.summary.warnings} />
            </>
          ) : null}
          {!usable && read.ok ? (
            <p className="import-error">Nothing usable was found: no workload and no Istio resource.</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function ImportDialog() {
  const store = usePlaygroundStore();
  const dropped = usePlayground((s) => s.importDropped);
  const close = usePlayground((s) => s.closeImport);
  const [status, setStatus] = useState<Status>({ kind: 'empty' });
  const [pasted, setPasted] = useState('');
  const [probes, setProbes] = useState<'services' | 'none'>('services');
  const source = useRef<{ name: string; files: ImportFile[] } | null>(null);
  const latest = useRef(0);

  const run = useCallback((name: string, files: ImportFile[], probeMode: 'services' | 'none') => {
    source.current = { name, files };
    const ticket = ++latest.current;
    setStatus({ kind: 'reading' });
    previewImport(files, probeMode).then(
      (preview) => {
        if (ticket === latest.current) setStatus({ kind: 'ready', name, preview });
      },
      (error: unknown) => {
        if (ticket === latest.current)
          setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);

  const fromFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      const name = files.length === 1 ? (files[0]?.name ?? 'the file') : `${files.length} files`;
      readFiles(files).then(
        (read) => run(name, read, probes),
        (error: unknown) =>
          setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    },
    [run, probes],
  );

  // Files dropped onto the page (which opened the dialog, or landed while it was open): read them.
  useEffect(() => {
    if (dropped.length) fromFiles(dropped);
    // For each drop, not again when the probes option changes `fromFiles`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dropped]);

  const ready = status.kind === 'ready' ? status : null;
  const usable = useMemo(() => {
    if (!ready) return false;
    const read = readWorkspaceText(ready.preview.text);
    if (!read.ok) return false;
    return (
      ready.preview.kind === 'workspace' ||
      (read.parts.mesh.workloads?.length ?? 0) > 0 ||
      ready.preview.summary.read.length > 0
    );
  }, [ready]);

  const confirm = () => {
    if (!ready || !usable) return;
    const name = ready.preview.kind === 'workspace' ? ready.preview.file : ready.name;
    if (openImported(store.getState(), name, ready.preview.text)) close();
  };

  return (
    <LearnDialog id="import.dialog" title="Import" onClose={close}>
      <p className="muted">
        What <code>kubectl get … -o yaml</code> or <code>-o json</code> prints, manifests you would{' '}
        <code>kubectl apply</code>, or a playground workspace file. It is read here, in this page: nothing is
        uploaded. Secrets are never kept.
      </p>
      <div
        className="import-drop"
        data-testid="import.drop"
        // A drop here bubbles to the page's own handler (PageDrop), which gives the files to this dialog.
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
      >
        <label className="import-choose">
          <span>Choose files…</span>
          <input
            type="file"
            multiple
            accept=".yaml,.yml,.json,text/yaml,application/json"
            data-testid="import.files"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              fromFiles(files);
            }}
          />
        </label>
        <span className="muted">or drop them here, or anywhere on the page</span>
      </div>
      <label className="import-paste-label" htmlFor="import-paste">
        Or paste
      </label>
      <textarea
        id="import-paste"
        className="import-paste"
        data-testid="import.paste"
        spellCheck={false}
        placeholder="apiVersion: v1&#10;kind: List&#10;items: …"
        value={pasted}
        onChange={(e) => setPasted(e.target.value)}
      />
      <div className="import-row">
        <button
          type="button"
          data-testid="import.read"
          disabled={pasted.trim() === ''}
          onClick={() => {
            if (pasted.length > WORKSPACE_SIZE_LIMIT)
              setStatus({
                kind: 'error',
                message: `the pasted text is over ${WORKSPACE_SIZE_LIMIT / 1024 / 1024} MB`,
              });
            else run('the pasted text', [{ name: 'pasted text', text: pasted }], probes);
          }}
        >
          Read pasted text
        </button>
        <label className="import-probes">
          Probes:{' '}
          <select
            data-testid="import.probes"
            value={probes}
            onChange={(e) => {
              const mode = e.target.value === 'none' ? 'none' : 'services';
              setProbes(mode);
              if (source.current) run(source.current.name, source.current.files, mode);
            }}
          >
            <option value="services">one per client and Service port</option>
            <option value="none">none</option>
          </select>
        </label>
      </div>
      {status.kind === 'reading' ? (
        <p className="muted" data-testid="import.reading" aria-live="polite">
          Reading…
        </p>
      ) : null}
      {status.kind === 'error' ? (
        <p className="import-error" role="alert" data-testid="import.error">
          This cannot be imported: {status.message}. Your workspace is unchanged.
        </p>
      ) : null}
      {ready ? <Summary name={ready.name} preview={ready.preview} /> : null}
      <footer className="import-actions">
        <button type="button" onClick={close} data-testid="import.cancel">
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="import.confirm"
          disabled={!usable}
          onClick={confirm}
        >
          Replace my workspace
        </button>
      </footer>
    </LearnDialog>
  );
}
