"""hadath batch --db: workers storing their partitions into PostgreSQL, once, even when killed;
SQLite stored by one writer after the run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import AR_TEXTS, EN_TEXT

from hadath.batch import load_outputs, run_batch
from hadath.cli import main
from hadath.store import Store


def _records(out: Path) -> list[dict[str, Any]]:
    return list(load_outputs(out))


def _articles(path: Path, n: int) -> Path:
    """``n`` JSON Lines articles, each its own text (the store keeps one of identical texts)."""
    texts = [t.partition("\n\n")[2] for t in AR_TEXTS] + [EN_TEXT.partition("\n\n")[2]]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"{texts[i % len(texts)]} وقال المتحدث إن الاجتماع رقم {i} انتهى مساء."
            fh.write(json.dumps({"id": f"a{i:03d}", "text": text}, ensure_ascii=False) + "\n")
    return path


def _consistent(store: Store) -> int:
    """The documents a reader sees, after checking that none of them is half written."""
    db = store._db
    half = db.execute(
        "SELECT COUNT(*) FROM documents d WHERE d.n_events !="
        " (SELECT COUNT(*) FROM events e WHERE e.doc = d.rowid)"
        " OR NOT EXISTS (SELECT 1 FROM search s WHERE s.rowid = d.rowid)"
    ).fetchone()[0]
    assert half == 0, "a reader saw a document without all its parts"
    return store.count()


def _check_store(url: str, out: Path) -> None:
    """Every record of the output folder is stored, once, with all its events."""
    records = _records(out)
    with Store(url, readonly=True) as store:
        assert store.count() == len(records)
        assert sorted(d["id"] for d in store.documents(limit=10_000)) == sorted(
            r["id"] for r in records
        )
        assert len(store.events(limit=None)) == sum(len(r["events"]) for r in records)
        assert store.integrity() == "ok"
        _consistent(store)
        happenings = _happenings(store)
    # the same happenings, mentions and documents as one SQLite writer storing the records
    lite = out.parent / f"check-{len(records)}.db"
    with Store(lite) as check:
        check.add(records)
        assert happenings == _happenings(check)
        assert len(happenings) < len(check.events(limit=None))  # mentions were grouped
    lite.unlink()


def _happenings(store: Store) -> dict[str, tuple[int, int]]:
    """Each happening's mentions and documents (in any order the workers stored them)."""
    rows = store.events(dedup=True, limit=None)
    return {h["happening"]: (h["mentions"], h["documents"]) for h in rows}


def test_batch_store_postgres_four_workers_and_readers(tmp_path: Path, pg_url: str) -> None:
    articles = _articles(tmp_path / "articles.jsonl", 30)
    out = tmp_path / "out"
    Store(pg_url).close()  # the readers open it read-only while the workers write
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            with Store(pg_url, readonly=True) as store:
                while not done.is_set():
                    seen.append(_consistent(store))
                    store.search("المتحدث")
                    store.events(limit=20, actor="USA")
                    time.sleep(0.05)
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        summary = run_batch([articles], out, partition_size=3, workers=4, db=pg_url)
    finally:
        done.set()
        for t in readers:
            t.join()
    assert not errors, errors
    assert seen == sorted(seen), "a reader saw documents disappear"
    assert len({p.pid for p in summary.parts}) > 1
    assert summary.stored == summary.records == 30
    _check_store(pg_url, out)

    # run again: every partition is done and stored; nothing is read or stored again
    again = run_batch([articles], out, partition_size=3, workers=4, db=pg_url)
    assert again.resumed == again.partitions and again.stored == 0
    # a partition stored but never marked done (killed between the two) is redone, adds nothing
    (out / "part-00002.done.json").unlink()
    third = run_batch([articles], out, partition_size=3, workers=4, db=pg_url)
    assert (third.resumed, third.stored, third.duplicates) == (third.partitions - 1, 0, 3)
    _check_store(pg_url, out)


def _workers(pid: int) -> list[int]:
    """The pool's worker processes under ``pid`` (not multiprocessing's resource tracker)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    found = []
    for child in path.read_text().split() if path.exists() else []:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:  # spawned or forked alike
            found.append(int(child))
    return found


def test_batch_store_postgres_killed_worker_then_rerun(tmp_path: Path, pg_url: str) -> None:
    articles = _articles(tmp_path / "articles.jsonl", 60)
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "hadath", "batch", str(articles), "--out", str(out)]
    argv += ["--workers", "4", "--partition-size", "2", "--db", pg_url, "--quiet"]
    Store(pg_url).close()
    run = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed = None
    with Store(pg_url, readonly=True) as store:
        deadline = time.monotonic() + 300
        # once partitions are being stored, kill one of the four worker processes
        while run.poll() is None and time.monotonic() < deadline:
            workers = _workers(run.pid)
            if store.count() >= 6 and len(workers) >= 4:
                killed = workers[-1]
                os.kill(killed, signal.SIGKILL)
                break
            time.sleep(0.05)
        run.communicate(timeout=300)
        assert killed is not None, "the batch ended before a worker could be killed"
        assert run.returncode != 0  # the run reports the lost worker
        partial = _consistent(store)
        assert 6 <= partial < 60
    assert main(argv[3:]) == 0  # the same command again completes the run
    _check_store(pg_url, out)


def test_batch_store_sqlite_single_writer_after_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = _articles(tmp_path / "articles.jsonl", 8)
    db, out = tmp_path / "b.db", tmp_path / "out"
    argv = ["batch", str(articles), "--out", str(out), "--workers", "2", "--db", str(db)]
    argv += ["--partition-size", "3"]
    assert main(argv) == 0
    assert "8 records stored, 0 stored already" in capsys.readouterr().err
    with Store(db, readonly=True) as store:
        assert store.count() == len(_records(out)) == 8
    assert main(argv) == 0
    assert "0 records stored, 8 stored already" in capsys.readouterr().err
