import { prng } from '../../support/prng';
import { seededRunId } from '../../support/seed-runs';
import { BIG_STORE_EXPERIMENT } from './big-store';
import type { MlflowHttp } from './http';
import type { Rng } from './rng';

interface KV {
  key: string;
  value: string | number;
}
interface RunBody {
  run: { info: { run_id: string; run_name: string; experiment_id: string }; data?: { metrics?: KV[]; params?: KV[]; tags?: KV[] } };
}
interface SearchBody {
  runs?: { info: { run_id: string; run_name: string } }[];
  next_page_token?: string;
}

/** How many seeded runs are read in full (the others are only counted). */
const FULL_CHECKS = 200;

/**
 * Checks that the big store's seeded runs (big-store.ts) are all still there, each once, and
 * reads a random sample of them in full against the values seedRuns gave them.
 */
export async function verifySeededRuns(http: MlflowHttp, runs: number, rng: Rng): Promise<{ checked: number; problems: string[] }> {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  let token: string | undefined;
  do {
    const out = await http.postJson<SearchBody>('runs/search', {
      experiment_ids: [BIG_STORE_EXPERIMENT], filter: "attributes.run_name LIKE 'run-%'", run_view_type: 'ALL', max_results: 1000, ...(token ? { page_token: token } : {}),
    });
    if (out.kind !== 'ok') return { checked: 0, problems: [`runs/search over the seeded runs: ${JSON.stringify(out).slice(0, 300)}`] };
    for (const r of out.body?.runs ?? []) seen.set(r.info.run_id, (seen.get(r.info.run_id) ?? 0) + 1);
    token = out.body?.next_page_token;
  } while (token);
  for (let i = 0; i < runs; i++) {
    const n = seen.get(seededRunId(i)) ?? 0;
    if (n !== 1) problems.push(`seeded run ${i} (${seededRunId(i)}) is listed ${n} times`);
  }
  if (seen.size !== runs) problems.push(`runs/search lists ${seen.size} runs named run-*, ${runs} were seeded`);

  // seedRuns draws one random value per metric, run after run, key after key.
  const random = prng(runs);
  const values = Float64Array.from({ length: runs * 10 }, () => random());
  let checked = 0;
  for (let j = 0; j < Math.min(FULL_CHECKS, runs); j++) {
    const i = j === 0 ? 0 : j === 1 ? runs - 1 : rng.int(0, runs - 1);
    const out = await http.getJson<RunBody>('runs/get', { run_id: seededRunId(i) });
    if (out.kind !== 'ok' || !out.body) {
      problems.push(`runs/get of seeded run ${i}: ${JSON.stringify(out).slice(0, 300)}`);
      continue;
    }
    checked++;
    const { info, data } = out.body.run;
    const asMap = (kvs: KV[] | undefined) => new Map((kvs ?? []).map((kv) => [kv.key, kv.value]));
    const params = asMap(data?.params);
    const tags = asMap(data?.tags);
    const metrics = asMap(data?.metrics);
    const expect = (what: string, got: unknown, want: unknown) => {
      if (got !== want) problems.push(`seeded run ${i}: ${what} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    };
    expect('name', info.run_name, `run-${i}`);
    expect('experiment', info.experiment_id, BIG_STORE_EXPERIMENT);
    expect('number of params', params.size, 10);
    expect('number of metrics', metrics.size, 10);
    for (let k = 0; k < 10; k++) {
      expect(`param p${k}`, params.get(`p${k}`), `v${(i + k) % 7}`);
      expect(`metric m${k}`, metrics.get(`m${k}`), values[i * 10 + k]);
    }
    for (let k = 0; k < 3; k++) expect(`tag t${k}`, tags.get(`t${k}`), String(i % 5));
  }
  return { checked, problems };
}
