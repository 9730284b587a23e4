import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { isSourceFile, type SourceFile, type SourceMissing } from '../../../../../electron/sync/import/import-source';
import { walkArtifacts } from '../../../../../electron/sync/import/mlflow-db/walk-artifacts';
import { useTempDirs } from '../../../../support/temp-dir';

describe('walkArtifacts', () => {
  const tempDir = useTempDirs();

  it('lists files depth first in name order with /-separated paths; reads links to files, reports links to folders', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, 'model', 'sub'), { recursive: true });
    writeFileSync(join(root, 'b.txt'), 'bee');
    writeFileSync(join(root, 'model', 'MLmodel'), 'flavors: {}');
    writeFileSync(join(root, 'model', 'sub', 'w.bin'), Buffer.from([0, 255, 1]));
    writeFileSync(join(outside, 'target.txt'), 'linked');
    symlinkSync(join(outside, 'target.txt'), join(root, 'a-link.txt'));
    symlinkSync(outside, join(root, 'c-dir-link'));
    const items: (SourceFile | SourceMissing)[] = [];
    for await (const item of walkArtifacts(root)) items.push(item);
    expect(items.map((i) => (isSourceFile(i) ? `${i.path}:${i.size}` : `missing ${i.missing}`))).toEqual([
      'a-link.txt:6', 'b.txt:3', 'missing c-dir-link', 'model/MLmodel:11', 'model/sub/w.bin:3',
    ]);
    const first = items[0] as SourceFile;
    expect(await text(await first.open())).toBe('linked');
  });
});
