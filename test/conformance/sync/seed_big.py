"""Logs a bigger experiment with the official MLflow client, so that pushing it takes a while.

    python seed_big.py EXPERIMENT_NAME RUNS POINTS ARTIFACT_KB      (MLFLOW_TRACKING_URI says which server)

RUNS finished runs, each with a few params and tags, two metrics of POINTS points each (logged
1,000 at a time, as fast training code would), one artifact of ARTIFACT_KB KiB of seeded random
bytes and a small text file in a folder. The content depends on the arguments only.
"""
import os
import random
import sys
import tempfile

from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient


def seed(name, runs, points, artifact_kb):
    client = MlflowClient()
    exp_id = client.create_experiment(name)
    rng = random.Random(f"{name}/{runs}/{points}/{artifact_kb}")
    for i in range(runs):
        run_id = client.create_run(exp_id, run_name=f"big-{i}", start_time=1_700_000_000_000 + i).info.run_id
        client.log_batch(run_id, params=[Param("index", str(i)), Param("width", str(64 * (i % 4 + 1)))], tags=[RunTag("group", f"g{i % 3}")])
        for key in ("loss", "accuracy"):
            values = [rng.random() for _ in range(points)]
            for at in range(0, points, 1000):
                client.log_batch(run_id, metrics=[Metric(key, values[s], 1_700_000_000_000 + s, s) for s in range(at, min(points, at + 1000))])
        with tempfile.TemporaryDirectory() as tmp:
            blob = os.path.join(tmp, "weights.bin")
            with open(blob, "wb") as f:
                f.write(rng.randbytes(artifact_kb * 1024))
            client.log_artifact(run_id, blob, "model")
            note = os.path.join(tmp, "summary.txt")
            with open(note, "w") as f:
                f.write(f"run {i}\n")
            client.log_artifact(run_id, note)
        client.set_terminated(run_id, "FINISHED", end_time=1_700_000_000_000 + points + i)


if __name__ == "__main__":
    seed(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
