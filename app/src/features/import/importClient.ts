/** The app's side of the import worker: one promise per preview, the worker created on first use. */
import { createRequestClient } from '../../worker/requestClient';
import type { ImportPreview, ImportRequest } from './protocol';

const request = createRequestClient<ImportRequest, { preview: ImportPreview }>(
  () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }),
  'import worker',
);

export async function previewImport(
  files: ImportRequest['files'],
  probes: ImportRequest['probes'],
): Promise<ImportPreview> {
  return (await request({ files, probes })).preview;
}
