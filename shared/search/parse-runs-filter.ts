import { boolSyntaxError, nestingError, prefersBoolError } from './bool-syntax-error';
import { matchBoolFilter, matchFilter } from './raw-filter';
import { runsFilterTerms } from './runs-bool-filter';
import { runsClauses } from './runs-filter';
import { attempt, ok } from './search-error';
import { filterSyntaxError } from './syntax-error';
import type { FilterTerm, ParseResult } from './types';

/**
 * Parses a run filter in Sextant's grammar: MLflow's, plus OR, NOT and parentheses (NOT binds
 * tighter than AND, AND tighter than OR). The result is a list of terms that must all hold.
 *
 * A filter MLflow's grammar accepts is read exactly as `parseFilter(text, 'runs')` reads it, so
 * it keeps MLflow's meaning and messages. Otherwise the extended grammar is tried; when it
 * fails too, the error is MLflow's unless Sextant's explains it better (see prefersBoolError),
 * with the position in the message.
 *
 * NOT means "does not match": `NOT metrics.acc > 0.9` keeps runs without an `acc` metric,
 * unlike `metrics.acc <= 0.9`, which (as in MLflow) needs the key.
 */
export function parseRunsFilter(text: string | null | undefined): ParseResult<FilterTerm[]> {
  if (!text || text.trim() === '') return ok([]);
  const mlflow = matchFilter(text);
  if (mlflow.ok) return attempt(() => runsClauses(mlflow.clauses));
  const deep = nestingError(text);
  if (deep) return { ok: false, error: deep };
  const extended = matchBoolFilter(text);
  if (extended.ok) return attempt(() => runsFilterTerms(extended.term));
  const error = prefersBoolError(text, mlflow.match, extended.match)
    ? boolSyntaxError(text, extended.match)
    : filterSyntaxError(text, mlflow.match, 'runs');
  return { ok: false, error };
}
