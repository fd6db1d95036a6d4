/**
 * The toolbar's Export menu: the canvas as an image (PNG, SVG) with its legend, the Markdown report
 * of the change under review for a pull request comment, and the bash script that checks the
 * evaluated outcomes on a real cluster. Each is a real download, named after the
 * workspace.
 */
import { memo, useState } from 'react';
import { usePlaygroundStore } from '../../store';
import { Menu, MenuItem } from '../toolbar/Menu';
import { download } from '../toolbar/download';
import { fileBase } from './files';
import type { ImageFormat } from './canvasImage';
import { exportText } from './exportClient';
import { serializeWorkspace } from '@playground/evaluator';
import type { WorkspaceParts } from '@playground/evaluator';
import { shareHash } from '../share/addressSync';
import './export.css';

type ExportKind = ImageFormat | 'script' | 'markdown';

/** The review baseline, unless it holds the same workspace as now (then the report lists every outcome). */
function changedBaseline(workspace: WorkspaceParts, baseline: WorkspaceParts | null): WorkspaceParts | null {
  if (!baseline || baseline === workspace) return null;
  return serializeWorkspace(baseline).text === serializeWorkspace(workspace).text ? null : baseline;
}

export const ExportMenu = memo(function ExportMenu() {
  const store = usePlaygroundStore();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const state = () => store.getState();
  const base = () => fileBase(state().workspace.metadata.name ?? state().workspace.metadata.title);

  const run = (kind: ExportKind, make: () => Promise<void>) => {
    if (busy) return;
    setBusy(kind);
    make()
      .catch((error: unknown) =>
        state().setNotice({
          kind: 'error',
          message: `The export failed: ${error instanceof Error ? error.message : String(error)}.`,
        }),
      )
      .finally(() => setBusy(null));
  };

  const image = (format: ImageFormat) =>
    run(format, async () => {
      const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
      if (!canvas) throw new Error('the canvas is not shown');
      const { canvasImage } = await import('./canvasImage');
      const { metadata } = state().workspace;
      const blob = await canvasImage(
        canvas,
        format,
        metadata.title ?? metadata.name ?? 'Istio Policy Playground',
      );
      download(`${base()}.${format}`, blob, blob.type);
    });

  const script = () =>
    run('script', async () => {
      const text = await exportText({ kind: 'script', parts: state().workspace });
      download(`${base()}-verify.sh`, text, 'text/x-shellscript');
    });

  const markdown = () =>
    run('markdown', async () => {
      const { workspace, reviewBaseline } = state();
      const baseline = changedBaseline(workspace, reviewBaseline);
      const hash = await shareHash(workspace, baseline);
      const text = await exportText({
        kind: 'markdown',
        parts: workspace,
        baseline,
        title: workspace.metadata.title ?? workspace.metadata.name ?? 'Istio policy change',
        // A workspace too big for an address has no link; the report says nothing of one then.
        link: hash ? `${location.origin}${location.pathname}${hash}` : null,
      });
      download(`${base()}-review.md`, text, 'text/markdown');
    });

  return (
    <Menu label="Export" id="export">
      <MenuItem testId="toolbar.exportPng" disabled={busy !== null} onSelect={() => image('png')}>
        Canvas as PNG image
      </MenuItem>
      <MenuItem testId="toolbar.exportSvg" disabled={busy !== null} onSelect={() => image('svg')}>
        Canvas as SVG image
      </MenuItem>
      <MenuItem testId="toolbar.exportMarkdown" disabled={busy !== null} onSelect={markdown}>
        Review report (Markdown)
      </MenuItem>
      <MenuItem testId="toolbar.exportScript" disabled={busy !== null} onSelect={script}>
        Verification script (bash)
      </MenuItem>
    </Menu>
  );
});
