/** The app's side of the export worker: one promise per export, the worker created on first use. */
import { createRequestClient } from '../../worker/requestClient';
import type { RequestBody } from '../../worker/requestClient';
import type { ExportRequest } from './protocol';

const request = createRequestClient<ExportRequest, { text: string }>(
  () => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' }),
  'export worker',
);

/** The text of an export, evaluated in the export worker. */
export async function exportText(body: RequestBody<ExportRequest>): Promise<string> {
  return (await request(body)).text;
}
