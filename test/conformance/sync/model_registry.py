"""Logs and registers a model with the official MLflow client, or describes a registered model.

    python model_registry.py seed NAME        register two versions of NAME (a logged sklearn model
                                              and a run's model folder), with tags, descriptions,
                                              a stage and the alias 'champion'
    python model_registry.py describe NAME    JSON: versions (description, tags, stage), aliases,
                                              model tags and description, and the predictions of
                                              mlflow.pyfunc.load_model('models:/NAME@champion')
MLFLOW_TRACKING_URI says which server.
"""
import json
import sys

import mlflow
import numpy as np
from mlflow.tracking import MlflowClient
from sklearn.linear_model import LinearRegression

X = np.arange(20.0).reshape(10, 2)
Y = X @ np.array([1.5, -2.0]) + 3.0


def seed(name):
    client = MlflowClient()
    mlflow.set_experiment(f"{name}-training")
    with mlflow.start_run(run_name="fit"):
        mlflow.log_param("alpha", "0")
        fitted = LinearRegression().fit(X, Y)
        info = mlflow.sklearn.log_model(fitted, name="model", serialization_format="cloudpickle", input_example=X[:2])
    first = mlflow.register_model(info.model_uri, name)
    with mlflow.start_run(run_name="refit") as run:
        mlflow.sklearn.log_model(LinearRegression().fit(X, Y * 2), name="model", serialization_format="cloudpickle")
    second = client.create_model_version(name, f"runs:/{run.info.run_id}/model", run.info.run_id, description="doubled")
    client.update_registered_model(name, description="Predicts y from x")
    client.set_registered_model_tag(name, "task", "regression")
    client.set_model_version_tag(name, first.version, "validated", "yes")
    client.transition_model_version_stage(name, first.version, "Staging")
    client.set_registered_model_alias(name, "champion", first.version)


def describe(name):
    client = MlflowClient()
    model = client.get_registered_model(name)
    versions = sorted(client.search_model_versions(f"name = '{name}'"), key=lambda v: int(v.version))
    loaded = mlflow.pyfunc.load_model(f"models:/{name}@champion")
    print(json.dumps({
        "description": model.description,
        "tags": dict(model.tags),
        "aliases": {a: str(int(v) - int(versions[0].version) + 1) for a, v in model.aliases.items()},
        "versions": [
            {
                "description": v.description or "",
                "stage": v.current_stage,
                "tags": {k: t for k, t in v.tags.items() if not k.startswith("sextant.")},
            }
            for v in versions
        ],
        "predictions": [round(float(p), 6) for p in loaded.predict(X[:3])],
    }, sort_keys=True))


if __name__ == "__main__":
    {"seed": seed, "describe": describe}[sys.argv[1]](sys.argv[2])
