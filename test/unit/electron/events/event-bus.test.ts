import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/events/event-bus';
import { createExperiment } from '../../../../electron/services/experiments-service';
import { logToRun } from '../../../../electron/services/logging-service';
import { createRun, moveRuns } from '../../../../electron/services/runs-service';
import type { EventMessage } from '../../../../shared/ipc/contract';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('event bus', () => {
  it('coalesces many commits into a few small invalidation events', async () => {
    const t = await openTestStore(tempDir());
    const bus = new EventBus(t.store);
    const seen: EventMessage[] = [];
    bus.subscribe((m) => seen.push(m));
    const exp = await createExperiment(t.svc, { name: 'live', tags: [] });
    await expect.poll(() => seen, { timeout: 5000 }).toContainEqual({ event: 'experiments.changed', payload: { ids: [exp] } });
    const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2); // the experiment, then the run
    seen.length = 0;
    // 50 commits applied in one tick (as concurrent requests are) make one event per kind
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => logToRun(t.svc, { runId, params: [], tags: [], metrics: { keys: [i % 2 ? 'a' : 'b'], keyIdx: [0], pts: new Float64Array([i, i, i]) } })),
    );
    await expect.poll(() => seen.some((m) => m.event === 'metrics.appended'), { timeout: 5000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 150)); // one more coalescing window: nothing else may arrive
    expect(seen.map((m) => m.event).sort()).toEqual(['metrics.appended', 'runs.changed']);
    expect(seen.find((m) => m.event === 'runs.changed')?.payload).toEqual({ experimentIds: [exp], runIds: [runId] });
    const keys = seen.filter((m) => m.event === 'metrics.appended').flatMap((m) => (m.payload as { keys: string[] }).keys);
    expect(new Set(keys)).toEqual(new Set(['a', 'b']));
    bus.close();
    await t.store.close();
  });

  it('tells views of both experiments when runs move between them', async () => {
    const t = await openTestStore(tempDir());
    const from = await createExperiment(t.svc, { name: 'from', tags: [] });
    const to = await createExperiment(t.svc, { name: 'to', tags: [] });
    const runId = (await createRun(t.svc, { experimentId: from, tags: [] })).info.run_id;
    await new Promise((r) => setTimeout(r, 150)); // let the creates' events pass first
    const bus = new EventBus(t.store);
    const seen: EventMessage[] = [];
    bus.subscribe((m) => seen.push(m));
    await moveRuns(t.svc, [runId], to);
    await expect.poll(() => seen, { timeout: 5000 }).toContainEqual({ event: 'runs.changed', payload: { experimentIds: [from, to], runIds: [runId] } });
    bus.close();
    await t.store.close();
  });
});
