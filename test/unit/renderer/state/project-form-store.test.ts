import { describe, expect, it } from 'vitest';
import { createProjectFormStore } from '../../../../renderer/state/project-form-store';
import { createLaunchesStore } from '../../../../renderer/state/project-launch-store';
import { fakeProjectsPort, PROJECT } from './project-fake-port';

const setup = (fake = fakeProjectsPort(), options = {}) => ({ fake, form: createProjectFormStore(fake.port, createLaunchesStore(fake.port), options) });

describe('Run project form', () => {
  it('reads the project, opens on main with its defaults, refuses a non-number float naming it, then runs with the typed values', async () => {
    const { fake, form } = setup(undefined, { experimentName: 'sweeps' });
    expect(await form.getState().submit()).toBeNull();
    expect(form.getState().submitError).toMatch(/Open a project/);
    form.getState().setUri(' /home/me/proj ');
    await form.getState().inspect();
    expect(form.getState()).toMatchObject({ entryPoint: 'main', values: { declared: { lr: '0.1', data: '' }, extra: [] }, inspectError: null });
    form.getState().setParam('lr', 'fast');
    expect(await form.getState().submit()).toBeNull();
    expect(form.getState().attempted).toBe(true);
    expect(form.getState().problems()).toEqual({ lr: 'lr must be a number', data: 'data is required' });
    expect(fake.runs).toEqual([]);
    form.getState().setParam('lr', '0.01');
    form.getState().setParam('data', 'train.csv');
    form.getState().addExtra();
    form.getState().setExtra(0, { key: 'seed', value: '42' });
    form.getState().set({ runName: 'try 2', envManager: 'local', python: 'venv/bin/python' });
    expect(await form.getState().submit()).toBeNull();
    expect(form.getState().problems()).toEqual({ python: 'the Python is a full path, e.g. /usr/bin/python3' });
    expect(form.getState().touched.has('python')).toBe(true);
    form.getState().set({ python: ' /opt/venv/bin/python ' });
    expect(await form.getState().submit()).toMatchObject({ runId: 'run-1' });
    expect(fake.runs).toEqual([
      { uri: '/home/me/proj', entryPoint: 'main', params: { lr: '0.01', data: 'train.csv', seed: '42' }, experimentName: 'sweeps', runName: 'try 2', envManager: 'local', python: '/opt/venv/bin/python' },
    ]);
  });

  it('switching entry point takes the new one’s defaults and keeps values typed for a same-named parameter', async () => {
    const { form } = setup();
    form.getState().setUri('/home/me/proj');
    await form.getState().inspect();
    form.getState().setParam('data', 'mine.csv');
    form.getState().chooseEntryPoint('eval');
    expect(form.getState().values.declared).toEqual({ data: 'mine.csv' });
    form.getState().chooseEntryPoint('main');
    expect(form.getState().values.declared).toEqual({ lr: '0.1', data: 'mine.csv' });
  });

  it('a rerun opens on its entry point with its params, commit and env', async () => {
    const { fake, form } = setup(undefined, {
      rerun: { uri: '/home/me/proj', version: 'abc1', entryPoint: 'eval', params: { data: 'x.csv', extra_flag: '1' }, envManager: 'uv', experimentId: '3' },
      experimentName: 'sweeps',
      python: '/opt/py/bin/python3',
    });
    await form.getState().inspect();
    expect(form.getState()).toMatchObject({ uri: '/home/me/proj', version: 'abc1', entryPoint: 'eval', envManager: 'uv', values: { declared: { data: 'x.csv' }, extra: [{ key: 'extra_flag', value: '1' }] } });
    await form.getState().submit();
    expect(fake.runs[0]).toMatchObject({ version: 'abc1', entryPoint: 'eval', params: { data: 'x.csv', extra_flag: '1' }, envManager: 'uv', python: '/opt/py/bin/python3' });
  });

  it('shows why a project cannot be read, and why a start was refused', async () => {
    const { form } = setup(fakeProjectsPort({ inspect: async () => Promise.reject(new Error('No MLproject, .py or .sh entry point in /nope')), run: async () => Promise.reject(new Error('docker is not available')) }));
    await form.getState().inspect();
    expect(form.getState().inspectError).toBe('Type the project folder (or a git repository).');
    form.getState().setUri('/nope');
    await form.getState().inspect();
    expect(form.getState()).toMatchObject({ project: null, inspectError: 'No MLproject, .py or .sh entry point in /nope' });
    form.setState({ project: PROJECT, entryPoint: 'eval', values: { declared: { data: '' }, extra: [] } });
    expect(await form.getState().submit()).toBeNull();
    expect(form.getState()).toMatchObject({ submitError: 'docker is not available', submitting: false });
  });

  it('lists recent projects, and a failing list leaves the form usable', async () => {
    const { form } = setup();
    await form.getState().loadRecent();
    expect(form.getState().recent.map((r) => r.name)).toEqual(['demo']);
    const broken = setup(fakeProjectsPort({ recent: async () => Promise.reject(new Error('x')) })).form;
    await broken.getState().loadRecent();
    expect(broken.getState().recent).toEqual([]);
  });
});
