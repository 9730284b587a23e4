import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveArtifactDir } from '../../../../../electron/sync/import/mlflow-db/artifact-dir';
import { useTempDirs } from '../../../../support/temp-dir';

const RUN = 'd'.repeat(32);

function folder(...parts: string[]): string {
  const dir = join(...parts);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'f.txt'), 'x');
  return dir;
}

describe('resolveArtifactDir', () => {
  const tempDir = useTempDirs();

  it('finds mlflow-artifacts: paths in mlartifacts/ beside the database, or in the artifacts folder given', async () => {
    const dbDir = tempDir();
    const dir = folder(dbDir, 'mlartifacts', '1', RUN, 'artifacts');
    expect(await resolveArtifactDir(`mlflow-artifacts:/1/${RUN}/artifacts`, '1', { dbDir })).toEqual({ dir });
    expect(await resolveArtifactDir(`mlflow-artifacts://host:5000/1/${RUN}/artifacts`, '1', { dbDir })).toEqual({ dir });
    const moved = tempDir();
    const there = folder(moved, '1', RUN, 'artifacts');
    expect(await resolveArtifactDir(`mlflow-artifacts:/1/${RUN}/artifacts`, '1', { dbDir, artifactsDir: moved })).toEqual({ dir: there });
  });

  it('a run that logged nothing in a root that is there has no artifacts; a root that is not there is reported missing', async () => {
    const dbDir = tempDir();
    folder(dbDir, 'mlartifacts', '1', 'other');
    expect(await resolveArtifactDir(`mlflow-artifacts:/1/${RUN}/artifacts`, '1', { dbDir })).toEqual({ none: true });
    const elsewhere = tempDir();
    expect(await resolveArtifactDir(`mlflow-artifacts:/1/${RUN}/artifacts`, '1', { dbDir: elsewhere })).toEqual({
      missing: `mlflow-artifacts:/1/${RUN}/artifacts`,
      reason: expect.stringMatching(/the artifact root .*mlartifacts is not there/) as unknown,
    });
    expect(await resolveArtifactDir('/gone/mlruns/1/x/artifacts', '1', { dbDir: elsewhere })).toMatchObject({ missing: '/gone/mlruns/1/x/artifacts' });
  });

  it('reads file: URIs and absolute paths where they are, and a moved root by its tail from the experiment id', async () => {
    const old = tempDir();
    const dir = folder(old, 'mlruns', '2', RUN, 'artifacts');
    expect(await resolveArtifactDir(pathToFileURL(dir).href, '2', { dbDir: tempDir() })).toEqual({ dir });
    expect(await resolveArtifactDir(dir, '2', { dbDir: tempDir() })).toEqual({ dir });
    const movedRoot = tempDir();
    const moved = folder(movedRoot, '2', RUN, 'artifacts');
    expect(await resolveArtifactDir(`/elsewhere/mlruns/2/${RUN}/artifacts`, '2', { dbDir: tempDir(), artifactsDir: movedRoot })).toEqual({ dir: moved });
    const copiedBeside = tempDir();
    const beside = folder(copiedBeside, 'mlruns', '2', RUN, 'artifacts');
    expect(await resolveArtifactDir(`file:///elsewhere/mlruns/2/${RUN}/artifacts`, '2', { dbDir: copiedBeside })).toEqual({ dir: beside });
    const rel = folder(copiedBeside, 'rel', 'a');
    expect(await resolveArtifactDir('./rel/a', '2', { dbDir: copiedBeside })).toEqual({ dir: rel });
  });

  it('cloud URIs and paths leaving the root are reported, not read', async () => {
    const dbDir = tempDir();
    expect(await resolveArtifactDir('s3://bucket/1/x/artifacts', '1', { dbDir })).toEqual({ missing: 's3://bucket/1/x/artifacts', reason: expect.stringMatching(/^s3: artifacts are not read/) as unknown });
    expect(await resolveArtifactDir('mlflow-artifacts:/../../etc', '1', { dbDir })).toEqual({ missing: 'mlflow-artifacts:/../../etc', reason: 'the path leaves the artifact root' });
    expect(await resolveArtifactDir('', '1', { dbDir })).toEqual({ missing: '', reason: 'no artifact location recorded' });
  });
});
