import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../shared/domain/tracking';
import { isProjectRun, rerunOf } from '../../../../renderer/state/project-rerun';

const run = (tags: Record<string, string>, params: Record<string, string> = {}): Run =>
  ({
    info: { run_id: 'r1', run_name: 'sweep-3', experiment_id: '7', status: 'FINISHED', lifecycle_stage: 'active' },
    data: { tags: Object.entries(tags).map(([key, value]) => ({ key, value })), params: Object.entries(params).map(([key, value]) => ({ key, value })) },
    inputs: {},
    outputs: {},
  }) as unknown as Run;

describe('rerun prefill', () => {
  it('reads source, commit, entry point, env and params from a project run', () => {
    const r = run(
      { 'mlflow.source.type': 'PROJECT', 'mlflow.source.name': '/home/me/proj', 'mlflow.source.git.commit': 'abc123', 'mlflow.project.entryPoint': 'train', 'mlflow.project.env': 'local' },
      { lr: '0.1', epochs: '3' },
    );
    expect(isProjectRun(r)).toBe(true);
    expect(rerunOf(r)).toEqual({ uri: '/home/me/proj', version: 'abc123', entryPoint: 'train', params: { lr: '0.1', epochs: '3' }, envManager: 'local', experimentId: '7', runName: 'sweep-3' });
  });

  it('defaults the entry point to main and leaves out what was not recorded', () => {
    expect(rerunOf(run({ 'mlflow.source.type': 'PROJECT', 'mlflow.source.name': 'file:///p' }))).toEqual({ uri: 'file:///p', entryPoint: 'main', params: {}, experimentId: '7', runName: 'sweep-3' });
    // MLflow's `conda` is not a manager this app runs: the project decides again
    expect(rerunOf(run({ 'mlflow.source.type': 'PROJECT', 'mlflow.source.name': 'file:///p', 'mlflow.project.env': 'conda' }))).not.toHaveProperty('envManager');
  });

  it('offers nothing for runs that did not come from a project', () => {
    expect(rerunOf(run({ 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'train.py' }))).toBeNull();
    expect(rerunOf(run({ 'mlflow.source.type': 'PROJECT' }))).toBeNull();
  });
});
