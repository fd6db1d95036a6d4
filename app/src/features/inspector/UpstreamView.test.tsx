// @vitest-environment happy-dom
import type { ProbeResult } from '@playground/evaluator';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { UpstreamView } from './UpstreamView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(result: ProbeResult | undefined): HTMLElement {
  const host = document.createElement('div');
  act(() => createRoot(host).render(<UpstreamView result={result} />));
  return host;
}

const base: ProbeResult = {
  index: 0,
  name: 'p',
  from: 'foo/sleep',
  to: 'foo/httpbin',
  port: 8000,
  status: '200',
  verdict: 'allowed',
  mtls: true,
  expect: null,
  pass: null,
  trace: [],
};

describe('UpstreamView ("What the app receives")', () => {
  it('shows the path and every header, sorted by name', () => {
    const host = render({
      ...base,
      upstream: {
        path: '/admin?x=1',
        headers: { 'x-test-payload': 'e30', 'x-forwarded-client-cert': 'By=a;URI=b' },
      },
    });
    const section = host.querySelector('[data-testid="inspector.upstream"]');
    expect(section?.getAttribute('data-reached')).toBe('true');
    expect(host.querySelector('[data-testid="inspector.upstream.path"]')?.textContent).toBe('/admin?x=1');
    const rows = [...host.querySelectorAll('[data-testid="inspector.upstream.header"]')];
    expect(rows.map((r) => r.getAttribute('data-name'))).toEqual([
      'x-forwarded-client-cert',
      'x-test-payload',
    ]);
    expect(rows[0]?.textContent).toContain('By=a;URI=b');
  });

  it('says nothing reaches the app when the request is denied', () => {
    const host = render({ ...base, status: '403', verdict: 'denied' });
    expect(host.querySelector('[data-testid="inspector.upstream"]')?.getAttribute('data-reached')).toBe(
      'false',
    );
    expect(host.textContent).toContain('stops before the application');
  });

  it('renders nothing before the first evaluation', () => {
    expect(render(undefined).innerHTML).toBe('');
  });
});
