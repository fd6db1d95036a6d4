/** An HTTP request as it reaches a proxy, after the client built it from a probe's `request`. */
export interface HttpRequestModel {
  /** Upper-case unless the user wrote otherwise. */
  method: string;
  /** The request target as sent: path plus optional `?query` and `#fragment`. */
  path: string;
  /** `:authority` / Host, including `:port` when present. */
  host: string;
  /** Header names are lower-case. Repeated headers are already joined with `,`. */
  headers: Record<string, string>;
}
