"""Runs: create/start/end, get, update, delete/restore, params, tags, log_batch, inputs."""

import time

import mlflow
import pandas as pd
import pytest
from helpers import IS_SEXTANT, error_code_of, requires_mlflow3, unique
from mlflow.entities import Metric, Param, RunStatus, RunTag, ViewType
from mlflow.exceptions import MlflowException


def now_ms():
    return int(time.time() * 1000)


def user_tags(run):
    return {k: v for k, v in run.data.tags.items() if not k.startswith("mlflow.")}


def test_fluent_run_lifecycle(client, experiment_id):
    before = now_ms()
    with mlflow.start_run(run_name="first run", tags={"team": "ml", "stage": "dev"}, description="hello") as run:
        run_id = run.info.run_id
        assert run.info.status == "RUNNING"
        assert run.info.experiment_id == experiment_id
        assert mlflow.active_run().info.run_id == run_id
        live = client.get_run(run_id)
        assert live.info.status == "RUNNING"
        assert live.info.end_time is None
    after = now_ms()

    got = client.get_run(run_id)
    info = got.info
    assert len(run_id) == 32 and run_id == run_id.lower()
    assert info.run_name == "first run"
    assert info.status == "FINISHED"
    assert info.lifecycle_stage == "active"
    assert before - 1000 <= info.start_time <= info.end_time <= after + 1000
    assert info.artifact_uri.endswith(f"/{run_id}/artifacts")
    tags = got.data.tags
    assert tags["mlflow.runName"] == "first run"
    assert tags["mlflow.note.content"] == "hello"
    assert tags["team"] == "ml" and tags["stage"] == "dev"
    # Context tags the client sends on every run.
    assert tags.get("mlflow.user")
    assert info.user_id == tags["mlflow.user"]
    assert tags.get("mlflow.source.type") == "LOCAL"
    assert tags.get("mlflow.source.name")


def test_run_json_has_run_id_and_run_uuid(api, client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    r = api.get("/api/2.0/mlflow/runs/get", params={"run_id": run_id})
    assert r.status_code == 200
    info = r.json()["run"]["info"]
    assert info["run_id"] == run_id and info["run_uuid"] == run_id
    assert info["experiment_id"] == experiment_id
    assert info["status"] == "RUNNING"
    assert isinstance(info["start_time"], int)
    assert "end_time" not in info
    # The deprecated run_uuid alias is accepted on input.
    r = api.get("/api/2.0/mlflow/runs/get", params={"run_uuid": run_id})
    assert r.status_code == 200 and r.json()["run"]["info"]["run_id"] == run_id


def test_generated_run_name(client, experiment_id):
    with mlflow.start_run() as run:
        pass
    got = client.get_run(run.info.run_id)
    assert got.info.run_name
    assert got.data.tags["mlflow.runName"] == got.info.run_name


def test_failed_and_killed_status(client, experiment_id):
    with pytest.raises(ZeroDivisionError):
        with mlflow.start_run() as failed:
            1 / 0  # noqa: B018
    assert client.get_run(failed.info.run_id).info.status == "FAILED"

    run = mlflow.start_run()
    mlflow.end_run(status="KILLED")
    got = client.get_run(run.info.run_id)
    assert got.info.status == "KILLED"
    assert got.info.end_time is not None


def test_nested_runs(client, experiment_id):
    with mlflow.start_run(run_name="parent") as parent:
        with mlflow.start_run(run_name="child-1", nested=True) as child1:
            assert mlflow.active_run().info.run_id == child1.info.run_id
        with mlflow.start_run(run_name="child-2", nested=True) as child2:
            pass
        assert mlflow.active_run().info.run_id == parent.info.run_id
    pid = parent.info.run_id
    for child in (child1, child2):
        got = client.get_run(child.info.run_id)
        assert got.data.tags["mlflow.parentRunId"] == pid
        assert got.info.status == "FINISHED"
    assert "mlflow.parentRunId" not in client.get_run(pid).data.tags

    children = client.search_runs([experiment_id], f"tags.mlflow.parentRunId = '{pid}'", order_by=["run_name"])
    assert [r.info.run_name for r in children] == ["child-1", "child-2"]

    # An explicit parent_run_id works without an active parent.
    with mlflow.start_run(parent_run_id=pid, run_name="adopted") as adopted:
        pass
    assert client.get_run(adopted.info.run_id).data.tags["mlflow.parentRunId"] == pid


def test_resume_run(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.log_param("p", "1")
    run_id = run.info.run_id
    assert client.get_run(run_id).info.status == "FINISHED"
    with mlflow.start_run(run_id=run_id) as resumed:
        assert resumed.info.run_id == run_id
        assert client.get_run(run_id).info.status == "RUNNING"
        mlflow.log_metric("m", 2.0)
    got = client.get_run(run_id)
    assert got.info.status == "FINISHED"
    assert got.data.params == {"p": "1"}
    assert got.data.metrics == {"m": 2.0}


def test_client_create_run_with_start_time_and_tags(client, experiment_id):
    start = now_ms() - 60_000
    run = client.create_run(experiment_id, start_time=start, tags={"a": "b"}, run_name="explicit")
    assert run.info.start_time == start
    assert run.info.run_name == "explicit"
    assert run.data.tags["a"] == "b"
    assert run.data.tags["mlflow.runName"] == "explicit"
    assert run.info.status == "RUNNING"


def test_update_run(client, experiment_id):
    run_id = client.create_run(experiment_id, run_name="before").info.run_id
    client.update_run(run_id, name="after")
    got = client.get_run(run_id)
    assert got.info.run_name == "after"
    assert got.data.tags["mlflow.runName"] == "after"
    assert got.info.status == "RUNNING"

    client.update_run(run_id, status="SCHEDULED")
    assert client.get_run(run_id).info.status == "SCHEDULED"
    assert client.get_run(run_id).info.run_name == "after"

    end = now_ms() + 5_000
    client.set_terminated(run_id, status="KILLED", end_time=end)
    got = client.get_run(run_id)
    assert got.info.status == "KILLED"
    assert got.info.end_time == end


def test_set_run_name_tag_renames_run(client, experiment_id):
    run_id = client.create_run(experiment_id, run_name="one").info.run_id
    client.set_tag(run_id, "mlflow.runName", "two")
    assert client.get_run(run_id).info.run_name == "two"


def test_delete_and_restore_run(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    keep_id = client.create_run(experiment_id).info.run_id
    client.delete_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "deleted"

    active = [r.info.run_id for r in client.search_runs([experiment_id])]
    assert active == [keep_id]
    deleted = [r.info.run_id for r in client.search_runs([experiment_id], run_view_type=ViewType.DELETED_ONLY)]
    assert deleted == [run_id]
    every = {r.info.run_id for r in client.search_runs([experiment_id], run_view_type=ViewType.ALL)}
    assert every == {run_id, keep_id}

    # A deleted run refuses writes.
    with pytest.raises(MlflowException) as excinfo:
        client.log_param(run_id, "p", "v")
    assert error_code_of(excinfo) == "INVALID_PARAMETER_VALUE"

    client.restore_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "active"
    client.log_param(run_id, "p", "v")
    assert {r.info.run_id for r in client.search_runs([experiment_id])} == {run_id, keep_id}


def test_create_run_in_deleted_experiment_fails(client):
    exp_id = client.create_experiment(unique("gone"))
    client.delete_experiment(exp_id)
    with pytest.raises(MlflowException) as excinfo:
        client.create_run(exp_id)
    assert error_code_of(excinfo) == "INVALID_PARAMETER_VALUE"


def test_create_run_in_missing_experiment_fails(client):
    with pytest.raises(MlflowException) as excinfo:
        client.create_run("918273645")
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"


def test_params(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.log_param("lr", 0.01)
        mlflow.log_param("lr", 0.01)  # same value again is fine
        mlflow.log_params({"layers": 3, "activation": "relu", "nothing": None, "unicode": "ünï ✓"})
        with pytest.raises(MlflowException) as excinfo:
            mlflow.log_param("lr", 0.02)
        assert error_code_of(excinfo) == "INVALID_PARAMETER_VALUE"
        assert excinfo.value.get_http_status_code() == 400
    params = client.get_run(run.info.run_id).data.params
    assert params == {"lr": "0.01", "layers": "3", "activation": "relu", "nothing": "None", "unicode": "ünï ✓"}


def test_long_param_value(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    value = "x" * 6000
    client.log_param(run_id, "long", value)
    assert client.get_run(run_id).data.params["long"] == value


def test_tags(client, experiment_id):
    with mlflow.start_run() as run:
        mlflow.set_tag("k", "v1")
        mlflow.set_tag("k", "v2")  # tags are overwritable
        mlflow.set_tags({"a": 1, "b": "two", "key with space": "ok", "dotted.key/with-slash": "ok"})
        mlflow.delete_tag("a")
    run_id = run.info.run_id
    assert user_tags(client.get_run(run_id)) == {"k": "v2", "b": "two", "key with space": "ok", "dotted.key/with-slash": "ok"}

    client.set_tag(run_id, "after-end", "fine")  # a finished run still takes tags
    client.delete_tag(run_id, "k")
    assert user_tags(client.get_run(run_id)) == {"b": "two", "key with space": "ok", "dotted.key/with-slash": "ok", "after-end": "fine"}

    with pytest.raises(MlflowException) as excinfo:
        client.delete_tag(run_id, "never-set")
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"


def test_invalid_keys_are_rejected(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    for bad in ("../escape", "/abs", "a//b", "trailing/"):
        with pytest.raises(MlflowException) as excinfo:
            client.log_metric(run_id, bad, 1.0)
        assert error_code_of(excinfo) == "INVALID_PARAMETER_VALUE", bad
    assert client.get_run(run_id).data.metrics == {}


def test_log_batch(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    ts = now_ms()
    client.log_batch(
        run_id,
        metrics=[Metric("loss", 1.0, ts, 0), Metric("loss", 0.5, ts + 1, 1), Metric("acc", 0.7, ts, 0)],
        params=[Param("p1", "a"), Param("p2", "b")],
        tags=[RunTag("t1", "x"), RunTag("t2", "y")],
    )
    # Re-sending the same params (e.g. after a retry) is fine.
    client.log_batch(run_id, params=[Param("p1", "a")], tags=[RunTag("t1", "z")])
    got = client.get_run(run_id)
    assert got.data.metrics == {"loss": 0.5, "acc": 0.7}
    assert got.data.params == {"p1": "a", "p2": "b"}
    assert user_tags(got) == {"t1": "z", "t2": "y"}
    assert [(m.step, m.value) for m in client.get_metric_history(run_id, "loss")] == [(0, 1.0), (1, 0.5)]

    # A batch larger than the server limits: the client splits it into several requests.
    many = [Metric("big", float(i), ts + i, i) for i in range(2500)]
    client.log_batch(run_id, metrics=many, params=[Param(f"k{i}", str(i)) for i in range(150)])
    assert len(client.get_metric_history(run_id, "big")) == 2500
    assert len(client.get_run(run_id).data.params) == 152


def test_log_batch_param_conflict_writes_nothing(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    client.log_param(run_id, "fixed", "1")
    with pytest.raises(MlflowException) as excinfo:
        client.log_batch(
            run_id,
            metrics=[Metric("m", 1.0, now_ms(), 0)],
            params=[Param("fresh", "x"), Param("fixed", "2")],
            tags=[RunTag("t", "v")],
        )
    assert error_code_of(excinfo) == "INVALID_PARAMETER_VALUE"
    got = client.get_run(run_id)
    assert got.data.params == {"fixed": "1"}
    assert got.data.metrics == {}
    assert user_tags(got) == {}


@requires_mlflow3  # a metric's model_id is new in MLflow 3
def test_log_batch_failing_late_is_atomic_on_sextant(client, experiment_id):
    """A batch that fails only when its metrics are stored (unknown model_id)."""
    run_id = client.create_run(experiment_id).info.run_id
    with pytest.raises(MlflowException) as excinfo:
        client.log_batch(
            run_id,
            metrics=[Metric("m", 1.0, now_ms(), 0, model_id="m-" + "0" * 32)],
            params=[Param("p", "x")],
            tags=[RunTag("t", "v")],
        )
    assert excinfo.value.get_http_status_code() in (400, 404)
    got = client.get_run(run_id)
    if IS_SEXTANT:
        # Sextant's log-batch is one transaction: an invalid batch writes nothing.
        assert (got.data.params, got.data.metrics, user_tags(got)) == ({}, {}, {})
    else:
        # The reference server commits params and metrics before the model-metric insert fails
        # (and reports the SQL IntegrityError as BAD_REQUEST); tags are not reached.
        assert got.data.params == {"p": "x"}
        assert user_tags(got) == {}


def test_log_input_pandas_dataset(client, experiment_id):
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [0.0, 1.0, 0.0]})
    dataset = mlflow.data.from_pandas(df, name="toy-train", targets="y")
    with mlflow.start_run() as run:
        mlflow.log_input(dataset, context="training", tags={"split": "train"})
        mlflow.log_input(mlflow.data.from_pandas(df.head(2), name="toy-eval"), context="eval")
    got = client.get_run(run.info.run_id)
    inputs = {d.dataset.name: d for d in got.inputs.dataset_inputs}
    assert set(inputs) == {"toy-train", "toy-eval"}
    train = inputs["toy-train"]
    assert train.dataset.digest == dataset.digest
    assert train.dataset.source_type == dataset.source.__class__._get_source_type()
    assert train.dataset.schema and train.dataset.profile
    input_tags = {t.key: t.value for t in train.tags}
    assert input_tags["mlflow.data.context"] == "training"
    assert input_tags["split"] == "train"
    assert {t.key: t.value for t in inputs["toy-eval"].tags}["mlflow.data.context"] == "eval"

    # The client can rebuild the dataset from what the server returned.
    source = mlflow.data.get_source(train)
    assert source is not None


def test_dataset_inputs_in_the_order_logged_and_a_relog_keeps_the_first(client, experiment_id):
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [0.0, 1.0, 0.0]})
    # Two datasets with one name (as sklearn autolog logs train and eval): order is all that tells them apart.
    train = mlflow.data.from_pandas(df, name="dataset")
    evaluation = mlflow.data.from_pandas(df.head(2), name="dataset")
    with mlflow.start_run() as run:
        mlflow.log_input(train, context="training")
        mlflow.log_input(evaluation, context="eval")
        mlflow.log_input(train, context="validation", tags={"extra": "1"})
    got = client.get_run(run.info.run_id).inputs.dataset_inputs
    assert [d.dataset.digest for d in got] == [train.digest, evaluation.digest]
    assert {t.key: t.value for t in got[0].tags} == {"mlflow.data.context": "training"}
    found = client.search_runs([experiment_id], filter_string="datasets.context = 'training'")
    assert [r.info.run_id for r in found] == [run.info.run_id]
    assert client.search_runs([experiment_id], filter_string="datasets.context = 'validation'") == []


def test_long_tags_sent_at_creation_are_kept_whole(client, experiment_id):
    with mlflow.start_run(description="d" * 20000) as run:
        pass
    assert len(client.get_run(run.info.run_id).data.tags["mlflow.note.content"]) == 20000


def test_status_enum_round_trip(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    for status in ("FINISHED", "FAILED", "KILLED", "RUNNING"):
        client.update_run(run_id, status=status)
        assert client.get_run(run_id).info.status == status
        assert RunStatus.from_string(client.get_run(run_id).info.status) == RunStatus.from_string(status)
