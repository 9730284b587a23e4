"""Service routes outside the proto RPCs: /health, /version, /api/3.0/mlflow/server-info."""

import re
from pathlib import Path

from packaging.version import Version

# The newest MLflow of the client matrix: the reference server runs it, and Sextant answers as it.
NEWEST_MLFLOW = re.search(
    r"^mlflow==(\S+)$", (Path(__file__).parent / "requirements.txt").read_text(), re.MULTILINE
).group(1)


def test_health(api):
    r = api.get("/health")
    assert r.status_code == 200
    assert r.text.strip() == "OK"


def test_version_is_the_newest_mlflow(api):
    # The Python client parses this with packaging.Version (3 s timeout, no retries) to gate
    # features such as OTLP span export (>= 3.4); garbage silently disables them.
    r = api.get("/version")
    assert r.status_code == 200
    assert Version(r.text.strip()) == Version(NEWEST_MLFLOW), (r.text, NEWEST_MLFLOW)


def test_server_info(api):
    r = api.get("/api/3.0/mlflow/server-info")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body.get("store_type") in ("SqlStore", "FileStore", None), body
    # No workspaces: the client then never sends X-MLFLOW-WORKSPACE.
    assert body.get("workspaces_enabled") is False, body
    # The capability flags MLflow 3.17 answers, all booleans; the client reads the multipart ones
    # to choose how to upload artifacts, and with local proxied storage both are off.
    for key in (
        "trace_archival_enabled",
        "multipart_uploads_enabled",
        "multipart_downloads_enabled",
        "presigned_upload_run_id_supported",
        "presigned_upload_model_id_supported",
    ):
        assert isinstance(body.get(key), bool), (key, body)
    assert body["multipart_uploads_enabled"] is False and body["multipart_downloads_enabled"] is False, body
    assert isinstance(body.get("features_enabled"), dict), body
    assert isinstance(body["features_enabled"].get("gateway"), bool), body
