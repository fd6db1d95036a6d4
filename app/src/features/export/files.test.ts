import { describe, expect, it } from 'vitest';
import { fileBase, legendCorner } from './files';

describe('export file names', () => {
  it('keep safe characters of the workspace name only', () => {
    expect(fileBase('authn-demo')).toBe('authn-demo');
    expect(fileBase('a "$(rm -rf /)" `x` <script>')).toBe('a-rm-rf-x-script');
    expect(fileBase('../../etc/passwd')).toBe('etc-passwd');
    expect(fileBase(undefined)).toBe('workspace');
    expect(fileBase('///')).toBe('workspace');
  });
});

describe('the legend of an exported image', () => {
  const canvas = { width: 800, height: 600 };
  const legend = { width: 200, height: 100 };
  it('goes top right when nothing is there', () => {
    expect(legendCorner(canvas, legend, [{ x: 0, y: 0, width: 300, height: 600 }])).toEqual({
      x: 588,
      y: 12,
      cost: 0,
    });
  });
  it('goes to the corner that covers the least of the drawing', () => {
    const obstacles = [
      { x: 500, y: 0, width: 300, height: 200 }, // top right
      { x: 0, y: 0, width: 300, height: 200 }, // top left
      { x: 600, y: 450, width: 200, height: 150 }, // bottom right
    ];
    expect(legendCorner(canvas, legend, obstacles)).toMatchObject({ x: 12, y: 488 });
  });
  it('stays inside a canvas smaller than itself', () => {
    expect(legendCorner({ width: 100, height: 50 }, legend, [])).toMatchObject({ x: 12, y: 12 });
  });
  it('weighs what it covers: the empty corner of a namespace before a workload', () => {
    const namespace = { x: 0, y: 0, width: 800, height: 300, weight: 1 };
    const workload = { x: 20, y: 450, width: 150, height: 90, weight: 20 };
    const busy = { x: 600, y: 450, width: 200, height: 150, weight: 20 };
    expect(legendCorner(canvas, legend, [namespace, workload, busy])).toMatchObject({ x: 588, y: 12 });
    expect(legendCorner(canvas, legend, [workload, busy])).toMatchObject({ x: 588, y: 12, cost: 0 });
  });
});
