// The data of the import-db benchmark: an mlflow.db whose schema the real MLflow client made (so it
// is the schema of the pinned 3.x), filled in bulk with SQLite (runs × metrics × points, params,
// tags, latest values; what MLflow's SQL store writes for them), plus a file of artifact bytes per
// run in mlartifacts/ beside it, as `mlflow server` lays them out.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { venvBin } from '../support/paths';

export interface ImportDbScale {
  runs: number;
  metrics: number;
  points: number;
  /** Artifact bytes in all, spread over the runs. */
  artifactBytes: number;
}

const FILL = `
import random, sqlite3, sys, time, uuid
import mlflow
from mlflow.tracking import MlflowClient

db, runs, metrics, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
mlflow.set_tracking_uri(f"sqlite:///{db}")
exp = MlflowClient().create_experiment("bench-import-db", artifact_location="mlflow-artifacts:/1")
con = sqlite3.connect(db)
rnd = random.Random(7)
t0 = 1_700_000_000_000
ids = []
for r in range(runs):
    rid = uuid.UUID(int=rnd.getrandbits(128)).hex
    ids.append(rid)
    con.execute("INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', '', '', 'bench', 'FINISHED', ?, ?, '', 'active', ?, ?)",
                (rid, f"run-{r}", t0 + r * 1000, t0 + r * 1000 + 999, f"mlflow-artifacts:/{exp}/{rid}/artifacts", int(exp)))
    con.execute("INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.runName', ?, ?)", (f"run-{r}", rid))
    con.executemany("INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)", [(f"p{i}", str(i * r), rid) for i in range(10)])
    for m in range(metrics):
        key = f"metric_{m}"
        con.executemany("INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, 0)",
                        ((key, rnd.random(), t0 + s, rid, s) for s in range(points)))
        con.execute("INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, 0.5, ?, ?, 0, ?)", (key, t0 + points - 1, points - 1, rid))
    con.commit()
con.close()
print(exp + " " + " ".join(ids))
`;

function python(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(venvBin('python'), ['-c', FILL, ...args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true' } }, (err, stdout, stderr) =>
      err ? reject(new Error(`filling the benchmark mlflow.db failed: ${err.message}\n${stderr.slice(-2000)}`)) : resolve(stdout.trim()),
    );
  });
}

/** Writes <dir>/mlflow.db and <dir>/mlartifacts/; returns the bytes of each. */
export async function makeBenchMlflowDb(dir: string, s: ImportDbScale): Promise<{ dbBytes: number; artifactBytes: number }> {
  const db = join(dir, 'mlflow.db');
  const [exp, ...runIds] = (await python([db, String(s.runs), String(s.metrics), String(s.points)])).split(' ');
  const perRun = Math.floor(s.artifactBytes / Math.max(1, runIds.length));
  let artifactBytes = 0;
  for (const id of runIds) {
    if (perRun === 0) break;
    const folder = join(dir, 'mlartifacts', exp!, id, 'artifacts');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'weights.bin'), randomBytes(perRun));
    artifactBytes += perRun;
  }
  return { dbBytes: (await stat(db)).size, artifactBytes };
}
