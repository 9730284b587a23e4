"""Error format: JSON {"error_code", "message"} with MLflow's HTTP status per code."""

import uuid

import pytest
from helpers import IS_SEXTANT, assert_error, error_code_of
from mlflow.exceptions import MlflowException, RestException


def test_missing_run_is_404_resource_does_not_exist(api):
    r = api.get("/api/2.0/mlflow/runs/get", params={"run_id": uuid.uuid4().hex})
    assert_error(r, 404, "RESOURCE_DOES_NOT_EXIST")


def test_missing_experiment_is_404(api):
    r = api.get("/api/2.0/mlflow/experiments/get", params={"experiment_id": "987654321"})
    assert_error(r, 404, "RESOURCE_DOES_NOT_EXIST")


def test_missing_required_field_is_400_invalid_parameter_value(api):
    r = api.post("/api/2.0/mlflow/experiments/create", json={})
    body = assert_error(r, 400, "INVALID_PARAMETER_VALUE")
    assert "name" in body["message"]

    # An empty string counts as missing.
    r = api.post("/api/2.0/mlflow/experiments/create", json={"name": ""})
    assert_error(r, 400, "INVALID_PARAMETER_VALUE")

    r = api.get("/api/2.0/mlflow/experiments/get-by-name")
    assert_error(r, 400, "INVALID_PARAMETER_VALUE")


def test_log_metric_without_timestamp_is_400(api, client, experiment_id):
    run_id = client.create_run(experiment_id).info.run_id
    r = api.post("/api/2.0/mlflow/runs/log-metric", json={"run_id": run_id, "key": "m", "value": 1})
    assert_error(r, 400, "INVALID_PARAMETER_VALUE")


def test_log_batch_limits_and_duplicates_are_400(api, client, experiment_id):
    # The Python client splits big batches itself; other clients (and raw REST) hit the limits.
    run_id = client.create_run(experiment_id).info.run_id
    too_many = [{"key": "m", "value": 1.0, "timestamp": 1, "step": i} for i in range(1001)]
    r = api.post("/api/2.0/mlflow/runs/log-batch", json={"run_id": run_id, "metrics": too_many})
    assert_error(r, 400, "INVALID_PARAMETER_VALUE")
    for dup in ([{"key": "p", "value": "1"}, {"key": "p", "value": "2"}], [{"key": "p", "value": "1"}, {"key": "p", "value": "1"}]):
        r = api.post("/api/2.0/mlflow/runs/log-batch", json={"run_id": run_id, "params": dup})
        assert_error(r, 400, "INVALID_PARAMETER_VALUE")
        assert "Duplicate parameter keys have been submitted: ['p']" in r.json()["message"]
    run = client.get_run(run_id)
    assert run.data.metrics == {} and run.data.params == {}


def test_post_without_json_content_type_is_400(api):
    r = api.post("/api/2.0/mlflow/experiments/create", data=b'{"name": "x"}')
    assert_error(r, 400, "INVALID_PARAMETER_VALUE")


def test_unknown_endpoint_is_404(api):
    r = api.get("/api/2.0/mlflow/no-such-endpoint/" + uuid.uuid4().hex)
    assert r.status_code == 404
    if IS_SEXTANT:
        # The reference server answers an HTML 404 page here; the reference doc (section 12.21)
        # asks a re-implementation for the JSON form, which clients read identically.
        assert_error(r, 404, "ENDPOINT_NOT_FOUND")
    r = api.post("/api/2.0/mlflow/no-such-endpoint", json={})
    assert r.status_code == 404
    if IS_SEXTANT:
        assert_error(r, 404, "ENDPOINT_NOT_FOUND")


def test_client_sees_endpoint_not_found_for_unknown_endpoint(tracking_uri):
    # What the Python client makes of the 404 (JSON or not): ENDPOINT_NOT_FOUND, the code its
    # fallbacks (trace v3 -> v2, registry endpoint lists) key on.
    from mlflow.utils.rest_utils import MlflowHostCreds, http_request, verify_rest_response

    host = MlflowHostCreds(tracking_uri)
    endpoint = "/api/2.0/mlflow/no-such-endpoint"
    response = http_request(host, endpoint, "GET", max_retries=0)
    with pytest.raises(MlflowException) as excinfo:
        verify_rest_response(response, endpoint)
    assert error_code_of(excinfo) == "ENDPOINT_NOT_FOUND"


def test_client_raises_rest_exception_with_code(client):
    with pytest.raises(RestException) as excinfo:
        client.get_run(uuid.uuid4().hex)
    assert error_code_of(excinfo) == "RESOURCE_DOES_NOT_EXIST"
    assert excinfo.value.get_http_status_code() == 404
