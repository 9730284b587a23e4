import type * as nodeFs from 'node:fs';
import { statSync } from 'node:fs';
import type * as nodeFsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteArtifact, writeArtifact } from '../../../../electron/store/artifact-files';
import { SeriesFiles } from '../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../electron/store/series-meta';
import { useTempDirs } from '../../../support/temp-dir';

// A new file or folder survives power loss only once the folder holding it is fsynced. Every
// path opened through node:fs and node:fs/promises is recorded; the folders among them are the
// folders fsynced (the store opens a folder for nothing else).
const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  const openSync = (path: string, ...rest: unknown[]) => (opened.push(String(path)), (fs.openSync as (...a: unknown[]) => number)(path, ...rest));
  return { ...fs, default: { ...fs, openSync }, openSync };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof nodeFsPromises>();
  const open = (path: string, ...rest: unknown[]) => (opened.push(String(path)), (fsp.open as (...a: unknown[]) => Promise<unknown>)(path, ...rest));
  return { ...fsp, default: { ...fsp, open }, open };
});

const tempDir = useTempDirs();
const isFolder = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const foldersSynced = () => [...new Set(opened.filter(isFolder))].sort();
const meta = (id: number): SeriesMeta => ({ id, runId: 'r', key: 'k', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null });

describe.skipIf(process.platform === 'win32')('durable folders', () => {
  beforeEach(() => {
    opened.length = 0;
  });

  it('series: a sync fsyncs the folders that got new files or folders, once', async () => {
    const dir = join(tempDir(), 'series');
    const files = new SeriesFiles(dir);
    files.append(meta(1), 1, 0, 0);
    files.append(meta(2001), 1, 0, 0); // same folder 001
    files.append(meta(2), 1, 0, 0);
    await files.sync();
    expect(foldersSynced()).toEqual([dir, join(dir, '001'), join(dir, '002')]);

    opened.length = 0;
    files.append(meta(1), 2, 1, 0); // an existing file: nothing new in any folder
    await files.sync();
    expect(foldersSynced()).toEqual([]);
    files.close();
  });

  it('artifacts: an upload fsyncs every folder it created, and a delete the folder it deleted from', async () => {
    const root = tempDir();
    const uploads = join(root, 'uploads');
    await writeArtifact(join(uploads, 'x'), Readable.from(['warm-up']), root); // creates uploads/
    opened.length = 0;
    const artifacts = join(root, 'artifacts');
    await writeArtifact(join(artifacts, '1', 'run', 'artifacts', 'plots', 'a.png'), Readable.from(['png']), uploads);
    expect(foldersSynced()).toEqual([root, artifacts, join(artifacts, '1'), join(artifacts, '1', 'run'), join(artifacts, '1', 'run', 'artifacts'), join(artifacts, '1', 'run', 'artifacts', 'plots')]);

    opened.length = 0;
    await deleteArtifact(join(artifacts, '1', 'run', 'artifacts', 'plots'));
    expect(foldersSynced()).toEqual([join(artifacts, '1', 'run', 'artifacts')]);
    opened.length = 0;
    await deleteArtifact(join(artifacts, '1', 'run', 'artifacts', 'missing'));
    expect(foldersSynced()).toEqual([]);
  });
});
