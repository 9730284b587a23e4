import { describe, expect, it } from 'vitest';
import { childEnv, secretVariableNames } from '../../../../electron/secrets/child-env';

const remote = (name: string, secretEnv: string, authKind: 'none' | 'basic' | 'bearer' = 'bearer') => ({ name, url: `https://${name}.example.com`, authKind, secretEnv });

describe("the environment of programs a store's holder starts", () => {
  it("leaves out the variables its remotes read secrets from, MLflow's credentials and Sextant's own; keeps the rest", () => {
    const env = { PATH: '/usr/bin', TEAM_PASSWORD: 'pw', CI_TOKEN: 'tok', OTHER_TOKEN: 'mine', AWS_SECRET_ACCESS_KEY: 'aws', MLFLOW_TRACKING_TOKEN: 't', MLFLOW_TRACKING_URI: 'http://x', SEXTANT_KEY_FILE: '/k', SEXTANT_TOKEN: 's' };
    const remotes = [remote('team', 'TEAM_PASSWORD', 'basic'), remote('ci', 'CI_TOKEN'), remote('kept', ''), remote('sealed', 'sealed:v1:abc'), remote('open', 'IGNORED', 'none')];
    expect(childEnv(env, remotes)).toEqual({ PATH: '/usr/bin', OTHER_TOKEN: 'mine', AWS_SECRET_ACCESS_KEY: 'aws', MLFLOW_TRACKING_URI: 'http://x' });
    expect(env.TEAM_PASSWORD).toBe('pw'); // a copy: the holder's own environment is untouched
    expect(secretVariableNames(remotes)).toContain('TEAM_PASSWORD');
    expect(secretVariableNames(remotes)).not.toContain('IGNORED');
  });
});
