import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../../electron/projects/shell-quote';

const VALUES = ['plain', '', 'two words', "it's", '$(id)', '`id`', 'a;b|c&d', '"dq"', "'", "''", 'back\\slash', 'new\nline', '*', '~', '$HOME', '-x', 'ünïcødé ✓', '!event', '{a,b}', '\t'];

describe('shellQuote', () => {
  it('leaves safe words alone, as shlex.quote does', () => {
    expect(shellQuote('abc-1.0_x/y:z=w,@%+')).toBe('abc-1.0_x/y:z=w,@%+');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
  });

  it('hands every value to the program exactly, through a real shell', () => {
    const command = `printf '%s\\0' ${VALUES.map(shellQuote).join(' ')}`;
    for (const shell of ['/bin/sh', '/bin/bash']) {
      const out = execFileSync(shell, ['-c', command], { encoding: 'utf8' });
      expect(out.split('\0').slice(0, -1)).toEqual(VALUES);
    }
  });
});
