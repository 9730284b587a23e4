import { secretPlaceOf, type RemoteSecretFields } from './secret-place';

/**
 * What a process holding a store must not pass on to the programs it starts (project runs, model
 * servers, Python environment builders, git): the variables its remotes read their passwords and
 * tokens from, MLflow's own credential variables (a child is pointed at this store's server, and
 * any remote credentials would go to the wrong server anyway), and Sextant's server credentials
 * and key file. Nothing else changes: a project may well need its own cloud credentials.
 */
const HOLDER_SECRETS = ['MLFLOW_TRACKING_USERNAME', 'MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_TOKEN', 'SEXTANT_TOKEN', 'SEXTANT_BASIC_AUTH', 'SEXTANT_KEY_FILE'];

/** The names `childEnv` leaves out for these remotes. */
export function secretVariableNames(remotes: readonly RemoteSecretFields[]): string[] {
  const named = remotes.flatMap((r) => {
    const place = secretPlaceOf(r);
    return place.kind === 'env' ? [place.name] : [];
  });
  return [...new Set([...HOLDER_SECRETS, ...named])];
}

/** `env` without the variables holding this store's remotes' secrets and the holder's own (see above). */
export function childEnv(env: NodeJS.ProcessEnv, remotes: readonly RemoteSecretFields[]): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of secretVariableNames(remotes)) delete out[name];
  return out;
}
