"""Fills an MLflow SQLite tracking database with the benchmark's big store, straight through sqlite3.

Seeding 50,000 runs through MLflow's REST API would take hours. Instead the benchmark creates the
experiment and run 0 through the API (so every column holds what MLflow itself writes), stops the
server, and this script copies run 0's rows for runs 1..n-1 in one transaction, recomputing the
values that differ per run exactly as test/bench/big-store.ts defines them:

  run i: run_uuid 'b16' + i in 29 hex digits, name big-run-NNNNNN, start_time base + i*1000,
         params p0..p9 = v{(i+k) % 7}, metrics m0..m9 = hash(i, k) at step 0, timestamp
         start_time + 500 (also in latest_metrics), tags t0..t2 = tag{k}-{(i+k) % 5}, and
         mlflow.runName = the name (any other tag of run 0 is copied as is).

Usage: python mlflow-seed.py <mlflow.db> <run-0 id> <runs> <base time ms>
Prints one JSON line: {"runs": n, "rows": {...}, "seconds": s}.
"""

import json
import sqlite3
import sys
import time


def run_id(i):
    return "b16" + format(i, "029x")


def name(i):
    return "big-run-%06d" % i


def metric_value(i, k):
    return ((i * 2654435761 + k * 40503) & 0xFFFFFFFF) / 2**32


def main():
    db, template, runs, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    t0 = time.time()
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

    def fill_runs(i, rid):
        r = dict(template_run)
        r["run_uuid"] = rid
        r["name"] = name(i)
        r["start_time"] = base + i * 1000
        r["artifact_uri"] = template_run["artifact_uri"].replace(template, rid)
        return [r]

    def fill_params(i, rid, rows):
        return [dict(r, run_uuid=rid, value="v%d" % ((i + int(r["key"][1:])) % 7)) for r in rows]

    def fill_metrics(i, rid, rows):
        return [dict(r, run_uuid=rid, value=metric_value(i, int(r["key"][1:])), timestamp=base + i * 1000 + 500) for r in rows]

    def fill_tags(i, rid, rows):
        out = []
        for r in rows:
            key = r["key"]
            if key == "mlflow.runName":
                value = name(i)
            elif key[0] == "t" and key[1:].isdigit():
                value = "tag%s-%d" % (key[1:], (i + int(key[1:])) % 5)
            else:
                value = r["value"]
            out.append(dict(r, run_uuid=rid, value=value))
        return out

    tables = {}
    for table in ("params", "metrics", "latest_metrics", "tags"):
        cols, rows = rows_of(table)
        tables[table] = (cols, rows)

    fillers = {"params": fill_params, "metrics": fill_metrics, "latest_metrics": fill_metrics, "tags": fill_tags}
    counts = {"runs": 0, "params": 0, "metrics": 0, "latest_metrics": 0, "tags": 0}
    con.execute("BEGIN")
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

    for i in range(1, runs):
        rid = run_id(i)
        batch["runs"].extend(fill_runs(i, rid))
        for table, (_, rows) in tables.items():
            batch[table].extend(fillers[table](i, rid, rows))
        if i % 5000 == 0:
            flush()
    flush()
    con.commit()
    con.close()
    print(json.dumps({"runs": runs, "rows": counts, "templateRows": {t: len(r) for t, (_, r) in tables.items()}, "seconds": time.time() - t0}))


if __name__ == "__main__":
    main()
