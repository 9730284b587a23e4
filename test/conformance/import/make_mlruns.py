"""Fills an MLflow file store (mlruns/) with the real client (3.x or 2.x): a nested sweep, NaN and +-inf values,
a long history, a binary artifact, a registered model from log_model with an alias and a stage,
a deleted run and a deleted experiment (in .trash). Usage: make_mlruns.py DIR [--more]
(--more logs more into the same store: a new run and more points on an existing one)."""
import json
import math
import os
import sys
import warnings

warnings.filterwarnings("ignore")
os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
import mlflow  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

root = os.path.abspath(sys.argv[1])
mlflow.set_tracking_uri("file:" + os.path.join(root, "mlruns"))
client = MlflowClient()
out = {}

if "--more" in sys.argv:
    exp = client.get_experiment_by_name("sweep")
    state = json.load(open(os.path.join(root, "ids.json")))
    client.log_batch(state["parent"], metrics=[mlflow.entities.Metric("loss", 0.5, 1700000000000 + 6000 + i, 6000 + i) for i in range(50)])
    with mlflow.start_run(experiment_id=exp.experiment_id, run_name="later") as r:
        mlflow.log_param("late", "yes")
        mlflow.log_metric("acc", 0.9)
        state["later"] = r.info.run_id
    json.dump(state, open(os.path.join(root, "ids.json"), "w"))
    sys.exit(0)

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

exp_id = mlflow.create_experiment("sweep", tags={"team": "vision"})
with mlflow.start_run(experiment_id=exp_id, run_name="parent") as parent:
    out["parent"] = parent.info.run_id
    mlflow.log_params({"optimizer": "adam", "layers": "3"})
    mlflow.set_tag("stage", "sweep")
    client.log_batch(parent.info.run_id, metrics=[mlflow.entities.Metric("loss", 1.0 / (i + 1), 1700000000000 + i, i) for i in range(6000)])
    for v, step in [(float("nan"), 0), (float("inf"), 1), (float("-inf"), 2)]:
        mlflow.log_metric("odd", v, step=step)
    with open(os.path.join(root, "blob.bin"), "wb") as f:
        f.write(bytes(range(256)) * 40)
    mlflow.log_artifact(os.path.join(root, "blob.bin"), "data")
    ds = mlflow.data.from_numpy(np.arange(10).reshape(5, 2), name="digits")
    mlflow.log_input(ds, context="training")
    for lr in [0.1, 0.01]:
        with mlflow.start_run(experiment_id=exp_id, run_name=f"lr-{lr}", nested=True) as child:
            mlflow.log_param("lr", lr)
            mlflow.log_metric("acc", 0.5 + lr, step=1)
            out.setdefault("children", []).append(child.info.run_id)
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    y = np.array([0, 1, 1, 0])
    model = LogisticRegression().fit(X, y)
    if mlflow.__version__.startswith("2."):
        mlflow.sklearn.log_model(model, artifact_path="model", registered_model_name="clf", input_example=X[:1])
    else:
        mlflow.sklearn.log_model(model, name="model", registered_model_name="clf", input_example=X[:1])
client.set_registered_model_alias("clf", "champion", "1")
client.transition_model_version_stage("clf", "1", "Staging")
client.update_registered_model("clf", description="a classifier")
with mlflow.start_run(experiment_id=exp_id, run_name="doomed") as doomed:
    mlflow.log_param("x", "1")
    out["deleted"] = doomed.info.run_id
client.delete_run(out["deleted"])
gone = mlflow.create_experiment("gone")
with mlflow.start_run(experiment_id=gone, run_name="in-trash") as r:
    mlflow.log_metric("m", 1.0)
    out["trashed"] = r.info.run_id
client.delete_experiment(gone)
out["experiment"] = exp_id
out["gone"] = gone
json.dump(out, open(os.path.join(root, "ids.json"), "w"))
