/** A probe's trace: one button per step, which shows the deciding YAML (useJump). */
import type { TraceStep } from '@playground/evaluator';
import { useJump } from './useJump';

export function TraceList({ trace }: { trace: TraceStep[] }) {
  const jump = useJump();
  return (
    <ol className="trace" data-testid="inspector.trace">
      {trace.map((step, i) => {
        const located = step.range !== undefined || step.resource !== undefined;
        return (
          <li key={i} className={`trace-step outcome-${step.outcome}`}>
            <button
              type="button"
              className="trace-step__button"
              data-testid="trace-step"
              data-stage={step.stage}
              data-outcome={step.outcome}
              aria-label={`Step ${i + 1}, ${step.stage}, ${step.outcome}: ${step.message}${located ? '. Press to show the deciding YAML.' : ''}`}
              onClick={() => jump(step.range, step.resource)}
            >
              <span className="trace-step__stage">
                {step.hop > 0 ? `hop ${step.hop} · ` : ''}
                {step.stage}
              </span>
              <span className={`trace-step__outcome outcome-${step.outcome}`}>{step.outcome}</span>
              <span className="trace-step__message">{step.message}</span>
              {step.resource ? (
                <span className="trace-step__resource">
                  {step.resource.kind} {step.resource.namespace}/{step.resource.name}
                  {step.rule !== undefined ? `, rule ${step.rule}` : ''}
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
