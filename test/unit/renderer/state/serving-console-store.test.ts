import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../../../../renderer/state/serving-console-store';
import type { ServingExample } from '../../../../renderer/state/serving-types';
import { deferred } from './run-fake-client';
import { fakeServingPort } from './serving-fake-port';

describe('request console', () => {
  it('pre-fills the body from the model’s example, sends it and keeps the answer', async () => {
    const fake = fakeServingPort();
    const store = createConsoleStore(fake.port, 'models:/iris/1');
    await store.getState().loadExample();
    expect(store.getState()).toMatchObject({ exampleStatus: 'ready', exampleSource: 'input_example', contentType: 'application/json' });
    await store.getState().send('s1');
    expect(fake.invocations).toEqual([{ id: 's1', body: '{"dataframe_split": {"columns": ["a"], "data": [[1]]}}', contentType: 'application/json' }]);
    expect(store.getState().response).toEqual({ status: 200, body: '{"predictions": [1]}', ms: 12.4 });
  });

  it('does not send JSON that does not parse, and says why', async () => {
    const fake = fakeServingPort();
    const store = createConsoleStore(fake.port, 'models:/iris/1');
    store.getState().setBody('{"inputs": [1, 2');
    await store.getState().send('s1');
    expect(store.getState().error).toMatch(/^Not valid JSON/);
    expect(fake.invocations).toEqual([]);
    store.getState().setContentType('text/csv');
    store.getState().setBody('a,b\n1,2');
    await store.getState().send('s1');
    expect(fake.invocations).toHaveLength(1);
  });

  it('keeps a body the person typed when the example arrives late, and falls back when there is none', async () => {
    const late = deferred<ServingExample>();
    const store = createConsoleStore(fakeServingPort({ example: () => late.promise }).port, 'models:/iris/1');
    const loading = store.getState().loadExample();
    store.getState().setBody('{"inputs": [[1]]}');
    late.resolve({ body: '{"x": 1}', contentType: 'application/json', source: 'signature' });
    await loading;
    expect(store.getState().body).toBe('{"inputs": [[1]]}');
    const none = createConsoleStore(fakeServingPort({ example: async () => Promise.reject(new Error('the model has no input example or signature')) }).port, 'models:/iris/1');
    await none.getState().loadExample();
    expect(none.getState()).toMatchObject({ exampleStatus: 'none', exampleSource: 'the model has no input example or signature' });
    expect(JSON.parse(none.getState().body)).toEqual({ dataframe_split: { columns: [], data: [] } });
  });

  it('shows a 4xx answer as an answer, and a failed call as an error', async () => {
    const bad = fakeServingPort({ invoke: async () => ({ status: 400, body: '{"error_code": "BAD_REQUEST", "message": "bad input"}', ms: 3 }) });
    const store = createConsoleStore(bad.port, 'models:/iris/1');
    await store.getState().send('s1');
    expect(store.getState()).toMatchObject({ response: { status: 400 }, error: null });
    const gone = createConsoleStore(fakeServingPort({ invoke: async () => Promise.reject(new Error('the server stopped')) }).port, 'm');
    await gone.getState().send('s1');
    expect(gone.getState()).toMatchObject({ response: null, error: 'the server stopped', sending: false });
  });
});
