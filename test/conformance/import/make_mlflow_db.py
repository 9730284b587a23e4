"""Fills an MLflow tracking store (MLFLOW_TRACKING_URI: sqlite:///…/mlflow.db, or an `mlflow server`
on such a database) with what `sextant import` of an mlflow.db must bring in: nested runs, NaN and
±inf, a long history, a binary artifact, a dataset input, a deleted run and a deleted experiment,
a model logged with log_model and registered (an alias, a stage, tags, descriptions) and, with
MLflow 3, a logged model with params and metrics.

    python make_mlflow_db.py SCRATCH_DIR
    python make_mlflow_db.py SCRATCH_DIR --more RUN_ID   later: 10 more points of RUN_ID's loss, and a
                                                        new run with a param and 50 points

Prints a JSON summary (experiment names, run ids, registered model name) on stdout.
"""

import json
import os
import sys

import mlflow
import numpy as np
import pandas as pd
from mlflow import MlflowClient
from mlflow.entities import Metric
from sklearn.linear_model import LogisticRegression

MLFLOW3 = int(mlflow.__version__.split(".")[0]) >= 3
LONG_HISTORY = 6000
MODEL_NAME = "import-db-clf"

scratch = sys.argv[1]
os.makedirs(scratch, exist_ok=True)
client = MlflowClient()

if len(sys.argv) == 4 and sys.argv[2] == "--more":
    earlier = sys.argv[3]
    client.log_batch(earlier, metrics=[Metric("loss", 1.0 / (i + 1), 1_700_000_000_000 + i, i) for i in range(LONG_HISTORY, LONG_HISTORY + 10)])
    mlflow.set_experiment("import-db")
    with mlflow.start_run(run_name="later") as later:
        mlflow.log_param("round", "2")
        client.log_batch(later.info.run_id, metrics=[Metric("loss", i / 50, 1_800_000_000_000 + i, i) for i in range(50)])
    print(json.dumps({"later_run_id": later.info.run_id}))
    sys.exit(0)

exp_id = mlflow.create_experiment("import-db", tags={"team": "vision", "mlflow.note.content": "from mlflow.db"})
mlflow.set_experiment(experiment_id=exp_id)

X = np.array([[0.0, 1.0], [1.0, 0.0], [0.2, 0.9], [0.9, 0.1], [0.1, 0.8], [0.8, 0.3]])
y = np.array([0, 1, 0, 1, 0, 1])
frame = pd.DataFrame({"a": X[:, 0], "b": X[:, 1], "y": y})

with mlflow.start_run(run_name="parent", description="the parent run") as parent:
    run_id = parent.info.run_id
    mlflow.log_params({"alpha": "0.5", "layers": "3", "note": "a longer value " * 20})
    mlflow.set_tags({"stage": "dev", "owner": "ada"})
    mlflow.log_metric("odd", float("nan"), step=0)
    mlflow.log_metric("odd", float("inf"), step=1)
    mlflow.log_metric("odd", float("-inf"), step=2)
    mlflow.log_metric("odd", 2.5, step=3)
    t0 = 1_700_000_000_000
    for start in range(0, LONG_HISTORY, 1000):
        batch = [Metric("loss", 1.0 / (i + 1), t0 + i, i) for i in range(start, min(start + 1000, LONG_HISTORY))]
        client.log_batch(run_id, metrics=batch)
    blob_path = os.path.join(scratch, "weights.bin")
    with open(blob_path, "wb") as f:
        f.write(bytes(range(256)) * 1024 + b"\x00\xff" * 7)
    mlflow.log_artifact(blob_path, "blobs")
    text_path = os.path.join(scratch, "notes.txt")
    with open(text_path, "w") as f:
        f.write("notes about the run\n")
    mlflow.log_artifact(text_path)
    mlflow.log_input(mlflow.data.from_pandas(frame, name="toy", targets="y"), context="training")

    with mlflow.start_run(run_name="child-a", nested=True):
        mlflow.log_param("fold", "a")
        mlflow.log_metric("acc", 0.75)
    with mlflow.start_run(run_name="child-b", nested=True):
        mlflow.log_param("fold", "b")
        mlflow.log_metric("acc", 0.5, step=1)
        mlflow.set_tag("failed-on", "purpose")
        mlflow.end_run(status="FAILED")

    clf = LogisticRegression().fit(X, y)
    if MLFLOW3:
        info = mlflow.sklearn.log_model(clf, name="model", registered_model_name=MODEL_NAME, input_example=X[:2])
    else:
        info = mlflow.sklearn.log_model(clf, artifact_path="model", registered_model_name=MODEL_NAME, input_example=X[:2])

with mlflow.start_run(run_name="to-delete") as gone:
    mlflow.log_metric("x", 1.0)
client.delete_run(gone.info.run_id)

client.set_registered_model_alias(MODEL_NAME, "champion", "1")
client.transition_model_version_stage(MODEL_NAME, "1", "Staging")
client.update_registered_model(MODEL_NAME, description="a toy classifier")
client.update_model_version(MODEL_NAME, "1", description="first version")
client.set_registered_model_tag(MODEL_NAME, "domain", "toy")
client.set_model_version_tag(MODEL_NAME, "1", "validated", "yes")

logged_model_id = None
if MLFLOW3:
    logged_model_id = info.model_id
    mlflow.log_model_params({"solver": "lbfgs", "C": "1.0"}, model_id=logged_model_id)
    with mlflow.start_run(run_id=run_id):
        mlflow.log_metric("val_acc", 0.875, step=2, model_id=logged_model_id)
    external = mlflow.create_external_model(name="external-model", model_type="agent", params={"k": "3"}, tags={"kind": "ext"})

old_id = mlflow.create_experiment("import-db-deleted")
with mlflow.start_run(experiment_id=old_id, run_name="in-deleted"):
    mlflow.log_param("p", "1")
client.delete_experiment(old_id)

print(json.dumps({
    "experiments": ["Default", "import-db", "import-db-deleted"],
    "run_id": run_id,
    "deleted_run_id": gone.info.run_id,
    "model": MODEL_NAME,
    "logged_model_id": logged_model_id,
    "mlflow": mlflow.__version__,
}))
