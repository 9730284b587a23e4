/**
 * The Run project form's parameters: the values an entry point's typed parameters start with
 * (defaults, or a rerun's values), the extra `key=value` pairs MLflow passes as `--key value`,
 * and what is wrong with them before anything is sent. Pure.
 */
import { isPythonFloat } from '../../shared/projects/param-values';

export type ParamType = 'float' | 'path' | 'uri' | 'string';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Absent: the parameter is required. */
  default?: string | number | null;
}

export interface ExtraParam {
  key: string;
  value: string;
}

export interface ParamValues {
  /** By declared parameter name. */
  declared: Record<string, string>;
  /** Keys the entry point does not declare (passed as `--key value`). */
  extra: ExtraParam[];
}

const hasDefault = (p: ParamSpec) => p.default !== undefined && p.default !== null;

/** The form's starting values: each declared parameter's default (or `prefill`'s value), and prefill keys not declared as extras. */
export function initialParamValues(params: readonly ParamSpec[], prefill: Record<string, string> = {}): ParamValues {
  const declared: Record<string, string> = {};
  for (const p of params) declared[p.name] = Object.hasOwn(prefill, p.name) ? prefill[p.name]! : hasDefault(p) ? String(p.default) : '';
  const names = new Set(params.map((p) => p.name));
  const extra = Object.entries(prefill)
    .filter(([k]) => !names.has(k))
    .map(([key, value]) => ({ key, value }));
  return { declared, extra };
}

/** The same check as the process running the project makes (Python's float()). */
export { isPythonFloat };

/** What is wrong with one declared parameter's value, as a sentence naming it; null when fine. */
export function paramProblem(spec: ParamSpec, value: string): string | null {
  if (value === '') return hasDefault(spec) ? null : `${spec.name} is required`;
  if (spec.type === 'float' && !isPythonFloat(value)) return `${spec.name} must be a number`;
  if (value.includes('\0')) return `${spec.name} cannot contain a NUL character`;
  return null;
}

const EXTRA_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Problems by field: declared parameter names, and `extra.<i>` for the extra rows. Empty when the form can be sent. */
export function paramProblems(params: readonly ParamSpec[], values: ParamValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    const problem = paramProblem(p, values.declared[p.name] ?? '');
    if (problem) out[p.name] = problem;
  }
  const declared = new Set(params.map((p) => p.name));
  const seen = new Set<string>();
  values.extra.forEach(({ key, value }, i) => {
    const k = key.trim();
    if (k === '' && value === '') return; // an empty row is left out
    if (k === '') out[`extra.${i}`] = 'name this parameter';
    else if (!EXTRA_KEY.test(k)) out[`extra.${i}`] = `"${k}" is not a parameter name (letters, digits, _ . -)`;
    else if (declared.has(k)) out[`extra.${i}`] = `${k} is already a parameter of this entry point`;
    else if (seen.has(k)) out[`extra.${i}`] = `${k} is given twice`;
    seen.add(k);
  });
  return out;
}

/**
 * The `params` sent to run the project: declared values as typed (an empty one with a default
 * is left out, so the project's default applies) and the non-empty extra rows.
 */
export function paramsToSend(params: readonly ParamSpec[], values: ParamValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    const v = values.declared[p.name] ?? '';
    if (v !== '') out[p.name] = v;
  }
  for (const { key, value } of values.extra) if (key.trim() !== '') out[key.trim()] = value;
  return out;
}

/** A short hint for a parameter's field. */
export function paramHint(spec: ParamSpec): string {
  const kind = { float: 'number', path: 'path (relative to the project folder, or absolute)', uri: 'URI or path', string: 'text' }[spec.type];
  return hasDefault(spec) ? `${kind}, default ${String(spec.default)}` : `${kind}, required`;
}
