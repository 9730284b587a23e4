import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ProjectEnvKind } from '../../shared/ipc/project-types';
import { ProjectError } from './project-errors';
import { shellQuote } from './shell-quote';

/** A parameter's type as MLproject writes it; `int` (used by MLflow's own examples) is checked as an integer. */
export type ParamType = 'float' | 'int' | 'path' | 'uri' | 'string';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** The default as text; null when the parameter must be given. */
  default: string | null;
}

export interface EntryPointSpec {
  name: string;
  command: string;
  parameters: ParamSpec[];
}

export interface ProjectEnvSpec {
  kind: ProjectEnvKind;
  /** The python_env or conda file (absolute), when there is one. */
  file: string | null;
  /** docker_env's image. */
  image?: string;
}

/** An MLproject as MLflow reads it, or what a folder without one offers (its .py and .sh files). */
export interface ProjectSpec {
  dir: string;
  name: string | null;
  entryPoints: EntryPointSpec[];
  env: ProjectEnvSpec;
  /** Whether the folder has an MLproject file. */
  hasMlproject: boolean;
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const ParamYaml = z.union([
  z.string(),
  z.object({ type: z.string().optional(), default: Scalar.nullish() }),
]);
const EntryPointYaml = z.object({
  command: z.string().min(1, 'an entry point needs a command'),
  parameters: z.record(z.string(), ParamYaml).nullish(),
});
const MlprojectYaml = z.object({
  name: Scalar.nullish(),
  entry_points: z.record(z.string(), EntryPointYaml).nullish(),
  python_env: z.string().nullish(),
  conda_env: z.string().nullish(),
  docker_env: z.object({ image: z.string().optional() }).loose().nullish(),
});

const KNOWN_TYPES = new Set<ParamType>(['float', 'int', 'path', 'uri', 'string']);

/** The MLproject file of a folder (any case, as MLflow finds it), or null. */
export function findMlproject(dir: string): string | null {
  const found = readdirSync(dir).find((f) => f.toLowerCase() === 'mlproject');
  return found ? join(dir, found) : null;
}

/** Reads a project folder as MLflow does; ProjectError for a broken MLproject. */
export function loadProject(dir: string): ProjectSpec {
  const file = findMlproject(dir);
  let raw: unknown = {};
  if (file) {
    try {
      raw = parse(readFileSync(file, 'utf8')) ?? {};
    } catch (err) {
      throw new ProjectError(`MLproject is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const parsed = MlprojectYaml.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProjectError(`MLproject: ${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'not an MLproject file'}`);
  }
  const y = parsed.data;
  const envFields = (['python_env', 'conda_env', 'docker_env'] as const).filter((k) => y[k] != null);
  if (envFields.length > 1) throw new ProjectError(`MLproject: a project has one environment, not ${envFields.join(' and ')}`);
  const entryPoints = Object.entries(y.entry_points ?? {}).map(([name, ep]) => ({
    name,
    command: ep.command,
    parameters: Object.entries(ep.parameters ?? {}).map(([pname, p]) => paramSpec(name, pname, p)),
  }));
  return { dir, name: y.name ?? null, entryPoints, env: envOf(dir, y), hasMlproject: file !== null };
}

function paramSpec(entry: string, name: string, p: z.output<typeof ParamYaml>): ParamSpec {
  const type = (typeof p === 'string' ? p : (p.type ?? 'string')).toLowerCase();
  if (!KNOWN_TYPES.has(type as ParamType)) {
    throw new ProjectError(`MLproject: entry point '${entry}', parameter '${name}': unknown type '${type}' (use float, int, path, uri or string)`);
  }
  return { name, type: type as ParamType, default: typeof p === 'string' ? null : (p.default ?? null) };
}

function envOf(dir: string, y: z.output<typeof MlprojectYaml>): ProjectEnvSpec {
  if (y.docker_env) {
    if (!y.docker_env.image) throw new ProjectError('MLproject: docker_env has no image');
    return { kind: 'docker_env', file: null, image: y.docker_env.image };
  }
  const named = (kind: 'python_env' | 'conda_env', rel: string): ProjectEnvSpec => {
    const file = join(dir, rel);
    if (!existsSync(file)) throw new ProjectError(`MLproject names ${kind} file ${rel}, but there is no such file in the project`);
    return { kind, file };
  };
  if (y.python_env) return named('python_env', y.python_env);
  if (y.conda_env) return named('conda_env', y.conda_env);
  if (existsSync(join(dir, 'python_env.yaml'))) return { kind: 'python_env', file: join(dir, 'python_env.yaml') };
  if (existsSync(join(dir, 'conda.yaml'))) return { kind: 'conda_env', file: join(dir, 'conda.yaml') };
  return { kind: 'none', file: null };
}

/**
 * The entry point to run: one the MLproject names, else a .py or .sh file of the project run as
 * MLflow does (`python FILE`, `$SHELL FILE`), with no declared parameters.
 */
export function entryPointOf(spec: ProjectSpec, name: string, env: NodeJS.ProcessEnv = process.env): EntryPointSpec {
  const declared = spec.entryPoints.find((e) => e.name === name);
  if (declared) return declared;
  const ext = extname(name);
  if (ext === '.py' || ext === '.sh') {
    if (!existsSync(join(spec.dir, name))) throw new ProjectError(`entry point '${name}': no such file in the project`);
    const runner = ext === '.py' ? 'python' : (env.SHELL || 'bash');
    return { name, command: `${runner} ${shellQuote(name)}`, parameters: [] };
  }
  const known = spec.entryPoints.map((e) => e.name);
  throw new ProjectError(`no entry point '${name}' in the project${known.length ? ` (it has: ${known.join(', ')})` : ''}, and it is not a .py or .sh file to run`);
}

/** The entry points a folder offers: the MLproject's, or its top-level .py and .sh files when it has none. */
export function listEntryPoints(spec: ProjectSpec): EntryPointSpec[] {
  if (spec.entryPoints.length || spec.hasMlproject) return spec.entryPoints;
  return readdirSync(spec.dir)
    .filter((f) => f.endsWith('.py') || f.endsWith('.sh'))
    .sort()
    .map((f) => entryPointOf(spec, f));
}
