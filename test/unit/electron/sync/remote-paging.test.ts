import { afterEach, describe, expect, it } from 'vitest';
import { RemoteClient } from '../../../../electron/sync/remote-client';
import { RemoteError } from '../../../../electron/sync/remote-error';
import { fakeSleep, type LocalHttp, sendJson, startLocalHttp } from './local-http';

let server: LocalHttp | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = (url: string) => new RemoteClient({ url, auth: { kind: 'none' }, sleep: fakeSleep().sleep });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('searchPages', () => {
  it('follows next_page_token in POST bodies until it is absent', async () => {
    server = await startLocalHttp(async (_req, res, body) => {
      const req = JSON.parse(await body()) as { page_token?: string };
      const page = Number(req.page_token ?? '0');
      sendJson(res, 200, JSON.stringify({ runs: [{ n: page }], ...(page < 2 ? { next_page_token: String(page + 1) } : {}) }));
    });
    const pages = await collect(client(server.url).searchPages('runs/search', { experiment_ids: ['1'], max_results: 1 }));
    expect(pages.map((p) => p.runs)).toEqual([[{ n: 0 }], [{ n: 1 }], [{ n: 2 }]]);
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { experiment_ids: ['1'], max_results: 1 },
      { experiment_ids: ['1'], max_results: 1, page_token: '1' },
      { experiment_ids: ['1'], max_results: 1, page_token: '2' },
    ]);
  });

  it('uses the query string for GET endpoints and stops on an empty token', async () => {
    server = await startLocalHttp((req, res) => {
      const first = !req.url?.includes('page_token');
      sendJson(res, 200, JSON.stringify(first ? { registered_models: [{ name: 'a' }], next_page_token: 'T' } : { next_page_token: '' }));
    });
    const pages = await collect(client(server.url).searchPages('registered-models/search', { max_results: 1000 }));
    expect(pages).toHaveLength(2);
    expect(server.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/api/2.0/mlflow/registered-models/search?max_results=1000'],
      ['GET', '/api/2.0/mlflow/registered-models/search?max_results=1000&page_token=T'],
    ]);
  });

  it('stops with an error when the server hands back a token it gave before', async () => {
    server = await startLocalHttp((_req, res) => sendJson(res, 200, '{"experiments":[],"next_page_token":"same"}'));
    const err = await collect(client(server.url).searchPages('experiments/search')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).errorCode).toBe('PAGING_LOOP');
    expect(server.requests).toHaveLength(2);
  });
});

describe('metricHistory', () => {
  it('always sends max_results=25000, follows pages, and reads NaN/Infinity in every spelling', async () => {
    server = await startLocalHttp((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      if (url.searchParams.get('max_results') !== '25000') return sendJson(res, 200, '{"next_page_token":"loop"}');
      if (!url.searchParams.get('page_token')) {
        return sendJson(res, 200, '{"metrics":[{"key":"loss","value":"NaN","timestamp":1,"step":0},{"key":"loss","value":Infinity,"timestamp":2,"step":1}],"next_page_token":"p2"}');
      }
      sendJson(res, 200, '{"metrics":[{"key":"loss","value":"-Infinity","timestamp":"3","step":"-2"},{"key":"loss","value":0.5,"timestamp":4}]}');
    });
    const points = await client(server.url).metricHistory('run 1', 'loss/a b');
    expect(points).toEqual([
      { key: 'loss', value: NaN, timestamp: 1, step: 0 },
      { key: 'loss', value: Infinity, timestamp: 2, step: 1 },
      { key: 'loss', value: -Infinity, timestamp: 3, step: -2 },
      { key: 'loss', value: 0.5, timestamp: 4, step: 0 },
    ]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/2.0/mlflow/metrics/get-history?run_id=run+1&metric_key=loss%2Fa+b&max_results=25000',
      '/api/2.0/mlflow/metrics/get-history?run_id=run+1&metric_key=loss%2Fa+b&max_results=25000&page_token=p2',
    ]);
  });
});
