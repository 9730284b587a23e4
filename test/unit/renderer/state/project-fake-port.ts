import type { JobView } from '../../../../shared/ipc/sync-types';
import type { ProjectOutput, ProjectView, ProjectsPort, RunProjectInput } from '../../../../renderer/state/project-types';

export const job = (over: Partial<JobView> = {}): JobView => ({ id: 'job-1', kind: 'project', title: 'Run project', state: 'running', startedAt: 0, progress: { itemsDone: 0, bytesDone: 0 }, lines: [], ...over });

export const PROJECT: ProjectView = {
  uri: '/home/me/proj',
  name: 'demo',
  entryPoints: [
    { name: 'main', command: 'python train.py --lr {lr} --data {data}', parameters: [{ name: 'lr', type: 'float', default: '0.1' }, { name: 'data', type: 'path' }] },
    { name: 'eval', command: 'python eval.py {data}', parameters: [{ name: 'data', type: 'path', default: 'test.csv' }] },
  ],
  env: { kind: 'python_env', available: true },
};

/** A projects port whose methods you override; records runs and cancels, and lets a test push events. */
export function fakeProjectsPort(over: Partial<Pick<ProjectsPort, 'inspect' | 'run' | 'recent'>> = {}) {
  const runs: RunProjectInput[] = [];
  const cancels: string[] = [];
  const outputs = new Set<(o: ProjectOutput) => void>();
  const jobs = new Set<(j: JobView) => void>();
  const port: ProjectsPort = {
    inspect: over.inspect ?? (async () => PROJECT),
    run:
      over.run ??
      (async (input) => {
        runs.push(input);
        return { job: job(), runId: 'run-1', experimentId: '3' };
      }),
    recent: over.recent ?? (async () => [{ uri: '/home/me/proj', name: 'demo', lastRunAt: 5 }]),
    cancel: async (id) => void cancels.push(id),
    onOutput: (cb) => (outputs.add(cb), () => outputs.delete(cb)),
    onJob: (cb) => (jobs.add(cb), () => jobs.delete(cb)),
  };
  return {
    port,
    runs,
    cancels,
    output: (o: ProjectOutput) => outputs.forEach((cb) => cb(o)),
    jobChanged: (j: JobView) => jobs.forEach((cb) => cb(j)),
  };
}
