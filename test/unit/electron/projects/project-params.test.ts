import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand, resolveParams } from '../../../../electron/projects/project-params';
import type { EntryPointSpec } from '../../../../electron/projects/project-spec';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();
const entry: EntryPointSpec = {
  name: 'main',
  command: 'python train.py --alpha {alpha} --n {n} --data {data} --src { src } --label {label} {{literal}}',
  parameters: [
    { name: 'alpha', type: 'float', default: '0.5' },
    { name: 'n', type: 'int', default: '2' },
    { name: 'data', type: 'path', default: 'data.csv' },
    { name: 'src', type: 'uri', default: 'file:///x' },
    { name: 'label', type: 'string', default: null },
  ],
};

function dirs() {
  const projectDir = temp();
  const cwd = temp();
  writeFileSync(join(projectDir, 'data.csv'), '');
  mkdirSync(join(cwd, 'mine'));
  return { projectDir, cwd };
}

describe('resolveParams', () => {
  it('fills defaults, resolves paths against the project folder (a given one found only where the caller is, there), keeps extras', () => {
    const d = dirs();
    const r = resolveParams(entry, { label: 'x', 'extra key': 'v' }, d);
    expect(r.logged).toEqual([
      { key: 'alpha', value: '0.5' },
      { key: 'n', value: '2' },
      { key: 'data', value: 'data.csv' },
      { key: 'src', value: 'file:///x' },
      { key: 'label', value: 'x' },
      { key: 'extra key', value: 'v' },
    ]);
    expect(r.values.get('data')).toBe(join(d.projectDir, 'data.csv'));
    expect(resolveParams(entry, { label: 'x', data: 'mine' }, d).values.get('data')).toBe(join(d.cwd, 'mine'));
    writeFileSync(join(d.cwd, 'data.csv'), '');
    expect(resolveParams(entry, { label: 'x', data: 'data.csv' }, d).values.get('data')).toBe(join(d.projectDir, 'data.csv'));
    expect(() => resolveParams(entry, { label: 'x', data: 'nope.csv' }, d)).toThrow(`no such file or folder: ${join(d.projectDir, 'nope.csv')} (nor ${join(d.cwd, 'nope.csv')})`);
  });

  it('refuses values that do not fit their type, naming the parameter', () => {
    const d = dirs();
    expect(() => resolveParams(entry, { label: 'x', alpha: 'abc' }, d)).toThrow("parameter 'alpha' is a float, and 'abc' is not a number");
    expect(() => resolveParams(entry, { label: 'x', n: '2.5' }, d)).toThrow(/parameter 'n' is an int/);
    expect(() => resolveParams(entry, { label: 'x', src: 'no-scheme' }, d)).toThrow(/parameter 'src' is a uri/);
    expect(() => resolveParams(entry, { label: 'x', data: 'missing.csv' }, d)).toThrow(/parameter 'data': no such file or folder/);
    expect(() => resolveParams(entry, { label: 'x', data: 's3://b/k' }, d)).toThrow(/parameter 'data' is a path.*remote/);
    expect(() => resolveParams(entry, {}, d)).toThrow(/no value given for parameter 'label'/);
    for (const ok of ['1', '-0.5', '1e-3', '.5', '+2.', 'inf', 'NaN']) expect(() => resolveParams(entry, { label: 'x', alpha: ok }, d)).not.toThrow();
    // Python's float() and int() take underscores between digits, as the Run project form does
    const values = resolveParams(entry, { label: 'x', alpha: '1_000.5', n: '1_000' }, d).values;
    expect([values.get('alpha'), values.get('n')]).toEqual(['1_000.5', '1_000']);
    expect(() => resolveParams(entry, { label: 'x', alpha: '1__0' }, d)).toThrow(/parameter 'alpha' is a float/);
  });
});

describe('buildCommand', () => {
  it('substitutes quoted values, keeps {{ }} literal and appends extras as --key value', () => {
    const d = dirs();
    const r = resolveParams(entry, { label: "a b; rm -rf / 'q'", alpha: '1', zz: '$(x)' }, d);
    expect(buildCommand(entry, r)).toBe(
      `python train.py --alpha 1 --n 2 --data ${join(d.projectDir, 'data.csv')} --src file:///x --label 'a b; rm -rf / '"'"'q'"'"'' {literal} --zz '$(x)'`,
    );
  });

  it('refuses a command naming a parameter the entry point does not have', () => {
    const e: EntryPointSpec = { name: 'main', command: 'run {nope}', parameters: [] };
    expect(() => buildCommand(e, resolveParams(e, {}, dirs()))).toThrow(/uses \{nope\}/);
  });
});
