import { execFileSync } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fetchProject, PROJECT_TEMP_PREFIX, splitSubdirectory } from '../../../../electron/projects/project-source';
import { OWNER_FILE, removeOrphanedFolders } from '../../../../electron/temp-folders';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: gitEnv }).trim();

/** A repository with sub/MLproject: v1 on main (tagged by its commit), v2 on branch 'next'. */
function repo() {
  const dir = realpathSync(temp());
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'MLproject'), 'name: v1\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'v1');
  const v1 = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'next');
  writeFileSync(join(dir, 'sub', 'MLproject'), 'name: v2\n');
  git(dir, 'commit', '-q', '-am', 'v2');
  const v2 = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', 'main');
  return { dir, v1, v2 };
}

describe('fetchProject', () => {
  it('uses a folder in place, naming it file://<repo>#<subdir> with its commit', async () => {
    const r = repo();
    const src = await fetchProject({ uri: `${r.dir}#sub` });
    expect(src).toMatchObject({ dir: join(r.dir, 'sub'), sourceName: `file://${r.dir}#sub`, commit: r.v1, repoUrl: null, branch: null });
    const relative = await fetchProject({ uri: 'sub', cwd: r.dir });
    expect(relative.sourceName).toBe(`file://${r.dir}#sub`);
  });

  it('clones a --version (branch or commit) of a path or file:// URL into a temp folder, removed by dispose', async () => {
    const r = repo();
    const branch = await fetchProject({ uri: `${pathToFileURL(r.dir).href}#sub`, version: 'next' });
    expect(readFileSync(join(branch.dir, 'MLproject'), 'utf8')).toBe('name: v2\n');
    expect(branch).toMatchObject({ commit: r.v2, branch: 'next', repoUrl: r.dir, sourceName: `file://${r.dir}#sub` });
    expect(branch.dir.startsWith(r.dir)).toBe(false);
    branch.dispose();
    expect(existsSync(branch.dir)).toBe(false);
    const commit = await fetchProject({ uri: r.dir, version: r.v1 });
    expect(commit).toMatchObject({ commit: r.v1, branch: null });
    commit.dispose();
  });

  it('says what is wrong: no folder, not a repository, an unknown version, a subdirectory leaving the project', async () => {
    const r = repo();
    await expect(fetchProject({ uri: join(r.dir, 'nope') })).rejects.toThrow(/no such project folder/);
    await expect(fetchProject({ uri: temp(), version: 'main' })).rejects.toThrow(/--version needs a git repository/);
    await expect(fetchProject({ uri: r.dir, version: 'no-such-branch' })).rejects.toThrow(/cannot check out version 'no-such-branch'/);
    await expect(fetchProject({ uri: `${r.dir}#missing` })).rejects.toThrow(/no subdirectory 'missing'/);
    expect(() => splitSubdirectory('/x#../etc')).toThrow(/inside the project/);
  });

  it('records and says a remote URL without its user:token@ part', async () => {
    const r = repo();
    const url = 'https://someone:s3cret-token@git.example.invalid/team/repo.git';
    // git fetches that URL from the local repository instead (offline), as a credential helper would not matter here
    const gitEnv = { ...process.env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `url.${pathToFileURL(r.dir).href}.insteadOf`, GIT_CONFIG_VALUE_0: url };
    const src = await fetchProject({ uri: `${url}#sub`, version: 'next', gitEnv });
    expect(readFileSync(join(src.dir, 'MLproject'), 'utf8')).toBe('name: v2\n');
    expect(src.sourceName).toBe('https://git.example.invalid/team/repo.git#sub');
    expect(JSON.stringify(src)).not.toContain('s3cret');
    src.dispose();

    const unreachable = 'https://someone:s3cret-token@127.0.0.1:9/team/repo.git';
    const failed = await fetchProject({ uri: unreachable, tempDir: temp() }).catch((err: Error) => err);
    expect((failed as Error).message).toMatch(/^cannot clone https:\/\/127\.0\.0\.1:9\/team\/repo\.git/);
    expect((failed as Error).message).not.toContain('s3cret');
    const badVersion = await fetchProject({ uri: url, version: 'no-such-branch', gitEnv }).catch((err: Error) => err);
    expect((badVersion as Error).message).toContain("cannot check out version 'no-such-branch' of https://git.example.invalid/team/repo.git");
  });

  it('makes a clone in a folder owned by this process, which a later holder removes once this process is gone', async () => {
    const r = repo();
    const tempDir = temp();
    const src = await fetchProject({ uri: r.dir, version: 'main', tempDir });
    const holder = dirname(src.dir);
    expect(holder.startsWith(join(tempDir, PROJECT_TEMP_PREFIX))).toBe(true);
    expect(readFileSync(join(holder, OWNER_FILE), 'utf8')).toBe(String(process.pid));
    expect(await removeOrphanedFolders(tempDir, PROJECT_TEMP_PREFIX)).toEqual([]); // its owner is alive
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeFileSync(join(holder, OWNER_FILE), dead); // as if the holder had been killed
    expect(await removeOrphanedFolders(tempDir, PROJECT_TEMP_PREFIX)).toEqual([holder]);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
