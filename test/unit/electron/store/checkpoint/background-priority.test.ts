import { getPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE_DELTA, lowerThisThreadPriority, type ThreadPriorityOps } from '../../../../../electron/store/checkpoint/background-priority';
import { startWorker } from '../../../../../electron/store/checkpoint/worker-script';

function fakeOps(over: Partial<ThreadPriorityOps> = {}) {
  const set: [number, number][] = [];
  const ops: ThreadPriorityOps = {
    platform: 'linux',
    pid: 100,
    threadSelf: () => '100/task/107',
    getPriority: () => 0,
    setPriority: (id, p) => void set.push([id, p]),
    ...over,
  };
  return { ops, set };
}

describe('lowerThisThreadPriority', () => {
  it('lowers the calling worker thread (by its thread id) on Linux', () => {
    const { ops, set } = fakeOps({ getPriority: (id) => (id === 107 ? 2 : 0) });
    expect(lowerThisThreadPriority(10, ops)).toBe(12);
    expect(set).toEqual([[107, 12]]);
  });

  it('never goes past the lowest nice value', () => {
    const { ops, set } = fakeOps({ getPriority: () => 15 });
    expect(lowerThisThreadPriority(10, ops)).toBe(19);
    expect(set).toEqual([[107, 19]]);
  });

  it('leaves the main thread, other platforms and another process alone', () => {
    for (const over of [{ threadSelf: () => '100/task/100' }, { platform: 'darwin' }, { platform: 'win32' }, { threadSelf: () => '200/task/207' }, { threadSelf: () => 'garbage' }]) {
      const { ops, set } = fakeOps(over);
      expect(lowerThisThreadPriority(10, ops)).toBeNull();
      expect(set).toEqual([]);
    }
  });

  it('goes on without a change when it is not allowed', () => {
    const { ops } = fakeOps({
      setPriority: () => {
        throw new Error('EACCES');
      },
    });
    expect(lowerThisThreadPriority(10, ops)).toBeNull();
  });

  it.runIf(process.platform === 'linux')('lowers a real worker thread and not the main thread', async () => {
    const mainBefore = getPriority(process.pid);
    const w = startWorker(fileURLToPath(new URL('./fixtures/lower-priority-worker.ts', import.meta.url)));
    try {
      const got = await new Promise<{ tid: number; before: number; set: number | null; after: number }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      expect(got.tid).not.toBe(process.pid);
      expect(got.set).toBe(Math.min(19, got.before + BACKGROUND_NICE_DELTA));
      expect(got.after).toBe(got.set);
      expect(getPriority(process.pid)).toBe(mainBefore);
    } finally {
      await w.terminate();
    }
  });
});
