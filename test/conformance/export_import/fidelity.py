"""Databricks' mlflow-export-import against Sextant, judged by the same copy between two real servers.

Run by test/conformance/export-import.test.ts with three fresh servers:

  EXIM_MLFLOW_A   a real `mlflow server` (a source)
  EXIM_MLFLOW_B   another real `mlflow server` (a destination)
  EXIM_SEXTANT    `sextant serve` (a source and a destination)

The same seed (an experiment with a parent and a nested run, params, metric histories, tags, a
dataset input, artifacts, a logged sklearn model registered as two versions with aliases, tags and
stages) is written to A and to Sextant. Then the tool's own entry points copy it:

  experiment   mlflow>mlflow (A to B: the reference), sextant>mlflow (Sextant to B), mlflow>sextant (A to Sextant)
  model        the same three copies of the registered model (export-model, import-model)

Each copy is compared with its source as a digest (ids and times normalised, see `digest_*`): the
differences are the copy's fidelity loss. The last stdout line is a JSON object with each copy's
loss and what was copied; the test requires the Sextant copies to lose exactly what the reference
copy loses. A copy that fails raises, with the tool's output above it.
"""

import hashlib
import json
import os
import re
import sys
import tempfile
import uuid

os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "60")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD", "false")
os.environ.setdefault("MLFLOW_ENABLE_PROXY_MULTIPART_DOWNLOAD", "false")
for _var in ("MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_RUN_ID", "MLFLOW_REGISTRY_URI"):
    os.environ.pop(_var, None)

import mlflow  # noqa: E402
import mlflow.sklearn  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import Metric, ViewType  # noqa: E402
from mlflow_export_import.common import MlflowExportImportException  # noqa: E402
from mlflow_export_import.experiment.export_experiment import export_experiment  # noqa: E402
from mlflow_export_import.experiment.import_experiment import import_experiment  # noqa: E402
from mlflow_export_import.model.export_model import export_model  # noqa: E402
from mlflow_export_import.model.import_model import import_model  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

# Tags the tool writes itself: its own source tags (only with import_source_tags) and the user
# importing (set_dst_user_id), which is this process's user on every server alike.
TOOL_TAG_PREFIXES = ("mlflow_exim.",)
HEX32 = re.compile(r"\b[0-9a-f]{32}\b")


def client_for(uri):
    """Points the whole process at `uri` (the tool reads the fluent tracking URI in places)."""
    os.environ["MLFLOW_TRACKING_URI"] = uri
    mlflow.set_tracking_uri(uri)
    return MlflowClient(tracking_uri=uri, registry_uri=uri)


# --- seed ----------------------------------------------------------------------------------------

T0 = 1_700_000_000_000


def seed(uri, experiment_name, model_name):
    client = client_for(uri)
    exp_id = client.create_experiment(experiment_name, tags={"team": "vision", "mlflow.note.content": "exported twice"})
    mlflow.set_experiment(experiment_id=exp_id)
    X, y = make_classification(n_samples=80, n_features=4, random_state=3)
    model = LogisticRegression(max_iter=300).fit(X, y)
    rng = np.random.default_rng(11)
    with tempfile.TemporaryDirectory() as tmp:
        with mlflow.start_run(run_name="parent") as parent:
            mlflow.log_params({"lr": "0.1", "epochs": "3", "optimizer": "adam"})
            mlflow.set_tags({"stage": "train", "owner": "conformance"})
            client.log_batch(parent.info.run_id, metrics=[Metric("loss", 1.0 / (s + 1), T0 + s * 1000, s) for s in range(6)])
            client.log_batch(parent.info.run_id, metrics=[Metric("acc", 0.5 + s / 20, T0 + s * 1000, s) for s in range(6)])
            client.log_batch(parent.info.run_id, metrics=[Metric("loss", 0.05, T0 + 9000, 3)])  # two values at one step
            df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [0, 1, 0]})
            mlflow.log_input(mlflow.data.from_pandas(df, name="train-frame"), context="training")
            os.makedirs(os.path.join(tmp, "notes", "deep"))
            with open(os.path.join(tmp, "notes", "readme.txt"), "w") as f:
                f.write("hello from the parent run\n")
            with open(os.path.join(tmp, "notes", "deep", "blob.bin"), "wb") as f:
                f.write(rng.bytes(70_000))
            mlflow.log_artifacts(os.path.join(tmp, "notes"), artifact_path="notes")
            mlflow.log_dict({"a": 1, "b": [1, 2]}, "config/params.json")
            info = mlflow.sklearn.log_model(model, name="model", registered_model_name=model_name, serialization_format="cloudpickle")
            with mlflow.start_run(run_name="child", nested=True) as child:
                mlflow.log_param("fold", "1")
                client.log_batch(child.info.run_id, metrics=[Metric("val_loss", 2.0 - s / 10, T0 + s * 500, s) for s in range(4)])
                mlflow.log_text("child notes", "child.txt")
            client.set_terminated(child.info.run_id, "FAILED")
    mlflow.register_model(f"runs:/{parent.info.run_id}/model", model_name)
    client.update_registered_model(model_name, description="a model exported twice")
    client.set_registered_model_tag(model_name, "domain", "tabular")
    client.update_model_version(model_name, "1", description="first version")
    client.set_model_version_tag(model_name, "1", "validated", "yes")
    client.set_registered_model_alias(model_name, "champion", "1")
    client.transition_model_version_stage(model_name, "2", "Staging")
    return {"experiment_id": exp_id, "model_id": info.model_id}


# --- digests -------------------------------------------------------------------------------------


def hash_tree(root):
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, "rb") as f:
                data = f.read()
            if name == "MLmodel":  # names its run and model ids, which a copy changes
                data = HEX32.sub("<id>", data.decode()).encode()
            out[rel] = hashlib.sha256(data).hexdigest()[:16]
    return out


class Names:
    """Turns ids into stable labels, so digests of two servers can be compared."""

    def __init__(self):
        self.labels = {}

    def add(self, ident, label):
        self.labels[ident] = label

    def __call__(self, value):
        if not isinstance(value, str):
            return value
        value = HEX32.sub(lambda m: self.labels.get(m.group(0), "<id>"), value)
        return re.sub(r"mlflow-artifacts:/\d+/", "mlflow-artifacts:/<exp>/", value)


def digest_run(client, run, names, tmp):
    rid = run.info.run_id
    metrics = {}
    for key in sorted(run.data.metrics):
        history = client.get_metric_history(rid, key)
        metrics[key] = sorted((m.step, m.timestamp, m.value) for m in history)
    folder = os.path.join(tmp, uuid.uuid4().hex)
    os.makedirs(folder)
    client.download_artifacts(rid, "", folder)
    return {
        "info": {
            "run_name": run.info.run_name,
            "status": run.info.status,
            "lifecycle_stage": run.info.lifecycle_stage,
            "start_time": run.info.start_time,
            "end_time": run.info.end_time,
            "user_id": run.info.user_id,
        },
        "params": dict(run.data.params),
        "metrics": metrics,
        "tags": {k: names(v) for k, v in run.data.tags.items() if not k.startswith(TOOL_TAG_PREFIXES)},
        "inputs": sorted(
            (d.dataset.name, d.dataset.digest, d.dataset.source_type, sorted((t.key, t.value) for t in d.tags))
            for d in run.inputs.dataset_inputs
        ),
        "outputs": sorted(names(o.model_id) for o in (run.outputs.model_outputs if run.outputs else [])),
        "artifacts": hash_tree(folder),
    }


def label_runs(runs, names):
    for r in runs:
        names.add(r.info.run_id, f"<run {r.info.run_name}>")


def digest_experiment(uri, experiment_name):
    client = client_for(uri)
    exp = client.get_experiment_by_name(experiment_name)
    assert exp is not None, f"no experiment {experiment_name!r} on {uri}"
    runs = client.search_runs([exp.experiment_id], run_view_type=ViewType.ALL)
    names = Names()
    label_runs(runs, names)
    models = client.search_logged_models(experiment_ids=[exp.experiment_id])
    for m in models:
        names.add(m.model_id[2:], f"<model {m.name}>")
    with tempfile.TemporaryDirectory() as tmp:
        by_name = {}
        for r in runs:
            assert r.info.run_name not in by_name, f"two runs named {r.info.run_name!r} in {experiment_name!r}"
            by_name[r.info.run_name] = digest_run(client, r, names, tmp)
    return {
        "experiment": {"tags": {k: v for k, v in exp.tags.items() if not k.startswith(TOOL_TAG_PREFIXES)}, "lifecycle_stage": exp.lifecycle_stage},
        "runs": by_name,
        "logged_models": {
            m.name: {
                "status": str(m.status),
                "source_run": names(m.source_run_id),
                "params": dict(m.params),
                "tags": {k: names(v) for k, v in m.tags.items()},
                "metrics": sorted((x.key, x.value, x.step) for x in (m.metrics or [])),
            }
            for m in models
        },
    }


def digest_model(uri, model_name):
    client = client_for(uri)
    rm = client.get_registered_model(model_name)
    versions = sorted(client.search_model_versions(f"name = '{model_name}'"), key=lambda v: int(v.version))
    names = Names()
    with tempfile.TemporaryDirectory() as tmp:
        out_versions = {}
        for v in versions:
            run = client.get_run(v.run_id)
            names.add(v.run_id, f"<run of version {v.version}>")
            folder = os.path.join(tmp, f"v{v.version}")
            mlflow.artifacts.download_artifacts(f"models:/{model_name}/{v.version}", dst_path=folder, tracking_uri=uri)
            out_versions[v.version] = {
                "current_stage": v.current_stage,
                "description": v.description,
                "status": v.status,
                "tags": dict(v.tags),
                "aliases": sorted(client.get_model_version(model_name, v.version).aliases),
                "source_kind": "logged model" if v.source.startswith("models:/") else "run artifacts",
                "model_files": hash_tree(folder),
                "run": digest_run(client, run, names, tmp),
            }
    return {
        "description": rm.description,
        "tags": dict(rm.tags),
        "aliases": dict(rm.aliases),
        "versions": out_versions,
    }


def loss(src, dst, path=""):
    """What a copy lost or changed, as sorted 'path: what' lines (values left out: they hold times)."""
    if isinstance(src, dict) and isinstance(dst, dict):
        out = []
        for k in sorted(set(src) | set(dst), key=str):
            p = f"{path}/{k}"
            if k not in dst:
                out.append(f"{p}: lost")
            elif k not in src:
                out.append(f"{p}: added")
            else:
                out.extend(loss(src[k], dst[k], p))
        return out
    return [] if src == dst else [f"{path}: changed"]


# --- copies --------------------------------------------------------------------------------------


def copy_experiment(src_uri, src_name, dst_uri, dst_name, workdir):
    out = os.path.join(workdir, f"exp-{uuid.uuid4().hex[:8]}")
    print(f"== export-experiment {src_name!r} from {src_uri} -> import-experiment {dst_name!r} into {dst_uri}", flush=True)
    ok, failed = export_experiment(experiment_id_or_name=src_name, output_dir=out, mlflow_client=client_for(src_uri))
    assert (ok, failed) == (2, 0), f"export-experiment from {src_uri}: {ok} runs exported, {failed} failed"
    import_experiment(experiment_name=dst_name, input_dir=out, mlflow_client=client_for(dst_uri))


def copy_model(src_uri, src_name, dst_uri, dst_name, dst_experiment, workdir):
    out = os.path.join(workdir, f"model-{uuid.uuid4().hex[:8]}")
    print(f"== export-model {src_name!r} from {src_uri} -> import-model {dst_name!r} into {dst_uri}", flush=True)
    ok, _ = export_model(model_name=src_name, output_dir=out, mlflow_client=client_for(src_uri))
    assert ok, f"export-model {src_name!r} from {src_uri} failed (see the tool's log above)"
    with open(os.path.join(out, "model.json")) as f:
        manifest = json.load(f)
    failed = manifest["info"]["failed_versions"]
    assert not failed, f"export-model {src_name!r} from {src_uri}: versions failed: {failed}"
    import_model(model_name=dst_name, experiment_name=dst_experiment, input_dir=out, mlflow_client=client_for(dst_uri))


def model_copy_outcome(src_uri, src_name, dst_uri, dst_name, dst_experiment, workdir, source_digest):
    """The copy's loss, or the tool's refusal (ids and experiment numbers normalised)."""
    try:
        copy_model(src_uri, src_name, dst_uri, dst_name, dst_experiment, workdir)
    except MlflowExportImportException as e:
        return {"refused": Names()(json.loads(str(e)).get("message", str(e)))}
    copied = digest_model(dst_uri, dst_name)
    return {"loss": loss(source_digest, copied), "versions": sorted(copied["versions"])}


def main():
    servers = {
        "mlflow": os.environ["EXIM_MLFLOW_A"],  # proxied artifacts (mlflow-artifacts:/), as Sextant
        "mlflow-local": os.environ["EXIM_MLFLOW_B"],  # artifacts in a local folder
        "sextant": os.environ["EXIM_SEXTANT"],
    }
    tag = uuid.uuid4().hex[:8]
    exp, model = f"exim-{tag}", f"exim-model-{tag}"
    seed(servers["mlflow"], exp, model)
    seed(servers["sextant"], exp, model)

    result = {"experiment": {}, "model": {}}
    with tempfile.TemporaryDirectory() as workdir:
        sources = {s: {"experiment": digest_experiment(servers[s], exp), "model": digest_model(servers[s], model)} for s in ("mlflow", "sextant")}
        # label: (source, destination). The first of each group is the reference.
        for label, (src, dst) in {
            "mlflow>mlflow": ("mlflow", "mlflow-local"),
            "sextant>mlflow": ("sextant", "mlflow-local"),
            "mlflow>sextant": ("mlflow", "sextant"),
        }.items():
            dst_exp = f"{exp}-{label.replace('>', '-to-')}"
            copy_experiment(servers[src], exp, servers[dst], dst_exp, workdir)
            copied = digest_experiment(servers[dst], dst_exp)
            result["experiment"][label] = {
                "loss": loss(sources[src]["experiment"], copied),
                "runs": sorted(copied["runs"]),
                "metric_points": sum(len(h) for r in copied["runs"].values() for h in r["metrics"].values()),
                "artifacts": sum(len(r["artifacts"]) for r in copied["runs"].values()),
            }
        # import-model checks on the local disk that the new version's source exists, so it can only
        # import into a server whose artifacts are local files (or dbfs:/s3:): the reference for an
        # import into Sextant, which proxies its artifacts, is an import into a proxying mlflow server.
        for label, (src, dst) in {
            "mlflow>mlflow": ("mlflow", "mlflow-local"),
            "sextant>mlflow": ("sextant", "mlflow-local"),
            "mlflow>mlflow(proxied)": ("mlflow", "mlflow"),
            "mlflow>sextant": ("mlflow", "sextant"),
        }.items():
            dst_name = f"{model}-{re.sub(r'[^a-z]+', '-', label)}"
            result["model"][label] = model_copy_outcome(servers[src], model, servers[dst], dst_name, f"{dst_name}-runs", workdir, sources[src]["model"])
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
