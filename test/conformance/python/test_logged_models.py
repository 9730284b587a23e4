"""MLflow 3 logged models: sklearn log_model/load_model and the MlflowClient logged-model API."""

import mlflow
import mlflow.sklearn
import numpy as np
import pytest
from helpers import IS_MLFLOW2, error_code_of, requires_mlflow3
from mlflow.exceptions import MlflowException
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

if not IS_MLFLOW2:
    from mlflow.entities import LoggedModelStatus

# Logged models (and their client API) are new in MLflow 3.
pytestmark = requires_mlflow3


@pytest.fixture(scope="module")
def trained():
    """A small model on a generated dataset (no downloads)."""
    X, y = make_classification(n_samples=200, n_features=6, n_informative=4, random_state=7)
    model = LogisticRegression(max_iter=500).fit(X, y)
    return model, X, y


def test_sklearn_log_and_load_model(client, experiment_id, trained, tmp_path):
    model, X, y = trained
    accuracy = float(model.score(X, y))
    with mlflow.start_run() as run:
        mlflow.log_param("C", model.C)
        mlflow.log_metric("train_acc", accuracy)
        info = mlflow.sklearn.log_model(model, name="model")
    run_id = run.info.run_id
    assert info.model_uri.startswith("models:/m-")
    assert info.model_id.startswith("m-")
    assert info.run_id == run_id

    expected = model.predict(X)
    by_model_uri = mlflow.sklearn.load_model(info.model_uri)
    assert np.array_equal(by_model_uri.predict(X), expected)
    by_run_uri = mlflow.sklearn.load_model(f"runs:/{run_id}/model")
    assert np.array_equal(by_run_uri.predict(X), expected)
    pyfunc = mlflow.pyfunc.load_model(info.model_uri)
    assert np.array_equal(np.asarray(pyfunc.predict(X)), expected)

    # The logged model entity.
    lm = client.get_logged_model(info.model_id)
    assert lm.model_id == info.model_id
    assert lm.name == "model"
    assert lm.experiment_id == experiment_id
    assert lm.source_run_id == run_id
    assert lm.status == LoggedModelStatus.READY
    assert lm.artifact_location.startswith("mlflow-artifacts:")
    assert lm.params.get("C") == str(model.C)  # run params are copied onto the model
    # The run's metrics at this step are re-logged with the model's id.
    assert [(m.key, m.value, m.run_id) for m in lm.metrics] == [("train_acc", accuracy, run_id)]

    # The run links to it as an output.
    got = client.get_run(run_id)
    assert [o.model_id for o in got.outputs.model_outputs] == [info.model_id]

    # Its artifacts are listed and downloadable.
    files = {f.path for f in mlflow.artifacts.list_artifacts(artifact_uri=info.model_uri)}
    assert "MLmodel" in files
    mlmodel = mlflow.artifacts.download_artifacts(f"{lm.artifact_location}/MLmodel", dst_path=str(tmp_path))
    assert "sklearn" in open(mlmodel).read()

    found = client.search_logged_models([experiment_id])
    assert [m.model_id for m in found] == [info.model_id]


def test_logged_model_client_api(client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    lm = client.create_logged_model(
        experiment_id, name="manual", source_run_id=run_id, tags={"t1": "a"}, params={"p1": "1"}, model_type="agent"
    )
    model_id = lm.model_id
    assert model_id.startswith("m-")
    assert lm.status == LoggedModelStatus.PENDING
    assert lm.name == "manual"
    assert lm.model_type == "agent"
    assert lm.tags.get("t1") == "a"
    assert lm.params == {"p1": "1"}
    assert lm.artifact_location.endswith(f"/models/{model_id}/artifacts")

    got = client.get_logged_model(model_id)
    assert (got.model_id, got.name, got.source_run_id, got.experiment_id) == (model_id, "manual", run_id, experiment_id)

    client.set_logged_model_tags(model_id, {"t2": "b", "t1": "a2"})
    assert {k: v for k, v in client.get_logged_model(model_id).tags.items() if not k.startswith("mlflow.")} == {
        "t1": "a2", "t2": "b"
    }
    client.delete_logged_model_tag(model_id, "t1")
    assert "t1" not in client.get_logged_model(model_id).tags

    client.log_model_params(model_id, {"p2": "2", "p3": "x"})
    assert client.get_logged_model(model_id).params == {"p1": "1", "p2": "2", "p3": "x"}

    finalized = client.finalize_logged_model(model_id, LoggedModelStatus.READY)
    assert finalized.status == LoggedModelStatus.READY
    assert client.get_logged_model(model_id).status == LoggedModelStatus.READY

    failed = client.create_logged_model(experiment_id, name="broken")
    assert client.finalize_logged_model(failed.model_id, "FAILED").status == LoggedModelStatus.FAILED

    # A name is generated when none is given.
    assert client.create_logged_model(experiment_id).name

    client.delete_logged_model(model_id)
    with pytest.raises(MlflowException) as excinfo:
        client.get_logged_model(model_id)
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"
    assert model_id not in {m.model_id for m in client.search_logged_models([experiment_id])}


def test_get_missing_logged_model(client):
    with pytest.raises(MlflowException) as excinfo:
        client.get_logged_model("m-" + "0" * 32)
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"


def test_search_logged_models(client, experiment_id):
    ids = {}
    run_id = client.create_run(experiment_id).info.run_id
    for i, name in enumerate(["alpha", "beta", "gamma", "delta"]):
        lm = client.create_logged_model(
            experiment_id, name=name, params={"i": str(i)}, tags={"kind": "even" if i % 2 == 0 else "odd"}
        )
        ids[name] = lm.model_id
        client.log_metric(run_id, "score", float(i) / 10, model_id=lm.model_id)
    client.finalize_logged_model(ids["alpha"], LoggedModelStatus.READY)
    client.finalize_logged_model(ids["gamma"], LoggedModelStatus.READY)

    def names(models):
        return [m.name for m in models]

    # Default order: newest first.
    assert names(client.search_logged_models([experiment_id])) == ["delta", "gamma", "beta", "alpha"]
    assert set(names(client.search_logged_models([experiment_id], filter_string="name = 'beta'"))) == {"beta"}
    assert set(names(client.search_logged_models([experiment_id], filter_string="name LIKE '%a'"))) == {"alpha", "beta", "gamma", "delta"}
    assert set(names(client.search_logged_models([experiment_id], filter_string="tags.kind = 'even'"))) == {"alpha", "gamma"}
    assert set(names(client.search_logged_models([experiment_id], filter_string="params.i = '3'"))) == {"delta"}
    assert set(names(client.search_logged_models([experiment_id], filter_string="metrics.score > 0.15"))) == {"gamma", "delta"}
    assert set(names(client.search_logged_models([experiment_id], filter_string=f"model_id = '{ids['beta']}'"))) == {"beta"}
    assert set(names(client.search_logged_models([experiment_id], filter_string="name IN ('beta', 'delta')"))) == {"beta", "delta"}
    # (No `status = ...` filter here: the reference server compares status with its stored
    # integer, so `status = 'READY'` matches nothing there; clients cannot rely on it.)
    by_metric = client.search_logged_models(
        [experiment_id], order_by=[{"field_name": "metrics.score", "ascending": False}]
    )
    assert names(by_metric) == ["delta", "gamma", "beta", "alpha"]
    by_name = client.search_logged_models([experiment_id], order_by=[{"field_name": "name", "ascending": True}])
    assert names(by_name) == ["alpha", "beta", "delta", "gamma"]

    # Paging.
    seen, token = [], None
    while True:
        page = client.search_logged_models([experiment_id], max_results=3, page_token=token,
                                           order_by=[{"field_name": "name", "ascending": True}])
        seen += names(page)
        token = page.token
        if not token:
            break
    assert seen == ["alpha", "beta", "delta", "gamma"]

    # Fluent search returns a DataFrame by default.
    df = mlflow.search_logged_models(experiment_ids=[experiment_id], filter_string="name = 'gamma'")
    assert list(df["model_id"]) == [ids["gamma"]]


def test_log_metric_with_model_id(client, experiment_id):
    with mlflow.start_run() as run:
        lm = client.create_logged_model(experiment_id, name="scored", source_run_id=run.info.run_id)
        mlflow.log_metric("auc", 0.91, step=3, model_id=lm.model_id)
        mlflow.log_metrics({"f1": 0.8}, model_id=lm.model_id)
    got = client.get_logged_model(lm.model_id)
    metrics = {m.key: m for m in got.metrics}
    assert metrics["auc"].value == 0.91
    assert metrics["auc"].step == 3
    assert metrics["auc"].run_id == run.info.run_id
    assert metrics["f1"].value == 0.8
    # The run gets the metric too.
    assert client.get_run(run.info.run_id).data.metrics["auc"] == 0.91
