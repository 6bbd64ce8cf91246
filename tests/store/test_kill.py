"""An ingest killed with SIGKILL mid-run keeps its committed batches; a re-run completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

DRIVER = """
import sys, time
from hadath.store import Store

db, n, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])

def records():
    for i in range(n):
        time.sleep(delay)
        text = f"Document {i}: the minister met envoys in the capital. They talked for {i} hours."
        yield {"id": f"doc-{i}", "text": text, "title": f"Talks {i}", "published": "2020-01-01",
               "actors": [{"name": "minister", "country": "EGY", "sector": "GOV"}],
               "events": [{"type": "CONSULT", "source": {"actor": 0, "country": "EGY"},
                           "date": "2020-01-01", "trigger": {"start": 30, "end": 33}}]}

with Store(db) as store:
    s = store.add(records(), batch_size=25)
    print(s.stored, s.duplicates, len(s.failed))
"""
N = 1000


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(N), "0.002"], env=env)
    deadline = time.monotonic() + 60
    while _count(db) < 100 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = _count(db)
    assert 100 <= kept < N, "the kill should land mid-run"
    assert kept % 25 == 0, "only whole batches are committed"

    done = subprocess.run(
        [sys.executable, str(script), str(db), str(N), "0"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    stored, duplicates, failed = map(int, done.stdout.split())
    assert (stored, duplicates, failed) == (N - kept, kept, 0)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone() == (N, N)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == N
    assert conn.execute("SELECT COUNT(*) FROM search").fetchone()[0] == N
    orphans = "SELECT COUNT(*) FROM events WHERE doc NOT IN (SELECT rowid FROM documents)"
    assert conn.execute(orphans).fetchone()[0] == 0
