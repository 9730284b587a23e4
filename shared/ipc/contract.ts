import { z } from 'zod';
import type { ModelVersion, RegisteredModel } from '../domain/registry';
import type { Experiment, FileInfo, LoggedModel, Run } from '../domain/tracking';
import type { AppInfo, ArtifactContent, LoggedModelDetails, MetricSeries, RunRef, VersionDetails } from './contract-types';
import type { KeyValues, RunsTablePage, RunsTableValues } from './runs-table-types';
import type { JobView, RemoteTestResult, RemoteView, RunRemoteState } from './sync-types';
import { isAbsolutePath, PICK_PURPOSES, TRANSFER_COMMANDS, type TransferResult } from './transfer-types';
import { method } from './contract-method';
import { storeEvents, storeMethods } from './store-contract';
import { projectEvents, projectMethods } from './project-contract';
import { servingEvents, servingMethods } from './serving-contract';

const Id = z.string().min(1).max(256);
const ViewType = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);
const TagInput = z.object({ key: z.string().min(1).max(250), value: z.string().max(8000) });
const ModelName = z.string().min(1).max(256);
const Version = z.string().regex(/^[1-9][0-9]{0,9}$/, 'a version number');
const RemoteName = z.string().min(1).max(64);
const RemoteUrl = z.string().min(1).max(2048);
const RemoteAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1).max(256) }),
  z.object({ kind: z.literal('bearer') }),
]);
/** Where the password or token comes from: a variable of the holding process, or kept by the desktop app. */
const RemoteSecret = z.discriminatedUnion('from', [
  z.object({ from: z.literal('env'), name: z.string().min(1).max(128) }),
  z.object({ from: z.literal('kept'), value: z.string().min(1).max(16_384) }),
]);

/** A file or folder on the machine holding the store. */
const AbsolutePath = z.string().min(1).max(4096).refine(isAbsolutePath, 'a full path (from the root, e.g. /home/me/mlruns or C:\\data\\mlflow.db)');
/** Held in memory by the job only: never stored, logged or shown in a job's view. */
const Passphrase = z.string().min(1).max(1024);
const ExperimentName = z.string().min(1).max(500);

/**
 * The one contract between the UI and the main process: method name → input schema (main
 * validates every call with it) → output type; event name → payload. Every transport (Electron
 * IPC, HTTP + server-sent events in browser mode) serves exactly this.
 */
export const methods = {
  'app.info': method<AppInfo>()(z.object({})),
  'experiments.list': method<Experiment[]>()(
    z.object({ filter: z.string().max(10_000).optional(), viewType: ViewType.optional() }),
  ),
  'experiments.get': method<Experiment>()(z.object({ id: Id })),
  'experiments.create': method<Experiment>()(
    z.object({ name: z.string().min(1).max(500), description: z.string().max(5000).optional() }),
  ),
  'experiments.rename': method<Experiment>()(z.object({ id: Id, name: z.string().min(1).max(500) })),
  'experiments.delete': method<Experiment>()(z.object({ id: Id })),
  'experiments.restore': method<Experiment>()(z.object({ id: Id })),
  'experiments.setTag': method<Experiment>()(TagInput.extend({ id: Id })),
  'experiments.deleteTag': method<Experiment>()(z.object({ id: Id, key: z.string().min(1).max(250) })),
  'runs.search': method<{ runs: Run[]; nextPageToken?: string }>()(
    z.object({
      experimentIds: z.array(Id).max(1000),
      filter: z.string().max(10_000).optional(),
      orderBy: z.array(z.string().max(500)).max(20).optional(),
      viewType: ViewType.optional(),
      maxResults: z.number().int().min(1).max(50_000).optional(),
      pageToken: z.string().max(1000).optional(),
    }),
  ),
  /**
   * runs.search for the runs table: the same query and paging, answered as columns (ids, names,
   * statuses, times, parent and source, every key once) with values only for `columns`.
   */
  'runs.searchTable': method<RunsTablePage>()(
    z.object({
      experimentIds: z.array(Id).max(1000),
      filter: z.string().max(10_000).optional(),
      orderBy: z.array(z.string().max(500)).max(20).optional(),
      viewType: ViewType.optional(),
      maxResults: z.number().int().min(1).max(50_000).optional(),
      pageToken: z.string().max(1000).optional(),
      columns: z.array(z.string().min(1).max(520)).max(2000),
      /** Every column the runs have (a view that has not picked its columns yet). */
      allColumns: z.boolean().optional(),
    }),
  ),
  /**
   * Only these columns' values for the runs the query matches (in no set order), for rows
   * already shown that were read without them: the table merges them by run id.
   */
  'runs.searchTableValues': method<RunsTableValues>()(
    z.object({
      experimentIds: z.array(Id).max(1000),
      filter: z.string().max(10_000).optional(),
      viewType: ViewType.optional(),
      maxResults: z.number().int().min(1).max(50_000).optional(),
      pageToken: z.string().max(1000).optional(),
      columns: z.array(z.string().min(1).max(520)).min(1).max(200),
    }),
  ),
  /** The distinct values of one param or tag over the experiments' runs, most common first (filter suggestions). */
  'runs.keyValues': method<KeyValues>()(
    z.object({
      experimentIds: z.array(Id).min(1).max(1000),
      entity: z.enum(['params', 'tags']),
      key: z.string().min(1).max(500),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  ),
  'runs.get': method<Run>()(z.object({ runId: Id })),
  'runs.setTag': method<Run>()(TagInput.extend({ runId: Id })),
  'runs.deleteTag': method<Run>()(z.object({ runId: Id, key: z.string().min(1).max(250) })),
  'runs.delete': method<{ count: number }>()(z.object({ runIds: z.array(Id).min(1).max(10_000) })),
  'runs.restore': method<{ count: number }>()(z.object({ runIds: z.array(Id).min(1).max(10_000) })),
  /** Moves the runs and the runs nested under them; `count` says how many moved in all. */
  'runs.move': method<{ count: number }>()(z.object({ runIds: z.array(Id).min(1).max(10_000), experimentId: Id })),
  'metrics.series': method<MetricSeries[]>()(
    z.object({
      runIds: z.array(Id).min(1).max(100),
      key: z.string().min(1).max(250),
      maxPoints: z.number().int().min(2).max(100_000),
      minStep: z.number().optional(),
      maxStep: z.number().optional(),
    }),
  ),
  'artifacts.list': method<FileInfo[]>()(z.object({ runId: Id, path: z.string().max(4096).optional() })),
  'artifacts.read': method<ArtifactContent>()(
    z.object({ runId: Id, path: z.string().min(1).max(4096), maxBytes: z.number().int().min(1).max(64 * 1024 * 1024), offset: z.number().int().min(0).optional() }),
  ),
  'models.list': method<RegisteredModel[]>()(z.object({ filter: z.string().max(10_000).optional() })),
  'models.get': method<{ model: RegisteredModel; versions: ModelVersion[] }>()(z.object({ name: ModelName })),
  'models.create': method<RegisteredModel>()(z.object({ name: ModelName, description: z.string().max(5000).optional() })),
  'models.rename': method<RegisteredModel>()(z.object({ name: ModelName, newName: ModelName })),
  'models.update': method<RegisteredModel>()(z.object({ name: ModelName, description: z.string().max(5000) })),
  'models.delete': method<{ name: string }>()(z.object({ name: ModelName })),
  'models.setTag': method<RegisteredModel>()(TagInput.extend({ name: ModelName })),
  'models.deleteTag': method<RegisteredModel>()(z.object({ name: ModelName, key: z.string().min(1).max(250) })),
  'models.setAlias': method<RegisteredModel>()(z.object({ name: ModelName, alias: z.string().min(1).max(255), version: Version })),
  'models.deleteAlias': method<RegisteredModel>()(z.object({ name: ModelName, alias: z.string().min(1).max(255) })),
  'versions.get': method<VersionDetails>()(z.object({ name: ModelName, version: Version })),
  'versions.register': method<ModelVersion>()(
    z.object({ name: ModelName, source: z.string().min(1).max(4096), runId: Id.optional(), modelId: Id.optional(), description: z.string().max(5000).optional() }),
  ),
  'versions.transition': method<ModelVersion>()(z.object({ name: ModelName, version: Version, stage: z.enum(['None', 'Staging', 'Production', 'Archived']), archiveExisting: z.boolean() })),
  'versions.update': method<ModelVersion>()(z.object({ name: ModelName, version: Version, description: z.string().max(5000) })),
  'versions.setTag': method<ModelVersion>()(TagInput.extend({ name: ModelName, version: Version })),
  'versions.deleteTag': method<ModelVersion>()(z.object({ name: ModelName, version: Version, key: z.string().min(1).max(250) })),
  'versions.delete': method<{ name: string; version: string }>()(z.object({ name: ModelName, version: Version })),
  'loggedModels.list': method<LoggedModel[]>()(z.object({ experimentIds: z.array(Id).min(1).max(1000), runId: Id.optional() })),
  /** One logged model with its MLmodel text, source run, the runs that used it and the versions registered from it. */
  'loggedModels.get': method<LoggedModelDetails>()(z.object({ modelId: Id })),
  /** A logged model's files (they live under the model, not its run), shaped as artifacts.list answers. */
  'loggedModels.artifacts.list': method<FileInfo[]>()(z.object({ modelId: Id, path: z.string().max(4096).optional() })),
  'loggedModels.artifacts.read': method<ArtifactContent>()(
    z.object({ modelId: Id, path: z.string().min(1).max(4096), maxBytes: z.number().int().min(1).max(64 * 1024 * 1024), offset: z.number().int().min(0).optional() }),
  ),
  /** Per logged model id, the live registered versions made from it (newest first). */
  'loggedModels.versions': method<Record<string, ModelVersion[]>>()(z.object({ modelIds: z.array(Id).max(1000) })),
  /** Names of runs by id (runs not in the store are left out), for links that show a run by its name. */
  'runs.refs': method<Record<string, RunRef>>()(z.object({ runIds: z.array(Id).max(1000) })),
  'remotes.list': method<RemoteView[]>()(z.object({})),
  'remotes.add': method<RemoteView>()(z.object({ name: RemoteName, url: RemoteUrl, auth: RemoteAuth, secret: RemoteSecret.optional() })),
  /** Edits a remote's URL and auth; a `kept` secret left out keeps the one the app has. What was synced is kept. */
  'remotes.update': method<RemoteView>()(z.object({ name: RemoteName, url: RemoteUrl, auth: RemoteAuth, secret: RemoteSecret.optional() })),
  'remotes.remove': method<{ name: string }>()(z.object({ name: RemoteName })),
  /** Asks a remote for its version: an added one by `name`, or the URL and auth of a form not saved yet. */
  'remotes.test': method<RemoteTestResult>()(
    z.object({ name: RemoteName.optional(), url: RemoteUrl.optional(), auth: RemoteAuth.optional(), secret: RemoteSecret.optional() }),
  ),
  'jobs.list': method<JobView[]>()(z.object({})),
  /**
   * Starts a push or pull. A push of `runIds` sends those runs (with the runs they are nested
   * under); a pull takes their experiments. None of experiments, runIds and models means everything.
   */
  'jobs.start': method<JobView>()(
    z.object({
      kind: z.enum(['push', 'pull']),
      remote: RemoteName,
      experiments: z.array(z.string().min(1).max(500)).max(1000).optional(),
      runIds: z.array(Id).max(10_000).optional(),
      models: z.array(ModelName).max(1000).optional(),
    }),
  ),
  'jobs.cancel': method<{ cancelled: boolean }>()(z.object({ id: Id })),
  /** Imports an mlruns folder, an mlflow.db or a bundle (recognised from content); `dryRun` reports what would come in and changes nothing. */
  'transfer.import': method<JobView>()(
    z.object({ source: AbsolutePath, dryRun: z.boolean(), clash: z.enum(['merge', 'rename']).optional(), artifactsDir: AbsolutePath.optional(), passphrase: Passphrase.optional() }),
  ),
  /** Writes a bundle of the named experiments and registered models to `out`, which must not exist; `since` makes it incremental. */
  'transfer.export': method<JobView>()(
    z
      .object({ out: AbsolutePath, experiments: z.array(ExperimentName).max(1000), models: z.array(ModelName).max(1000), since: AbsolutePath.optional(), passphrase: Passphrase.optional() })
      .refine((i) => i.experiments.length + i.models.length > 0, 'choose at least one experiment or registered model'),
  ),
  /** What an ended import or export job reported (null for other jobs, running ones and ones that reported nothing). */
  'transfer.result': method<TransferResult | null>()(z.object({ id: Id })),
  /** The desktop app's native file or folder picker (refused in browser mode: type the path). Null when the person cancelled. */
  'app.pickPath': method<{ path: string | null }>()(
    z.object({ purpose: z.enum(PICK_PURPOSES) }),
  ),
  /** Per run, what each remote has of it (runs no remote knows: one 'local' entry per remote). */
  'sync.runStates': method<Record<string, RunRemoteState[]>>()(z.object({ runIds: z.array(Id).max(500) })),
  ...storeMethods,
  ...projectMethods,
  ...servingMethods,
} as const;

export const events = {
  'experiments.changed': z.object({ ids: z.array(z.string()) }),
  'runs.changed': z.object({ experimentIds: z.array(z.string()), runIds: z.array(z.string()) }),
  'metrics.appended': z.object({ runId: z.string(), keys: z.array(z.string()) }),
  'registry.changed': z.object({ names: z.array(z.string()) }),
  /** A job started, progressed (throttled), logged a line or ended: its whole view. */
  'jobs.changed': z.object({ job: z.custom<JobView>() }),
  /** The desktop menu asks the window to open a dialog (sent to the app's window only, never in browser mode). */
  'app.command': z.object({ command: z.enum(TRANSFER_COMMANDS) }),
  ...storeEvents,
  ...projectEvents,
  ...servingEvents,
} as const;

export type MethodName = keyof typeof methods;
export type Input<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type Output<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Wire format shared by every transport. Errors cross as data, never as stacks. */
/** `unavailable`: the store is locked or being converted (the message says which); try again once it is open. */
export type RpcErrorCode = 'bad_input' | 'not_found' | 'unknown_method' | 'forbidden' | 'unavailable' | 'internal';
export type RpcError = { code: RpcErrorCode; message: string };
export type RpcResult = { ok: true; value: unknown } | { ok: false; error: RpcError };
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
