/**
 * The checks of a project's typed parameter values, one for the Run project form and for the
 * process that runs the project: what Python's float() and int() accept from a string (MLflow
 * reads the values with Python). ASCII digits only; surrounding whitespace is ignored, as Python does.
 */

/** Digits with single underscores between them (PEP 515): 1_000, not _1, 1_ or 1__0. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const PY_FLOAT = new RegExp(String.raw`^[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`, 'i');
const PY_INT = new RegExp(`^[+-]?${DIGITS}$`);

/** Whether Python's float() reads `value`: 1, -2.5, .5, 5., 1e-3, 1_000.5, inf, -Infinity, nan. */
export const isPythonFloat = (value: string): boolean => PY_FLOAT.test(value.trim());

/** Whether Python's int() reads `value` (base 10): 7, -3, +1_000, 007. */
export const isPythonInt = (value: string): boolean => PY_INT.test(value.trim());
