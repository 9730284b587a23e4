"""Artifacts through the mlflow-artifacts proxy: upload, list, download, binary, odd names."""

import hashlib
import json
import os
import random

import mlflow
import mlflow.artifacts
import pytest
import yaml
from helpers import IS_SEXTANT


def listing(client, run_id, path=None):
    return {(f.path, f.is_dir, f.file_size) for f in client.list_artifacts(run_id, path)}


def test_log_artifact_and_list(client, experiment_id, tmp_path):
    (tmp_path / "hello.txt").write_text("hello world\n")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    with mlflow.start_run() as run:
        assert run.info.artifact_uri.startswith("mlflow-artifacts:")
        mlflow.log_artifact(str(tmp_path / "hello.txt"))
        mlflow.log_artifact(str(tmp_path / "data.csv"), artifact_path="tables/raw")
    run_id = run.info.run_id

    assert listing(client, run_id) == {("hello.txt", False, 12), ("tables", True, None)}
    assert listing(client, run_id, "tables") == {("tables/raw", True, None)}
    assert listing(client, run_id, "tables/raw") == {("tables/raw/data.csv", False, 8)}
    # Listing a file, or a path that does not exist, gives an empty list (or the file itself).
    assert client.list_artifacts(run_id, "nope") == []
    assert [f.path for f in mlflow.artifacts.list_artifacts(run_id=run_id, artifact_path="tables/raw")] == ["tables/raw/data.csv"]

    dst = tmp_path / "dl"
    dst.mkdir()
    local = client.download_artifacts(run_id, "hello.txt", str(dst))
    assert open(local).read() == "hello world\n"


def test_log_artifacts_directory_tree(client, experiment_id, tmp_path):
    src = tmp_path / "src"
    files = {
        "top.txt": "top",
        "a/one.txt": "1",
        "a/b/two.txt": "22",
        "a/b/c/three.json": json.dumps({"x": 3}),
        "empty-ish/e.txt": "",
    }
    for rel, content in files.items():
        p = src / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content)
    with mlflow.start_run() as run:
        mlflow.log_artifacts(str(src), artifact_path="tree")
        mlflow.log_artifacts(str(src / "a" / "b"))  # into the root
    run_id = run.info.run_id

    assert listing(client, run_id) == {("tree", True, None), ("two.txt", False, 2), ("c", True, None)}
    assert listing(client, run_id, "tree") == {
        ("tree/top.txt", False, 3), ("tree/a", True, None), ("tree/empty-ish", True, None)
    }
    assert listing(client, run_id, "tree/a/b") == {("tree/a/b/two.txt", False, 2), ("tree/a/b/c", True, None)}
    # An empty file: the reference server omits file_size (proto default), 0 is fine too.
    [(path, is_dir, size)] = listing(client, run_id, "tree/empty-ish")
    assert (path, is_dir, size or 0) == ("tree/empty-ish/e.txt", False, 0)

    # Directory download (recursive), through both client entry points.
    out = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="tree", dst_path=str(tmp_path / "dl1"))
    for rel, content in files.items():
        assert open(os.path.join(out, rel)).read() == content, rel
    out = client.download_artifacts(run_id, "tree/a", str(tmp_path))
    assert open(os.path.join(out, "b", "c", "three.json")).read() == files["a/b/c/three.json"]

    # Whole-run download.
    out = mlflow.artifacts.download_artifacts(run_id=run_id, dst_path=str(tmp_path / "dl2"))
    assert sorted(os.listdir(out)) == ["c", "tree", "two.txt"]
    assert open(os.path.join(out, "tree", "a", "one.txt")).read() == "1"

    # By artifact URI.
    out = mlflow.artifacts.download_artifacts(f"runs:/{run_id}/tree/top.txt", dst_path=str(tmp_path / "dl3"))
    assert open(out).read() == "top"


def test_log_text_and_dict(client, experiment_id, tmp_path):
    with mlflow.start_run() as run:
        mlflow.log_text("ünïcødé text\nline 2", "notes/readme.md")
        mlflow.log_dict({"a": 1, "nested": {"b": [1, 2]}}, "config/params.json")
        mlflow.log_dict({"k": "v"}, "config/params.yaml")
    run_id = run.info.run_id
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/notes/readme.md") == "ünïcødé text\nline 2"
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/config/params.json") == {"a": 1, "nested": {"b": [1, 2]}}
    path = client.download_artifacts(run_id, "config/params.yaml", str(tmp_path))
    assert yaml.safe_load(open(path)) == {"k": "v"}
    assert {f.path for f in client.list_artifacts(run_id, "config")} == {"config/params.json", "config/params.yaml"}


def test_binary_round_trip_is_byte_exact(client, experiment_id, tmp_path):
    rng = random.Random(1234)
    payload = rng.randbytes(3 * 1024 * 1024 + 12345)
    # Make sure tricky byte sequences are present: NULs, CR/LF, invalid UTF-8.
    payload = b"\x00\r\n\xff\xfe\x00" + payload + b"\r\n\x00"
    src = tmp_path / "blob.bin"
    src.write_bytes(payload)
    with mlflow.start_run() as run:
        mlflow.log_artifact(str(src), artifact_path="bin")
    run_id = run.info.run_id
    assert listing(client, run_id, "bin") == {("bin/blob.bin", False, len(payload))}
    out = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="bin/blob.bin", dst_path=str(tmp_path / "dl"))
    data = open(out, "rb").read()
    assert len(data) == len(payload)
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(payload).hexdigest()


# The client does not URL-quote '%' or '#' in artifact paths, so names containing them cannot
# round-trip through any server; they are left out on purpose.
@pytest.mark.parametrize(
    "name",
    ["with space.txt", "plus+and&amp;semi;.txt", "ünïcødé-名前.txt", "emoji 🚀 file.txt"],
)
def test_odd_artifact_names(client, experiment_id, tmp_path, name):
    src_dir = tmp_path / "src"
    src_dir.mkdir()
    (src_dir / name).write_text(f"content of {name}")
    with mlflow.start_run() as run:
        mlflow.log_artifact(str(src_dir / name), artifact_path="dir with space/ü")
    run_id = run.info.run_id
    assert [f.path for f in client.list_artifacts(run_id)] == ["dir with space"]
    assert [f.path for f in client.list_artifacts(run_id, "dir with space/ü")] == [f"dir with space/ü/{name}"]
    if not name.isascii() and not IS_SEXTANT:
        # The reference server answers 500 when downloading a file whose *basename* is not
        # ASCII (it cannot encode the Content-Disposition header); Sextant must serve it.
        return
    out = client.download_artifacts(run_id, f"dir with space/ü/{name}", str(tmp_path))
    assert os.path.basename(out) == name
    assert open(out).read() == f"content of {name}"
    # A directory whose name is not ASCII downloads fine from both servers.
    out = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="dir with space", dst_path=str(tmp_path / "d"))
    assert os.listdir(os.path.join(out, "ü")) == [name]


def test_artifacts_of_other_runs_are_separate(client, experiment_id, tmp_path):
    with mlflow.start_run() as a:
        mlflow.log_text("a", "same.txt")
    with mlflow.start_run() as b:
        mlflow.log_text("b", "same.txt")
    assert mlflow.artifacts.load_text(f"runs:/{a.info.run_id}/same.txt") == "a"
    assert mlflow.artifacts.load_text(f"runs:/{b.info.run_id}/same.txt") == "b"
    with mlflow.start_run() as c:
        pass
    assert client.list_artifacts(c.info.run_id) == []
