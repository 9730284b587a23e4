import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { artifactHandlers } from '../../../../../electron/ipc/handlers/artifact-handlers';
import { registryHandlers } from '../../../../../electron/ipc/handlers/registry-handlers';
import { artifactsOf, resolveArtifactPath, runArtifactRoot } from '../../../../../electron/services/artifacts-service';
import { writeNewKeyFile } from '../../../../../electron/store/crypto/keys';
import { createExperiment } from '../../../../../electron/services/experiments-service';
import { createRun } from '../../../../../electron/services/runs-service';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { artifactFile } from '../../../../support/artifact-file';

const tempDir = useTempDirs();
const ipc = { transport: 'ipc' as const };

describe.runIf(process.platform !== 'win32')('artifact reads over the contract', () => {
  it('refuses a FIFO among the artifacts at once, and writes go on while many such reads are asked', async () => {
    const t = await openTestStore(tempDir());
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    const root = runArtifactRoot(t.svc, runId);
    const put = (rel: string) => {
      const file = artifactFile(t.svc, `${root}/${rel}`);
      mkdirSync(dirname(file), { recursive: true });
      return file;
    };
    execFileSync('mkfifo', [put('model/MLmodel')]);
    execFileSync('mkfifo', [put('pipe.txt')]);
    writeFileSync(put('ok.txt'), 'fine');

    const h = artifactHandlers(t.svc);
    const reads = Array.from({ length: 8 }, () => h['artifacts.read']({ runId, path: 'pipe.txt', maxBytes: 100 }, ipc));
    for (const r of await Promise.allSettled(reads)) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect(await createExperiment(t.svc, { name: 'still writable', tags: [] })).toBeTruthy();
    expect(await h['artifacts.read']({ runId, path: 'ok.txt', maxBytes: 100 }, ipc)).toMatchObject({ size: 4, base64: Buffer.from('fine').toString('base64') });
    // a window from an offset (a log's tail), past the end clamped to it
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(await h['artifacts.read']({ runId, path: 'ok.txt', maxBytes: 2, offset: 1 }, ipc)).toMatchObject({ offset: 1, truncated: true, base64: b64('in') });
    expect(await h['artifacts.read']({ runId, path: 'ok.txt', maxBytes: 100, offset: 2 }, ipc)).toMatchObject({ offset: 2, truncated: false, base64: b64('ne') });
    expect(await h['artifacts.read']({ runId, path: 'ok.txt', maxBytes: 100, offset: 99 }, ipc)).toMatchObject({ offset: 4, truncated: false, base64: '' });

    const reg = registryHandlers(t.svc);
    await reg['versions.register']({ name: 'm', source: `runs:/${runId}/model` }, ipc);
    expect(await reg['versions.get']({ name: 'm', version: '1' }, ipc)).toMatchObject({ mlmodel: null });
    await t.store.close();
  });

  it('previews an encrypted store\'s artifacts as plaintext windows, and its MLmodel', async () => {
    const keyFile = join(tempDir(), 'store.key');
    writeNewKeyFile(keyFile);
    const t = await openTestStore(tempDir(), { key: { kind: 'key-file', path: keyFile } });
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    const root = resolveArtifactPath(t.svc, runArtifactRoot(t.svc, runId));
    const log = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join(''));
    await artifactsOf(t.svc).write([...root, 'logs', 'train.log'], Readable.from([log]));
    await artifactsOf(t.svc).write([...root, 'model', 'MLmodel'], Readable.from(['flavors:\n  python_function: {}\n']));
    const h = artifactHandlers(t.svc);
    const tail = await h['artifacts.read']({ runId, path: 'logs/train.log', maxBytes: 1000, offset: log.length - 1000 }, ipc);
    expect(tail).toMatchObject({ size: log.length, offset: log.length - 1000, truncated: false });
    expect(Buffer.from(tail.base64, 'base64').equals(log.subarray(log.length - 1000))).toBe(true);
    const head = await h['artifacts.read']({ runId, path: 'logs/train.log', maxBytes: 70_000 }, ipc);
    expect(head).toMatchObject({ size: log.length, offset: 0, truncated: true });
    expect(Buffer.from(head.base64, 'base64').equals(log.subarray(0, 70_000))).toBe(true);
    expect(await h['artifacts.list']({ runId, path: 'logs' }, ipc)).toEqual([{ path: 'logs/train.log', is_dir: false, file_size: log.length }]);
    const reg = registryHandlers(t.svc);
    await reg['versions.register']({ name: 'm', source: `runs:/${runId}/model` }, ipc);
    expect(await reg['versions.get']({ name: 'm', version: '1' }, ipc)).toMatchObject({ mlmodel: 'flavors:\n  python_function: {}\n' });
    await t.store.close();
  });
});
