import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { CreateModelForm } from '../components/registry/CreateModelForm';
import { ModelsTable } from '../components/registry/ModelsTable';
import { ErrorNote } from '../components/ErrorNote';
import { createModelsStore, useModels } from '../state/registry-models-store';
import '../components/registry/registry.css';

/** The model registry: registered models, searched with MLflow's filter syntax, and a way to create one. */
export function ModelsPage() {
  const { api, route } = useApp();
  const [store] = useState(() => createModelsStore(api));
  useEffect(() => store.getState().watch(), [store]);
  const models = useModels(store, (s) => s.models);
  const status = useModels(store, (s) => s.status);
  const error = useModels(store, (s) => s.error);
  const filterError = useModels(store, (s) => s.filterError);
  const applied = useModels(store, (s) => s.applied);
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);

  const create = async (name: string, description: string) => {
    await store.getState().create(name, description);
    route.getState().navigate({ page: 'model', name });
  };
  const search = (value: string) => {
    setText(value);
    void store.getState().search(value);
  };

  return (
    <section className="page registry-page" data-testid="models-page">
      <div className="reg-head">
        <h1>Registered models</h1>
        {!creating && <button type="button" className="primary" data-testid="create-model" onClick={() => setCreating(true)}>New model</button>}
      </div>
      {creating && <CreateModelForm onCreate={create} onCancel={() => setCreating(false)} />}
      <form className="reg-search" role="search" onSubmit={(e) => { e.preventDefault(); search(text); }}>
        <input type="search" data-testid="models-search" aria-label="Search models" value={text} onChange={(e) => setText(e.target.value)}
          placeholder="churn   or   name LIKE '%churn%' AND tags.team = 'growth'" />
        <button type="submit">Search</button>
        {applied && <button type="button" onClick={() => search('')}>Clear</button>}
      </form>
      {filterError && <ErrorNote message={filterError} />}
      {error && <ErrorNote message={error} />}
      {status === 'loading' && models.length === 0 ? (
        <p className="muted">Loading models…</p>
      ) : models.length === 0 ? (
        <p className="muted">
          {applied ? 'No registered model matches.' : 'No registered models yet. Register one from a run, or log with registered_model_name=… in Python.'}
        </p>
      ) : (
        <ModelsTable models={models} />
      )}
    </section>
  );
}
