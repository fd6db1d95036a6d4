/** Inputs larger than this are refused with a diagnostic (bytes of UTF-16 text, ~5 MB). */
export const WORKSPACE_SIZE_LIMIT = 5 * 1024 * 1024;
/** The `yaml` library's alias expansion bound: a document expanding more aliases is refused. */
export const MAX_ALIAS_COUNT = 100;
/** Flow collections (`[`, `{`) nested deeper than this are refused (Istio resources nest a dozen levels). */
export const MAX_NESTING = 64;
