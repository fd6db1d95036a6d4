/**
 * Public API of @playground/evaluator. Everything the CLI and the app may use is exported here;
 * nothing else is part of the contract.
 */
export type * from './types';
export type { HttpRequestModel } from './request';
export { WORKSPACE_SIZE_LIMIT } from './limits';
export { isRecord, formatPath } from './guards';
export { meshDocumentJsonSchema, probesDocumentJsonSchema, type JsonSchema } from './workspace/json-schema';
/** The zod declaration of the Mesh and Probes documents, for readers of documents that reuse their parts. */
export * as workspaceSchemas from './workspace/schema';
export {
  evaluateWorkspace,
  evaluateParts,
  createEvaluator,
  type Evaluator,
  type EvaluateOptions,
} from './evaluate';
export { splitWorkspace, serializeWorkspace, type WorkspaceParts } from './workspace-text';
export { matrixOfWorkspace, openMatrix, formatMatrixLine, type MatrixOptions } from './matrix';
export {
  matchProbes,
  requestIdentity,
  requestSummary,
  diffReview,
  changeKind,
  sameOutcome,
  type ProbeMatch,
  type ProbeRequestSummary,
  type ReviewSide,
  type ReviewDiff,
  type ProbeChange,
  type AddedProbe,
  type RemovedProbe,
  type ProbeOutcome,
  type UpstreamRequest,
  upstreamChanges,
  type ProbeIdentity,
  type ChangeKind,
  policyDiff,
  type PolicyDiffNames,
  decidingPolicy,
  describeResource,
  reviewMarkdown,
  reviewSummaryLine,
  connectionText,
  outcomeText,
  markdownText,
  fencedBlock,
  markdownLink,
  type ReviewInput,
  type ReviewMarkdownOptions,
  verificationScript,
  shq,
  type VerificationScriptOptions,
} from './review';
export {
  importKubernetes,
  type ImportOptions,
  type ImportResult,
  type ImportDiagnostic,
  type ImportFile,
  type ImportSummary,
  type ImportedObject,
  type SkippedObject,
} from './import';
