import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/events/event-bus';
import { addRemote } from '../../../electron/services/remotes-service';
import type { EventMessage } from '../../../shared/ipc/contract';
import { openTestStore } from '../../support/open-test-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('pulled registry models in the views', () => {
  it('a pulled model and version tell the model views (registry.changed), as a local edit does', async () => {
    const t = await openTestStore(tempDir());
    await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:1' });
    const bus = new EventBus(t.store);
    const seen: EventMessage[] = [];
    bus.subscribe((m) => seen.push(m));
    const time = t.svc.now();
    await t.store.commit({ type: 'pull.model', remote: 'team', name: 'pulled', create: { creationTime: 1 }, description: '', setTags: [], delTags: [], setAliases: [], delAliases: [], facts: [], time });
    await expect.poll(() => seen, { timeout: 5000 }).toContainEqual({ event: 'registry.changed', payload: { names: ['pulled'] } });
    seen.length = 0;
    await t.store.commit({ type: 'pull.version', remote: 'team', name: 'pulled', version: 1, create: { source: 'runs:/x/m', storageLocation: '', runId: '', runLink: '', userId: '', modelId: '', status: 'READY', statusMessage: '', creationTime: 1 }, setTags: [], delTags: [], facts: [], time });
    await expect.poll(() => seen, { timeout: 5000 }).toContainEqual({ event: 'registry.changed', payload: { names: ['pulled'] } });
    bus.close();
    await t.store.close();
  });
});
