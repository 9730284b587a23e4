import { describe, expect, it } from 'vitest';
import { invalidParam, notFound } from '../../../../shared/domain/mlflow-error';
import { dispatch, type Handlers } from '../../../../electron/ipc/dispatch';

const handlers = {
  'experiments.get': ({ id }: { id: string }) => {
    if (id === 'missing') throw notFound('No Experiment with id=missing exists');
    if (id === 'bad') throw invalidParam('bad id');
    if (id === 'boom') throw new Error('secret stack detail');
    return { experiment_id: id };
  },
} as unknown as Handlers;

describe('dispatch', () => {
  const logs: string[] = [];
  const call = (name: string, input: unknown) => dispatch(handlers, name, input, { transport: 'http' }, (m) => logs.push(m));

  it('validates input against the contract before any handler runs', async () => {
    expect(await call('experiments.get', { id: '' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await call('experiments.get', { id: 7 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await call('experiments.get', { id: '1' })).toEqual({ ok: true, value: { experiment_id: '1' } });
  });

  it('answers unknown methods, including prototype names, as unknown_method', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await call(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('turns errors into data: not_found, bad_input, and internal without the stack', async () => {
    expect(await call('experiments.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('experiments.get', { id: 'bad' })).toMatchObject({ ok: false, error: { code: 'bad_input', message: 'bad id' } });
    const boom = await call('experiments.get', { id: 'boom' });
    expect(boom).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(boom)).not.toContain('secret stack detail');
    expect(logs.join('\n')).toContain('secret stack detail');
  });
});
