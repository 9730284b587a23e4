import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENV_MANAGERS, isEnvManager } from '../../shared/ipc/serving-types';
import { serveFromCli } from '../serving/serve-cli';
import { DEFAULT_HOST, DEFAULT_PORT } from '../serving/serving-jobs';
import { defaultStoreDir } from '../user-data-dir';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const modelsHelp = `sextant models serve -m MODEL_URI [--store DIR] [--host 127.0.0.1] [--port 5001]
                     [--env-manager local|virtualenv|uv] [--python PATH] [--key-file FILE]

Serves a model of the store as a REST endpoint speaking MLflow's scoring protocol (GET /ping,
/health, /version; POST /invocations with dataframe_split, dataframe_records, instances, inputs
or CSV), with MLflow's own scoring server run in the model's Python environment. Offline: the
model is found in the store, its files copied into a private temp folder (removed when the
server stops). When the app or \`sextant serve\` holds the store, the server runs there (it shows
in the app's Serve panel) and this command prints its output; otherwise it runs here, and the
store is not kept locked while it serves. Ctrl-C stops the server.

MODEL_URI:
  models:/NAME/VERSION       a registered model version (also models:/NAME/latest, models:/NAME/Production)
  models:/NAME@ALIAS         the version an alias points at
  models:/m-ID               a logged model
  runs:/RUN_ID/PATH          a model logged under a run's artifacts

Options:
  -m, --model-uri URI    the model to serve (required)
  --store DIR            store folder (default: ${defaultStoreDir()})
  -h, --host HOST        address to listen on (default ${DEFAULT_HOST}: this machine only)
  -p, --port PORT        port to listen on (default ${DEFAULT_PORT}); a taken port is refused
  --env-manager MANAGER  local (default): the Python on PATH or --python, which needs MLflow and
                         the model's packages; virtualenv or uv: an environment built from the
                         model's python_env.yaml
  --python PATH          the Python to use (local) or to build the environment from
${keyFileHelp(23)}
  --help                 show this help

Exit status: 0 when the server was stopped (Ctrl-C, or cancelled in the app); 1 when it could not
start (model not found, port taken, no MLflow in the Python) or stopped by itself.`;

export async function modelsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === 'help') {
    console.log(modelsHelp);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'serve') {
    console.error(`sextant models: unknown command '${sub}' (sextant models serve -m MODEL_URI)\n\n${modelsHelp}`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        'model-uri': { type: 'string', short: 'm' },
        store: { type: 'string' },
        host: { type: 'string', short: 'h' },
        port: { type: 'string', short: 'p' },
        'env-manager': { type: 'string' },
        python: { type: 'string' },
        ...keyFileOption,
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    console.error(`sextant models serve: ${(err as Error).message}\n\n${modelsHelp}`);
    return 2;
  }
  if (values.help) {
    console.log(modelsHelp);
    return 0;
  }
  const modelUri = values['model-uri'];
  if (!modelUri) {
    console.error(`sextant models serve: give the model with -m MODEL_URI\n\n${modelsHelp}`);
    return 2;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^[0-9]+$/.test(values.port ?? '1') || !Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`sextant models serve: --port is a number from 1 to 65535, not '${values.port}'`);
    return 2;
  }
  const envManager = values['env-manager'] ?? 'local';
  if (!isEnvManager(envManager)) {
    console.error(`sextant models serve: --env-manager is ${ENV_MANAGERS.join(', ')}; not '${envManager}'`);
    return 2;
  }
  const python = values.python === undefined ? undefined : values.python.includes('/') && !isAbsolute(values.python) ? resolve(values.python) : values.python;
  const key = keyFileSource(values['key-file']);
  return serveFromCli({
    storeDir: resolve(values.store ?? defaultStoreDir()),
    args: { modelUri, host: values.host ?? DEFAULT_HOST, port, envManager, ...(python ? { python } : {}) },
    ...(key ? { key } : {}),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
