import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeOwnedTempFolder } from '../temp-folders';
import { git, gitFacts, gitOrFail, isBranch, stripCredentials, type GitEnv } from './git';
import { ProjectError } from './project-errors';

/** A project made ready to run: its folder here, and what the run records of where it came from. */
export interface ProjectSource {
  /** The project folder (the subdirectory, when the URI named one). */
  dir: string;
  /** mlflow.source.name: file://<repo>[#subdir] for a git checkout, the folder otherwise, or the remote URL (without user:token@). */
  sourceName: string;
  commit: string | null;
  repoUrl: string | null;
  /** The --version when it is a branch. */
  branch: string | null;
  /** Removes the clone made for the run (nothing for a folder used in place). */
  dispose(): void;
}

export interface FetchProjectOptions {
  uri: string;
  version?: string;
  /** Where relative paths are resolved (the CLI's working folder). */
  cwd?: string;
  /** Where clones are made (default the system temp folder). */
  tempDir?: string;
  signal?: AbortSignal;
  /** The variables git runs with (a holder's: childEnv with the store's remotes); default see git(). */
  gitEnv?: GitEnv;
}

/** The temp folders of project clones and run logs (removed at the next start when their holder was killed). */
export const PROJECT_TEMP_PREFIX = 'sextant-project-';

const REMOTE_GIT = /^(https?|ssh|git):\/\/|^[\w.-]+@[\w.-]+:/i;

/** Splits `uri#sub/dir`, refusing a subdirectory that leaves the project. */
export function splitSubdirectory(uri: string): { base: string; subdirectory: string } {
  const unquoted = uri.trim().replace(/^['"]|['"]$/g, '');
  const hash = unquoted.indexOf('#');
  if (hash < 0) return { base: unquoted, subdirectory: '' };
  const subdirectory = unquoted.slice(hash + 1).replace(/^\/+|\/+$/g, '');
  if (isAbsolute(subdirectory) || subdirectory.split(/[\\/]/).some((s) => s === '..')) {
    throw new ProjectError(`the subdirectory '#${subdirectory}' must be a folder inside the project`);
  }
  return { base: unquoted.slice(0, hash), subdirectory };
}

/**
 * Makes a project URI ready to run: a local folder is used in place; a git repository asked at a
 * --version, or a repository URL, is cloned with the system git into a fresh temp folder.
 */
export async function fetchProject(opts: FetchProjectOptions): Promise<ProjectSource> {
  const { base, subdirectory } = splitSubdirectory(opts.uri);
  const cwd = opts.cwd ?? process.cwd();
  let local: string | null = null;
  if (/^file:/i.test(base)) {
    try {
      local = fileURLToPath(base);
    } catch {
      throw new ProjectError(`${base} is not a file URL Sextant can read`);
    }
  } else if (!REMOTE_GIT.test(base)) local = resolve(cwd, base);

  if (local !== null && !existsSync(local)) throw new ProjectError(`no such project folder: ${local}`);
  if (local !== null && !statSync(local).isDirectory()) throw new ProjectError(`${local} is not a folder (a project is a folder or a git repository)`);

  if (local !== null && opts.version === undefined) {
    const dir = inside(local, subdirectory);
    const facts = await gitFacts(dir, opts.gitEnv);
    return { dir, sourceName: facts.root ? gitSourceName(facts.root, dir) : dir, commit: facts.commit, repoUrl: facts.repoUrl, branch: null, dispose: () => {} };
  }
  if (local !== null) {
    const facts = await gitFacts(local, opts.gitEnv);
    if (!facts.root) throw new ProjectError(`--version needs a git repository, and ${local} is not one`);
  }
  const from = local ?? base;
  const said = stripCredentials(from); // what messages and the run's tags name
  const env = opts.gitEnv;
  const holder = makeOwnedTempFolder(opts.tempDir ?? tmpdir(), PROJECT_TEMP_PREFIX);
  const clone = join(holder, 'repo');
  const dispose = () => rmSync(holder, { recursive: true, force: true });
  try {
    await gitOrFail(['clone', '--quiet', '--no-checkout', '--', from, clone], holder, `cannot clone ${said}`, opts.signal, env);
    const version = opts.version;
    if (version !== undefined) {
      if (version.startsWith('-')) throw new ProjectError(`--version ${version}: not a commit or branch name`);
      const r = await git(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', version, '--'], clone, opts.signal, env);
      if (!r.ok) throw new ProjectError(`cannot check out version '${version}' of ${said}: is it a commit or branch of the repository?`);
    } else await gitOrFail(['checkout', '--quiet'], clone, `cannot check out ${said}`, opts.signal, env);
    if (existsSync(join(clone, '.gitmodules'))) await gitOrFail(['submodule', 'update', '--init', '--recursive', '--quiet'], clone, 'cannot fetch the submodules', opts.signal, env);
    const dir = inside(clone, subdirectory);
    const facts = await gitFacts(dir, env);
    const branch = version !== undefined && (await isBranch(clone, version, env)) ? version : null;
    const origin = local !== null ? gitSourceName(realpathSync((await gitFacts(local, env)).root!), resolve(local)) : said;
    return { dir, sourceName: subdirectory ? `${origin}#${subdirectory}` : origin, commit: facts.commit, repoUrl: facts.repoUrl, branch, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

function inside(root: string, subdirectory: string): string {
  const dir = subdirectory ? resolve(root, subdirectory) : root;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ProjectError(`no subdirectory '${subdirectory}' in ${root}`);
  return dir;
}

/** file://<repo root>[#<folder inside it>], as MLflow names a project in a local git checkout. */
function gitSourceName(root: string, dir: string): string {
  const rel = relative(realpathSync(root), realpathSync(dir)).split(sep).join('/');
  return `file://${root}${rel ? `#${rel}` : ''}`;
}
