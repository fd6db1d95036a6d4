/** Reviewing a policy change: probe matching, the outcome diff, and the report and script exports. */
export * from './match';
export * from './diff';
export * from './policyDiff';
export * from './deciding';
export * from './markdown';
export * from './script';
