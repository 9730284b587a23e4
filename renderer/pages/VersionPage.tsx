import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../app-context';
import { AliasEditor } from '../components/registry/AliasEditor';
import { aliasesOf } from '../components/registry/alias-rules';
import { DescriptionEditor } from '../components/registry/DescriptionEditor';
import { FlavorList } from '../components/registry/FlavorList';
import { LoadSnippet } from '../components/registry/LoadSnippet';
import { SchemaTable } from '../components/registry/SchemaTable';
import { StageControl } from '../components/registry/StageControl';
import { TagsEditor } from '../components/registry/TagsEditor';
import { VersionFacts } from '../components/registry/VersionFacts';
import { readVersionMlmodel } from '../components/registry/version-mlmodel';
import { ErrorNote } from '../components/ErrorNote';
import { ServeDialog } from '../components/serving/ServeDialog';
import { ServePanel } from '../components/serving/ServePanel';
import { aliasModelUri, versionModelUri } from '../state/serving-console';
import { useAppInfo } from '../state/app-info-store';
import { createVersionStore, useVersion } from '../state/registry-version-store';
import '../components/registry/registry.css';

/** One model version: where it came from, its aliases and stage, how to load it, its signature and flavors. */
export function VersionPage({ name, version }: { name: string; version: string }) {
  const { api, route, appInfo } = useApp();
  const [store] = useState(() => createVersionStore(api, name, version));
  useEffect(() => store.getState().watch(), [store]);
  const details = useVersion(store, (s) => s.details);
  const model = useVersion(store, (s) => s.model);
  const siblings = useVersion(store, (s) => s.siblings);
  const runName = useVersion(store, (s) => s.runName);
  const status = useVersion(store, (s) => s.status);
  const error = useVersion(store, (s) => s.error);
  const trackingUri = useAppInfo(appInfo, (s) => s.info?.trackingUri ?? null);
  const parsed = useMemo(() => readVersionMlmodel(details?.mlmodel ?? null), [details?.mlmodel]);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [servingAlias, setServingAlias] = useState<string | null>(null);

  if (!details) {
    return (
      <section className="page registry-page" data-testid="version-page">
        {status === 'error' ? <ErrorNote message={error ?? 'Could not load the version.'} /> : <p className="muted">Loading version…</p>}
        <a href={`#/models/${encodeURIComponent(name)}`}>Back to {name}</a>
      </section>
    );
  }
  const s = store.getState();
  const v = details.version;
  const aliases = aliasesOf(model?.aliases, version);
  const info = parsed?.ok ? parsed.info : null;
  const remove = () => {
    if (!window.confirm(`Delete version ${version} of "${name}"? Its aliases go with it. This cannot be undone.`)) return;
    s.remove().then(() => route.getState().navigate({ page: 'model', name }), (e: Error) => setDeleteError(e.message));
  };

  return (
    <section className="page registry-page" data-testid="version-page">
      <div className="reg-crumbs">
        <a href="#/models">Models</a> / <a href={`#/models/${encodeURIComponent(name)}`}>{name}</a> /
      </div>
      <div className="reg-head">
        <h1>Version {v.version}</h1>
        <div className="reg-head-actions">
          <button type="button" onClick={() => document.getElementById('version-serve')?.scrollIntoView({ block: 'start' })} data-testid="version-serve-jump" title="Serve this version as a REST endpoint (MLflow's scoring protocol)">
            Serve…
          </button>
          <button type="button" onClick={remove}>Delete version</button>
        </div>
      </div>
      {error && <ErrorNote message={error} />}
      {deleteError && <ErrorNote message={deleteError} />}
      <div className="reg-columns">
        <section className="reg-section">
          <VersionFacts version={v} runName={runName} downloadUri={details.downloadUri} facts={info?.facts ?? []} />
        </section>
        <div>
          <section className="reg-section" data-testid="version-aliases">
            <h2>Aliases</h2>
            <AliasEditor aliases={model?.aliases ?? []} versions={[version]} fixedVersion={version} onSet={(a) => s.setAlias(a)} onDelete={s.deleteAlias} onServe={setServingAlias} />
          </section>
          <section className="reg-section">
            <h2>Stage <span className="legacy muted">(legacy — prefer aliases)</span></h2>
            <StageControl name={name} version={v} versions={siblings} onTransition={s.transition} />
          </section>
        </div>
      </div>
      <section className="reg-section">
        <h2>How to load</h2>
        <LoadSnippet name={name} version={version} aliases={aliases} trackingUri={trackingUri} />
      </section>
      <section className="reg-section" id="version-serve" data-testid="version-serve">
        <h2>Serve</h2>
        <ServePanel modelUri={versionModelUri(name, version)} />
      </section>
      {servingAlias && <ServeDialog modelUri={aliasModelUri(name, servingAlias)} onClose={() => setServingAlias(null)} />}
      <section className="reg-section">
        <h2>Description</h2>
        <DescriptionEditor text={v.description} label="Version description" onSave={s.setDescription} />
      </section>
      <section className="reg-section" data-testid="version-signature">
        <h2>Signature</h2>
        {parsed === null && <p className="muted">This version has no MLmodel file, so no signature or flavors to show.</p>}
        {parsed && !parsed.ok && <ErrorNote message={`Could not read the MLmodel file: ${parsed.error}`} />}
        {info && <SchemaTable signature={info.signature} />}
      </section>
      {info && (
        <section className="reg-section">
          <h2>Flavors</h2>
          <FlavorList flavors={info.flavors} />
        </section>
      )}
      <section className="reg-section">
        <h2>Tags</h2>
        <TagsEditor tags={v.tags} setTag={s.setTag} deleteTag={s.deleteTag} />
      </section>
    </section>
  );
}
