import { z } from 'zod';
import type { Experiment, FileInfo, Run } from '../domain/tracking';
import type { AppInfo, ArtifactContent, MetricSeries } from './contract-types';

/**
 * The one contract between the UI and the main process: method name → input schema (main
 * validates every call with it) → output type; event name → payload. Every transport (Electron
 * IPC, HTTP + server-sent events in browser mode) serves exactly this.
 */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: z.custom<O>() });

const Id = z.string().min(1).max(256);
const ViewType = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);
const TagInput = z.object({ key: z.string().min(1).max(250), value: z.string().max(8000) });

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
  'runs.get': method<Run>()(z.object({ runId: Id })),
  'runs.setTag': method<Run>()(TagInput.extend({ runId: Id })),
  'runs.deleteTag': method<Run>()(z.object({ runId: Id, key: z.string().min(1).max(250) })),
  'runs.delete': method<{ count: number }>()(z.object({ runIds: z.array(Id).min(1).max(10_000) })),
  'runs.restore': method<{ count: number }>()(z.object({ runIds: z.array(Id).min(1).max(10_000) })),
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
    z.object({ runId: Id, path: z.string().min(1).max(4096), maxBytes: z.number().int().min(1).max(64 * 1024 * 1024) }),
  ),
} as const;

export const events = {
  'experiments.changed': z.object({ ids: z.array(z.string()) }),
  'runs.changed': z.object({ experimentIds: z.array(z.string()), runIds: z.array(z.string()) }),
  'metrics.appended': z.object({ runId: z.string(), keys: z.array(z.string()) }),
} as const;

export type MethodName = keyof typeof methods;
export type Input<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type Output<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Wire format shared by every transport. Errors cross as data, never as stacks. */
export type RpcErrorCode = 'bad_input' | 'not_found' | 'unknown_method' | 'forbidden' | 'internal';
export type RpcError = { code: RpcErrorCode; message: string };
export type RpcResult = { ok: true; value: unknown } | { ok: false; error: RpcError };
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
