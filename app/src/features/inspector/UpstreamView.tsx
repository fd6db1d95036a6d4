/**
 * "What the app receives" for the selected probe: the path and headers the server's application
 * gets once every proxy has let the request through (`ProbeResult.upstream`: the mesh's path
 * normalization, a gateway's routing, XFCC, JWT output headers, X-Forwarded-For). This is where
 * `/admin`, `//admin`, `/%61dmin` and `/a/../admin` show what each path normalization makes of them.
 */
import type { ProbeResult } from '@playground/evaluator';

function why(result: ProbeResult): string {
  if (result.verdict === 'allowed' && result.status === 'connected')
    return 'A TCP connection: there is no HTTP request to show.';
  return 'Nothing: the request stops before the application.';
}

export function UpstreamView({ result }: { result: ProbeResult | undefined }) {
  if (!result) return null;
  const upstream = result.upstream;
  const headers = upstream
    ? Object.entries(upstream.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : [];
  return (
    <section data-testid="inspector.upstream" data-reached={upstream ? 'true' : 'false'}>
      <h3>What the app receives</h3>
      {upstream ? (
        <dl className="facts">
          <dt>path</dt>
          <dd>
            <code data-testid="inspector.upstream.path">{upstream.path}</code>
          </dd>
          {headers.length === 0 ? (
            <>
              <dt>headers</dt>
              <dd className="muted">none set by the client or the proxies</dd>
            </>
          ) : (
            headers.map(([name, value]) => (
              <div
                key={name}
                data-testid="inspector.upstream.header"
                data-name={name}
                style={{ display: 'contents' }}
              >
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))
          )}
        </dl>
      ) : (
        <p className="muted">{why(result)}</p>
      )}
    </section>
  );
}
