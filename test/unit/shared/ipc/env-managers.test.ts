import { describe, expect, it } from 'vitest';
import { ENV_MANAGERS as builderManagers } from '../../../../electron/python-env';
import { ENV_MANAGERS, isEnvManager } from '../../../../shared/ipc/env-managers';
import { PROJECT_ENV_MANAGERS } from '../../../../shared/ipc/project-types';

describe('environment managers', () => {
  it('are one list, shared by projects and the environment builder', () => {
    expect(PROJECT_ENV_MANAGERS).toBe(ENV_MANAGERS);
    expect(builderManagers).toBe(ENV_MANAGERS);
    expect([...ENV_MANAGERS]).toEqual(['local', 'virtualenv', 'uv']);
    expect([isEnvManager('uv'), isEnvManager('conda'), isEnvManager(undefined)]).toEqual([true, false, false]);
  });
});
