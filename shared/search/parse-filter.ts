import { experimentsClauses } from './experiments-filter';
import { checkLoggedModelClauses, loggedModelsClauses } from './logged-models-filter';
import type { RawClause } from './raw-clause';
import { matchFilter, recoverFilter } from './raw-filter';
import { modelVersionsClauses, registeredModelsClauses } from './registry-filter';
import { runsClauses } from './runs-filter';
import { attempt, ok } from './search-error';
import { filterSyntaxError } from './syntax-error';
import type { Clause, ParseResult, SearchEntity } from './types';

const VALIDATORS: Record<SearchEntity, (raws: RawClause[]) => Clause[]> = {
  runs: runsClauses,
  experiments: experimentsClauses,
  logged_models: loggedModelsClauses,
  registered_models: registeredModelsClauses,
  model_versions: modelVersionsClauses,
};

/**
 * Parses an MLflow search filter the way `mlflow server` 3.11 does for the given endpoint.
 * An empty or all-whitespace filter means "no clauses". Errors carry MLflow's message and the
 * position of the offending text.
 */
export function parseFilter(text: string | null | undefined, entity: SearchEntity): ParseResult<Clause[]> {
  if (!text || text.trim() === '') return ok([]);
  const matched = matchFilter(text);
  if (!matched.ok) {
    if (entity === 'logged_models') {
      const items = recoverFilter(text);
      const junk = items.findIndex((item) => item.kind === 'junk');
      const before = items.slice(0, junk < 0 ? items.length : junk).flatMap((i) => (i.kind === 'clause' ? [i.clause] : []));
      const early = attempt(() => checkLoggedModelClauses(before));
      if (!early.ok) return early;
    }
    return { ok: false, error: filterSyntaxError(text, matched.match, entity) };
  }
  return attempt(() => VALIDATORS[entity](matched.clauses));
}
