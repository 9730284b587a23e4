import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MlflowError } from '../../../../../shared/domain/mlflow-error';
import { projectHandlers } from '../../../../../electron/ipc/handlers/project-handlers';
import { JobsFeed } from '../../../../../electron/ipc/jobs-feed';
import { JobRunner } from '../../../../../electron/jobs/job-runner';
import { projectJobHandlers } from '../../../../../electron/projects/project-jobs';
import { projectEventHub, type ProjectEvent } from '../../../../../electron/projects/project-output';
import { getRun } from '../../../../../electron/services/runs-service';
import { searchRuns } from '../../../../../electron/services/search-service';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { venvBin } from '../../../../support/paths';
import { useTempDirs } from '../../../../support/temp-dir';

const temp = useTempDirs();
const opened: TestStore[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.store.close();
});

async function setup() {
  const t = await openTestStore(temp());
  opened.push(t);
  const envCache = temp();
  const runner = new JobRunner({ handlers: projectJobHandlers({ store: t.store, services: t.svc, log: () => {} }, { envCacheDir: () => envCache, cacheRoot: temp() }), log: () => {} });
  const feed = new JobsFeed(runner, () => {});
  const project = temp();
  writeFileSync(
    join(project, 'MLproject'),
    `name: echoer
entry_points:
  main:
    parameters:
      rate: {type: float, default: 0.5}
      steps: {type: int, default: 3}
      word: string
    command: "echo rate={rate} steps={steps} word={word}"
`,
  );
  return { t, runner, h: projectHandlers(t.svc, { jobs: runner, feed }), project };
}

const ctx = { transport: 'ipc' as const };

describe('project handlers', () => {
  it('projects.inspect gives entry points with typed parameters and whether the environment runs here', async () => {
    const { h, project } = await setup();
    expect(await h['projects.inspect']({ uri: project }, ctx)).toEqual({
      uri: project,
      name: 'echoer',
      entryPoints: [
        {
          name: 'main',
          command: 'echo rate={rate} steps={steps} word={word}',
          parameters: [
            { name: 'rate', type: 'float', default: '0.5' },
            { name: 'steps', type: 'float', default: '3' },
            { name: 'word', type: 'string' },
          ],
        },
      ],
      env: { kind: 'none', available: true },
    });
    const docker = temp();
    writeFileSync(join(docker, 'MLproject'), 'docker_env:\n  image: py\n');
    const view = await h['projects.inspect']({ uri: docker }, ctx);
    expect(view.env).toMatchObject({ kind: 'docker_env', available: false });
    expect(view.env.problem).toMatch(/does not run Docker projects/);
    await expect(Promise.resolve(h['projects.inspect']({ uri: join(docker, 'nope') }, ctx))).rejects.toThrow(MlflowError);
  });

  it('projects.run answers with the job and the created run, streams the output, and ends the run FINISHED', async () => {
    const { t, runner, h, project } = await setup();
    const events: ProjectEvent[] = [];
    const stop = projectEventHub.subscribe((e) => events.push(e));
    try {
      const started = await h['projects.run']({ uri: project, entryPoint: 'main', params: { word: '$(id) & ;', rate: '2' }, experimentName: 'from-app', runName: 'first', python: venvBin('python') }, ctx);
      expect(started.job).toMatchObject({ kind: 'project-run', state: 'running' });
      const created = getRun(t.svc, started.runId);
      expect(created.info.run_name).toBe('first');
      expect(created.data.params).toEqual(expect.arrayContaining([{ key: 'rate', value: '2' }, { key: 'steps', value: '3' }, { key: 'word', value: '$(id) & ;' }]));
      const ended = await new Promise((r) => runner.subscribe((e) => e.type === 'finished' && e.job.id === started.job.id && r(e.job)));
      expect(ended).toMatchObject({ state: 'succeeded' });
      expect(getRun(t.svc, started.runId).info.status).toBe('FINISHED');
      const out = events.filter((e) => e.type === 'output' && e.jobId === started.job.id && e.stream === 'stdout').map((e) => (e as { text: string }).text).join('');
      expect(out).toBe('rate=2 steps=3 word=$(id) & ;\n');
      expect(await h['projects.recent']({}, ctx)).toEqual([{ uri: project, name: 'echoer', lastRunAt: created.info.start_time }]);
    } finally {
      stop();
    }
  });

  it('projects.run refuses a parameter of the wrong type as bad input naming it, with no run created', async () => {
    const { t, h, project } = await setup();
    const call = h['projects.run']({ uri: project, entryPoint: 'main', params: { word: 'w', steps: '2.5' } }, ctx);
    await expect(Promise.resolve(call)).rejects.toThrow(/parameter 'steps' is an int, and '2.5' is not a whole number/);
    await expect(Promise.resolve(call)).rejects.toBeInstanceOf(MlflowError);
    await expect(Promise.resolve(h['projects.run']({ uri: project, entryPoint: 'main', params: {} }, ctx))).rejects.toThrow(/no value given for parameter 'word'/);
    await expect(Promise.resolve(h['projects.run']({ uri: project, entryPoint: 'main', params: { word: 'w' }, python: '/no/such/python' }, ctx))).rejects.toThrow(/python: \/no\/such\/python: no such Python executable/);
    expect(searchRuns(t.svc, { experimentIds: ['0'], orderBy: [] }).items).toHaveLength(0);
  });
});
