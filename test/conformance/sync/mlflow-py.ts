// The official MLflow Python client, run on the scripts beside this file (seeding and dumping
// an experiment), against any tracking server: an `mlflow server`, `sextant serve`, with or
// without credentials.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, venvBin } from '../../support/paths';

const scripts = join(repoRoot, 'test', 'conformance', 'sync');

/** Credentials for the Python client, as it reads them from the environment. */
export type PyAuth = { token: string } | { username: string; password: string } | undefined;

function authEnv(auth: PyAuth): Record<string, string> {
  if (!auth) return {};
  return 'token' in auth ? { MLFLOW_TRACKING_TOKEN: auth.token } : { MLFLOW_TRACKING_USERNAME: auth.username, MLFLOW_TRACKING_PASSWORD: auth.password };
}

/** Runs test/conformance/sync/<script> with MLFLOW_TRACKING_URI=url; resolves with its stdout. */
export function py(script: string, url: string, args: string[], auth?: PyAuth): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, MLFLOW_TRACKING_URI: url, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0', MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true', ...authEnv(auth) };
  for (const k of ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_USERNAME', 'MLFLOW_TRACKING_PASSWORD']) if (!auth) delete env[k];
  return new Promise((resolve, reject) => {
    execFile(venvBin('python'), [join(scripts, script), ...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 180_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${script} ${args.join(' ')}: ${err.message}\n${stderr.slice(-3000)}`)) : resolve(stdout),
    );
  });
}

export interface ExperimentDump {
  experiment?: { name: string; tags: Record<string, string> };
  /** Keyed by origin: the `sextant.origin.run_id` tag of a pushed run, else the run's own id. */
  runs: Record<string, { name: string; lifecycle: string; [field: string]: unknown }>;
  missing?: string;
}

/** One experiment as the official client reads it (dump_experiment.py). */
export async function dumpExperiment(url: string, name: string, auth?: PyAuth): Promise<ExperimentDump> {
  return JSON.parse(await py('dump_experiment.py', url, [name], auth)) as ExperimentDump;
}
