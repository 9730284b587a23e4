"""search_runs: filters (metrics/params/tags/attributes/datasets), order_by, view type, paging."""

import math
import time

import mlflow
import pandas as pd
import pytest
from helpers import error_code_of, unique
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag, ViewType
from mlflow.exceptions import MlflowException


@pytest.fixture(scope="module")
def corpus(tracking_uri):
    """Five runs with known data in their own experiment, shared read-only by the tests below.

    Start times are spaced so the default order (start_time DESC) is deterministic.
    """
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri)
    experiment_id = client.create_experiment(unique("search"))
    base = int(time.time() * 1000) - 100_000
    spec = {
        "r0": dict(name="alpha-one", params={"model": "lr", "lr": "0.1"}, metrics={"rmse": 0.5, "acc": 0.9},
                   tags={"env": "prod"}, status="FINISHED"),
        "r1": dict(name="alpha-two", params={"model": "rf"}, metrics={"rmse": 0.3},
                   tags={"env": "dev", "note": "Hello World"}, status="FAILED"),
        "r2": dict(name="Beta", params={"model": "LR"}, metrics={"rmse": 0.9, "acc": 0.5},
                   tags={"env": "prod"}, status="RUNNING"),
        "r3": dict(name="gamma", params={"model": "xgb"}, metrics={}, tags={}, status="KILLED"),
        "r4": dict(name="delta", params={}, metrics={"rmse": 2.0, "acc": -1.0}, tags={"env": "stage"},
                   status="FINISHED"),
    }
    ids = {}
    for i, (label, s) in enumerate(spec.items()):
        run = client.create_run(experiment_id, start_time=base + i * 1000, run_name=s["name"])
        rid = run.info.run_id
        ts = base + i * 1000 + 10
        client.log_batch(
            rid,
            metrics=[Metric(k, v, ts, 0) for k, v in s["metrics"].items()],
            params=[Param(k, v) for k, v in s["params"].items()],
            tags=[RunTag(k, v) for k, v in s["tags"].items()],
        )
        if s["status"] != "RUNNING":
            client.set_terminated(rid, status=s["status"], end_time=base + i * 1000 + 500)
        ids[label] = rid
    # Datasets on r0 (training) and r1 (eval).
    df = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    ds_a = mlflow.data.from_pandas(df, name="train-a")
    ds_b = mlflow.data.from_pandas(df.head(1), name="eval-b")
    with mlflow.start_run(run_id=ids["r0"]):
        mlflow.log_input(ds_a, context="training")
    client.set_terminated(ids["r0"], status="FINISHED", end_time=base + 500)
    with mlflow.start_run(run_id=ids["r1"]):
        mlflow.log_input(ds_b, context="eval")
    client.set_terminated(ids["r1"], status="FAILED", end_time=base + 1500)
    ids["_experiment"] = experiment_id
    ids["_base"] = base
    ids["_digest_a"] = ds_a.digest
    ids["_digest_b"] = ds_b.digest
    return ids


def labels(ids, runs):
    by_id = {v: k for k, v in ids.items() if not k.startswith("_")}
    return [by_id[r.info.run_id] for r in runs]


def search(client, experiment_id, filter_string="", **kw):
    return client.search_runs([experiment_id], filter_string, **kw)


def test_default_order_is_start_time_desc(client, corpus):
    experiment_id = corpus["_experiment"]
    assert labels(corpus, search(client, experiment_id)) == ["r4", "r3", "r2", "r1", "r0"]


@pytest.mark.parametrize(
    ("filter_string", "expected"),
    [
        ("metrics.rmse < 0.6", {"r0", "r1"}),
        ("metrics.rmse >= 0.5", {"r0", "r2", "r4"}),
        ("metrics.rmse = 0.9", {"r2"}),
        ("metrics.acc != 0.9", {"r2", "r4"}),  # runs without 'acc' never match, even for !=
        ("metrics.acc < 0", {"r4"}),
        ("metric.rmse > 1", {"r4"}),
        ("params.model = 'lr'", {"r0"}),
        ("params.model != 'lr'", {"r1", "r2", "r3"}),
        ("params.model LIKE 'l%'", {"r0"}),  # LIKE is case-sensitive
        ("params.model ILIKE 'l%'", {"r0", "r2"}),
        ("params.model LIKE '_f'", {"r1"}),
        ("param.lr = '0.1'", {"r0"}),
        ("tags.env = 'prod'", {"r0", "r2"}),
        ("tags.env != 'prod'", {"r1", "r4"}),
        ("tags.note ILIKE '%hello%'", {"r1"}),
        ("tags.note LIKE '%hello%'", set()),
        ("tag.env LIKE 'st%'", {"r4"}),
        ("tags.`env` = 'dev'", {"r1"}),
        ("attributes.status = 'FAILED'", {"r1"}),
        ("status != 'RUNNING'", {"r0", "r1", "r3", "r4"}),
        ("attributes.run_name = 'gamma'", {"r3"}),
        ("run_name LIKE 'alpha%'", {"r0", "r1"}),
        ("run_name ILIKE 'beta'", {"r2"}),
        ("attributes.`run name` = 'delta'", {"r4"}),
        ("tags.mlflow.runName = 'Beta'", {"r2"}),
        ("metrics.rmse < 1 and params.model = 'lr' and tags.env = 'prod'", {"r0"}),
        ("metrics.rmse > 0.1 AND attributes.status = 'FINISHED'", {"r0", "r4"}),
        ("datasets.name = 'train-a'", {"r0"}),
        ("datasets.name IN ('train-a', 'eval-b')", {"r0", "r1"}),
        ("datasets.context = 'eval'", {"r1"}),
        ("datasets.name LIKE '%-b'", {"r1"}),
        ("datasets.name = 'train-a' and datasets.context = 'training'", {"r0"}),
        ("datasets.name = 'train-a' and datasets.context = 'eval'", set()),
    ],
)
def test_filters(client, corpus, filter_string, expected):
    experiment_id = corpus["_experiment"]
    assert set(labels(corpus, search(client, experiment_id, filter_string))) == expected


def test_filters_with_ids_and_times(client, corpus):
    experiment_id = corpus["_experiment"]
    r0, r2 = corpus["r0"], corpus["r2"]
    assert set(labels(corpus, search(client, experiment_id, f"attributes.run_id IN ('{r0}', '{r2}')"))) == {"r0", "r2"}
    assert set(labels(corpus, search(client, experiment_id, f"run_id NOT IN ('{r0}', '{r2}')"))) == {"r1", "r3", "r4"}
    assert labels(corpus, search(client, experiment_id, f"attributes.run_id = '{r2}'")) == ["r2"]
    base = corpus["_base"]
    assert set(labels(corpus, search(client, experiment_id, f"attributes.start_time >= {base + 3000}"))) == {"r3", "r4"}
    assert set(labels(corpus, search(client, experiment_id, f"attributes.start_time < {base + 1000}"))) == {"r0"}
    assert set(labels(corpus, search(client, experiment_id, f"datasets.digest = '{corpus['_digest_b']}'"))) == {"r1"}


def test_order_by(client, corpus):
    experiment_id = corpus["_experiment"]
    # Runs without the metric come last in both directions.
    assert labels(corpus, search(client, experiment_id, order_by=["metrics.rmse DESC"])) == ["r4", "r2", "r0", "r1", "r3"]
    assert labels(corpus, search(client, experiment_id, order_by=["metrics.rmse ASC"])) == ["r1", "r0", "r2", "r4", "r3"]
    assert labels(corpus, search(client, experiment_id, order_by=["metrics.acc"]))[:3] == ["r4", "r2", "r0"]
    assert labels(corpus, search(client, experiment_id, order_by=["params.model ASC"]))[:4] == ["r2", "r0", "r1", "r3"]
    assert labels(corpus, search(client, experiment_id, order_by=["attributes.run_name ASC"])) == ["r2", "r0", "r1", "r4", "r3"]
    assert labels(corpus, search(client, experiment_id, order_by=["start_time ASC"])) == ["r0", "r1", "r2", "r3", "r4"]
    assert labels(corpus, search(client, experiment_id, order_by=["tags.env DESC", "start_time DESC"]))[:3] == ["r4", "r2", "r0"]
    assert labels(
        corpus, search(client, experiment_id, "metrics.rmse > 0", order_by=["metrics.rmse DESC"], max_results=2)
    ) == ["r4", "r2"]


def test_order_by_nan_metric(client, experiment_id):
    for label, value in (("low", 1.0), ("nan", math.nan), ("high", 5.0)):
        rid = client.create_run(experiment_id, run_name=label).info.run_id
        client.log_metric(rid, "score", value)
    client.create_run(experiment_id, run_name="none")
    # NaN sorts after every number in both directions; runs without the metric come last.
    asc = [r.info.run_name for r in search(client, experiment_id, order_by=["metrics.score ASC"])]
    assert asc == ["low", "high", "nan", "none"]
    desc = [r.info.run_name for r in search(client, experiment_id, order_by=["metrics.score DESC"])]
    assert desc == ["high", "low", "nan", "none"]


def test_run_view_type(client, experiment_id):
    kept = client.create_run(experiment_id).info.run_id
    gone = client.create_run(experiment_id).info.run_id
    client.log_metric(gone, "rmse", 0.1)
    client.delete_run(gone)
    ids = lambda runs: {r.info.run_id for r in runs}  # noqa: E731
    assert ids(search(client, experiment_id)) == {kept}
    assert ids(search(client, experiment_id, run_view_type=ViewType.ACTIVE_ONLY)) == {kept}
    assert ids(search(client, experiment_id, run_view_type=ViewType.DELETED_ONLY)) == {gone}
    assert ids(search(client, experiment_id, run_view_type=ViewType.ALL)) == {kept, gone}
    assert ids(search(client, experiment_id, "metrics.rmse < 0.4", run_view_type=ViewType.ALL)) == {gone}
    assert ids(search(client, experiment_id, "metrics.rmse < 0.4")) == set()
    df = mlflow.search_runs([experiment_id], run_view_type=ViewType.DELETED_ONLY)
    assert list(df["run_id"]) == [gone]


def test_fluent_search_runs(corpus):
    experiment_id = corpus["_experiment"]
    mlflow.set_experiment(experiment_id=experiment_id)
    # No experiment_ids: the active experiment is searched.
    df = mlflow.search_runs(filter_string="tags.env = 'prod'", order_by=["metrics.rmse DESC"])
    assert isinstance(df, pd.DataFrame)
    assert list(df["run_id"]) == [corpus["r2"], corpus["r0"]]
    assert list(df["metrics.rmse"]) == [0.9, 0.5]
    assert list(df["params.model"]) == ["LR", "lr"]
    assert list(df["tags.env"]) == ["prod", "prod"]
    assert list(df["status"]) == ["RUNNING", "FINISHED"]

    runs = mlflow.search_runs(experiment_ids=[experiment_id], filter_string="params.model = 'xgb'", output_format="list")
    assert [r.info.run_id for r in runs] == [corpus["r3"]]

    name = mlflow.get_experiment(experiment_id).name
    by_name = mlflow.search_runs(experiment_names=[name], output_format="list")
    assert len(by_name) == 5


def test_search_across_experiments(client, experiment_id, corpus):
    rid = client.create_run(experiment_id).info.run_id
    client.log_metric(rid, "rmse", 0.1)
    found = client.search_runs([corpus["_experiment"], experiment_id], "metrics.rmse < 0.4")
    assert {r.info.run_id for r in found} == {corpus["r1"], rid}


def test_paging_many_runs(client, experiment_id):
    base = int(time.time() * 1000) - 1_000_000
    created = []
    for i in range(45):
        rid = client.create_run(experiment_id, start_time=base + i, run_name=f"run-{i:02d}").info.run_id
        created.append(rid)
        client.log_metric(rid, "i", float(i))
    expected = created[::-1]  # start_time DESC

    seen, token, pages = [], None, 0
    while True:
        page = client.search_runs([experiment_id], max_results=10, page_token=token)
        assert len(page) <= 10
        seen += [r.info.run_id for r in page]
        pages += 1
        token = page.token
        if not token:
            break
    assert pages == 5
    assert seen == expected

    # Paging with an order_by and a filter.
    seen, token = [], None
    while True:
        page = client.search_runs(
            [experiment_id], "metrics.i >= 5", order_by=["metrics.i ASC"], max_results=7, page_token=token
        )
        seen += [r.info.run_name for r in page]
        token = page.token
        if not token:
            break
    assert seen == [f"run-{i:02d}" for i in range(5, 45)]

    # The fluent API pages by itself.
    df = mlflow.search_runs([experiment_id], max_results=1000)
    assert len(df) == 45
    assert list(df["run_id"]) == expected


def test_bad_filter_is_invalid_parameter_value(client, experiment_id):
    for bad in ("metrics.rmse <", "nonsense = 'x' or", "params.x > 'a'", "metrics.rmse = 'abc'"):
        with pytest.raises(MlflowException) as excinfo:
            client.search_runs([experiment_id], bad)
        assert error_code_of(excinfo) == "INVALID_PARAMETER_VALUE", bad
