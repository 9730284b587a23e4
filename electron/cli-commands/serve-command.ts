import { parseArgs } from 'node:util';
import { defaultStoreDir } from '../user-data-dir';
import { openTracking } from '../open-tracking';
import { isLoopbackAddress } from '../session/call-origin';
import { builtRendererDir, SEXTANT_VERSION } from '../build-info';
import { storeJobHandlers } from '../store-jobs';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const serveHelp = `sextant serve [options]

Runs the local MLflow-compatible tracking server on a Sextant store, headless.

A store encrypted with a passphrase starts locked: open the printed URL in a browser on this
machine and enter the passphrase there (never on the command line; a passphrase is taken only
from this machine, as browser mode is plain HTTP). Until then the MLflow API answers
503 TEMPORARILY_UNAVAILABLE.

Options:
  --store DIR         store folder (default: ${defaultStoreDir()})
${keyFileHelp(20)}
  --host HOST         address to bind (default: 127.0.0.1; anything else is reachable from
                      other machines and prints a warning)
  --port PORT         port (default: 5000; 0 picks a free one)
  --token TOKEN       require "Authorization: Bearer TOKEN" (what MLFLOW_TRACKING_TOKEN sends);
                      prefer SEXTANT_TOKEN: arguments are visible in the process list
  --basic-auth U:P    require HTTP basic auth (MLFLOW_TRACKING_USERNAME / _PASSWORD);
                      prefer SEXTANT_BASIC_AUTH, for the same reason
  --allowed-host H    also accept this exact Host header value (name:port); repeatable
  -h, --help          show this help

Environment:
  SEXTANT_TOKEN              the bearer token to require (as --token)
  SEXTANT_BASIC_AUTH         user:password to require (as --basic-auth)
  SEXTANT_CHECKPOINT_BYTES   metadata bytes in the journal (metric points not counted) that trigger a snapshot (default 67108864)`;

const log = (msg: string) => console.error(`[sextant] ${msg}`);

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      store: { type: 'string' },
      ...keyFileOption,
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5000' },
      token: { type: 'string' },
      'basic-auth': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(serveHelp);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got '${values.port}'`);
  const host = values.host!;
  const hereOnly = host === 'localhost' || isLoopbackAddress(host);
  if (!hereOnly) log(`WARNING: binding ${host}: the server is reachable from other machines. Use --token or --basic-auth.`);
  for (const [flag, env] of [['token', 'SEXTANT_TOKEN'], ['basic-auth', 'SEXTANT_BASIC_AUTH']] as const) {
    if (values[flag] !== undefined) log(`WARNING: --${flag} is visible to every user of this machine in the process list; set ${env} in the environment instead.`);
  }
  const basic = values['basic-auth'] ?? process.env.SEXTANT_BASIC_AUTH;
  const [username, ...rest] = basic ? basic.split(':') : [];
  const storeDir = values.store ?? defaultStoreDir();
  const key = keyFileSource(values['key-file']);
  const tracking = await openTracking({
    storeDir, host, port, log,
    version: SEXTANT_VERSION,
    rendererDir: builtRendererDir(),
    token: values.token ?? process.env.SEXTANT_TOKEN,
    basicAuth: basic ? { username: username!, password: rest.join(':') } : undefined,
    extraHosts: values['allowed-host'],
    checkpointBytes: process.env.SEXTANT_CHECKPOINT_BYTES ? Number(process.env.SEXTANT_CHECKPOINT_BYTES) : undefined,
    jobs: { holder: 'serve', handlers: storeJobHandlers },
    ...(key ? { key } : {}),
  });
  const status = tracking.session.status();
  if (status.state === 'open') console.log(`Sextant is serving the ${status.encrypted ? 'encrypted ' : ''}store ${storeDir}`);
  else console.log(`Sextant is serving the store ${storeDir}, locked: it is encrypted with a passphrase. Open the URL below in a browser and enter it there; until then the MLflow API answers 503 TEMPORARILY_UNAVAILABLE`);
  console.log(`MLFLOW_TRACKING_URI=${tracking.server.url}`);
  console.log(`Open the app in a browser: ${tracking.uiUrl}`);
  if (status.state === 'locked' && !hereOnly) {
    console.log(`--host ${host} takes connections from other machines, but the passphrase is not taken from them: unlock the store from this machine (${tracking.server.url}), a passphrase is never sent over the network in clear`);
  }
  let was = status.state;
  tracking.session.onStatus((s) => {
    if (was === 'locked' && s.state === 'open') log(`store ${storeDir} unlocked: serving it${s.encrypted ? ' (encrypted)' : ''}`);
    was = s.state;
  });
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: flushing the store and stopping`);
      tracking.close().then(
        () => resolve(0),
        (err: Error) => {
          log(`error while stopping: ${err.message}`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
