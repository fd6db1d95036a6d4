import { describe, expect, it } from 'vitest';
import { isLessonHash, lessonHash, parseLearnRoute, playgroundHref, sitePath, withFlag } from './route';

describe('learning links', () => {
  it('reads an example link', () => {
    expect(parseLearnRoute('', '#example=authn-mesh-strict')).toEqual({
      present: false,
      embed: false,
      target: { kind: 'example', id: 'authn-mesh-strict' },
    });
  });

  it('reads a lesson link; steps count from 1 and a missing step is step 1', () => {
    expect(parseLearnRoute('', '#lesson=mtls-strict&step=3').target).toEqual({
      kind: 'lesson',
      id: 'mtls-strict',
      step: 3,
    });
    expect(parseLearnRoute('', '#lesson=pitfalls').target).toEqual({
      kind: 'lesson',
      id: 'pitfalls',
      step: 1,
    });
  });

  it('turns a step that is not a number into NaN, for the opener to report', () => {
    const target = parseLearnRoute('', '#lesson=pitfalls&step=2;alert(1)').target;
    expect(target?.kind === 'lesson' && Number.isNaN(target.step)).toBe(true);
  });

  it('leaves share links (#w=) to the share-link handler', () => {
    expect(parseLearnRoute('', '#w=1.abc').target).toEqual({ kind: 'workspace' });
  });

  it('reads the present and embed flags from the query', () => {
    expect(parseLearnRoute('?present=1', '')).toMatchObject({ present: true, embed: false, target: null });
    expect(parseLearnRoute('?embed=1', '#example=x')).toMatchObject({ present: false, embed: true });
    expect(parseLearnRoute('?embed=0', '')).toMatchObject({ embed: false });
  });

  it('bounds the length of ids taken from the address', () => {
    const target = parseLearnRoute('', `#example=${'a'.repeat(500)}`).target;
    expect(target?.kind === 'example' && target.id.length).toBe(80);
  });

  it('writes lesson links and recognises them', () => {
    expect(lessonHash('jwt-ingress', 2)).toBe('#lesson=jwt-ingress&step=2');
    expect(isLessonHash('#lesson=jwt-ingress&step=2')).toBe(true);
    expect(isLessonHash('#w=1.abc')).toBe(false);
  });

  it('sets and removes query flags, keeping the hash', () => {
    expect(withFlag('http://h/?x=1#lesson=a&step=2', 'present', true)).toBe(
      '/?x=1&present=1#lesson=a&step=2',
    );
    expect(playgroundHref('http://h/?embed=1#example=authn-setup')).toBe('/#example=authn-setup');
    expect(playgroundHref('http://h/app/?embed=1&present=1#w=1.abc')).toBe('/app/?present=1#w=1.abc');
  });

  it('never turns a page opened at //host/ into a link to that host', () => {
    expect(playgroundHref('http://h//evil.example/?embed=1#example=x')).toBe('/evil.example/#example=x');
    expect(withFlag('http://h///evil.example/#a', 'present', true)).toBe('/evil.example/?present=1#a');
    expect(sitePath('/\\evil.example')).toBe('/evil.example');
    expect(sitePath('/')).toBe('/');
  });
});
