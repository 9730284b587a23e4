/** Tags that tie a remote entity to the local one it was pushed from (the ID map can be rebuilt from them). */
export const ORIGIN_RUN_TAG = 'sextant.origin.run_id';
export const ORIGIN_STORE_TAG = 'sextant.origin.store';
export const ORIGIN_MODEL_TAG = 'sextant.origin.model_id';
/** On a remote model version: `<store id>:<name>/<version>` of the local version it was pushed from. */
export const ORIGIN_VERSION_TAG = 'sextant.origin.version';

const quoted = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The MLflow filter that finds the remote run pushed from a local run. */
export const originRunFilter = (localRunId: string) => `tags.\`${ORIGIN_RUN_TAG}\` = ${quoted(localRunId)}`;
