import { describe, expect, it } from 'vitest';
import { describeRegistryClash, localVersionSource, mergeChangesNothing, mergeRegistryState, modelState, versionState } from '../../../electron/sync/pull-registry-plan';

const here = {
  runArtifactUri: (id: string) => (id === 'r1' ? 'mlflow-artifacts:/7/r1/artifacts' : undefined),
  modelArtifactUri: (id: string) => (id === 'm-1' ? 'mlflow-artifacts:/7/models/m-1/artifacts' : undefined),
};

describe('mergeRegistryState', () => {
  const v = (description: string, stage: string, tags: Record<string, string> = {}) => versionState({ description, stage, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) });

  it('takes what changed on the remote only, and records it', () => {
    const m = mergeRegistryState(v('a', 'None', { k: '1' }), v('a', 'None', { k: '1' }), v('b', 'Production', { k: '2', n: 'new' }));
    expect(m).toMatchObject({ description: 'b', stage: 'Production', setTags: [{ key: 'k', value: '2' }, { key: 'n', value: 'new' }], delTags: [], clashes: [] });
    expect(m.record).toEqual(expect.arrayContaining([{ key: '@description', value: 'b' }, { key: '@stage', value: 'Production' }, { key: 'k', value: '2' }, { key: 'n', value: 'new' }]));
  });

  it('keeps what changed here only, records nothing of it', () => {
    const m = mergeRegistryState(v('a', 'None', { k: '1' }), v('mine', 'Staging', { k: '1', x: 'y' }), v('a', 'None', { k: '1' }));
    expect(mergeChangesNothing(m)).toBe(true);
    expect(m.record).toEqual([]);
    expect(m.clashes).toEqual([]);
  });

  it('reports a change on both sides and keeps this side', () => {
    const m = mergeRegistryState(v('a', 'None'), v('mine', 'None'), v('theirs', 'None'));
    expect(m.description).toBeUndefined();
    expect(m.clashes).toEqual([{ key: '@description', local: 'mine', remote: 'theirs' }]);
    expect(describeRegistryClash(m.clashes[0]!)).toMatch(/^the description changed on both sides .*here: 'mine', remote: 'theirs'/);
  });

  it('deletes a tag deleted on the remote; a first sync with equal sides records the remote', () => {
    expect(mergeRegistryState(v('', 'None', { gone: '1' }), v('', 'None', { gone: '1' }), v('', 'None')).delTags).toEqual(['gone']);
    const first = mergeRegistryState(new Map(), v('d', 'None', { t: '1' }), v('d', 'None', { t: '1' }));
    expect(mergeChangesNothing(first)).toBe(true);
    expect(first.record).toHaveLength(3);
  });

  it('moves, sets and drops aliases by the remote version they name', () => {
    const state = (aliases: Record<string, string>) => modelState({ description: '', tags: [], aliases: Object.entries(aliases).map(([alias, version]) => ({ alias, version })) });
    const m = mergeRegistryState(state({ champion: '1', old: '1' }), state({ champion: '1', old: '1' }), state({ champion: '3', fresh: '2' }));
    expect(m.setAliases).toEqual([{ alias: 'champion', remoteVersion: '3' }, { alias: 'fresh', remoteVersion: '2' }]);
    expect(m.delAliases).toEqual(['old']);
    expect(m.setTags).toEqual([]);
    expect(describeRegistryClash({ key: '@alias:champion', local: 'local:4', remote: '3' })).toMatch(/^alias 'champion'/);
  });
});

describe('localVersionSource', () => {
  it('keeps runs:/ and models:/ sources (run and logged model ids are kept by a pull)', () => {
    expect(localVersionSource('runs:/r9/model', here)).toEqual({ source: 'runs:/r9/model' });
    expect(localVersionSource('models:/m-abc', here)).toEqual({ source: 'models:/m-abc' });
  });

  it("moves a path under the remote's artifact proxy to the run's or logged model's folder here", () => {
    expect(localVersionSource('mlflow-artifacts:/3/r1/artifacts/model', here)).toEqual({ source: 'mlflow-artifacts:/7/r1/artifacts/model' });
    expect(localVersionSource('mlflow-artifacts:/3/models/m-1/artifacts', here)).toEqual({ source: 'mlflow-artifacts:/7/models/m-1/artifacts' });
  });

  it('refuses what it cannot bring here, saying why', () => {
    expect(localVersionSource('mlflow-artifacts:/3/r2/artifacts/model', here)).toEqual({ problem: expect.stringMatching(/its run r2 is not here/) });
    expect(localVersionSource('mlflow-artifacts:/3/models/m-2/artifacts', here)).toEqual({ problem: expect.stringMatching(/logged model m-2 is not here/) });
    expect(localVersionSource('s3://bucket/model', here)).toEqual({ problem: expect.stringMatching(/not served by the remote's artifact proxy/) });
    expect(localVersionSource('mlflow-artifacts:/3/elsewhere', here)).toEqual({ problem: expect.stringMatching(/not a run's or logged model's files/) });
  });
});
