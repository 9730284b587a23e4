/**
 * Rewrites a SQL LIKE pattern as an equivalent GLOB pattern. MLflow's SQLite connections run
 * with `PRAGMA case_sensitive_like = true`, so LIKE is case-sensitive there; GLOB gives the same
 * semantics without touching connection-wide state: `%` → `*`, `_` → `?`, and GLOB's own
 * metacharacters are bracketed so they match literally. Like MLflow, there is no escape
 * character: `%` and `_` are always wildcards.
 */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else if (ch === '*' || ch === '?' || ch === '[') out += `[${ch}]`;
    else out += ch;
  }
  return out;
}
