"""Experiments: create/get/get-by-name/search/update/delete/restore/tags."""

import mlflow
import pytest
from helpers import error_code_of, requires_mlflow3, unique
from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException


def test_default_experiment_exists(client):
    exp = client.get_experiment("0")
    assert exp.experiment_id == "0"
    assert exp.name == "Default"
    assert exp.lifecycle_stage == "active"
    assert client.get_experiment_by_name("Default").experiment_id == "0"


def test_create_and_get(client):
    name = unique("exp")
    exp_id = client.create_experiment(name, tags={"team": "vision", "mlflow.note.content": "notes"})
    assert isinstance(exp_id, str) and exp_id

    exp = client.get_experiment(exp_id)
    assert exp.experiment_id == exp_id
    assert exp.name == name
    assert exp.lifecycle_stage == "active"
    assert exp.tags == {"team": "vision", "mlflow.note.content": "notes"}
    assert exp.creation_time > 0
    assert exp.last_update_time >= exp.creation_time
    # Remote clients can only reach artifacts through the proxy (or object stores).
    assert exp.artifact_location.startswith(("mlflow-artifacts:", "http:", "https:", "s3:", "gs:"))

    by_name = client.get_experiment_by_name(name)
    assert by_name.experiment_id == exp_id
    assert by_name.name == name


def test_name_is_kept_verbatim(client):
    name = unique("  Ünïcødé exp with spaces / slash ") + "  "
    exp_id = client.create_experiment(name)
    assert client.get_experiment(exp_id).name == name
    assert client.get_experiment_by_name(name).experiment_id == exp_id


def test_get_experiment_by_name_missing_returns_none(client):
    assert client.get_experiment_by_name(unique("missing")) is None
    assert mlflow.get_experiment_by_name(unique("missing")) is None


def test_get_missing_experiment_raises(client):
    with pytest.raises(MlflowException) as excinfo:
        client.get_experiment("918273645")
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"


def test_set_experiment_creates_and_reuses():
    name = unique("fluent")
    exp = mlflow.set_experiment(name)
    assert exp.name == name
    again = mlflow.set_experiment(name)
    assert again.experiment_id == exp.experiment_id
    with mlflow.start_run() as run:
        assert run.info.experiment_id == exp.experiment_id


def test_duplicate_name_is_resource_already_exists(client):
    name = unique("dup")
    client.create_experiment(name)
    with pytest.raises(MlflowException) as excinfo:
        client.create_experiment(name)
    assert error_code_of(excinfo) == "RESOURCE_ALREADY_EXISTS"
    assert excinfo.value.get_http_status_code() == 400


def test_delete_and_restore(client):
    name = unique("del")
    exp_id = client.create_experiment(name)
    run_id = client.create_run(exp_id).info.run_id

    client.delete_experiment(exp_id)
    exp = client.get_experiment(exp_id)  # still readable
    assert exp.lifecycle_stage == "deleted"
    # Deleting an experiment marks its runs deleted too.
    assert client.get_run(run_id).info.lifecycle_stage == "deleted"
    # get-by-name still finds it.
    assert client.get_experiment_by_name(name).lifecycle_stage == "deleted"

    active = {e.experiment_id for e in client.search_experiments(filter_string=f"name = '{name}'")}
    assert exp_id not in active
    deleted = client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string=f"name = '{name}'")
    assert [e.experiment_id for e in deleted] == [exp_id]
    every = client.search_experiments(view_type=ViewType.ALL, filter_string=f"name = '{name}'")
    assert [e.experiment_id for e in every] == [exp_id]

    # The name of a deleted experiment is still taken.
    with pytest.raises(MlflowException) as excinfo:
        client.create_experiment(name)
    assert error_code_of(excinfo) == "RESOURCE_ALREADY_EXISTS"

    # set_experiment refuses a deleted experiment.
    with pytest.raises(MlflowException):
        mlflow.set_experiment(name)

    # Deleting it again: MLflow looks among the active experiments only.
    with pytest.raises(MlflowException) as excinfo:
        client.delete_experiment(exp_id)
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"

    client.restore_experiment(exp_id)
    assert client.get_experiment(exp_id).lifecycle_stage == "active"
    with pytest.raises(MlflowException) as excinfo:
        client.restore_experiment(exp_id)
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"
    assert client.get_run(run_id).info.lifecycle_stage == "active"
    assert [e.experiment_id for e in client.search_experiments(filter_string=f"name = '{name}'")] == [exp_id]


def test_rename(client):
    old, new = unique("old"), unique("new")
    exp_id = client.create_experiment(old)
    client.rename_experiment(exp_id, new)
    assert client.get_experiment(exp_id).name == new
    assert client.get_experiment_by_name(new).experiment_id == exp_id
    assert client.get_experiment_by_name(old) is None

    # The new name must be unique.
    other = unique("other")
    client.create_experiment(other)
    with pytest.raises(MlflowException) as excinfo:
        client.rename_experiment(exp_id, other)
    # The reference server leaks a SQL IntegrityError as BAD_REQUEST here; any 400 will do.
    assert excinfo.value.get_http_status_code() == 400
    assert client.get_experiment(exp_id).name == new


def test_experiment_tags(client):
    exp_id = client.create_experiment(unique("tags"))
    client.set_experiment_tag(exp_id, "k", "v1")
    client.set_experiment_tag(exp_id, "k", "v2")  # upsert
    client.set_experiment_tag(exp_id, "other", "x")
    assert client.get_experiment(exp_id).tags == {"k": "v2", "other": "x"}

    mlflow.set_experiment(experiment_id=exp_id)
    mlflow.set_experiment_tag("fluent", "yes")
    assert client.get_experiment(exp_id).tags == {"k": "v2", "other": "x", "fluent": "yes"}


@requires_mlflow3  # MlflowClient.delete_experiment_tag is new in MLflow 3
def test_delete_experiment_tag(client):
    exp_id = client.create_experiment(unique("tags"), tags={"k": "v", "other": "x"})
    client.delete_experiment_tag(exp_id, "k")
    assert client.get_experiment(exp_id).tags == {"other": "x"}


def test_search_experiments_filter_order_and_paging(client):
    prefix = unique("srch")
    names = [f"{prefix}-{i:02d}" for i in range(7)]
    ids = {}
    for i, name in enumerate(names):
        ids[name] = client.create_experiment(name, tags={"parity": "even" if i % 2 == 0 else "odd"})
    client.create_experiment(unique("unrelated"))

    found = client.search_experiments(filter_string=f"name LIKE '{prefix}%'", order_by=["name ASC"])
    assert [e.name for e in found] == names

    found = client.search_experiments(filter_string=f"name LIKE '{prefix}%'", order_by=["name DESC"])
    assert [e.name for e in found] == names[::-1]

    # ILIKE is case-insensitive, LIKE is not.
    upper = prefix.upper()
    assert [e.name for e in client.search_experiments(filter_string=f"name LIKE '{upper}%'")] == []
    assert len(client.search_experiments(filter_string=f"name ILIKE '{upper}%'")) == 7

    even = client.search_experiments(
        filter_string=f"name LIKE '{prefix}%' AND tags.parity = 'even'", order_by=["name"]
    )
    assert [e.name for e in even] == names[0::2]

    exact = client.search_experiments(filter_string=f"name = '{names[3]}'")
    assert [e.experiment_id for e in exact] == [ids[names[3]]]

    # Paging: max_results + page_token until the token runs out.
    pages, token = [], None
    while True:
        page = client.search_experiments(
            filter_string=f"name LIKE '{prefix}%'", order_by=["name ASC"], max_results=3, page_token=token
        )
        pages.append([e.name for e in page])
        token = page.token
        if not token:
            break
    assert pages == [names[0:3], names[3:6], names[6:7]]

    # Fluent API pages internally and returns the full list.
    assert [e.name for e in mlflow.search_experiments(filter_string=f"name LIKE '{prefix}%'", order_by=["name"])] == names


def test_search_experiments_order_by_creation_time(client):
    prefix = unique("ct")
    created = [client.create_experiment(f"{prefix}-{i}") for i in range(3)]
    found = client.search_experiments(
        filter_string=f"name LIKE '{prefix}%'", order_by=["creation_time DESC", "experiment_id DESC"]
    )
    times = [e.creation_time for e in found]
    assert times == sorted(times, reverse=True)
    assert {e.experiment_id for e in found} == set(created)
