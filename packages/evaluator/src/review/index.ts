/** Reviewing a policy change: probe matching and the outcome diff. */
export * from './match';
export * from './diff';
