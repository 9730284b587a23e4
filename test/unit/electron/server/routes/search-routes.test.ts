import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTrackingServer } from '../../../../../electron/server/tracking-server';
import { searchRunsJson } from '../../../../../electron/services/search-service';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { prng, seedRandomRuns } from '../../store/read-model/random-runs';

const tempDir = useTempDirs();

function post(url: string, path: string, body: object): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('POST runs/search', () => {
  it('answers each of many concurrent searches with its own runs (answer buffers are used again only once sent)', async () => {
    const t = await openTestStore(tempDir());
    await seedRandomRuns(t.store, prng(5), 300, ['0']);
    const server = await startTrackingServer({ services: t.svc, host: '127.0.0.1', port: 0, log: () => undefined });
    try {
      const searches = [
        { filter: '', order_by: [] as string[], max_results: 1000 },
        { filter: "params.p0 = 'a'", order_by: ['metrics.m0 DESC'], max_results: 50 },
        { filter: 'metrics.m1 > 0', order_by: ['attributes.run_name'], max_results: 7 },
        { filter: "tags.t0 LIKE '%a%'", order_by: ['params.p1 ASC'], max_results: 200 },
        { filter: 'metrics.loss < 1', order_by: [], max_results: 1 },
        { filter: "attributes.status = 'NOPE'", order_by: [], max_results: 10 },
      ];
      const expected = searches.map((s) => searchRunsJson(t.svc, { experimentIds: ['0'], filter: s.filter, orderBy: s.order_by, maxResults: s.max_results, viewType: 'ALL' }));
      for (let round = 0; round < 5; round++) {
        const order = searches.map((_, i) => (i * (round + 1)) % searches.length);
        const answers = await Promise.all(order.map((i) => post(server.url, '/api/2.0/mlflow/runs/search', { experiment_ids: ['0'], run_view_type: 'ALL', ...searches[i] })));
        answers.forEach((a, j) => {
          expect(a.status).toBe(200);
          expect(a.text, `round ${round}, search ${order[j]}`).toBe(expected[order[j]!]);
        });
      }
      expect(expected[0]!.length).toBeGreaterThan(64 * 1024);
      expect(expected[5]).toBe('{}');
    } finally {
      await server.close();
      await t.store.close();
    }
  });
});
