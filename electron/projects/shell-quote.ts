/** Characters that never need quoting in a POSIX shell word (as Python's shlex.quote decides). */
const SAFE = /^[\w@%+=:,./-]+$/;

/**
 * Quotes a value as one POSIX shell word, as MLflow does with shlex.quote: the shell hands the
 * program the value exactly, whatever it holds ($, `, ;, |, quotes, newlines).
 */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  if (SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}
