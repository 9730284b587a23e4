import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPythonFloat, isPythonInt } from '../../shared/projects/param-values';
import { ProjectError } from './project-errors';
import type { EntryPointSpec, ParamSpec } from './project-spec';
import { shellQuote } from './shell-quote';

export interface ResolvedParams {
  /** What the run records: every declared parameter (defaults included), then the extra ones, as given. */
  logged: { key: string; value: string }[];
  /** The values substituted into the command (path parameters made absolute). */
  values: Map<string, string>;
  /** Keys given that the entry point does not declare: passed as `--key value`. */
  extras: { key: string; value: string }[];
}

export interface ResolveParamsOptions {
  /** The project folder: relative `path` values resolve against it. */
  projectDir: string;
  /** The caller's working folder (the CLI's): a given relative path found only there is taken from there. */
  cwd?: string;
}

const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * Checks every parameter against its type before anything runs (ProjectError names the
 * parameter) and resolves path parameters; fills defaults; keeps undeclared keys as extras.
 */
export function resolveParams(entry: EntryPointSpec, given: Record<string, string>, opts: ResolveParamsOptions): ResolvedParams {
  const missing = entry.parameters.filter((p) => !Object.hasOwn(given, p.name) && p.default === null).map((p) => `'${p.name}'`);
  if (missing.length) throw new ProjectError(`no value given for parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of entry point '${entry.name}' (pass -P NAME=VALUE)`);
  const logged: ResolvedParams['logged'] = [];
  const values = new Map<string, string>();
  for (const p of entry.parameters) {
    const isGiven = Object.hasOwn(given, p.name);
    const value = isGiven ? given[p.name]! : p.default!;
    values.set(p.name, checkValue(p, value, [opts.projectDir, ...(isGiven && opts.cwd ? [opts.cwd] : [])]));
    logged.push({ key: p.name, value });
  }
  const extras = Object.entries(given)
    .filter(([k]) => !values.has(k))
    .map(([key, value]) => ({ key, value }));
  return { logged: [...logged, ...extras], values, extras };
}

function checkValue(p: ParamSpec, value: string, bases: string[]): string {
  switch (p.type) {
    case 'float':
      if (!isPythonFloat(value)) throw new ProjectError(`parameter '${p.name}' is a float, and '${value}' is not a number`);
      return value.trim();
    case 'int':
      if (!isPythonInt(value)) throw new ProjectError(`parameter '${p.name}' is an int, and '${value}' is not a whole number`);
      return value.trim();
    case 'uri':
      if (!URI.test(value)) throw new ProjectError(`parameter '${p.name}' is a uri, and '${value}' has no scheme (e.g. file:///data/x.csv, s3://bucket/key)`);
      return value;
    case 'path':
      return localPath(p, value, bases);
    default:
      return value;
  }
}

function localPath(p: ParamSpec, value: string, bases: string[]): string {
  let path = value;
  if (/^file:/i.test(value)) {
    try {
      path = fileURLToPath(value);
    } catch {
      throw new ProjectError(`parameter '${p.name}': '${value}' is not a file URL Sextant can read`);
    }
  } else if (URI.test(value) && !/^[a-zA-Z]:[\\/]/.test(value)) {
    throw new ProjectError(`parameter '${p.name}' is a path, and '${value}' is a remote URI; Sextant runs offline, so give a local file or folder`);
  }
  const candidates = isAbsolute(path) ? [path] : bases.map((b) => resolve(b, path));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new ProjectError(`parameter '${p.name}': no such file or folder: ${candidates.join(' (nor ')}${candidates.length > 1 ? ')' : ''}`);
  return found;
}

/**
 * The shell command, as MLflow builds it: `{name}` in the entry point's command replaced by the
 * value quoted as one shell word (`{{` and `}}` are literal braces), then ` --key value` for each
 * extra parameter, both quoted. No value can end the word it is in.
 */
export function buildCommand(entry: EntryPointSpec, params: ResolvedParams): string {
  const command = entry.command.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, name: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const key = (name ?? '').trim();
    const value = params.values.get(key);
    if (value === undefined) throw new ProjectError(`entry point '${entry.name}': its command uses {${key}}, which is not one of its parameters`);
    return shellQuote(value);
  });
  return [command, ...params.extras.map(({ key, value }) => `--${shellQuote(key)} ${shellQuote(value)}`)].join(' ');
}
