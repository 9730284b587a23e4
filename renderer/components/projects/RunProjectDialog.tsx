import { useEffect, useId, useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { useExperiments } from '../../state/experiments-store';
import { createProjectFormStore, useProjectForm } from '../../state/project-form-store';
import { launchesFor, projectsPort } from '../../state/project-port';
import { lastPython, rememberPython } from '../../state/project-python-pref';
import { defaultStorage } from '../../state/runs-view-prefs';
import type { ProjectRerun } from '../../state/project-rerun';
import { ENV_MANAGERS, isEnvManager } from '../../../shared/ipc/env-managers';
import { ErrorNote } from '../ErrorNote';
import { TransferModal } from '../transfer/TransferModal';
import { ProjectParamsForm } from './ProjectParamsForm';
import { ProjectSource } from './ProjectSource';
import './projects.css';

interface Props {
  onClose(): void;
  /** The experiment the run goes to at first (the page's). */
  experimentName?: string;
  /** Run a project run again: its project, entry point and parameters filled in. */
  rerun?: ProjectRerun;
}

/** MLflow's names; the title says what each does. */
const ENV_TITLE = 'local: run with the Python as it is. virtualenv, uv: build an environment from the project’s python_env.yaml (cached).';

/**
 * Run project…: a project folder or repository, one of its entry points with a field per typed
 * parameter (wrong types marked before anything is sent), the experiment, run name and
 * environment. Starting it opens the run's page, which streams the output live.
 */
export function RunProjectDialog({ onClose, experimentName, rerun }: Props) {
  const { api, route, experiments } = useApp();
  const [store] = useState(() =>
    createProjectFormStore(projectsPort(api), launchesFor(api), { ...(rerun ? { rerun } : {}), ...(experimentName ? { experimentName } : {}), python: lastPython(defaultStorage()) }),
  );
  const s = store.getState();
  useEffect(() => {
    void store.getState().loadRecent();
    if (rerun) void store.getState().inspect();
  }, [store, rerun]);
  const form = useProjectForm(store, (x) => x);
  const names = useExperiments(experiments, (x) => x.list.filter((e) => e.lifecycle_stage === 'active').map((e) => e.name).join('\n'));
  const listId = useId();
  const project = form.project;
  const entry = project?.entryPoints.find((e) => e.name === form.entryPoint) ?? null;
  const problems = useMemo(() => (entry ? store.getState().problems() : {}), [entry, form.values, store]);
  const shown = Object.fromEntries(Object.entries(problems).filter(([k]) => form.attempted || form.touched.has(k)));
  const problemCount = Object.keys(problems).length;

  const submit = () => {
    void s.submit().then((started) => {
      if (!started) return;
      rememberPython(defaultStorage(), store.getState().python);
      onClose();
      route.getState().navigate({ page: 'run', runId: started.runId });
    });
  };

  return (
    <TransferModal
      title={rerun ? 'Run the project again' : 'Run an MLflow project'}
      testId="run-project-dialog"
      onClose={onClose}
      footer={
        <>
          {form.attempted && problemCount > 0 && (
            <span className="project-footer-note" role="status" data-testid="project-problem-count">
              {problemCount === 1 ? 'One parameter needs fixing.' : `${problemCount} parameters need fixing.`}
            </span>
          )}
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" onClick={submit} disabled={!entry || form.submitting || form.inspecting} data-testid="project-run">
            {form.submitting ? 'Starting…' : 'Run'}
          </button>
        </>
      }
    >
      <form className="project-form" onSubmit={(e) => (e.preventDefault(), submit())}>
        <ProjectSource
          uri={form.uri}
          version={form.version}
          recent={form.recent}
          opened={project !== null}
          busy={form.inspecting}
          onUri={s.setUri}
          onVersion={s.setVersion}
          onOpen={() => void s.inspect()}
        />
        {form.inspectError && <ErrorNote message={form.inspectError} />}
        {project && (
          <div className="project-opened" data-testid="project-opened">
            <p className="project-summary">
              <strong>{project.name ?? 'Project'}</strong>
              <span className="muted">
                {' '}· {project.entryPoints.length === 1 ? '1 entry point' : `${project.entryPoints.length} entry points`} · environment: {project.env.kind === 'none' ? 'none declared' : project.env.kind}
              </span>
            </p>
            {!project.env.available && (
              <p className="project-env-problem" role="alert" data-testid="project-env-problem">
                {project.env.problem ?? `This project's ${project.env.kind} cannot be made on this machine.`}
              </p>
            )}
            {project.entryPoints.length === 0 ? (
              <ErrorNote message="This project has no entry points." />
            ) : (
              <>
                <div className="project-entry">
                  <label htmlFor="project-entry" className="project-label">Entry point</label>
                  <select id="project-entry" value={form.entryPoint} onChange={(e) => s.chooseEntryPoint(e.target.value)} disabled={form.submitting} data-testid="project-entry">
                    {project.entryPoints.map((e) => <option key={e.name} value={e.name}>{e.name}</option>)}
                  </select>
                  {entry && <code className="project-command" title="The command this entry point runs">{entry.command}</code>}
                </div>
                {entry && (
                  <ProjectParamsForm
                    params={entry.parameters}
                    values={form.values}
                    shown={shown}
                    onParam={s.setParam}
                    onExtra={s.setExtra}
                    onAddExtra={s.addExtra}
                    onRemoveExtra={s.removeExtra}
                    disabled={form.submitting}
                  />
                )}
              </>
            )}
            <div className="project-run-fields">
              <label>
                <span className="project-label">Experiment</span>
                <input type="text" list={listId} value={form.experimentName} placeholder="Default" onChange={(e) => s.set({ experimentName: e.target.value })} disabled={form.submitting} data-testid="project-experiment" />
                <datalist id={listId}>{names.split('\n').filter(Boolean).map((n) => <option key={n} value={n} />)}</datalist>
              </label>
              <label>
                <span className="project-label">Run name</span>
                <input type="text" value={form.runName} placeholder="a generated name" onChange={(e) => s.set({ runName: e.target.value })} disabled={form.submitting} data-testid="project-run-name" />
              </label>
              <label>
                <span className="project-label">Environment</span>
                <select value={form.envManager} title={ENV_TITLE} onChange={(e) => s.set({ envManager: isEnvManager(e.target.value) ? e.target.value : '' })} disabled={form.submitting} data-testid="project-env-manager">
                  <option value="">{project.env.kind === 'python_env' ? 'virtualenv (python_env.yaml)' : project.env.kind === 'none' ? 'local (no environment declared)' : 'as the project says'}</option>
                  {ENV_MANAGERS.map((m) => <option key={m} value={m}>{m}</option>)}
                </select>
              </label>
              <label className="project-python">
                <span className="project-label">Python</span>
                <input type="text" spellCheck={false} autoComplete="off" value={form.python} placeholder="python3 on PATH (or a full path, e.g. /opt/venv/bin/python)"
                  aria-invalid={shown.python ? true : undefined} onChange={(e) => s.set({ python: e.target.value })}
                  disabled={form.submitting} data-testid="project-python" />
                <span className={shown.python ? 'project-param-problem' : 'project-param-hint'}>{shown.python ?? 'runs the command (local), or builds the environment (virtualenv, uv)'}</span>
              </label>
            </div>
          </div>
        )}
        {form.submitError && <ErrorNote message={form.submitError} />}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </TransferModal>
  );
}
