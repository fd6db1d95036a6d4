/**
 * Monaco, bundled (never from a CDN): workers built by Vite, monaco-yaml configured with the
 * schema generated from Istio's and the Gateway API's CRDs (docs/schemas.md). Imported only by
 * the lazily loaded editor, so Monaco stays out of the entry chunk.
 */
import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker?worker';
import { POLICIES_SCHEMA } from './schemas/settings';

export const POLICIES_URI = 'file:///workspace/policies.yaml';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  schemas: [POLICIES_SCHEMA],
});

loader.config({ monaco });

export { monaco };
