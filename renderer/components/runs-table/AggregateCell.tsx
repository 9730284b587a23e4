import type { ChildAggregate } from './grouping';
import { formatShort } from './run-values';

/** A parent run's metric cell: its own value when it has one, else the best of its nested runs. */
export function AggregateCell({ agg, text }: { agg: ChildAggregate | null; text: string }) {
  if (text || !agg) return <>{text}</>;
  return <span className="rt-agg-best">{formatShort(agg.best)}</span>;
}
