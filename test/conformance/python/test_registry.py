"""Model registry: registering from runs and logged models, stages, aliases, search, loading back."""

import mlflow
import mlflow.sklearn
import numpy as np
import pytest
from helpers import IS_MLFLOW2, IS_SEXTANT, assert_error, error_code_of, log_sklearn_model, unique
from mlflow.exceptions import MlflowException
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression


@pytest.fixture(scope="module")
def trained():
    X, y = make_classification(n_samples=60, n_features=4, random_state=0)
    return LogisticRegression(max_iter=200).fit(X, y), X


@pytest.fixture
def registered(client, experiment_id, trained):
    """A model with two versions logged from one run: (name, run_id, model)."""
    model, _ = trained
    name = unique("reg")
    with mlflow.start_run() as run:
        info = log_sklearn_model(model, registered_model_name=name)
    assert str(info.registered_model_version) == "1"
    mlflow.register_model(f"runs:/{run.info.run_id}/model", name)
    return name, run.info.run_id, model


def test_log_model_registers_versions_from_logged_models(client, registered):
    name, run_id, _ = registered
    versions = sorted(client.search_model_versions(f"name = '{name}'"), key=lambda v: int(v.version))
    assert [v.version for v in versions] == ["1", "2"]
    for v in versions:
        assert v.status == "READY"
        assert v.current_stage == "None"
        if IS_MLFLOW2:
            # MLflow 2 clients register the run's artifact folder (there are no logged models).
            assert v.source == f"{client.get_run(run_id).info.artifact_uri}/model"
        else:
            assert v.source.startswith("models:/m-")
        assert v.run_id == run_id
    rm = client.get_registered_model(name)
    assert rm.name == name
    assert {v.version for v in rm.latest_versions} == {"2"}


def test_load_by_version_stage_and_alias_gives_the_same_predictions(client, registered, trained):
    name, _, model = registered
    _, X = trained
    client.transition_model_version_stage(name, "1", "Staging")
    client.transition_model_version_stage(name, "2", "production")  # stages are case-insensitive
    client.set_registered_model_alias(name, "champion", "1")
    expected = model.predict(X)
    for uri in [f"models:/{name}/1", f"models:/{name}/Production", f"models:/{name}@champion"]:
        assert np.array_equal(mlflow.pyfunc.load_model(uri).predict(X), expected), uri
    assert client.get_model_version(name, "2").current_stage == "Production"
    assert client.get_model_version_by_alias(name, "champion").version == "1"


def test_archive_existing_versions_and_latest_versions(client, registered):
    name, _, _ = registered
    client.transition_model_version_stage(name, "1", "Production")
    client.transition_model_version_stage(name, "2", "Production", archive_existing_versions=True)
    assert client.get_model_version(name, "1").current_stage == "Archived"
    latest = {v.current_stage: v.version for v in client.get_latest_versions(name)}
    assert latest == {"Archived": "1", "Production": "2"}
    assert [v.version for v in client.get_latest_versions(name, stages=["Production"])] == ["2"]
    with pytest.raises(MlflowException) as e:
        client.transition_model_version_stage(name, "1", "Archived", archive_existing_versions=True)
    # The reference server answers this user error with INTERNAL_ERROR (a 500 that clients
    # retry); Sextant answers 400 INVALID_PARAMETER_VALUE, as for every bad input.
    assert error_code_of(e) == ("INVALID_PARAMETER_VALUE" if IS_SEXTANT else "INTERNAL_ERROR")
    with pytest.raises(MlflowException):
        client.transition_model_version_stage(name, "1", "Shipping")


def test_aliases_move_and_delete(client, registered):
    name, _, _ = registered
    client.set_registered_model_alias(name, "best", "1")
    client.set_registered_model_alias(name, "best", "2")
    assert client.get_registered_model(name).aliases == {"best": "2"}
    assert client.get_model_version(name, "2").aliases == ["best"]
    client.delete_registered_model_alias(name, "best")
    assert client.get_registered_model(name).aliases == {}
    with pytest.raises(MlflowException) as e:
        client.get_model_version_by_alias(name, "best")
    assert error_code_of(e) == "INVALID_PARAMETER_VALUE"
    with pytest.raises(MlflowException):
        client.set_registered_model_alias(name, "latest", "1")


def test_create_rename_update_tags_and_duplicates(client):
    name = unique("model")
    client.create_registered_model(name, tags={"team": "ml"}, description="first")
    with pytest.raises(MlflowException) as e:
        client.create_registered_model(name)
    assert error_code_of(e) == "RESOURCE_ALREADY_EXISTS"
    client.update_registered_model(name, description="second")
    client.set_registered_model_tag(name, "k", "v")
    client.delete_registered_model_tag(name, "team")
    renamed = unique("renamed")
    client.rename_registered_model(name, renamed)
    rm = client.get_registered_model(renamed)
    assert rm.description == "second" and rm.tags == {"k": "v"}
    with pytest.raises(MlflowException) as e:
        client.get_registered_model(name)
    assert error_code_of(e) == "RESOURCE_DOES_NOT_EXIST"
    client.delete_registered_model(renamed)
    with pytest.raises(MlflowException):
        client.get_registered_model(renamed)


def test_version_tags_description_delete_and_numbers_never_reused(client, registered):
    name, run_id, _ = registered
    client.set_model_version_tag(name, "1", "validated", "yes")
    client.update_model_version(name, "1", description="good one")
    v1 = client.get_model_version(name, "1")
    assert v1.tags == {"validated": "yes"} and v1.description == "good one"
    client.delete_model_version_tag(name, "1", "validated")
    assert client.get_model_version(name, "1").tags == {}
    client.delete_model_version(name, "2")
    with pytest.raises(MlflowException) as e:
        client.get_model_version(name, "2")
    assert error_code_of(e) == "RESOURCE_DOES_NOT_EXIST"
    v3 = mlflow.register_model(f"runs:/{run_id}/model", name)
    assert v3.version == "3"


def test_search_filters_order_and_paging(client):
    prefix = unique("srch")
    for i in range(5):
        client.create_registered_model(f"{prefix}-{i}", tags={"i": str(i)})
    found = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%'", order_by=["name DESC"])
    assert [m.name for m in found] == [f"{prefix}-{i}" for i in reversed(range(5))]
    assert [m.name for m in client.search_registered_models(filter_string=f"name LIKE '{prefix}-%' AND tags.i = '3'")] == [f"{prefix}-3"]
    page = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%'", max_results=2)
    assert len(page) == 2 and page.token
    rest = client.search_registered_models(filter_string=f"name LIKE '{prefix}-%'", max_results=10, page_token=page.token)
    assert len(rest) == 3


def test_copy_model_version_and_download_uri(client, registered, trained):
    name, _, model = registered
    _, X = trained
    target = unique("copy")
    copied = client.copy_model_version(f"models:/{name}/1", target)
    assert copied.name == target and copied.version == "1"
    assert np.array_equal(mlflow.pyfunc.load_model(f"models:/{target}/1").predict(X), model.predict(X))
    assert client.get_model_version_download_uri(name, "1")


def test_search_model_versions_by_run_id(client, registered):
    name, run_id, _ = registered
    versions = client.search_model_versions(f"run_id = '{run_id}' AND name = '{name}'")
    assert sorted(v.version for v in versions) == ["1", "2"]


def test_a_source_outside_the_store_is_refused_or_never_served(client, api, registered):
    name, run_id, _ = registered
    if IS_SEXTANT:
        # Sextant refuses sources that do not resolve to a run or logged model of its own store
        # (the CVE-2023-1177 class); the reference server stores them.
        with pytest.raises(MlflowException) as e:
            client.create_model_version(name, "file:///etc/", run_id=run_id)
        assert error_code_of(e) == "INVALID_PARAMETER_VALUE"
    r = api.get("/model-versions/get-artifact", params={"name": name, "version": "1", "path": "../../../../etc/passwd"})
    assert r.status_code in (400, 403, 404), r.status_code
    assert "root:" not in r.text


def test_missing_model_errors(api):
    assert_error(api.get("/api/2.0/mlflow/registered-models/get", params={"name": unique("none")}), 404, "RESOURCE_DOES_NOT_EXIST")
    assert_error(api.get("/api/2.0/mlflow/model-versions/get", params={"name": unique("none"), "version": "1"}), 404, "RESOURCE_DOES_NOT_EXIST")


def test_a_get_without_query_string_reads_its_json_body(api, client):
    # mlflow-export-import sends GET parameters as a JSON body; MLflow's server reads a GET's body
    # when the query string is empty, and only then (handlers._get_request_message).
    name = unique("body")
    client.create_registered_model(name)
    r = api.get("/api/2.0/mlflow/registered-models/get", json={"name": name})
    assert r.status_code == 200, r.text[:500]
    assert r.json()["registered_model"]["name"] == name
    missing = unique("none")
    assert_error(api.get("/api/2.0/mlflow/registered-models/get", params={"name": missing}, json={"name": name}), 404, "RESOURCE_DOES_NOT_EXIST")
