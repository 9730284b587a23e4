import { execFile } from 'node:child_process';
import { childEnv } from '../secrets/child-env';
import { ProjectError } from './project-errors';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/**
 * The variables git runs with: the caller's `env` (for a holder, childEnv with the store's remotes),
 * by default this process's without MLflow's and Sextant's credentials (see childEnv).
 */
export type GitEnv = NodeJS.ProcessEnv;

/** Runs the system `git` with an argv array (never a shell), prompts off. */
export function git(args: string[], cwd: string, signal?: AbortSignal, env: GitEnv = childEnv(process.env, [])): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, signal, maxBuffer: 16 << 20, env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new ProjectError('git is not installed (it is needed to run a project from a git repository)'));
        if (err && err.name === 'AbortError') return reject(new ProjectError('cancelled'));
        resolve({ ok: !err, stdout: String(stdout).trim(), stderr: String(stderr).trim() });
      },
    );
  });
}

/** Like git(), but a failure is a ProjectError saying what was being done (no URL's credentials in it). */
export async function gitOrFail(args: string[], cwd: string, what: string, signal?: AbortSignal, env?: GitEnv): Promise<string> {
  const r = await git(args, cwd, signal, env);
  if (!r.ok) throw new ProjectError(withoutCredentials(`${what}: ${lastLine(r.stderr) || 'git failed'}`));
  return r.stdout;
}

const lastLine = (text: string) => text.split('\n').filter((l) => l.trim()).at(-1)?.replace(/^(fatal|error): /, '') ?? '';

/** What a run records of the git checkout a project folder is in (nothing when it is not in one). */
export interface GitFacts {
  root: string | null;
  commit: string | null;
  repoUrl: string | null;
}

export async function gitFacts(dir: string, env?: GitEnv): Promise<GitFacts> {
  const root = await git(['rev-parse', '--show-toplevel'], dir, undefined, env).catch(() => null);
  if (!root?.ok) return { root: null, commit: null, repoUrl: null };
  const commit = await git(['rev-parse', 'HEAD'], dir, undefined, env);
  const remotes = await git(['remote'], dir, undefined, env);
  const first = remotes.ok ? remotes.stdout.split('\n').filter(Boolean)[0] : undefined;
  const url = first ? await git(['remote', 'get-url', first], dir, undefined, env) : null;
  return { root: root.stdout, commit: commit.ok ? commit.stdout : null, repoUrl: url?.ok ? stripCredentials(url.stdout) : null };
}

/** A remote URL without a user:token@ part (never recorded in a tag, a job summary or a message). */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** `text` with the user:token@ part of every URL in it left out (git's messages quote the URL). */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]*@/gi, '$1');
}

/** Whether `name` is a local branch of the checkout in `dir`. */
export async function isBranch(dir: string, name: string, env?: GitEnv): Promise<boolean> {
  const r = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`], dir, undefined, env);
  return r.ok;
}
