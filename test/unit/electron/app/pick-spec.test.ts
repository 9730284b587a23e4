import { describe, expect, it } from 'vitest';
import { BUNDLE_EXTENSION, KEY_FILE_EXTENSION, pickSpec } from '../../../../electron/app/pick-spec';
import { PICK_PURPOSES } from '../../../../shared/ipc/transfer-types';

describe('native picker specs', () => {
  it('asks for a folder for mlruns, a file for mlflow.db and bundles, and a new file for an export', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    expect(PICK_PURPOSES.map((p) => [p, pickSpec(p, now).mode])).toEqual([
      ['mlflow-db', 'file'],
      ['mlruns-folder', 'folder'],
      ['bundle', 'file'],
      ['bundle-out', 'save'],
      ['since-bundle', 'file'],
      ['artifacts-folder', 'folder'],
      ['key-file', 'file'],
      ['key-file-out', 'save'],
      ['project-folder', 'folder'],
    ]);
    expect(pickSpec('bundle-out', now).defaultName).toBe(`sextant-2026-12-05.${BUNDLE_EXTENSION}`);
    // a bundle is recognised by its content: any file can be chosen
    expect(pickSpec('bundle', now).filters?.some((f) => f.extensions.includes('*'))).toBe(true);
  });

  it('opens an existing store key file (any name) and saves a new one under a suggested name', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    expect(pickSpec('key-file', now).filters?.some((f) => f.extensions.includes('*'))).toBe(true);
    expect(pickSpec('key-file-out', now)).toMatchObject({ mode: 'save', defaultName: `sextant-store.${KEY_FILE_EXTENSION}` });
  });
});
