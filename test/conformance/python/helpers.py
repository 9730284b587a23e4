"""Helpers shared by the conformance tests (fixtures live in conftest.py)."""

import os
import uuid

import mlflow
import pytest
import requests
from mlflow.exceptions import MlflowException
from packaging.version import Version

TRACKING_URI = os.environ.get("MLFLOW_TRACKING_URI", "").rstrip("/")
# Set only for the Sextant run. Branch on it only where Sextant is deliberately stricter than the
# reference server, and say why at the branch.
IS_SEXTANT = os.environ.get("SEXTANT_SERVER") == "1"

# The suite runs with each client of the matrix (the newest MLflow 3.x and the last 2.x; see
# test/conformance/python-env.mjs). Tests of what only MLflow 3 clients do are skipped under 2.x
# with this visible reason, never left out silently.
MLFLOW_VERSION = Version(mlflow.__version__)
IS_MLFLOW2 = MLFLOW_VERSION.major < 3
requires_mlflow3 = pytest.mark.skipif(
    IS_MLFLOW2, reason=f"needs an MLflow 3 client (the client under test is mlflow {mlflow.__version__})"
)


def log_sklearn_model(model, **kw):
    """mlflow.sklearn.log_model at the path/name "model": MLflow 3 says `name`, 2.x `artifact_path`."""
    import mlflow.sklearn

    return mlflow.sklearn.log_model(model, **({"artifact_path": "model"} if IS_MLFLOW2 else {"name": "model"}), **kw)


def unique(prefix="conf"):
    """A name no other test (or earlier suite run on the same server) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


class Api:
    """Raw REST access to the server under test, for what the client does not expose."""

    def __init__(self, base):
        self.base = base
        self.session = requests.Session()

    def get(self, path, **kw):
        kw.setdefault("timeout", 60)
        return self.session.get(self.base + path, **kw)

    def post(self, path, **kw):
        kw.setdefault("timeout", 60)
        return self.session.post(self.base + path, **kw)


def error_code_of(excinfo):
    """The MLflow error code carried by an MlflowException raised by the client."""
    exc = excinfo.value
    assert isinstance(exc, MlflowException), f"expected MlflowException, got {type(exc)}: {exc}"
    return exc.error_code


def assert_error(response, status, code):
    """A raw response is an MLflow error JSON object with the given HTTP status and error code."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers.get("content-type", "").startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body, dict), body
    assert body.get("error_code") == code, body
    assert isinstance(body.get("message"), str) and body["message"], body
    return body
