import { describe, expect, it } from 'vitest';
import { planArtifacts, type ArtifactPlanInput, type LocalEntry, type RecordedFile } from '../../../../electron/sync/pull-artifact-plan';

const rec = (size: number, mtime: number, pulled = true): RecordedFile => ({ size, mtime, pulled });
const plan = (o: { remote?: [string, number][]; recorded?: [string, RecordedFile][]; lazy?: [string, number][]; local?: [string, LocalEntry][]; mode?: 'lazy' | 'eager' }) => {
  const input: ArtifactPlanInput = {
    remote: (o.remote ?? []).map(([path, size]) => ({ path, size })),
    recorded: new Map(o.recorded),
    lazy: new Map(o.lazy),
    local: new Map(o.local),
    mode: o.mode ?? 'lazy',
  };
  return planArtifacts(input);
};

describe('planArtifacts: files the remote has', () => {
  it('fetches a new file: recorded lazily, or downloaded in eager mode', () => {
    expect(plan({ remote: [['a.txt', 3]] })).toEqual([{ kind: 'lazy', path: 'a.txt', size: 3 }]);
    expect(plan({ remote: [['a.txt', 3]], mode: 'eager' })).toEqual([{ kind: 'download', path: 'a.txt', size: 3 }]);
  });

  it('does nothing for a file as recorded, downloaded or still lazy', () => {
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 7)]], local: [['a', { size: 3, mtime: 7 }]] })).toEqual([]);
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 0)]], lazy: [['a', 3]] })).toEqual([]);
  });

  it('downloads in eager mode the files an earlier pull left lazy', () => {
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 0)]], lazy: [['a', 3]], mode: 'eager' })).toEqual([{ kind: 'download', path: 'a', size: 3 }]);
  });

  it('records again a lazy file whose size changed on the remote', () => {
    expect(plan({ remote: [['a', 5]], recorded: [['a', rec(3, 0)]], lazy: [['a', 3]] })).toEqual([{ kind: 'lazy', path: 'a', size: 5 }]);
  });

  it('downloads again a file changed on the remote only, even in lazy mode (the old copy is here)', () => {
    expect(plan({ remote: [['a', 5]], recorded: [['a', rec(3, 7)]], local: [['a', { size: 3, mtime: 7 }]] })).toEqual([{ kind: 'download', path: 'a', size: 5 }]);
  });

  it('keeps a file changed here when the remote did not change it (a push sends it)', () => {
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 7)]], local: [['a', { size: 9, mtime: 8 }]] })).toEqual([]);
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 0)]], lazy: [['a', 3]], local: [['a', { size: 9, mtime: 8 }]] })).toEqual([]);
  });

  it('reports a file changed on both sides, and a folder where the remote has a file', () => {
    expect(plan({ remote: [['a', 5]], recorded: [['a', rec(3, 7)]], local: [['a', { size: 9, mtime: 8 }]] })).toEqual([
      { kind: 'clash', path: 'a', why: expect.stringMatching(/both changed/), forget: false },
    ]);
    expect(plan({ remote: [['a', 5]], local: [['a', { size: 9, mtime: 8 }]] })).toEqual([{ kind: 'clash', path: 'a', why: expect.stringMatching(/both changed/), forget: false }]);
    expect(plan({ remote: [['a', 5]], local: [['a', 'dir']] })).toEqual([{ kind: 'clash', path: 'a', why: expect.stringMatching(/folder here/), forget: false }]);
  });

  it('adopts a file already here with the remote size (a download killed before its record)', () => {
    expect(plan({ remote: [['a', 3]], local: [['a', { size: 3, mtime: 9 }]], mode: 'eager' })).toEqual([{ kind: 'adopt', path: 'a', size: 3, mtime: 9 }]);
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 0)]], lazy: [['a', 3]], local: [['a', { size: 3, mtime: 9 }]] })).toEqual([{ kind: 'adopt', path: 'a', size: 3, mtime: 9 }]);
    // A re-download of a file changed on the remote, killed after the rename: both sides now agree.
    expect(plan({ remote: [['a', 5]], recorded: [['a', rec(3, 7)]], local: [['a', { size: 5, mtime: 9 }]] })).toEqual([{ kind: 'adopt', path: 'a', size: 5, mtime: 9 }]);
  });

  it('keeps deleted a file deleted here that the remote did not change, and takes it again when the remote changed it', () => {
    expect(plan({ remote: [['a', 3]], recorded: [['a', rec(3, 7)]] })).toEqual([]);
    expect(plan({ remote: [['a', 4]], recorded: [['a', rec(3, 7)]] })).toEqual([{ kind: 'lazy', path: 'a', size: 4 }]);
  });
});

describe('planArtifacts: files the remote deleted', () => {
  it('removes the unchanged copy of a pulled file, and forgets a lazy one', () => {
    expect(plan({ recorded: [['a', rec(3, 7)]], local: [['a', { size: 3, mtime: 7 }]] })).toEqual([{ kind: 'remove', path: 'a', size: 3, mtime: 7 }]);
    expect(plan({ recorded: [['a', rec(3, 0)]], lazy: [['a', 3]] })).toEqual([{ kind: 'forget', path: 'a' }]);
    expect(plan({ lazy: [['a', 3]] })).toEqual([{ kind: 'forget', path: 'a' }]);
  });

  it('removes a lazy file downloaded but not yet recorded (its size is the remote\'s)', () => {
    expect(plan({ recorded: [['a', rec(3, 0)]], lazy: [['a', 3]], local: [['a', { size: 3, mtime: 9 }]] })).toEqual([{ kind: 'remove', path: 'a', size: 3, mtime: 9 }]);
  });

  it('keeps and reports a copy changed here, a file written over a lazy one, and a file pushed from here', () => {
    const kept = (why: RegExp) => [{ kind: 'clash', path: 'a', why: expect.stringMatching(why), forget: true }];
    expect(plan({ recorded: [['a', rec(3, 7)]], local: [['a', { size: 3, mtime: 8 }]] })).toEqual(kept(/deleted on the remote, but it changed here.*kept this one/));
    expect(plan({ recorded: [['a', rec(3, 0)]], lazy: [['a', 3]], local: [['a', { size: 4, mtime: 8 }]] })).toEqual(kept(/written here/));
    expect(plan({ recorded: [['a', rec(3, 7, false)]], local: [['a', { size: 3, mtime: 7 }]] })).toEqual(kept(/added here/));
  });

  it('forgets a file deleted on both sides, or with a folder here now', () => {
    expect(plan({ recorded: [['a', rec(3, 7)]] })).toEqual([{ kind: 'forget', path: 'a' }]);
    expect(plan({ recorded: [['a', rec(3, 7)]], local: [['a', 'dir']] })).toEqual([{ kind: 'forget', path: 'a' }]);
  });

  it('never touches a file only here (added to a pulled run and never synced)', () => {
    expect(plan({ remote: [['b', 1]], recorded: [['b', rec(1, 2)]], local: [['b', { size: 1, mtime: 2 }], ['mine.txt', { size: 5, mtime: 5 }]] })).toEqual([]);
  });

  it('answers the steps in path order', () => {
    const steps = plan({ remote: [['z', 1], ['b/c', 2]], recorded: [['m', rec(3, 0)]], lazy: [['m', 3]] });
    expect(steps.map((s) => `${s.kind} ${s.path}`)).toEqual(['lazy b/c', 'forget m', 'lazy z']);
  });
});
