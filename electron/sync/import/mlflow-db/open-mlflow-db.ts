import { dirname, resolve } from 'node:path';
import type { ImportSource, SourceExperiment, SourceFile, SourceLoggedModel, SourceMissing, SourceRun } from '../import-source';
import { resolveArtifactDir } from './artifact-dir';
import { dbIdentity } from './db-identity';
import { checkIntegrity } from './integrity-check';
import { readMlflowSchema } from './mlflow-schema';
import { MlflowSqlite } from './mlflow-sqlite';
import { readExperiments } from './read-experiments';
import { readHistory } from './read-history';
import { readLoggedModels } from './read-logged-models';
import { readRegistry } from './read-registry';
import { readRuns } from './read-runs';
import { readSqliteImage } from './sqlite-image';
import { walkArtifacts } from './walk-artifacts';

export interface OpenMlflowDbOptions {
  /** A moved artifact root: `mlflow-artifacts:` paths resolve in it, moved `file:` folders are looked for in it. */
  artifactsDir?: string;
  /** Refuse databases bigger than this (default 2 GiB): sql.js holds the whole file in memory. */
  maxBytes?: number;
  /** Where sql.js's wasm is (the packaged app). */
  wasmPath?: string;
}

/**
 * Reads an MLflow SQLite database (any schema MLflow 1.x–3.x wrote) without MLflow and without
 * changing the file: the bytes are read once into sql.js and checked (header, size, SQLite's
 * quick_check, MLflow's tables) before the first item is yielded, so a damaged or foreign file is
 * refused before the importer writes anything.
 */
export async function openMlflowDb(path: string, opts: OpenMlflowDbOptions = {}): Promise<ImportSource> {
  const file = resolve(path);
  const label = `mlflow.db at ${file}`;
  // sql.js copies the bytes into its own file: ours are dropped as soon as it has them.
  const db = await MlflowSqlite.fromImage(await readSqliteImage(file, label, opts.maxBytes), label, opts.wasmPath);
  try {
    checkIntegrity(db, label);
    const schema = readMlflowSchema(db, label);
    db.seal();
    const identity = dbIdentity(db, schema.has('experiments', 'creation_time'));
    const roots = { dbDir: dirname(file), ...(opts.artifactsDir ? { artifactsDir: resolve(opts.artifactsDir) } : {}) };
    const artifactsOf = async function* (uri: string, experimentId: string): AsyncGenerator<SourceFile | SourceMissing> {
      const found = await resolveArtifactDir(uri, experimentId, roots);
      if ('dir' in found) yield* walkArtifacts(found.dir);
      else if ('missing' in found) yield found;
    };
    return {
      kind: 'mlflow-db',
      identity,
      label,
      experiments: async function* (): AsyncGenerator<SourceExperiment> {
        yield* readExperiments(db, schema);
      },
      runs: (experimentId) => readRuns(db, schema, experimentId),
      history: (run: SourceRun, key) => readHistory(db, schema, run.runId, key),
      artifacts: (run: SourceRun) => artifactsOf(run.artifactUri, run.experimentId),
      loggedModels: async function* (experimentId): AsyncGenerator<SourceLoggedModel> {
        yield* readLoggedModels(db, schema, experimentId);
      },
      modelArtifacts: (model: SourceLoggedModel) => artifactsOf(model.artifactLocation, model.experimentId),
      registeredModels: async function* () {
        yield* readRegistry(db, schema);
      },
      close: () => Promise.resolve(db.close()),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
