import type { ServerView, ServingPort, StartServerInput } from '../../../../renderer/state/serving-types';

export const server = (over: Partial<ServerView> = {}): ServerView => ({
  id: 's1', modelUri: 'models:/iris/1', resolved: { name: 'iris', version: '1' }, host: '127.0.0.1', port: 5001, url: 'http://127.0.0.1:5001', state: 'starting', startedAt: 0, lines: [], ...over,
});

/** A serving port whose methods you override; records starts, stops and invocations, and lets a test push events. */
export function fakeServingPort(over: Partial<ServingPort> = {}) {
  const starts: StartServerInput[] = [];
  const stops: string[] = [];
  const invocations: { id: string; body: string; contentType: string }[] = [];
  const changed = new Set<(s: ServerView) => void>();
  const output = new Set<(id: string, text: string) => void>();
  const port: ServingPort = {
    list: async () => [],
    start: async (input) => (starts.push(input), server({ modelUri: input.modelUri, port: input.port ?? 5001 })),
    stop: async (id) => (stops.push(id), server({ id, state: 'stopped', endedAt: 9 })),
    example: async () => ({ body: '{"dataframe_split": {"columns": ["a"], "data": [[1]]}}', contentType: 'application/json', source: 'input_example' }),
    invoke: async (id, body, contentType) => (invocations.push({ id, body, contentType }), { status: 200, body: '{"predictions": [1]}', ms: 12.4 }),
    onChanged: (cb) => (changed.add(cb), () => changed.delete(cb)),
    onOutput: (cb) => (output.add(cb), () => output.delete(cb)),
    ...over,
  };
  return {
    port,
    starts,
    stops,
    invocations,
    changed: (s: ServerView) => changed.forEach((cb) => cb(s)),
    output: (id: string, text: string) => output.forEach((cb) => cb(id, text)),
  };
}
