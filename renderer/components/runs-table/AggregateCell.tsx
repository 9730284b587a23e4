import { bestLabel, describeChildAggregate } from './child-aggregates';
import type { ChildAggregate } from './grouping';
import { formatNumber } from './run-values';
import './aggregate-cell.css';

interface Props {
  agg: ChildAggregate | null;
  /** The parent's own value, as the cell shows it; empty when it has none. */
  text: string;
  /** Shows the best nested run (expands the parent); without it the value is not a button. */
  onReveal?: (() => void) | undefined;
}

/**
 * A parent run's metric cell: its own value when it has one, else the best value among its
 * nested runs, marked "best" and muted ("min" when neither the sort nor the metric's name says
 * which way is better), with the best run, mean, range and count on hover.
 */
export function AggregateCell({ agg, text, onReveal }: Props) {
  if (text || !agg) return <>{text}</>;
  const title = describeChildAggregate(agg);
  const content = (
    <>
      <span className="rt-agg-best-mark">{bestLabel(agg)}</span>
      <span className="rt-agg-best-value">{formatNumber(agg.best)}</span>
    </>
  );
  return onReveal ? (
    <button type="button" className="rt-agg-best" tabIndex={-1} title={`${title} · click to show it`} onClick={onReveal} data-testid="aggregate-best" data-best-run-id={agg.bestId}>
      {content}
    </button>
  ) : (
    <span className="rt-agg-best" title={title} data-testid="aggregate-best" data-best-run-id={agg.bestId}>
      {content}
    </span>
  );
}
