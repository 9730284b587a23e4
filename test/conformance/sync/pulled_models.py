"""Registered models and MLflow 3 logged models, seeded and read with the official MLflow client.

    python pulled_models.py seed NAME       log two sklearn models with registered_model_name=NAME
                                            in experiment NAME-train (params, tags, a metric on
                                            each logged model), then describe, tags, stage
                                            Staging on version 1 and the alias 'champion' on it
    python pulled_models.py more NAME       a third version (a new run) and 'champion' moved to it
    python pulled_models.py legacy NAME     a version as MLflow 2 made them (files in the run's
                                            artifacts, source their folder), alias 'champion'
    python pulled_models.py local NAME      a model of that name with one version (alias 'champion'),
                                            made on the server it is run against
    python pulled_models.py model NAME      JSON: the registered model and every version, field
                                            by field, and what load_model('models:/NAME@champion')
                                            predicts
    python pulled_models.py logged EXP      JSON: the logged models of experiment EXP, field by
                                            field (artifacts by content hash), and the model
                                            inputs and outputs of its runs
MLFLOW_TRACKING_URI says which server.
"""
import hashlib
import json
import os
import sys
import tempfile

import mlflow
import numpy as np
from mlflow.tracking import MlflowClient
from sklearn.linear_model import LinearRegression

X = np.arange(20.0).reshape(10, 2)
Y = X @ np.array([1.5, -2.0]) + 3.0


def fit_and_register(name, scale, run_name):
    mlflow.set_experiment(f"{name}-train")
    with mlflow.start_run(run_name=run_name):
        mlflow.log_param("scale", str(scale))
        info = mlflow.sklearn.log_model(
            LinearRegression().fit(X, Y * scale),
            name="model",
            serialization_format="cloudpickle",
            input_example=X[:2],
            registered_model_name=name,
            params={"fit_intercept": "true", "scale": str(scale)},
            tags={"family": "linear"},
        )
        mlflow.log_metric("rmse", 0.25 * scale, step=1, model_id=info.model_id)
    return info


def seed(name):
    client = MlflowClient()
    fit_and_register(name, 1, "fit")
    fit_and_register(name, 2, "refit")
    client.update_registered_model(name, description="Predicts y from x")
    client.set_registered_model_tag(name, "task", "regression")
    client.update_model_version(name, "1", description="first fit")
    client.set_model_version_tag(name, "1", "validated", "yes")
    client.transition_model_version_stage(name, "1", "Staging")
    client.set_registered_model_alias(name, "champion", "1")
    client.set_registered_model_alias(name, "candidate", "2")


def more(name):
    client = MlflowClient()
    fit_and_register(name, 3, "third")
    client.set_registered_model_alias(name, "champion", "3")


def legacy(name):
    """A version as MLflow 2 made them: the model's files in its run's artifacts, the source their folder."""
    client = MlflowClient()
    mlflow.set_experiment(f"{name}-train")
    with mlflow.start_run(run_name="legacy") as run, tempfile.TemporaryDirectory() as tmp:
        mlflow.sklearn.save_model(LinearRegression().fit(X, Y * 4), os.path.join(tmp, "model"), serialization_format="cloudpickle")
        mlflow.log_artifacts(os.path.join(tmp, "model"), "model")
    client.create_registered_model(name)
    client.create_model_version(name, f"{run.info.artifact_uri}/model", run.info.run_id, description="run folder")
    client.set_registered_model_alias(name, "champion", "1")


def local(name):
    mlflow.set_experiment(f"{name}-here")
    with mlflow.start_run(run_name="made-here"):
        mlflow.sklearn.log_model(LinearRegression().fit(X, Y), name="model", serialization_format="cloudpickle", registered_model_name=name)
    client = MlflowClient()
    client.update_registered_model(name, description="made here")
    client.set_registered_model_alias(name, "champion", "1")


def digest_tree(root):
    out = {}
    for folder, _, files in os.walk(root):
        for f in files:
            p = os.path.join(folder, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def model(name):
    client = MlflowClient()
    m = client.get_registered_model(name)
    # Each version read on its own: MLflow's search answers leave the aliases out.
    found = sorted(client.search_model_versions(f"name = '{name}'"), key=lambda v: int(v.version))
    versions = [client.get_model_version(name, v.version) for v in found]
    loaded = mlflow.pyfunc.load_model(f"models:/{name}@champion")
    print(json.dumps({
        "name": m.name,
        "description": m.description,
        "tags": dict(m.tags),
        "aliases": dict(m.aliases),
        "creation_timestamp": m.creation_timestamp,
        "latest_versions": sorted((v.version, v.current_stage) for v in m.latest_versions),
        "versions": [
            {
                "version": v.version,
                "description": v.description or "",
                "stage": v.current_stage,
                "tags": dict(v.tags),
                "aliases": sorted(v.aliases),
                "source": v.source,
                "run_id": v.run_id,
                "model_id": v.model_id,
                "user_id": v.user_id,
                "status": v.status,
                "status_message": v.status_message or "",
                "run_link": v.run_link or "",
                "creation_timestamp": v.creation_timestamp,
                "last_updated_timestamp": v.last_updated_timestamp,
                "by_alias": client.get_model_version_by_alias(name, v.aliases[0]).version if v.aliases else None,
            }
            for v in versions
        ],
        "predictions": [round(float(p), 6) for p in loaded.predict(X[:3])],
    }, sort_keys=True))


def logged(exp_name):
    client = MlflowClient()
    exp = client.get_experiment_by_name(exp_name)
    models = client.search_logged_models(experiment_ids=[exp.experiment_id])
    out = {}
    for lm in models:
        m = client.get_logged_model(lm.model_id)
        with tempfile.TemporaryDirectory() as tmp:
            files = digest_tree(mlflow.artifacts.download_artifacts(artifact_uri=m.artifact_location, dst_path=tmp))
        out[m.model_id] = {
            "name": m.name,
            "model_type": m.model_type,
            "source_run_id": m.source_run_id,
            "status": str(m.status),
            "status_message": m.status_message or "",
            "params": dict(m.params),
            "tags": dict(m.tags),
            "metrics": sorted((x.key, x.value, x.timestamp, x.step, x.run_id, x.dataset_name, x.dataset_digest) for x in (m.metrics or [])),
            "creation_timestamp": m.creation_timestamp,
            "artifact_location_tail": m.artifact_location.split("/models/", 1)[1],
            "files": files,
        }
    runs = {}
    for r in client.search_runs([exp.experiment_id]):
        runs[r.info.run_id] = {
            "model_inputs": sorted(i.model_id for i in (r.inputs.model_inputs or [])) if r.inputs else [],
            "model_outputs": sorted(o.model_id for o in (r.outputs.model_outputs or [])) if r.outputs else [],
        }
    print(json.dumps({"models": out, "runs": runs}, sort_keys=True))


if __name__ == "__main__":
    {"seed": seed, "more": more, "legacy": legacy, "local": local, "model": model, "logged": logged}[sys.argv[1]](sys.argv[2])
