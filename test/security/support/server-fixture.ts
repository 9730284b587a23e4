import { afterAll, beforeAll, it } from 'vitest';
import { startSextant, type RunningServer } from '../../support/servers';
import { Api, expectServing } from './mlflow';

export interface Fixture {
  server: RunningServer;
  api: Api;
  /** An experiment and a run owned by the test file. */
  experimentId: string;
  runId: string;
  /** A run only used to prove the server still accepts writes. */
  aliveRunId: string;
}

/**
 * One `sextant serve` for the whole test file (startup costs about a second), with an
 * experiment, a run and a liveness run made through the REST API.
 */
export function useSextant(
  name: string,
  opts: { extraArgs?: string[]; env?: NodeJS.ProcessEnv; headers?: Record<string, string>; dataDir?: () => string; afterStop?: () => Promise<void> } = {},
): () => Fixture {
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    const server = await startSextant({ extraArgs: opts.extraArgs, env: opts.env, dataDir: opts.dataDir?.() });
    const api = new Api(server, opts.headers);
    try {
      const experimentId = await api.createExperiment(`${name}-experiment`);
      const { runId } = await api.createRun(experimentId);
      const { runId: aliveRunId } = await api.createRun(experimentId);
      fixture = { server, api, experimentId, runId, aliveRunId };
    } catch (err) {
      await server.stop();
      throw err;
    }
  });
  afterAll(async () => {
    await fixture?.server.stop();
    await opts.afterStop?.();
  });
  return () => {
    if (!fixture) throw new Error('server fixture not started');
    return fixture;
  };
}

/** The closing check of a group of attacks: /health, reads, a search and a write still work. */
export function itStillServes(fx: () => Fixture): void {
  it('afterwards the server still serves (health, get, search, a write)', async () => {
    await expectServing(fx().api, fx().aliveRunId);
  });
}
