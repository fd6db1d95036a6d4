/** The outcomes a lesson step may expect of a probe. */
/** Statuses a probe may expect (docs/workspace-format.md "Outcomes"). */
export const EXPECTED_STATUSES = ['200', '401', '403', '404', '503', '000', 'connected', 'denied'] as const;

/** Verdicts a probe may expect (docs/workspace-format.md "Outcomes"; `invalid` is not an outcome a lesson teaches). */
export const EXPECTED_VERDICTS = [
  'allowed',
  'denied',
  'custom-denied',
  'unauthenticated',
  'audience-rejected',
  'mtls-failure',
  'no-route',
] as const;
