import { describe, expect, it } from 'vitest';
import { authFromEnv, authorizationHeader } from '../../../../electron/sync/remote-auth';

describe('authFromEnv', () => {
  it('reads the MLflow variables with the MLflow client precedence (basic before token)', () => {
    expect(authFromEnv({ MLFLOW_TRACKING_TOKEN: 't' })).toEqual({ kind: 'bearer', token: 't' });
    expect(authFromEnv({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' })).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(authFromEnv({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p', MLFLOW_TRACKING_TOKEN: 't' })).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(authFromEnv({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_TOKEN: 't' })).toEqual({ kind: 'bearer', token: 't' });
    expect(authFromEnv({ MLFLOW_TRACKING_USERNAME: 'u' })).toEqual({ kind: 'none' });
    expect(authFromEnv({})).toEqual({ kind: 'none' });
  });

  it('builds the Authorization header', () => {
    expect(authorizationHeader({ kind: 'none' })).toBeUndefined();
    expect(authorizationHeader({ kind: 'bearer', token: 'abc' })).toBe('Bearer abc');
    expect(authorizationHeader({ kind: 'basic', username: 'é', password: 'x:y' })).toBe(`Basic ${Buffer.from('é:x:y', 'utf8').toString('base64')}`);
  });
});
