import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small MLflow Project made as a git repository: `main` (typed parameters, logs a metric
 * through the official client, prints its argv as JSON), `fail` (exits 3), `hang` (starts a
 * grandchild and waits, for cancelling), and `argv.py` run as a plain script.
 */
export function makeFixtureProject(dir: string): { dir: string; commit: string } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'MLproject'),
    `name: fixture
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      label: {type: string, default: plain}
      data: {type: path, default: data.csv}
    command: "python train.py --alpha {alpha} --label {label} --data {data}"
  fail:
    command: "python -c 'import sys; print(\\"boom on stdout\\"); print(\\"boom on stderr\\", file=sys.stderr); sys.exit(3)'"
  hang:
    command: "python hang.py"
`,
  );
  writeFileSync(join(dir, 'data.csv'), 'x,y\n1,2\n');
  writeFileSync(
    join(dir, 'train.py'),
    `import json, os, sys
import mlflow
print("ARGV " + json.dumps(sys.argv[1:]), flush=True)
print("ENV " + json.dumps({k: os.environ.get(k) for k in ["MLFLOW_RUN_ID", "MLFLOW_EXPERIMENT_ID"]}), flush=True)
with mlflow.start_run() as run:
    mlflow.log_metric("accuracy", 0.875)
    print("ATTACHED " + run.info.run_id, flush=True)
print("done on stderr", file=sys.stderr, flush=True)
`,
  );
  writeFileSync(
    join(dir, 'hang.py'),
    `import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print("PIDS %d %d" % (os.getpid(), child.pid), flush=True)
time.sleep(600)
`,
  );
  writeFileSync(join(dir, 'argv.py'), 'import json, os, sys\nprint("ARGV " + json.dumps(sys.argv[1:]), flush=True)\nprint("MARK " + json.dumps(os.environ.get("PROJECT_MARK")), flush=True)\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' } }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  return { dir, commit: git('rev-parse', 'HEAD') };
}

/** The JSON after a marker line (`ARGV [...]`) in a command's output. */
export function markedJson<T>(output: string, marker: string): T {
  const line = output.split('\n').find((l) => l.startsWith(`${marker} `));
  if (!line) throw new Error(`no ${marker} line in:\n${output}`);
  return JSON.parse(line.slice(marker.length + 1)) as T;
}
