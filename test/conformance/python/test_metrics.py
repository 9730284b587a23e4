"""Metrics: log_metric/log_metrics, latest-value rule, NaN/±inf, history (paged), bulk interval."""

import math
import sys
import time

import mlflow
import pytest
from mlflow.entities import Metric

BIG = sys.float_info.max


def now_ms():
    return int(time.time() * 1000)


def is_pos_inf(v):
    # The reference SQL store clamps ±inf to ±sys.float_info.max on write and returns that;
    # a store that keeps the infinity is just as good for clients.
    return v == math.inf or v == BIG


def is_neg_inf(v):
    return v == -math.inf or v == -BIG


def test_log_metric_steps_and_timestamps(client, experiment_id):
    ts = now_ms() - 10_000
    with mlflow.start_run() as run:
        mlflow.log_metric("loss", 1.0, step=0, timestamp=ts)
        mlflow.log_metric("loss", 0.5, step=1, timestamp=ts + 10)
        mlflow.log_metric("loss", 0.25, step=2, timestamp=ts + 20)
        mlflow.log_metrics({"acc": 0.8, "f1": 0.7}, step=5, timestamp=ts + 30)
        mlflow.log_metrics({"acc": 0.9}, step=6)
        mlflow.log_metric("neg_step", 3.0, step=-4)
        mlflow.log_metric("no_step", 1.5)
    run_id = run.info.run_id
    assert client.get_run(run_id).data.metrics == {"loss": 0.25, "acc": 0.9, "f1": 0.7, "neg_step": 3.0, "no_step": 1.5}

    hist = client.get_metric_history(run_id, "loss")
    assert [(m.key, m.value, m.step, m.timestamp) for m in hist] == [
        ("loss", 1.0, 0, ts), ("loss", 0.5, 1, ts + 10), ("loss", 0.25, 2, ts + 20)
    ]
    acc = client.get_metric_history(run_id, "acc")
    assert [(m.value, m.step) for m in acc] == [(0.8, 5), (0.9, 6)]
    assert acc[0].timestamp == ts + 30
    assert abs(acc[1].timestamp - now_ms()) < 120_000
    assert [m.step for m in client.get_metric_history(run_id, "no_step")] == [0]
    assert [m.step for m in client.get_metric_history(run_id, "neg_step")] == [-4]
    assert client.get_metric_history(run_id, "never-logged") == []


def test_latest_value_is_highest_step_not_last_written(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    ts = now_ms()
    client.log_metric(run_id, "m", 10.0, timestamp=ts, step=5)
    client.log_metric(run_id, "m", 20.0, timestamp=ts + 100, step=2)  # later, but a lower step
    assert client.get_run(run_id).data.metrics["m"] == 10.0
    client.log_metric(run_id, "m", 30.0, timestamp=ts + 50, step=5)  # same step, later timestamp
    assert client.get_run(run_id).data.metrics["m"] == 30.0
    client.log_metric(run_id, "m", 5.0, timestamp=ts + 10, step=5)  # same step, earlier timestamp
    assert client.get_run(run_id).data.metrics["m"] == 30.0


def test_nan_and_infinities(client, experiment_id, api):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_metric(run_id, "nan", math.nan)
    client.log_metric(run_id, "pinf", math.inf)
    client.log_metric(run_id, "ninf", -math.inf)
    client.log_batch(run_id, metrics=[Metric("batch_nan", math.nan, now_ms(), 0), Metric("batch_inf", math.inf, now_ms(), 0)])

    metrics = client.get_run(run_id).data.metrics
    assert math.isnan(metrics["nan"])
    assert math.isnan(metrics["batch_nan"])
    assert is_pos_inf(metrics["pinf"]), metrics["pinf"]
    assert is_pos_inf(metrics["batch_inf"]), metrics["batch_inf"]
    assert is_neg_inf(metrics["ninf"]), metrics["ninf"]

    assert math.isnan(client.get_metric_history(run_id, "nan")[0].value)
    assert is_pos_inf(client.get_metric_history(run_id, "pinf")[0].value)
    assert is_neg_inf(client.get_metric_history(run_id, "ninf")[0].value)

    # On the wire non-finite doubles are protobuf-JSON strings ("NaN", "Infinity", "-Infinity").
    r = api.get("/api/2.0/mlflow/metrics/get-history", params={"run_id": run_id, "metric_key": "nan", "max_results": 10})
    assert r.status_code == 200
    assert r.json()["metrics"][0]["value"] == "NaN"


def test_metric_history_of_a_run_that_does_not_exist_is_empty(client):
    assert client.get_metric_history("0" * 32, "loss") == []


def test_metric_history_order(client, experiment_id):
    """History comes back ordered by timestamp, then step, whatever the logging order."""
    run_id = client.create_run(experiment_id).info.run_id
    ts = now_ms() - 100_000
    points = [(ts + 300, 3), (ts + 100, 1), (ts + 200, 5), (ts + 200, 2), (ts, 9)]
    client.log_batch(run_id, metrics=[Metric("m", float(step), t, step) for t, step in points])
    hist = client.get_metric_history(run_id, "m")
    assert [(m.timestamp, m.step) for m in hist] == sorted(points)


def test_metric_history_paging_over_25000_points(client, experiment_id, api):
    """get_metric_history pages with max_results=25000; more points than that must all come back."""
    run_id = client.create_run(experiment_id).info.run_id
    n = 26_500
    ts = now_ms() - n
    client.log_batch(run_id, metrics=[Metric("long", float(i) / 2, ts + i, i) for i in range(n)])

    hist = client.get_metric_history(run_id, "long")
    assert len(hist) == n
    assert [m.step for m in hist] == list(range(n))
    assert [m.timestamp for m in hist] == [ts + i for i in range(n)]
    assert hist[-1].value == (n - 1) / 2
    assert client.get_run(run_id).data.metrics["long"] == (n - 1) / 2

    # The same paging over raw REST: the first page is full and carries a token.
    path = "/api/2.0/mlflow/metrics/get-history"
    first = api.get(path, params={"run_id": run_id, "metric_key": "long", "max_results": 25_000})
    assert first.status_code == 200
    body = first.json()
    assert len(body["metrics"]) == 25_000
    assert body.get("next_page_token")
    second = api.get(path, params={"run_id": run_id, "metric_key": "long", "max_results": 25_000,
                                   "page_token": body["next_page_token"]})
    body2 = second.json()
    assert len(body2["metrics"]) == n - 25_000
    assert not body2.get("next_page_token")
    assert body2["metrics"][0]["step"] == 25_000


def test_get_history_bulk_interval(client, experiment_id, api):
    path = "/api/2.0/mlflow/metrics/get-history-bulk-interval"
    ts = now_ms() - 100_000
    run_a = client.create_run(experiment_id).info.run_id
    run_b = client.create_run(experiment_id).info.run_id
    client.log_batch(run_a, metrics=[Metric("curve", float(s), ts + s, s) for s in range(0, 1000)])
    client.log_batch(run_b, metrics=[Metric("curve", float(-s), ts + s, s) for s in range(10, 500, 2)])

    # Few points: everything comes back, per run, ordered by step.
    r = api.get(path, params={"run_ids": [run_b], "metric_key": "curve", "max_results": 2500})
    assert r.status_code == 200, r.text
    got = r.json()["metrics"]
    assert [m["step"] for m in got] == list(range(10, 500, 2))
    assert all(m["run_id"] == run_b and m["key"] == "curve" for m in got)
    assert got[0]["value"] == -10.0 and got[0]["timestamp"] == ts + 10

    # Sampled: at most about max_results steps per run, min and max steps always kept.
    r = api.get(path, params={"run_ids": [run_a, run_b], "metric_key": "curve", "max_results": 50})
    assert r.status_code == 200, r.text
    got = r.json()["metrics"]
    by_run = {run_a: [], run_b: []}
    for m in got:
        by_run[m["run_id"]].append(m["step"])
    steps_a, steps_b = by_run[run_a], by_run[run_b]
    assert steps_a == sorted(steps_a) and steps_b == sorted(steps_b)
    assert 10 <= len(steps_a) <= 60, len(steps_a)
    assert steps_a[0] == 0 and steps_a[-1] == 999
    assert steps_b and steps_b[0] == 10 and steps_b[-1] == 498
    assert len(steps_b) <= 60

    # A step window.
    r = api.get(path, params={"run_ids": [run_a], "metric_key": "curve", "start_step": 100, "end_step": 199,
                              "max_results": 2500})
    assert r.status_code == 200, r.text
    assert [m["step"] for m in r.json()["metrics"]] == list(range(100, 200))

    # Unknown metric key: no points.
    r = api.get(path, params={"run_ids": [run_a], "metric_key": "nope", "max_results": 10})
    assert r.status_code == 200
    assert r.json().get("metrics", []) == []

    # Invalid requests.
    for params in (
        {"run_ids": [run_a], "metric_key": "curve", "max_results": 0},
        {"run_ids": [run_a], "metric_key": "curve", "start_step": 5},
        {"run_ids": [run_a], "metric_key": "curve", "start_step": 9, "end_step": 2},
        {"metric_key": "curve"},
        {"run_ids": [run_a]},
    ):
        r = api.get(path, params=params)
        assert r.status_code == 400, (params, r.text)
        assert r.json()["error_code"] == "INVALID_PARAMETER_VALUE", params


@pytest.mark.parametrize("value", [0.0, -1.5, 1e-300, 123456789.125, 2**53])
def test_metric_values_round_trip(client, experiment_id, value):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_metric(run_id, "v", value)
    assert client.get_run(run_id).data.metrics["v"] == value
    assert client.get_metric_history(run_id, "v")[0].value == value
