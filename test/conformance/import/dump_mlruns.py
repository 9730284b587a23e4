"""Dumps everything a tracking URI holds as the official client reads it, as JSON, to compare an
mlruns folder (read by MLflow itself) with the store it was imported into (through sextant serve).

    python dump_mlruns.py [--predict NAME@ALIAS]      (MLFLOW_TRACKING_URI says where)

Left out, as they are where each side keeps its files: artifact URIs and locations, a version's
download URI. Histories are sorted (a file store answers them in logging order) and a point
logged twice is shown once (MLflow's SQL store and Sextant keep it once; a file store twice). A run of a deleted
experiment shows as deleted (a file store leaves it marked active; an SQL store and Sextant mark it
deleted with its experiment).
"""
import hashlib
import json
import math
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")
import mlflow  # noqa: E402
from mlflow.entities import ViewType  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402


def value(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def artifacts(client, run_id, path=None):
    out = {}
    for f in client.list_artifacts(run_id, path):
        if f.is_dir:
            out.update(artifacts(client, run_id, f.path))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                with open(client.download_artifacts(run_id, f.path, tmp), "rb") as fh:
                    out[f.path] = [f.file_size, hashlib.sha256(fh.read()).hexdigest()]
    return out


def main():
    client = MlflowClient()
    out = {"experiments": {}, "runs": {}, "logged_models": {}, "models": {}}
    exps = client.search_experiments(view_type=ViewType.ALL)
    for e in exps:
        out["experiments"][e.experiment_id] = {"name": e.name, "lifecycle": e.lifecycle_stage, "tags": dict(e.tags), "creation_time": e.creation_time, "last_update_time": e.last_update_time}
    deleted = {e.experiment_id for e in exps if e.lifecycle_stage == "deleted"}
    for r in client.search_runs([e.experiment_id for e in exps], run_view_type=ViewType.ALL, max_results=50000):
        histories = {}
        for key in sorted(r.data.metrics):
            points = client.get_metric_history(r.info.run_id, key)
            # A file store keeps a point logged twice (same timestamp, step and value) twice; MLflow's SQL store and Sextant keep it once.
            histories[key] = sorted({(m.timestamp, m.step, value(m.value)) for m in points}, key=lambda p: (p[1], p[0], str(p[2])))
        out["runs"][r.info.run_id] = {
            "experiment_id": r.info.experiment_id, "name": r.info.run_name, "user_id": r.info.user_id, "status": r.info.status,
            "start_time": r.info.start_time, "end_time": r.info.end_time,
            "lifecycle": "deleted" if r.info.experiment_id in deleted else r.info.lifecycle_stage,
            "params": dict(r.data.params), "tags": dict(r.data.tags),
            "latest": {k: value(v) for k, v in r.data.metrics.items()},
            "metrics": histories,
            "inputs": sorted(
                [i.dataset.name, i.dataset.digest, i.dataset.source_type, i.dataset.source, i.dataset.schema, i.dataset.profile, sorted((t.key, t.value) for t in i.tags)]
                for i in (r.inputs.dataset_inputs if r.inputs else [])
            ),
            "model_inputs": sorted(m.model_id for m in (getattr(r.inputs, "model_inputs", None) or [])),
            "model_outputs": sorted([m.model_id, m.step] for m in (getattr(getattr(r, "outputs", None), "model_outputs", None) or [])),
            "artifacts": artifacts(client, r.info.run_id),
        }
    logged = client.search_logged_models if hasattr(client, "search_logged_models") else lambda ids: []  # MLflow 3 only
    for m in logged([e.experiment_id for e in exps if e.lifecycle_stage == "active"]):
        out["logged_models"][m.model_id] = {
            "name": m.name, "experiment_id": m.experiment_id, "source_run_id": m.source_run_id, "status": str(m.status), "model_type": m.model_type or "",
            "creation_timestamp": m.creation_timestamp, "params": dict(m.params), "tags": dict(m.tags),
            "metrics": sorted([x.key, value(x.value), x.timestamp, x.step, x.run_id] for x in (m.metrics or [])),
        }
    for rm in client.search_registered_models():
        versions = {}
        for found in client.search_model_versions(f"name='{rm.name}'"):
            v = client.get_model_version(rm.name, found.version)
            versions[v.version] = {
                "source": v.source, "run_id": v.run_id, "stage": v.current_stage, "status": v.status, "description": v.description or "",
                "tags": dict(v.tags), "aliases": sorted(v.aliases), "creation_timestamp": v.creation_timestamp, "last_updated_timestamp": v.last_updated_timestamp,
                "model_id": getattr(v, "model_id", None),
            }
        out["models"][rm.name] = {
            "description": rm.description, "tags": dict(rm.tags), "aliases": dict(rm.aliases), "creation_timestamp": rm.creation_timestamp, "versions": versions,
        }
    if "--predict" in sys.argv:
        uri = "models:/" + sys.argv[sys.argv.index("--predict") + 1]
        # Into a temp folder: loading straight from a file store writes registered_model_meta into the source's artifacts.
        model = mlflow.pyfunc.load_model(uri, dst_path=tempfile.mkdtemp())
        import numpy as np

        out["prediction"] = [int(x) for x in model.predict(np.array([[0.0, 1.0], [1.0, 0.0]]))]
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
