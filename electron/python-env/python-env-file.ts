import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** MLflow's python_env.yaml: the Python version and what pip installs, build tools first. */
export interface PythonEnvSpec {
  /** e.g. "3.11" or "3.11.7"; null when the file does not say. */
  python: string | null;
  buildDependencies: string[];
  dependencies: string[];
  /** The file's folder: `-r requirements.txt` lines are relative to it. */
  dir: string;
  /** The file's text and every requirements file it names (what the cached environment is keyed by). */
  contents: string;
}

const Requirement = z.union([z.string(), z.number()]).transform(String);
const PythonEnvYaml = z.object({
  python: z.union([z.string(), z.number()]).transform(String).optional(),
  build_dependencies: z.array(Requirement).nullish(),
  dependencies: z.array(Requirement).nullish(),
});

/** A python_env.yaml that cannot be used, with the reason a person reads. */
export class PythonEnvFileError extends Error {
  override name = 'PythonEnvFileError';
}

export function readPythonEnvFile(file: string): PythonEnvSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PythonEnvFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parsePythonEnv(text, dirname(resolve(file)), file);
}

export function parsePythonEnv(text: string, dir: string, name = 'python_env.yaml'): PythonEnvSpec {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (err) {
    throw new PythonEnvFileError(`${name} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = PythonEnvYaml.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PythonEnvFileError(`${name}: ${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'not a python_env file'}`);
  }
  const deps = parsed.data.dependencies ?? [];
  let contents = text;
  for (const req of requirementFiles(deps)) {
    try {
      contents += `\n--- ${req}\n${readFileSync(resolve(dir, req), 'utf8')}`;
    } catch {
      contents += `\n--- ${req} (missing)`;
    }
  }
  return { python: parsed.data.python ?? null, buildDependencies: parsed.data.build_dependencies ?? [], dependencies: deps, dir, contents };
}

/** The files `-r FILE` / `--requirement FILE` entries name. */
function requirementFiles(deps: string[]): string[] {
  const files: string[] = [];
  for (const dep of deps) {
    const m = /^\s*(?:-r|--requirement)(?:\s+|=)(\S.*?)\s*$/.exec(dep);
    if (m?.[1]) files.push(m[1]);
  }
  return files;
}

/** pip's argv for a list of requirement lines (`-r file` split into its two words). */
export function pipArgs(requirements: string[]): string[] {
  const args: string[] = [];
  for (const req of requirements) {
    const m = /^\s*(-r|--requirement|-c|--constraint|-e|--editable)(?:\s+|=)(\S.*?)\s*$/.exec(req);
    if (m) args.push(m[1]!, m[2]!);
    else args.push(req.trim());
  }
  return args.filter(Boolean);
}
