import type { Client } from '../../../../../renderer/api/client';
import { ApiError } from '../../../../../renderer/api/client';
import type { EventName, EventPayload, Input, MethodName } from '../../../../../shared/ipc/contract';
import type { MetricSeries } from '../../../../../shared/ipc/contract-types';
import type { Run } from '../../../../../shared/domain/tracking';

/** A run in MLflow's JSON shape with just what the charts read. */
export function makeRun(id: string, opts: { name?: string; start?: number; params?: Record<string, string>; metrics?: Record<string, number | string>; tags?: Record<string, string> } = {}): Run {
  return {
    info: {
      run_id: id,
      run_uuid: id,
      run_name: opts.name ?? `run-${id}`,
      experiment_id: '1',
      user_id: 'u',
      status: 'FINISHED',
      start_time: opts.start ?? 1_000_000,
      artifact_uri: '',
      lifecycle_stage: 'active',
    },
    data: {
      params: Object.entries(opts.params ?? {}).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(opts.metrics ?? {}).map(([key, value]) => ({ key, value: value as number, timestamp: 0, step: 0 })),
      tags: Object.entries(opts.tags ?? {}).map(([key, value]) => ({ key, value })),
    },
    inputs: {},
    outputs: {},
  };
}

/** A metric line with steps 0..n-1, timestamps start + 1000·step and the given values. */
export function makeSeries(runId: string, key: string, values: (number | null)[], opts: { start?: number; firstStep?: number } = {}): MetricSeries {
  const first = opts.firstStep ?? 0;
  const steps = values.map((_, i) => first + i);
  return { runId, key, total: values.length, steps, timestamps: steps.map((s) => (opts.start ?? 0) + s * 1000), values };
}

type Handler<M extends MethodName> = (input: Input<M>) => unknown;

/** An object implementing Client: handlers per method (throw ApiError to fail), calls recorded, `emit` pushes events. */
export function fakeClient(handlers: { [M in MethodName]?: Handler<M> }) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api: Client = {
    async call(method, input) {
      calls.push({ method, input });
      const h = handlers[method] as Handler<typeof method> | undefined;
      if (!h) throw new ApiError('unknown_method', method);
      return (await h(input)) as never;
    },
    on(event, cb) {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (payload: unknown) => void);
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => listeners.get(event)?.forEach((l) => l(payload));
  const listenerCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { api, calls, emit, listenerCount };
}
