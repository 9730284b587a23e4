import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactSegments, confinedPath } from '../../../../electron/store/artifact-paths';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('artifact paths', () => {
  it('splits ordinary relative paths, ignoring a trailing slash', () => {
    expect(artifactSegments('1/abc/artifacts/model/MLmodel')).toEqual(['1', 'abc', 'artifacts', 'model', 'MLmodel']);
    expect(artifactSegments('a b/ünï.txt/')).toEqual(['a b', 'ünï.txt']);
    expect(artifactSegments('')).toEqual([]);
  });

  it.each(['../etc/passwd', 'a/../../b', 'a/./b', 'a//b', 'a\\..\\b', 'a%2e%2e/b', 'x%2fy', 'a\u0000.txt', '%252e%252e%252f', '..', '/etc/passwd', '//proc/self/root', 'C:/Windows/win.ini', 'a?/a', 'a#/b'])('refuses %j', (p) => {
    expect(() => artifactSegments(p)).toThrow(/Invalid artifact path/);
  });

  it('refuses a path that leaves the root through a symlink', () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, 'runs'));
    symlinkSync(outside, join(root, 'runs', 'link'));
    expect(() => confinedPath(root, ['runs', 'link', 'secret.txt'])).toThrow(/outside the artifact store/);
    expect(confinedPath(root, ['runs', 'new', 'file.txt'])).toBe(join(root, 'runs', 'new', 'file.txt'));
  });
});
