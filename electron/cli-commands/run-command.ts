import { parseArgs } from 'node:util';
import { openLocalJobs } from '../jobs/local-jobs';
import { PROJECT_ENV_MANAGERS, type ProjectEnvManager } from '../../shared/ipc/project-types';
import { resolvePython } from '../python-env';
import { runProjectFromCli } from '../projects/project-cli';
import { defaultUser } from '../projects/project-run';
import { storeJobHandlers } from '../store-jobs';
import { defaultStoreDir } from '../user-data-dir';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const runHelp = `sextant run URI [--store DIR] [-e ENTRY] [-P KEY=VALUE]... [--experiment NAME] [--run-name NAME]
                [--env-manager local|virtualenv|uv] [--python PATH] [--version COMMIT|BRANCH] [--json]

Runs an MLflow Project as a run in the store, as \`mlflow run\` does. URI is a project folder or a
git repository (a path or a file:// URL; #subdirectory for a project inside it). The run is created
first with the entry point's parameters (defaults included) and the tags mlflow.source.*,
mlflow.project.*, mlflow.user; the command then runs with MLFLOW_TRACKING_URI (a private local
server for the duration), MLFLOW_RUN_ID and MLFLOW_EXPERIMENT_ID, so mlflow.start_run() in the
project logs to that run. Its output streams here and is kept as the run's project-output.log.
Runs in the app or \`sextant serve\` when one holds the store. Ctrl-C stops the run (KILLED).

Options:
  -e, --entry-point ENTRY  the entry point (default: main); or a .py or .sh file of the project
  -P, --param KEY=VALUE    a parameter (repeatable); keys the entry point does not declare are
                           passed as --KEY VALUE. float/int/path/uri values are checked first;
                           a relative path is taken from the project folder (else from here)
  --experiment NAME        the experiment (made when missing; default: Default)
  --run-name NAME          the run's name
  --env-manager MANAGER    local (the Python on PATH or --python), virtualenv or uv (built from the
                           project's python_env.yaml, cached); default: virtualenv when the
                           project has a python_env, else local
  --python PATH            the Python to run with (local) or build the environment from
  --version COMMIT|BRANCH  the git commit or branch to run (the repository is cloned)
  --store DIR              store folder (default: ${defaultStoreDir()})
${keyFileHelp(25)}
  --json                   print a JSON report (run id, status) on stdout; the output goes to stderr

Exit status: 0 when the run FINISHED; 1 when it FAILED or could not start; 130 when cancelled.`;

export async function runCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        store: { type: 'string' },
        ...keyFileOption,
        'entry-point': { type: 'string', short: 'e' },
        param: { type: 'string', short: 'P', multiple: true },
        experiment: { type: 'string' },
        'experiment-name': { type: 'string' },
        'run-name': { type: 'string' },
        'env-manager': { type: 'string' },
        python: { type: 'string' },
        version: { type: 'string', short: 'v' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(runHelp);
    return 0;
  }
  if (positionals.length !== 1) return usage('give exactly one project URI (a folder or a git repository)');
  const params: Record<string, string> = {};
  for (const p of values.param ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) return usage(`-P ${p}: write parameters as KEY=VALUE`);
    params[p.slice(0, eq)] = p.slice(eq + 1);
  }
  const manager = values['env-manager'];
  if (manager !== undefined && !(PROJECT_ENV_MANAGERS as readonly string[]).includes(manager)) {
    const hint = manager === 'conda' ? ' (conda is not available in Sextant)' : '';
    return usage(`--env-manager ${manager}: use local, virtualenv or uv${hint}`);
  }
  let python: string | undefined;
  if (values.python !== undefined) {
    try {
      python = resolvePython(values.python);
    } catch (err) {
      return usage((err as Error).message);
    }
  }
  const experimentName = values.experiment ?? values['experiment-name'];
  const args = {
    uri: positionals[0]!,
    entryPoint: values['entry-point'] ?? 'main',
    params,
    cwd: process.cwd(),
    user: defaultUser(),
    env: callerEnv(),
    ...(values.version !== undefined ? { version: values.version } : {}),
    ...(experimentName !== undefined ? { experimentName } : {}),
    ...(values['run-name'] !== undefined ? { runName: values['run-name'] } : {}),
    ...(manager !== undefined ? { envManager: manager as ProjectEnvManager } : {}),
    ...(python !== undefined ? { python } : {}),
  };
  const storeDir = values.store ?? defaultStoreDir();
  const key = keyFileSource(values['key-file']);
  return runProjectFromCli({
    storeDir,
    args,
    json: values.json,
    stdout: process.stdout,
    stderr: process.stderr,
    openLocally: () => openLocalJobs({ storeDir, handlers: storeJobHandlers, log: storeLog, ...(key ? { key } : {}) }),
  });
}

/** This shell's variables, for the project to run with wherever the job runs. */
function callerEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

const storeLog = (msg: string) => {
  if (!msg.startsWith('checkpoint:')) console.error(`[sextant] ${msg}`);
};

function usage(message: string): number {
  console.error(`sextant run: ${message}\n\n${runHelp}`);
  return 2;
}
