import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../../../electron/sync/response-error';

const site = { method: 'POST', path: 'api/2.0/mlflow/runs/log-batch', host: '127.0.0.1:5000' };
const body = (message: string) => JSON.stringify({ error_code: 'BAD_REQUEST', message });

describe('errorFromResponse: an overloaded MLflow SQL store', () => {
  it.each([
    'QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00',
    '(sqlite3.OperationalError) database is locked',
  ])('retries a 400 saying %s', (message) => {
    expect(errorFromResponse(site, 'none', 400, body(message), null)).toMatchObject({ retryable: true, mayHaveReachedServer: true });
  });

  it('does not retry any other 400', () => {
    expect(errorFromResponse(site, 'none', 400, body('Changing param values is not allowed'), null)).toMatchObject({ retryable: false });
  });
});
