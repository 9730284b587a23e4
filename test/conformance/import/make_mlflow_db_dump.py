"""Dumps everything a tracking server holds, as the official MLflow client reads it, as JSON: for
comparing an `mlflow server` on an mlflow.db with `sextant serve` on a store that imported it.

    python make_mlflow_db_dump.py [--predict MODEL@ALIAS]    (MLFLOW_TRACKING_URI says which server)

Experiments are keyed by name, runs by run id (import keeps both), logged models by id. Where
things live (artifact locations, a model version's source) is left out: it differs by design.
Histories are sorted; NaN is "NaN"; other values are as the client returns them (a SQL-backed
MLflow gives back +-inf as +-1.7976931348623157e308). Artifacts are listed with a hash of their
bytes. With --predict, the model at models:/MODEL@ALIAS is loaded and predicts a fixed input.
"""
import hashlib
import json
import math
import os
import sys
import tempfile

import mlflow
import numpy as np
from mlflow.entities import ViewType
from mlflow.tracking import MlflowClient

MLFLOW3 = int(mlflow.__version__.split(".")[0]) >= 3


def value(v):
    return "NaN" if v is None or math.isnan(v) else v


def tree(list_fn, download_fn, path=None):
    out = {}
    for f in list_fn(path):
        if f.is_dir:
            out.update(tree(list_fn, download_fn, f.path))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                with open(download_fn(f.path, tmp), "rb") as fh:
                    out[f.path] = hashlib.sha256(fh.read()).hexdigest()
    return out


def folder_hashes(uri):
    with tempfile.TemporaryDirectory() as tmp:
        root = mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=tmp)
        out = {}
        for dirpath, _, files in os.walk(root):
            for f in files:
                full = os.path.join(dirpath, f)
                with open(full, "rb") as fh:
                    out[os.path.relpath(full, root).replace(os.sep, "/")] = hashlib.sha256(fh.read()).hexdigest()
        return out


def run_dump(client, r):
    histories = {}
    for key in sorted(r.data.metrics):
        points = client.get_metric_history(r.info.run_id, key)
        histories[key] = sorted(([m.timestamp, m.step, value(m.value)] for m in points), key=lambda p: (p[0], p[1], str(p[2])))
    out = {
        "experiment": None,
        "name": r.info.run_name,
        "user_id": r.info.user_id,
        "status": r.info.status,
        "start_time": r.info.start_time,
        "end_time": r.info.end_time,
        "lifecycle": r.info.lifecycle_stage,
        "params": dict(r.data.params),
        "tags": dict(r.data.tags),
        "latest": {k: value(v) for k, v in r.data.metrics.items()},
        "metrics": histories,
        "inputs": [
            [i.dataset.name, i.dataset.digest, i.dataset.source_type, i.dataset.source, i.dataset.schema, i.dataset.profile, sorted([t.key, t.value] for t in i.tags)]
            for i in (r.inputs.dataset_inputs if r.inputs else [])
        ],
        "artifacts": tree(lambda p: client.list_artifacts(r.info.run_id, p), lambda p, d: client.download_artifacts(r.info.run_id, p, d)),
    }
    if MLFLOW3:
        out["model_inputs"] = sorted(m.model_id for m in (r.inputs.model_inputs if r.inputs and r.inputs.model_inputs else []))
        out["model_outputs"] = sorted([m.model_id, m.step] for m in (r.outputs.model_outputs if r.outputs and r.outputs.model_outputs else []))
    return out


def logged_models(client, experiment_ids):
    out = {}
    for m in client.search_logged_models(experiment_ids=experiment_ids, max_results=1000):
        out[m.model_id] = {
            "name": m.name,
            "model_type": m.model_type,
            "source_run_id": m.source_run_id,
            "status": str(m.status),
            "creation_timestamp": m.creation_timestamp,
            "params": dict(m.params),
            "tags": dict(m.tags),
            "metrics": sorted([x.key, value(x.value), x.timestamp, x.step, x.run_id, x.dataset_name, x.dataset_digest] for x in (m.metrics or [])),
            "artifacts": folder_hashes(m.artifact_location),
        }
    return out


def registry(client):
    out = {}
    for rm in client.search_registered_models(max_results=1000):
        versions = sorted(client.search_model_versions(f"name = '{rm.name}'"), key=lambda v: int(v.version))
        out[rm.name] = {
            "description": rm.description,
            "tags": dict(rm.tags),
            "aliases": dict(rm.aliases),
            "versions": {
                v.version: {"stage": v.current_stage, "status": v.status, "description": v.description, "tags": dict(v.tags), "run_id": v.run_id}
                for v in versions
            },
        }
    return out


def main(args):
    client = MlflowClient()
    predictions = None
    if len(args) == 2 and args[0] == "--predict":
        # First: loading a model of a local artifact folder writes a registered_model_meta file
        # into that folder, which the listings below then show (as they would to any reader).
        model = mlflow.pyfunc.load_model(f"models:/{args[1]}")
        predictions = np.asarray(model.predict(np.array([[0.0, 1.0], [1.0, 0.0]]))).tolist()
    experiments = {}
    runs = {}
    exps = client.search_experiments(view_type=ViewType.ALL, max_results=50000)
    for exp in exps:
        experiments[exp.name] = {"lifecycle": exp.lifecycle_stage, "tags": dict(exp.tags), "creation_time": exp.creation_time, "last_update_time": exp.last_update_time}
        for r in client.search_runs([exp.experiment_id], run_view_type=ViewType.ALL, max_results=50000):
            runs[r.info.run_id] = run_dump(client, r)
            runs[r.info.run_id]["experiment"] = exp.name
    dump = {"experiments": experiments, "runs": runs, "registry": registry(client)}
    if MLFLOW3:
        dump["logged_models"] = logged_models(client, [e.experiment_id for e in exps])
    if predictions is not None:
        dump["predictions"] = predictions
    print(json.dumps(dump, sort_keys=True, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
