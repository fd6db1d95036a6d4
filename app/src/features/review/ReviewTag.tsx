/**
 * The tag a changed or added probe's edge label carries in review mode: an arrow and words that say
 * which way it changed (`▼ was 200` newly denied, `▲ was 403` newly allowed, `◆ was 503` other,
 * `✚ new`), the old status ghosted and struck through. Never colour alone: arrow, words and strike.
 */
import { memo } from 'react';
import './review.css';
import { markTag } from './selectors';
import type { ReviewMark } from './selectors';

export const ReviewTag = memo(function ReviewTag({
  mark,
  full = false,
  x,
  y,
}: {
  mark: ReviewMark;
  /** A full (active) label: the old verdict is named too. */
  full?: boolean;
  x: number;
  y: number;
}) {
  const tag = markTag(mark, full);
  return (
    <text
      x={x}
      y={y}
      dominantBaseline="central"
      className={`review-tag review-tag--${mark.kind}`}
      data-testid="probe-edge.review-tag"
      data-kind={mark.kind}
    >
      <tspan className="review-tag__arrow">{tag.arrow} </tspan>
      <tspan className="review-tag__lead">{tag.lead}</tspan>
      {tag.was ? (
        <>
          {' '}
          <tspan className="review-tag__was" textDecoration="line-through">
            {tag.was}
          </tspan>
        </>
      ) : null}
    </text>
  );
});
