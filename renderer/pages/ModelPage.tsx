import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { AliasEditor } from '../components/registry/AliasEditor';
import { DescriptionEditor } from '../components/registry/DescriptionEditor';
import { ModelHeader } from '../components/registry/ModelHeader';
import { SyncActions } from '../components/sync/SyncActions';
import { TagsEditor } from '../components/registry/TagsEditor';
import { VersionsTable } from '../components/registry/VersionsTable';
import { ErrorNote } from '../components/ErrorNote';
import { ServeDialog } from '../components/serving/ServeDialog';
import { ServersList } from '../components/serving/ServersList';
import { aliasModelUri } from '../state/serving-console';
import { createModelStore, useModel } from '../state/registry-model-store';
import '../components/registry/registry.css';

/** One registered model: description, aliases, versions (with legacy stages), tags; rename, delete, compare. */
export function ModelPage({ name }: { name: string }) {
  const { api, route } = useApp();
  const [store] = useState(() => createModelStore(api, name));
  useEffect(() => store.getState().watch(), [store]);
  const model = useModel(store, (s) => s.model);
  const versions = useModel(store, (s) => s.versions);
  const runs = useModel(store, (s) => s.runs);
  const status = useModel(store, (s) => s.status);
  const error = useModel(store, (s) => s.error);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [serving, setServing] = useState<string | null>(null);

  if (!model) {
    return (
      <section className="page registry-page" data-testid="model-page">
        {status === 'error' ? <ErrorNote message={error ?? 'Could not load the model.'} /> : <p className="muted">Loading model…</p>}
        <a href="#/models">Back to the models</a>
      </section>
    );
  }

  const s = store.getState();
  const known = versions.map((v) => v.version);
  const chosen = known.filter((v) => selected.has(v)).sort((a, b) => Number(a) - Number(b));
  const toggle = (v: string) => setSelected((prev) => {
    const next = new Set(prev);
    if (!next.delete(v)) next.add(v);
    return next;
  });
  const navigate = route.getState().navigate;

  return (
    <section className="page registry-page" data-testid="model-page">
      <ModelHeader
        model={model}
        versionCount={versions.length}
        onRename={async (newName) => navigate({ page: 'model', name: await s.rename(newName) })}
        onDelete={async () => { await s.remove(); navigate({ page: 'models' }); }}
      />
      <div className="page-actions">
        <SyncActions what={{ models: [model.name] }} testId="model-sync" />
      </div>
      {error && <ErrorNote message={error} />}
      <section className="reg-section">
        <DescriptionEditor text={model.description} label="Model description" onSave={s.setDescription} />
      </section>
      <section className="reg-section" data-testid="model-aliases">
        <h2>Aliases</h2>
        {versions.length > 0 ? (
          <AliasEditor aliases={model.aliases ?? []} versions={known} onSet={s.setAlias} onDelete={s.deleteAlias} onServe={(a) => setServing(aliasModelUri(name, a))} />
        ) : (
          <p className="muted">Register a version to give it an alias.</p>
        )}
      </section>
      <section className="reg-section">
        <h2>
          Versions ({versions.length})
          {versions.length > 1 && (
            <button type="button" data-testid="compare-versions" disabled={chosen.length < 2} onClick={() => navigate({ page: 'compareVersions', name, versions: chosen })}>
              Compare {chosen.length >= 2 ? chosen.length : ''} versions
            </button>
          )}
        </h2>
        <VersionsTable model={model} versions={versions} runs={runs} selected={selected} onToggle={toggle} onTransition={s.transition} />
        {versions.length > 1 && chosen.length < 2 && <p className="reg-hint">Tick two or more versions to compare them.</p>}
      </section>
      <section className="reg-section" data-testid="model-servers-section">
        <h2>Model servers</h2>
        <ServersList
          modelName={model.name}
          onOpen={(server) => {
            const m = /^models:\/[^/@]+\/(\d+)$/.exec(server.modelUri);
            if (m) navigate({ page: 'version', name: model.name, version: m[1]! });
            else setServing(server.modelUri);
          }}
        />
      </section>
      {serving && <ServeDialog modelUri={serving} onClose={() => setServing(null)} />}
      <section className="reg-section" data-testid="model-tags">
        <h2>Tags</h2>
        <TagsEditor tags={model.tags} setTag={s.setTag} deleteTag={s.deleteTag} />
      </section>
    </section>
  );
}
