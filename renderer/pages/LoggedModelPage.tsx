import { useEffect, useMemo, useState } from 'react';
import type { RunRef } from '../../shared/ipc/contract-types';
import { useApp } from '../app-context';
import { loadSnippet } from '../components/artifacts/mlmodel';
import { ErrorNote } from '../components/ErrorNote';
import { InputExample } from '../components/logged-models/InputExample';
import { inputExampleInfo } from '../components/logged-models/input-example';
import { LoggedModelFacts } from '../components/logged-models/LoggedModelFacts';
import { isSystemTag, statusText } from '../components/logged-models/logged-model-status';
import { LoggedModelFiles } from '../components/logged-models/LoggedModelFiles';
import { ModelMetricsTable } from '../components/logged-models/ModelMetricsTable';
import { RegisterLoggedModelDialog } from '../components/logged-models/RegisterLoggedModelDialog';
import { RunRefLink } from '../components/logged-models/RunRefLink';
import { VersionLinks } from '../components/logged-models/VersionLinks';
import { FlavorList } from '../components/registry/FlavorList';
import { SchemaTable } from '../components/registry/SchemaTable';
import { readVersionMlmodel } from '../components/registry/version-mlmodel';
import { KeyValueTable } from '../components/run-page/KeyValueTable';
import { useExperiments } from '../state/experiments-store';
import { createLoggedModelStore, useLoggedModel } from '../state/logged-model-store';
import { formatRoute } from '../state/route';
import '../components/registry/registry.css';
import '../components/logged-models/logged-models.css';

/**
 * One logged model (MLflow 3), `#/logged-models/<model id>`: where it comes from, the versions
 * registered from it (and a Register action), how to load it, its signature, input example and
 * flavors from its MLmodel, its params, metrics and tags, the runs that used it, and its files.
 */
export function LoggedModelPage({ modelId }: { modelId: string }) {
  const { api, experiments } = useApp();
  const [store] = useState(() => createLoggedModelStore(api, modelId));
  useEffect(() => store.getState().watch(), [store]);
  const details = useLoggedModel(store, (s) => s.details);
  const status = useLoggedModel(store, (s) => s.status);
  const error = useLoggedModel(store, (s) => s.error);
  const [registering, setRegistering] = useState(false);
  const expId = details?.model.info.experiment_id;
  const expName = useExperiments(experiments, (s) => (expId ? s.list.find((e) => e.experiment_id === expId)?.name : undefined));
  const parsed = useMemo(() => readVersionMlmodel(details?.mlmodel ?? null), [details?.mlmodel]);
  const example = useMemo(() => inputExampleInfo(details?.mlmodel ?? null), [details?.mlmodel]);
  const runs = useMemo(() => new Map<string, RunRef>([...(details?.usedBy ?? []), ...(details?.sourceRun ? [details.sourceRun] : [])].map((r) => [r.runId, r])), [details]);

  if (!details) {
    return (
      <section className="page registry-page logged-model-page" data-testid="logged-model-page">
        {status === 'missing' ? (
          <div data-testid="logged-model-missing">
            <h1>Logged model not found</h1>
            <p>
              No logged model with id <code>{modelId}</code> in this store (it may have been deleted). <a href="#/">Back to the experiments</a>
            </p>
          </div>
        ) : status === 'error' ? (
          <ErrorNote message={error ?? 'Could not load the logged model.'} />
        ) : (
          <p className="muted">Loading logged model…</p>
        )}
      </section>
    );
  }
  const { info, data } = details.model;
  const mlmodel = parsed?.ok ? parsed.info : null;
  const inputNames = mlmodel?.signature?.inputs?.map((r) => r.name) ?? [];
  const userTags = (info.tags ?? []).filter((t) => !isSystemTag(t.key));
  const systemTags = (info.tags ?? []).filter((t) => isSystemTag(t.key));
  return (
    <section className="page registry-page logged-model-page" data-testid="logged-model-page">
      <div className="reg-crumbs">
        <a href={formatRoute({ page: 'experiment', experimentId: info.experiment_id })}>{expName ?? `Experiment ${info.experiment_id}`}</a> / Logged models /
      </div>
      <div className="reg-head">
        <h1>
          <span data-testid="logged-model-name">{info.name}</span>
          <span className={`stage-badge${info.status === 'LOGGED_MODEL_UPLOAD_FAILED' ? ' stage-failed' : ''}`} data-testid="logged-model-status">{statusText(info.status)}</span>
        </h1>
        <div className="reg-head-actions">
          <button type="button" data-testid="open-register-model" onClick={() => setRegistering(true)}>Register model…</button>
        </div>
      </div>
      {registering && <RegisterLoggedModelDialog modelId={modelId} modelName={info.name} register={(name) => store.getState().register(name)} onClose={() => setRegistering(false)} />}
      {error && <ErrorNote message={error} />}
      <div className="reg-columns">
        <section className="reg-section">
          <LoggedModelFacts details={details} />
        </section>
        <div>
          <section className="reg-section" data-testid="logged-model-versions">
            <h2>Registered versions ({details.versions.length})</h2>
            <VersionLinks versions={details.versions} empty={<p className="muted">Not registered yet: Register model… makes a version of a registered model from it.</p>} />
          </section>
          <section className="reg-section" data-testid="logged-model-used-by">
            <h2>Runs that used it ({details.usedBy.length})</h2>
            {details.usedBy.length === 0 ? (
              <p className="muted">No run has logged this model as an input (an evaluation, or a metric logged for it).</p>
            ) : (
              <ul className="run-ref-list">
                {details.usedBy.map((r) => <li key={r.runId}><RunRefLink run={r} testId="model-used-by-run" /></li>)}
              </ul>
            )}
          </section>
          <section className="reg-section">
            <h2>How to load</h2>
            <div className="load-snippet">
              <pre data-testid="logged-model-load">{loadSnippet(`models:/${modelId}`, mlmodel?.flavors.map((f) => f.name) ?? [])}</pre>
            </div>
          </section>
        </div>
      </div>
      <section className="reg-section" data-testid="logged-model-signature">
        <h2>Signature</h2>
        {parsed === null && <p className="muted">This model has no MLmodel file, so no signature, input example or flavors to show.</p>}
        {parsed && !parsed.ok && <ErrorNote message={`Could not read the MLmodel file: ${parsed.error}`} />}
        {mlmodel && <SchemaTable signature={mlmodel.signature} />}
      </section>
      {mlmodel && (
        <section className="reg-section">
          <h2>Input example</h2>
          {example ? <InputExample modelId={modelId} info={example} names={inputNames} /> : <p className="muted">This model was logged without an input example.</p>}
        </section>
      )}
      {mlmodel && (
        <section className="reg-section" data-testid="logged-model-flavors">
          <h2>Flavors</h2>
          <FlavorList flavors={mlmodel.flavors} />
        </section>
      )}
      <div className="reg-columns">
        <section className="reg-section" data-testid="logged-model-params">
          <h2>Params ({data.params?.length ?? 0})</h2>
          {data.params?.length ? <KeyValueTable rows={data.params} /> : <p className="muted">No params logged for this model.</p>}
        </section>
        <section className="reg-section">
          <h2>Metrics ({data.metrics?.length ?? 0})</h2>
          <ModelMetricsTable metrics={data.metrics ?? []} runs={runs} />
        </section>
      </div>
      {info.tags && info.tags.length > 0 && (
        <section className="reg-section" data-testid="logged-model-tags">
          <h2>Tags ({userTags.length})</h2>
          {userTags.length > 0 ? <KeyValueTable rows={userTags} /> : <p className="muted">No tags of your own.</p>}
          {systemTags.length > 0 && (
            <details className="system-tags">
              <summary>MLflow tags ({systemTags.length})</summary>
              <KeyValueTable rows={systemTags} />
            </details>
          )}
        </section>
      )}
      <section className="reg-section">
        <h2>Files</h2>
        <LoggedModelFiles modelId={modelId} />
      </section>
    </section>
  );
}
