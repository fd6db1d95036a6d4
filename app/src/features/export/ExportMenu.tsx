/**
 * The toolbar's Export menu: the canvas as an image (PNG, SVG) with its legend, and the bash script
 * that checks the evaluated outcomes on a real cluster. Each is a real download, named after the
 * workspace.
 */
import { memo, useState } from 'react';
import { usePlaygroundStore } from '../../store';
import { Menu, MenuItem } from '../toolbar/Menu';
import { download } from '../toolbar/download';
import { fileBase } from './files';
import type { ImageFormat } from './canvasImage';
import { exportText } from './exportClient';
import './export.css';

type ExportKind = ImageFormat | 'script';

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
      const text = await exportText('script', state().workspace);
      download(`${base()}-verify.sh`, text, 'text/x-shellscript');
    });

  return (
    <Menu label="Export" id="export">
      <MenuItem testId="toolbar.exportPng" disabled={busy !== null} onSelect={() => image('png')}>
        Canvas as PNG image
      </MenuItem>
      <MenuItem testId="toolbar.exportSvg" disabled={busy !== null} onSelect={() => image('svg')}>
        Canvas as SVG image
      </MenuItem>
      {/* The Markdown report for a pull request (toolbar.exportMarkdown) goes here. */}
      <MenuItem testId="toolbar.exportScript" disabled={busy !== null} onSelect={script}>
        Verification script (bash)
      </MenuItem>
    </Menu>
  );
});
