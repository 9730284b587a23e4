"""Grows one MLflow metric history straight in its SQLite file, for the history workload.

Logging a million points through MLflow's REST API takes the better part of an hour on this
box. Instead the workload logs the first batch (`batch` points at steps 0..batch-1, timestamps
base..base+batch-1) through the API, so every column holds what MLflow itself writes, and this
script copies that batch's rows for batches 1..n-1, adding i*batch to step and timestamp, exactly
as the workload's payload builder (test/bench/payloads.ts MetricBatchBody) fills batch i for
Sextant. latest_metrics then names the last point, as MLflow would after logging it. The server
may keep running: it holds no lock between requests and caches no metric rows.

Usage: python history-mlflow-seed.py <mlflow.db> <run id> <metric key> <total points> <batch>
Prints one JSON line: {"points": n, "seconds": s}.
"""

import json
import sqlite3
import sys
import time


def main():
    db, run_id, key, total, batch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    t0 = time.time()
    con = sqlite3.connect(db, timeout=60)
    cur = con.cursor()
    cols = [r[1] for r in cur.execute("PRAGMA table_info(metrics)")]
    first = cur.execute('SELECT * FROM metrics WHERE run_uuid = ? AND "key" = ? ORDER BY step', (run_id, key)).fetchall()
    if len(first) != batch:
        raise SystemExit("expected %d logged points of %s in run %s, found %d" % (batch, key, run_id, len(first)))
    step_at, ts_at = cols.index("step"), cols.index("timestamp")
    insert = 'INSERT INTO metrics (%s) VALUES (%s)' % (", ".join('"%s"' % c for c in cols), ", ".join("?" * len(cols)))
    batches = (total + batch - 1) // batch
    cur.execute("BEGIN")
    for i in range(1, batches):
        shift = i * batch
        rows = []
        for r in first:
            r = list(r)
            r[step_at] += shift
            r[ts_at] += shift
            rows.append(r)
        cur.executemany(insert, rows)
    last = list(first[-1])
    last[step_at] += (batches - 1) * batch
    last[ts_at] += (batches - 1) * batch
    row = dict(zip(cols, last))
    cur.execute(
        'UPDATE latest_metrics SET value = ?, timestamp = ?, step = ?, is_nan = ? WHERE run_uuid = ? AND "key" = ?',
        (row["value"], row["timestamp"], row["step"], row["is_nan"], run_id, key),
    )
    con.commit()
    print(json.dumps({"points": batches * batch, "seconds": round(time.time() - t0, 2)}))


if __name__ == "__main__":
    main()
