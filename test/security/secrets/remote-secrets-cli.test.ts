// Issue 12, "Secrets", from the command line (needs `npm run build`): `sextant remote add` keeps
// only the name of the variable holding a password or token, refuses a secret given on the
// command line (without echoing it), `remote list` shows no secret, and after adding, listing,
// exporting and removing, no file under the store (plain or encrypted) nor the bundle holds one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newKeyFile } from '../../support/encrypted-store';
import { runCli, type CliResult } from '../../support/run-cli';
import { useTempDirs } from '../../support/temp-dir';
import { secretLeaks, textLeaks, type Secret } from './secret-fixture';

const tempDir = useTempDirs();
const TEAM_PW: Secret = { value: 'pw-CliTeam-8Ws3Kq', username: 'ana' };
const CI_TOKEN: Secret = { value: 'tok-CliCi-4Jd7Nv' };
const ARGV_PW: Secret = { value: 'pw-OnArgv-6Hb2Xc' };
const ALL = [TEAM_PW, CI_TOKEN, ARGV_PW];
const env = { SEXTANT_TEST_TEAM_PASSWORD: TEAM_PW.value, SEXTANT_TEST_CI_TOKEN: CI_TOKEN.value };

const shown = (r: CliResult) => r.stdout + r.stderr;

describe.each([
  { kind: 'plain', encrypted: false },
  { kind: 'encrypted', encrypted: true },
])('sextant remote with passwords and tokens, $kind store', ({ encrypted }) => {
  it('keeps variable names only, refuses a secret on the command line, lists no secret; no file or bundle holds one', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const keyArgs = encrypted ? ['--key-file', newKeyFile(dir)] : [];
    const cli = (args: string[]) => runCli([...args, '--store', store, ...keyArgs], { env });

    const team = await cli(['remote', 'add', 'team', 'https://team.example.com', '--username', 'ana', '--password-env', 'SEXTANT_TEST_TEAM_PASSWORD']);
    expect(team.code, shown(team)).toBe(0);
    const ci = await cli(['remote', 'add', 'ci', 'https://ci.example.com', '--token-env', 'SEXTANT_TEST_CI_TOKEN']);
    expect(ci.code, shown(ci)).toBe(0);

    // a secret where only a variable's name belongs is refused without being echoed
    const refused = [
      await cli(['remote', 'add', 'argv', 'https://x.example.com', '--username', 'eve', `--password=${ARGV_PW.value}`]),
      await cli(['remote', 'add', 'argv', 'https://x.example.com', '--token', ARGV_PW.value]),
      await cli(['remote', 'add', 'argv', 'https://x.example.com', '--username', 'eve', '--password-env', `${ARGV_PW.value}!`]),
    ];
    for (const r of refused) {
      expect(r.code).not.toBe(0);
      expect(textLeaks(shown(r), ALL)).toEqual([]);
    }
    expect(refused[0]!.stderr).toMatch(/--password is refused: a secret on the command line can be read by any process/);
    expect(refused[2]!.stderr).toMatch(/is not an environment variable name .* never the secret itself/);

    const list = await cli(['remote', 'list']);
    const json = await cli(['remote', 'list', '--json']);
    for (const r of [list, json]) {
      expect(r.code, shown(r)).toBe(0);
      expect(textLeaks(shown(r), ALL)).toEqual([]);
    }
    expect(list.stdout).toMatch(/team\s+https:\/\/team\.example\.com\s+.*SEXTANT_TEST_TEAM_PASSWORD/);
    expect(list.stdout).toMatch(/ci\s+https:\/\/ci\.example\.com\s+.*SEXTANT_TEST_CI_TOKEN/);
    expect(list.stdout).not.toMatch(/argv/);

    const bundle = join(dir, 'out.sxb');
    const exported = await cli(['export', '--out', bundle]);
    expect(exported.code, shown(exported)).toBe(0);
    expect(readFileSync(bundle).length).toBeGreaterThan(0);
    expect(secretLeaks([dir], ALL)).toEqual([]);

    const removed = await cli(['remote', 'remove', 'ci']);
    expect(removed.code, shown(removed)).toBe(0);
    expect((await cli(['remote', 'list'])).stdout).not.toMatch(/^ci\s/m);
    expect(secretLeaks([dir], ALL)).toEqual([]);
  });
});
