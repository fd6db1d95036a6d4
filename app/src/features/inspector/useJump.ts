/** Reveals a policies range (a trace step's, a policy document's) in the policies editor. */
import { useCallback } from 'react';
import type { ResourceRef, SourceRange } from '@playground/evaluator';
import { usePlaygroundStore } from '../../store';
import { toEditorRange } from '../editor/markers';

export function useJump() {
  const store = usePlaygroundStore();
  return useCallback(
    (range: SourceRange | undefined, resource?: ResourceRef): boolean => {
      const { verdicts, workspace, highlightLines } = store.getState();
      if (!verdicts) return false;
      const lineCount = workspace.policies.split('\n').length;
      const documentRange = resource
        ? verdicts.evaluation.documents.find((d) => d.index === resource.document)?.range
        : undefined;
      const target = range ?? documentRange;
      const r = target ? toEditorRange(target, lineCount) : null;
      if (!r) return false;
      highlightLines([{ startLine: r.startLine, endLine: r.endLine }]);
      return true;
    },
    [store],
  );
}
