import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KEY_FILE_ENV, keyFileHelp, keyFileOption, keyFileSource } from '../../../../electron/cli-commands/key-file-option';

describe('--key-file', () => {
  it('names a key file source by its absolute path; the flag wins over the variable', () => {
    expect(keyFileSource('k.key', {})).toEqual({ kind: 'key-file', path: resolve('k.key') });
    expect(keyFileSource(undefined, { [KEY_FILE_ENV]: '/keys/a.key' })).toEqual({ kind: 'key-file', path: '/keys/a.key' });
    expect(keyFileSource('/keys/b.key', { [KEY_FILE_ENV]: '/keys/a.key' })).toEqual({ kind: 'key-file', path: '/keys/b.key' });
  });

  it('gives no key without the flag or with an empty variable', () => {
    expect(keyFileSource(undefined, {})).toBeUndefined();
    expect(keyFileSource(undefined, { [KEY_FILE_ENV]: '' })).toBeUndefined();
  });

  it('parses as a string option, and its help lines line up with the given indent', () => {
    const { values } = parseArgs({ args: ['--key-file', '/k'], options: keyFileOption });
    expect(values['key-file']).toBe('/k');
    const lines = keyFileHelp(20).split('\n');
    expect(lines[0]).toMatch(/^ {2}--key-file FILE {5}the store's key file/);
    expect(lines[1]!.indexOf('with it')).toBe(22);
    expect(keyFileHelp(14)).toMatch(/^ {2}--key-file FILE {2}the/); // never run into the text
  });
});
