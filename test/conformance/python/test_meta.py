"""Service routes outside the proto RPCs: /health, /version, /api/3.0/mlflow/server-info."""

from packaging.version import Version


def test_health(api):
    r = api.get("/health")
    assert r.status_code == 200
    assert r.text.strip() == "OK"


def test_version_is_pep440(api):
    # The Python client parses this with packaging.Version (3 s timeout, no retries) to gate
    # features such as OTLP span export (>= 3.4); garbage silently disables them.
    r = api.get("/version")
    assert r.status_code == 200
    version = Version(r.text.strip())
    assert version >= Version("3.0"), version


def test_server_info(api):
    r = api.get("/api/3.0/mlflow/server-info")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body.get("store_type") in ("SqlStore", "FileStore", None), body
    # No workspaces: the client then never sends X-MLFLOW-WORKSPACE.
    assert body.get("workspaces_enabled") is False, body

