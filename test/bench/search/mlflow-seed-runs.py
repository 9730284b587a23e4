"""Fills an MLflow SQLite tracking database with given runs, straight through sqlite3.

Seeding 10,000 runs through MLflow's REST API takes many minutes. Instead the benchmark creates
the experiment and one template run through the API (so every column holds what MLflow itself
writes: source, user, status, lifecycle, artifact location), stops the server, and this script
writes each run listed in the input as a copy of the template's rows in `runs`, `params`,
`metrics`, `latest_metrics` and `tags`, with the run's own id, name, start time, param values,
metric values (timestamp, step) and tag values; `mlflow.runName` is the run's name. Then the
template run is deleted. Every run must have exactly the template's param, metric and tag keys
(tags the template has and the run does not list, e.g. mlflow.user, are copied as they are).

Usage: python mlflow-seed-runs.py <mlflow.db> <input.json>
input.json: {"template": "<run id>", "runs": [{"id", "name", "start_time",
             "params": {k: v}, "metrics": {k: [value, timestamp, step]}, "tags": {k: v}}, ...]}
Prints one JSON line: {"runs": n, "rows": {...}, "seconds": s}.
"""

import json
import math
import sqlite3
import sys
import time

TABLES = ("params", "metrics", "latest_metrics", "tags")


def main():
    db, source = sys.argv[1], sys.argv[2]
    t0 = time.time()
    with open(source, encoding="utf-8") as f:
        spec = json.load(f)
    template = spec["template"]
    con = sqlite3.connect(db)
    cur = con.cursor()

    def rows_of(table):
        cols = [r[1] for r in cur.execute("PRAGMA table_info(%s)" % table)]
        found = cur.execute("SELECT * FROM %s WHERE run_uuid = ?" % table, (template,)).fetchall()
        return cols, [dict(zip(cols, r)) for r in found]

    run_cols, run_rows = rows_of("runs")
    if len(run_rows) != 1:
        raise SystemExit("template run %s not found" % template)
    template_run = run_rows[0]
    tables = {t: rows_of(t) for t in TABLES}

    def keys_of(table):
        return sorted(r["key"] for r in tables[table][1])

    def check_keys(run, field, table):
        listed = sorted(run[field].keys())
        if field == "tags":
            missing = [k for k in listed if k not in keys_of(table)]
        else:
            missing = [] if listed == keys_of(table) else listed
        if missing:
            raise SystemExit("run %s: %s keys %s differ from the template's %s" % (run["id"], field, listed, keys_of(table)))

    def metric_row(r, rid, point):
        value, timestamp, step = point
        nan = isinstance(value, float) and math.isnan(value)
        return dict(r, run_uuid=rid, value=0.0 if nan else value, timestamp=timestamp, step=step, is_nan=nan)

    def fill(table, run, rid, rows):
        if table == "params":
            return [dict(r, run_uuid=rid, value=run["params"][r["key"]]) for r in rows]
        if table in ("metrics", "latest_metrics"):
            return [metric_row(r, rid, run["metrics"][r["key"]]) for r in rows]
        out = []
        for r in rows:
            key = r["key"]
            value = run["name"] if key == "mlflow.runName" else run["tags"].get(key, r["value"])
            out.append(dict(r, run_uuid=rid, value=value))
        return out

    counts = {"runs": 0, **{t: 0 for t in TABLES}}
    batch = {t: [] for t in counts}

    def flush():
        for table, items in batch.items():
            if not items:
                continue
            cols = run_cols if table == "runs" else tables[table][0]
            sql = "INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join("?" * len(cols)))
            cur.executemany(sql, [tuple(r[c] for c in cols) for r in items])
            counts[table] += len(items)
            items.clear()

    con.execute("BEGIN")
    for i, run in enumerate(spec["runs"]):
        for field, table in (("params", "params"), ("metrics", "metrics"), ("tags", "tags")):
            check_keys(run, field, table)
        rid = run["id"]
        r = dict(template_run, run_uuid=rid, name=run["name"], start_time=run["start_time"])
        r["artifact_uri"] = template_run["artifact_uri"].replace(template, rid)
        batch["runs"].append(r)
        for table, (_, rows) in tables.items():
            batch[table].extend(fill(table, run, rid, rows))
        if i % 5000 == 4999:
            flush()
    flush()
    for table in TABLES + ("runs",):
        cur.execute("DELETE FROM %s WHERE run_uuid = ?" % table, (template,))
    con.commit()
    con.close()
    print(json.dumps({"runs": len(spec["runs"]), "rows": counts, "templateRows": {t: len(r) for t, (_, r) in tables.items()}, "seconds": time.time() - t0}))


if __name__ == "__main__":
    main()
