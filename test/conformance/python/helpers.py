"""Helpers shared by the conformance tests (fixtures live in conftest.py)."""

import os
import uuid

import requests
from mlflow.exceptions import MlflowException

TRACKING_URI = os.environ.get("MLFLOW_TRACKING_URI", "").rstrip("/")
# Set only for the Sextant run. Branch on it only where Sextant is deliberately stricter than the
# reference server, and say why at the branch.
IS_SEXTANT = os.environ.get("SEXTANT_SERVER") == "1"


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
