import { parseOrderBy } from './parse-order-by';
import { parseRunsFilter } from './parse-runs-filter';

/**
 * Parses one filter of each grammar and one order_by, so their first real use does not pay the
 * grammars' one-time preparation (a few hundred milliseconds on a loaded machine) while a
 * request waits. The server calls it once before it listens.
 */
export function warmSearchParsers(): void {
  const results = [
    parseRunsFilter("metrics.m > 0 and params.p = 'v' and tags.t LIKE '%x%'"), // MLflow's grammar
    parseRunsFilter("metrics.m > 0 OR NOT params.p = 'v'"), // Sextant's extended grammar
    parseOrderBy(['metrics.m DESC', 'attributes.start_time'], 'runs'),
  ];
  // the warm-up must take the paths real searches take, not an error path
  if (!results.every((r) => r.ok)) throw new Error('warmSearchParsers: a warm-up expression no longer parses');
}
