"""Shared fixtures for the MLflow client conformance suite.

The same tests run against a real `mlflow server` (to prove the suite right) and against
`sextant serve`. The server under test comes from the environment:

  MLFLOW_TRACKING_URI   http(s) URL of the tracking server (required)
  SEXTANT_SERVER=1      set only when the server is Sextant; a few tests branch on it where
                        Sextant is deliberately stricter than the reference server.

Every test creates its own experiment (unique name), so tests are independent of each other
and of whatever else lives on the server.
"""

import os

# Fail fast instead of retrying for minutes, and keep the client off the network. These must be
# set before MLflow reads them; MLflow reads its environment variables lazily, so setting them at
# import time of this conftest is early enough (the runner sets them too).
os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "60")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
# Keep artifact traffic on the plain proxy PUT/GET routes (the defaults, made explicit).
os.environ.setdefault("MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD", "false")
os.environ.setdefault("MLFLOW_ENABLE_PROXY_MULTIPART_DOWNLOAD", "false")
# A stray env var would silently redirect runs away from the experiments the tests create.
for _var in ("MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_RUN_ID"):
    os.environ.pop(_var, None)

import mlflow  # noqa: E402
import pytest  # noqa: E402
from helpers import IS_SEXTANT, TRACKING_URI, Api, unique  # noqa: E402
from mlflow import MlflowClient  # noqa: E402


def pytest_configure(config):
    if not TRACKING_URI.startswith(("http://", "https://")):
        raise pytest.UsageError(
            "MLFLOW_TRACKING_URI must be the http(s) URL of the tracking server under test, "
            f"got {TRACKING_URI!r}"
        )


def pytest_report_header(config):
    return f"tracking server: {TRACKING_URI} ({'sextant' if IS_SEXTANT else 'reference mlflow'})"

@pytest.fixture(scope="session")
def tracking_uri():
    return TRACKING_URI


@pytest.fixture(scope="session")
def api():
    return Api(TRACKING_URI)


@pytest.fixture(autouse=True)
def _tracking(tracking_uri):
    """Point the client at the server and leave no active run or experiment behind."""
    mlflow.set_tracking_uri(tracking_uri)
    yield
    while mlflow.active_run() is not None:
        mlflow.end_run()
    # set_experiment() stores the id in the module and in MLFLOW_EXPERIMENT_ID; forget both.
    mlflow.tracking.fluent._active_experiment_id = None
    os.environ.pop("MLFLOW_EXPERIMENT_ID", None)


@pytest.fixture
def client(tracking_uri):
    return MlflowClient(tracking_uri=tracking_uri)


@pytest.fixture
def experiment_id(client):
    """A fresh experiment, also made the fluent API's active experiment."""
    name = unique("exp")
    exp_id = client.create_experiment(name)
    mlflow.set_experiment(experiment_id=exp_id)
    return exp_id
