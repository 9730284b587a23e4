import { matchFilter } from './raw-filter';

/**
 * A run filter written so that more clauses can be ANDed after it without changing what it
 * means: a filter in MLflow's grammar is already a list of AND-ed clauses and stays as it is
 * (so it still reads as MLflow reads it); anything else, `a OR b` say, is parenthesised.
 */
export function runsConjunct(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || matchFilter(trimmed).ok) return trimmed;
  return `(${trimmed})`;
}
