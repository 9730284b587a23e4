import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confineToRoot, locateAppFile, resolveAppPath } from '../../../../electron/app/app-files';
import { useTempDirs } from '../../../support/temp-dir';

const root = join(sep, 'srv', 'renderer');

describe('resolveAppPath (lexical)', () => {
  it('maps / to the entry page and asset paths under the root', () => {
    expect(resolveAppPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/index-abc123.js')).toBe(join(root, 'assets', 'index-abc123.js'));
    expect(resolveAppPath(root, '/assets/My%20Font.woff2')).toBe(join(root, 'assets', 'My Font.woff2'));
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cwindows%5cwin.ini',
    '/assets\\..\\..\\x',
    '/C:/Windows/win.ini',
    '/assets/C:x',
    '/index.html%00.png',
    '//etc/passwd',
    '/assets//x.js',
    '/./index.html',
    '/assets/.',
    '/%E0%A4%A',
    'index.html',
  ])('refuses %s', (path) => {
    expect(resolveAppPath(root, path)).toBeNull();
  });

  it('does not double-decode (%252e stays a literal name inside the root)', () => {
    expect(resolveAppPath(root, '/%252e%252e/x')).toBe(join(root, '%2e%2e', 'x'));
  });
});

describe('confineToRoot / locateAppFile (real files)', () => {
  const tempDir = useTempDirs();

  function layout() {
    const base = tempDir();
    const renderer = join(base, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(base, 'secret.txt'), 'canary');
    return { base, renderer };
  }

  it('serves regular files inside the root', async () => {
    const { renderer } = layout();
    expect(await locateAppFile(renderer, '/')).toMatch(/index\.html$/);
    expect(await locateAppFile(renderer, '/assets/app.js')).toMatch(/app\.js$/);
  });

  it('answers missing files and directories with null (a 404)', async () => {
    const { renderer } = layout();
    expect(await locateAppFile(renderer, '/nope.js')).toBeNull();
    expect(await locateAppFile(renderer, '/assets')).toBeNull();
  });

  it('refuses symlinks that lead out of the root, file or folder', async () => {
    const { base, renderer } = layout();
    symlinkSync(join(base, 'secret.txt'), join(renderer, 'assets', 'leak.js'));
    symlinkSync(base, join(renderer, 'up'));
    expect(await locateAppFile(renderer, '/assets/leak.js')).toBeNull();
    expect(await locateAppFile(renderer, '/up/secret.txt')).toBeNull();
    expect(await confineToRoot(renderer, join(base, 'secret.txt'))).toBeNull();
  });

  it('allows a symlink that stays inside the root', async () => {
    const { renderer } = layout();
    symlinkSync(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'));
    expect(await locateAppFile(renderer, '/alias.js')).toMatch(/assets[/\\]app\.js$/);
  });
});
