// A third-party client: Databricks' mlflow-export-import (PyPI databricks-mlflow-export-import,
// pinned in test/conformance/python/requirements.txt) copies an experiment and a registered model
// Sextant -> mlflow server and mlflow server -> Sextant. The same copies between two real mlflow
// servers are the reference: each Sextant copy must lose exactly what the reference copy loses.
// The driver is test/conformance/export_import/fidelity.py (its docstring says what it seeds and
// how it compares); it uses the tool's own export/import functions, the ones its CLI entry points
// (export-experiment, import-experiment, export-model, import-model) call.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, venvBin } from '../support/paths';
import { startMlflow, startSextant, type RunningServer } from '../support/servers';

const python = venvBin('python');
const script = join(repoRoot, 'test', 'conformance', 'export_import', 'fidelity.py');
const sextantCli = join(repoRoot, 'out', 'cli', 'cli.js');
const SCRIPT_TIMEOUT_MS = 5 * 60_000;

interface ExperimentCopy { loss: string[]; runs: string[]; metric_points: number; artifacts: number }
type ModelCopy = { loss: string[]; versions: string[] } | { refused: string };
interface Fidelity {
  experiment: Record<'mlflow>mlflow' | 'sextant>mlflow' | 'mlflow>sextant', ExperimentCopy>;
  model: Record<'mlflow>mlflow' | 'sextant>mlflow' | 'mlflow>mlflow(proxied)' | 'mlflow>sextant', ModelCopy>;
}

// What the tool loses copying the seeded experiment between two real mlflow servers: runs are
// created anew (new start/end times, the importing user), and a logged model's list of the
// registered versions made from it is not carried over.
const REFERENCE_EXPERIMENT_LOSS = [
  '/logged_models/model/tags/mlflow.modelVersions: lost',
  ...['child', 'parent'].flatMap((run) => ['end_time', 'start_time', 'user_id'].map((f) => `/runs/${run}/info/${f}: changed`)),
];
// ...and copying the registered model: the version's runs are created anew, its source becomes the
// destination's logged model (a local folder: import-model needs one, see below), and the model
// files that name their model or run change with them.
const REFERENCE_MODEL_LOSS = ['1', '2'].flatMap((v) => [
  `/versions/${v}/model_files/MLmodel: changed`,
  `/versions/${v}/model_files/registered_model_meta: changed`,
  ...['end_time', 'start_time', 'user_id'].map((f) => `/versions/${v}/run/info/${f}: changed`),
  `/versions/${v}/source_kind: changed`,
]);


const sortedLoss = (copy: ModelCopy) => ('loss' in copy ? { ...copy, loss: [...copy.loss].sort() } : copy);

function runFidelity(env: Record<string, string>): Promise<{ result: Fidelity; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(python, [script], {
      cwd: repoRoot,
      timeout: SCRIPT_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: 'ignore', MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true', GIT_PYTHON_REFRESH: 'quiet', TQDM_DISABLE: '1' },
    }, (err, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      if (err) return reject(new Error(`fidelity.py failed: ${err.message}\n--- output (tail) ---\n${output.split('\n').slice(-80).join('\n')}`));
      try {
        resolve({ result: JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Fidelity, output });
      } catch {
        reject(new Error(`fidelity.py printed no JSON on its last line:\n${output.split('\n').slice(-40).join('\n')}`));
      }
    });
  });
}

describe('mlflow-export-import (Databricks) between Sextant and a real mlflow server', () => {
  it('copies experiments and registered models both ways as faithfully as between two mlflow servers', async () => {
    if (!existsSync(python)) throw new Error(`${python} is missing: run \`node test/conformance/python-env.mjs\` (npm test does).`);
    if (!existsSync(sextantCli)) throw new Error(`Sextant's CLI is not built (${sextantCli} is missing): run \`npm run build\` first.`);
    const starts = await Promise.allSettled([startMlflow(), startMlflow({ artifacts: 'local' }), startSextant()]);
    const started = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      const failed = starts.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      const [mlflowA, mlflowB, sextant] = started as [RunningServer, RunningServer, RunningServer];
      const { result, output } = await runFidelity({ EXIM_MLFLOW_A: mlflowA.url, EXIM_MLFLOW_B: mlflowB.url, EXIM_SEXTANT: sextant.url });
      const context = `\n--- fidelity.py output (tail) ---\n${output.split('\n').slice(-30).join('\n')}`;

      const exp = result.experiment;
      expect([...exp['mlflow>mlflow'].loss].sort(), `reference copy${context}`).toEqual([...REFERENCE_EXPERIMENT_LOSS].sort());
      for (const label of ['sextant>mlflow', 'mlflow>sextant'] as const) {
        expect([...exp[label].loss].sort(), `experiment ${label}${context}`).toEqual([...exp['mlflow>mlflow'].loss].sort());
        expect({ ...exp[label], loss: [] }, label).toEqual({ loss: [], runs: ['child', 'parent'], metric_points: 17, artifacts: 4 });
      }

      const model = result.model;
      expect(sortedLoss(model['mlflow>mlflow']), `reference copy${context}`).toEqual({ loss: [...REFERENCE_MODEL_LOSS].sort(), versions: ['1', '2'] });
      expect(sortedLoss(model['sextant>mlflow']), `model sextant>mlflow${context}`).toEqual({ loss: [...REFERENCE_MODEL_LOSS].sort(), versions: ['1', '2'] });
      // import-model checks on the local disk that a new version's source exists, so it refuses
      // any server that proxies artifacts (mlflow-artifacts:/), a real one as well as Sextant.
      expect(model['mlflow>mlflow(proxied)'], `reference import into a proxying mlflow server${context}`).toEqual({
        refused: "'source' argument for MLflowClient.create_model_version does not exist: mlflow-artifacts:/<exp>/models/m-<id>/artifacts",
      });
      expect(model['mlflow>sextant'], `model mlflow>sextant${context}`).toEqual(model['mlflow>mlflow(proxied)']);
    } finally {
      await Promise.all(started.map((s) => s.stop()));
    }
  }, SCRIPT_TIMEOUT_MS + 3 * 60_000);
});
