"""Seeds a store through the official MLflow client with a marker in every field a user writes.

Usage: MLFLOW_TRACKING_URI=... python seed_markers.py MARKER VALUE WORKDIR
Prints the run id. Every string field holds MARKER; one metric point in a long history (a series
file) and one in a short one (kept in the database) have the value VALUE.
"""
import os
import sys

import mlflow
import pandas as pd
from mlflow.entities import Metric, Param, RunTag

marker, value, workdir = sys.argv[1], float(sys.argv[2]), sys.argv[3]
client = mlflow.MlflowClient()

exp_id = client.create_experiment(f"exp-{marker}", tags={f"exp-tag-{marker}": f"exp-tag-value-{marker}"})
mlflow.set_experiment(experiment_id=exp_id)
with mlflow.start_run(run_name=f"run-{marker}", description=f"note-{marker}") as run:
    run_id = run.info.run_id
    mlflow.log_param(f"param-{marker}", f"param-value-{marker}")
    mlflow.set_tag(f"tag-{marker}", f"tag-value-{marker}")
    # A short history (inline in the database) and a long one (a series file), each holding VALUE once.
    mlflow.log_metric(f"short-{marker}", value, step=0)
    ts = 1_700_000_000_000
    client.log_batch(run_id, metrics=[Metric(f"long-{marker}", value if step == 777 else float(step), ts + step, step) for step in range(1000)])
    client.log_batch(run_id, metrics=[Metric(f"long-{marker}", float(step), ts + step, step) for step in range(1000, 3000)],
                     params=[Param(f"batch-param-{marker}", marker)], tags=[RunTag(f"batch-tag-{marker}", marker)])
    dataset = mlflow.data.from_pandas(pd.DataFrame({f"col-{marker}": [1, 2, 3]}), name=f"dataset-{marker}", source=f"source-{marker}")
    mlflow.log_input(dataset, context=f"training-{marker}")
    small = os.path.join(workdir, f"small-{marker}.txt")
    with open(small, "w") as f:
        f.write(f"artifact bytes {marker}\n")
    mlflow.log_artifact(small, artifact_path=f"dir-{marker}")
    big = os.path.join(workdir, "big.bin")
    with open(big, "wb") as f:
        f.write((f"{marker} " * 40_000).encode())  # ~680 KB: many sealed chunks
    mlflow.log_artifact(big)
    mlflow.log_text(f"text {marker}", f"notes-{marker}.txt")
print(run_id)
