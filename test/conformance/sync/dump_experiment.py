"""Dumps one experiment of a tracking server as JSON, read with the official MLflow client.

    python dump_experiment.py EXPERIMENT_NAME      (MLFLOW_TRACKING_URI says which server)

Runs are keyed by where they came from (the `sextant.origin.run_id` tag a push sets, else their
own id), so a local experiment and its pushed copy dump the same when the copy is faithful: every
run's info, params, tags, full metric histories, dataset inputs and artifacts (by content hash).
The lineage tags themselves are left out, and `mlflow.parentRunId` is shown as its parent's key.
A SQL-backed MLflow server stores +-inf as +-1.7976931348623157e308; both are shown as 'inf'.
"""
import hashlib
import json
import math
import sys
import tempfile

from mlflow.entities import ViewType
from mlflow.tracking import MlflowClient

ORIGIN = "sextant.origin.run_id"
LINEAGE = {ORIGIN, "sextant.origin.store"}
MAX = 1.7976931348623157e308


def value(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v) or abs(v) == MAX:
        return "inf" if v > 0 else "-inf"
    return v


def artifacts(client, run_id, path=None):
    out = {}
    for f in client.list_artifacts(run_id, path):
        if f.is_dir:
            out.update(artifacts(client, run_id, f.path))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                local = client.download_artifacts(run_id, f.path, tmp)
                with open(local, "rb") as fh:
                    out[f.path] = hashlib.sha256(fh.read()).hexdigest()
    return out


def main(name):
    client = MlflowClient()
    exp = client.get_experiment_by_name(name)
    if exp is None:
        print(json.dumps({"missing": name}))
        return
    runs = client.search_runs([exp.experiment_id], run_view_type=ViewType.ALL, max_results=50000)
    key_of = {r.info.run_id: r.data.tags.get(ORIGIN, r.info.run_id) for r in runs}
    dumped = {}
    for r in runs:
        tags = {k: v for k, v in r.data.tags.items() if k not in LINEAGE}
        if "mlflow.parentRunId" in tags:
            tags["mlflow.parentRunId"] = key_of.get(tags["mlflow.parentRunId"], "?" + tags["mlflow.parentRunId"])
        histories = {}
        for key in sorted(r.data.metrics):
            points = client.get_metric_history(r.info.run_id, key)
            histories[key] = sorted(([m.timestamp, m.step, value(m.value)] for m in points), key=lambda p: (p[0], p[1], str(p[2])))
        dumped[key_of[r.info.run_id]] = {
            "name": r.info.run_name,
            "status": r.info.status,
            "start_time": r.info.start_time,
            "end_time": r.info.end_time,
            "lifecycle": r.info.lifecycle_stage,
            "params": dict(r.data.params),
            "tags": tags,
            "metrics": histories,
            "inputs": sorted(
                [i.dataset.name, i.dataset.digest, i.dataset.source_type, i.dataset.source, sorted((t.key, t.value) for t in i.tags)]
                for i in (r.inputs.dataset_inputs if r.inputs else [])
            ),
            "artifacts": artifacts(client, r.info.run_id),
        }
    print(json.dumps({"experiment": {"name": exp.name, "tags": dict(exp.tags)}, "runs": dumped}, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
