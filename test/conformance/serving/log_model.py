"""Logs and registers a small sklearn model through the official client (MLFLOW_TRACKING_URI),
downloads its folder (as the client reads it back) into argv[2], and writes what the serving
tests need to the JSON file argv[1]: the ids, URIs, the input frame, and model.predict's answers."""
import json
import sys

import mlflow
import numpy as np
import pandas as pd
from mlflow.models import infer_signature
from sklearn.linear_model import LogisticRegression

out_path, download_dir = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)
X = pd.DataFrame(rng.normal(size=(60, 4)), columns=["a", "b", "c", "d"])
y = (X["a"] + 0.5 * X["b"] - X["c"] > 0).astype(int)
model = LogisticRegression().fit(X, y)
sample = X.head(5).round(6)

mlflow.set_experiment("serving")
with mlflow.start_run() as run:
    info = mlflow.sklearn.log_model(
        model,
        name="model",
        signature=infer_signature(X, model.predict(X)),
        input_example=sample.head(2),
        registered_model_name="iris-like",
    )
client = mlflow.MlflowClient()
client.set_registered_model_alias("iris-like", "champion", "1")
model_dir = mlflow.artifacts.download_artifacts(artifact_uri="models:/iris-like@champion", dst_path=download_dir)

json.dump(
    {
        "run_id": run.info.run_id,
        "model_id": info.model_id,
        "model_uri": info.model_uri,
        "model_dir": model_dir,
        "columns": list(sample.columns),
        "rows": sample.values.tolist(),
        "predictions": model.predict(sample).tolist(),
        "probabilities": model.predict_proba(sample).tolist(),
    },
    open(out_path, "w"),
)
