import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../../../electron/projects/project-plan';
import { executeProjectRun, OUTPUT_ARTIFACT, recordProjectRun } from '../../../../electron/projects/project-run';
import { artifactsOf, resolveArtifactPath, runArtifactRoot } from '../../../../electron/services/artifacts-service';
import { openTestStore } from '../../../support/open-test-store';
import { venvBin } from '../../../support/paths';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();

/** A project whose command prints its environment, built with uv (a stand-in) from a wrapper of the venv's Python; every program records the variables it saw. */
function project() {
  const dir = temp();
  const bin = temp();
  const seen = join(temp(), 'seen.txt');
  writeFileSync(join(dir, 'MLproject'), 'name: envcheck\npython_env: python_env.yaml\nentry_points:\n  main:\n    command: "env; head -c 300000 /dev/zero | tr \'\\\\0\' x; echo"\n');
  writeFileSync(join(dir, 'python_env.yaml'), 'dependencies: [six]\n');
  writeFileSync(join(bin, 'uv'), `#!/bin/sh\nenv >> '${seen}'\nif [ "$1" = venv ]; then exec "$3" -m venv --without-pip "$4"; fi\nexit 0\n`, { mode: 0o755 });
  const python = join(bin, 'python3w');
  writeFileSync(python, `#!/bin/sh\nenv >> '${seen}'\nexec '${venvBin('python')}' "$@"\n`, { mode: 0o755 });
  return { dir, bin, seen, python };
}

describe('executeProjectRun', () => {
  it("gives no program (environment builder, Python probe, the command) the store's remote secrets nor MLflow's or Sextant's credentials", async () => {
    const p = project();
    const t = await openTestStore(join(temp(), 'store'));
    try {
      await t.store.commit({ type: 'remote.add', remote: { name: 'team', url: 'https://team.example.com', authKind: 'bearer', username: '', secretEnv: 'TEAM_TOKEN' }, time: 1 });
      const plan = await planProject({ uri: p.dir, entryPoint: 'main', params: {}, envManager: 'uv' });
      const run = await recordProjectRun(t.svc, plan, {});
      let out = '';
      const tempRoot = temp();
      const baseEnv = { PATH: `${p.bin}:/usr/bin:/bin`, KEEP_ME: 'kept', TEAM_TOKEN: 'remote-secret', MLFLOW_TRACKING_PASSWORD: 'mlflow-pw', SEXTANT_TOKEN: 'holder-token' };
      const result = await executeProjectRun({
        svc: t.svc,
        plan,
        run,
        python: p.python,
        baseEnv,
        envCacheDir: temp(),
        tempRoot,
        output: (_s, chunk) => (out += chunk),
        note: () => {},
        signal: new AbortController().signal,
      });
      expect(result.status).toBe('FINISHED');
      const seen = readFileSync(p.seen, 'utf8');
      // the probe and venv through the wrapper, `uv venv` and `uv pip install`
      expect(seen.split('KEEP_ME=kept').length - 1).toBeGreaterThanOrEqual(4);
      expect(out).toContain('KEEP_ME=kept');
      for (const secret of ['remote-secret', 'mlflow-pw', 'holder-token']) {
        expect(seen).not.toContain(secret);
        expect(out).not.toContain(secret);
      }

      // the whole output is kept as the run's artifact, and its temp folder is gone
      const ref = resolveArtifactPath(t.svc, `${runArtifactRoot(t.svc, run.runId)}/${OUTPUT_ARTIFACT}`, { file: true });
      const kept = await text((await artifactsOf(t.svc).open(ref)).stream);
      expect(kept).toContain(out);
      expect(kept).toContain(`=== Run (ID '${run.runId}') succeeded ===`);
      expect(readdirSync(tempRoot)).toEqual([]);
      plan.source.dispose();
    } finally {
      await t.store.close();
    }
  }, 60_000);
});
