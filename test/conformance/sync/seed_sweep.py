"""Logs a small nested sweep with the official MLflow client, as training code would.

    python seed_sweep.py EXPERIMENT_NAME [more]      (MLFLOW_TRACKING_URI says which server)

Without `more`: a parent run with two nested trials (params, tags, a 3,000-step loss history,
NaN and +-inf values, a dataset input, artifacts in folders), one trial left RUNNING, one
deleted run, and an experiment description. With `more`: what a second session adds to the
same experiment (more points and a tag on the running trial, a new artifact, then it finishes).
"""
import os
import sys
import tempfile

import mlflow
import numpy as np
from mlflow.entities import DatasetInput, InputTag, Metric, Param, RunTag
from mlflow.tracking import MlflowClient


def log_trial(client, exp_id, parent_id, i, lr):
    run_id = client.create_run(exp_id, run_name=f"trial-{i}", tags={"mlflow.parentRunId": parent_id}).info.run_id
    client.log_param(run_id, "lr", lr)
    dataset = mlflow.data.from_numpy(np.arange(10.0), name="digits", source="s3://bucket/digits")
    client.log_inputs(run_id, [DatasetInput(dataset._to_mlflow_entity(), tags=[InputTag("mlflow.data.context", "training")])])
    client.log_batch(run_id, metrics=[Metric("loss", 1.0 / (s + 1) + i, 1_700_000_000_000 + s, s) for s in range(3000)])
    for step, v in enumerate([float("nan"), float("inf"), float("-inf")]):
        client.log_metric(run_id, "odd", v, step=step)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "weights.bin"), "wb") as f:
            f.write(bytes(range(256)) * 64)
        client.log_artifact(run_id, os.path.join(tmp, "weights.bin"), "model/data")
    return run_id


def seed(name):
    client = MlflowClient()
    exp_id = client.create_experiment(name)
    client.set_experiment_tag(exp_id, "mlflow.note.content", "A **nested** sweep")
    parent = client.create_run(exp_id, run_name="parent").info.run_id
    client.log_batch(parent, params=[Param("optimizer", "adam"), Param("epochs", "3000")], tags=[RunTag("team", "vision")])
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "config.yaml"), "w") as f:
            f.write("lr: 0.1\n")
        client.log_artifact(parent, os.path.join(tmp, "config.yaml"), "configs")
    client.set_terminated(log_trial(client, exp_id, parent, 0, 0.1), "FINISHED")
    log_trial(client, exp_id, parent, 1, 0.01)  # left RUNNING: `more` finishes it
    client.set_terminated(parent, "FINISHED")
    gone = client.create_run(exp_id, run_name="discarded").info.run_id
    client.log_param(gone, "x", "1")
    client.delete_run(gone)


def more(name):
    client = MlflowClient()
    exp = client.get_experiment_by_name(name)
    running = client.search_runs([exp.experiment_id], "attributes.status = 'RUNNING'")[0]
    run_id = running.info.run_id
    client.log_batch(run_id, metrics=[Metric("loss", 0.5 / (s + 1), 1_700_000_100_000 + s, s) for s in range(3000, 3500)])
    client.set_tag(run_id, "verdict", "best")
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "notes.txt"), "w") as f:
            f.write("converged\n")
        client.log_artifact(run_id, os.path.join(tmp, "notes.txt"))
    client.set_terminated(run_id, "FINISHED")


if __name__ == "__main__":
    (more if sys.argv[2:] == ["more"] else seed)(sys.argv[1])
