import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectError } from '../../../../electron/projects/project-errors';
import { entryPointOf, listEntryPoints, loadProject } from '../../../../electron/projects/project-spec';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();
function project(files: Record<string, string>): string {
  const dir = temp();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadProject', () => {
  it('reads name, entry points and typed parameters with defaults, as MLflow does', () => {
    const dir = project({
      mlproject: `name: tuner
python_env: env/python_env.yaml
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.1}
      epochs: {type: int, default: 3}
      data: path
      label: {default: hi}
    command: "python train.py {alpha} {epochs} {data} {label}"
`,
      'env/python_env.yaml': 'python: "3.11"\n',
    });
    const spec = loadProject(dir);
    expect(spec.name).toBe('tuner');
    expect(spec.env).toEqual({ kind: 'python_env', file: join(dir, 'env/python_env.yaml') });
    expect(spec.entryPoints).toEqual([
      {
        name: 'main',
        command: 'python train.py {alpha} {epochs} {data} {label}',
        parameters: [
          { name: 'alpha', type: 'float', default: '0.1' },
          { name: 'epochs', type: 'int', default: '3' },
          { name: 'data', type: 'path', default: null },
          { name: 'label', type: 'string', default: 'hi' },
        ],
      },
    ]);
  });

  it('finds conda.yaml and docker_env, and refuses two environments or a missing env file', () => {
    expect(loadProject(project({ MLproject: 'name: c\n', 'conda.yaml': 'name: x\n' })).env.kind).toBe('conda_env');
    expect(loadProject(project({ MLproject: 'docker_env:\n  image: py:3\n' })).env).toEqual({ kind: 'docker_env', file: null, image: 'py:3' });
    expect(loadProject(project({ 'train.py': '' })).env.kind).toBe('none');
    expect(() => loadProject(project({ MLproject: 'conda_env: c.yaml\ndocker_env:\n  image: x\n', 'c.yaml': '' }))).toThrow(/one environment/);
    expect(() => loadProject(project({ MLproject: 'python_env: nope.yaml\n' }))).toThrow(/no such file/);
  });

  it('says what is wrong with a broken MLproject, in one line', () => {
    expect(() => loadProject(project({ MLproject: 'entry_points: [\n' }))).toThrow(ProjectError);
    expect(() => loadProject(project({ MLproject: 'entry_points:\n  main:\n    parameters: {}\n' }))).toThrow(/entry_points\.main\.command/);
    expect(() => loadProject(project({ MLproject: 'entry_points:\n  main:\n    command: x\n    parameters:\n      n: {type: complex}\n' }))).toThrow(/parameter 'n': unknown type 'complex'/);
  });
});

describe('entry points', () => {
  it('runs a .py or .sh file of a project with no MLproject, quoted, and lists them', () => {
    const dir = project({ 'my script.py': '', 'run.sh': '', 'notes.txt': '' });
    const spec = loadProject(dir);
    expect(entryPointOf(spec, 'my script.py')).toEqual({ name: 'my script.py', command: "python 'my script.py'", parameters: [] });
    expect(entryPointOf(spec, 'run.sh', { SHELL: '/bin/zsh' }).command).toBe('/bin/zsh run.sh');
    expect(listEntryPoints(spec).map((e) => e.name)).toEqual(['my script.py', 'run.sh']);
    expect(() => entryPointOf(spec, 'notes.txt')).toThrow(/no entry point 'notes.txt'/);
    expect(() => entryPointOf(spec, 'missing.py')).toThrow(/no such file/);
  });
});
