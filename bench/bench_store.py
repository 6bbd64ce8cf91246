"""Store benchmark (not a test): ingest N documents, then time a search, series and events.

The 601 articles of ``$HADATH_SHARED/corpus/arabic_news_sample.jsonl`` are read
through the pipeline once; their records are then repeated with new ids and a
marker in the text (so none is a duplicate) until N documents are stored.
``--db`` is an SQLite file or a PostgreSQL URL (an empty database); with a URL,
``--writers 4`` stores the N documents from 4 processes at once, each its own share.

    .venv/bin/python bench/bench_store.py --n 20000 --db /tmp/bench.db
    .venv/bin/python bench/bench_store.py --n 20000 --db postgresql://me@/bench --writers 4
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hadath import read_many
from hadath.store import IngestSummary, Store

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[1] / "../shared"))


def base_records() -> list[dict[str, Any]]:
    corpus = SHARED / "corpus" / "arabic_news_sample.jsonl"
    started = time.perf_counter()
    records = [r.record for r in read_many([corpus]) if r.record is not None]
    took = time.perf_counter() - started
    print(f"pipeline: {len(records)} records in {took:.1f} s ({len(records) / took:.1f} docs/s)")
    return records


def repeated(records: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    for i in range(n):
        base = records[i % len(records)]
        copy = i // len(records)
        if copy == 0:
            yield base
        else:
            # appended marker: offsets into the text stay valid
            yield base | {"id": f"{base['id']}#{copy}", "text": f"{base['text']}\n[copy {copy}]"}


def _write_share(db: str, records: list[dict[str, Any]], n: int, k: int, of: int) -> IngestSummary:
    """Writer ``k`` of ``of``: every ``of``-th of the N documents, from the ``k``-th."""
    with Store(db) as store:
        return store.add(d for i, d in enumerate(repeated(records, n)) if i % of == k)


def ingest(db: str, records: list[dict[str, Any]], n: int, writers: int) -> IngestSummary:
    if writers == 1:
        return _write_share(db, records, n, 0, 1)
    Store(db).close()  # migrate once, before the writers start
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        parts = pool.starmap(_write_share, [(db, records, n, k, writers) for k in range(writers)])
    return IngestSummary(
        sum(p.stored for p in parts),
        sum(p.duplicates for p in parts),
        tuple(f for p in parts for f in p.failed),
    )


def size_mb(store: Store, db: str) -> float:
    if store.postgres:
        got = store._db.execute("SELECT pg_database_size(current_database())").fetchone()
        return float(got[0]) / 1e6
    path = Path(db)
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents to ingest")
    parser.add_argument(
        "--db", help="SQLite file or PostgreSQL URL (default: a temporary SQLite file)"
    )
    parser.add_argument("--writers", type=int, default=1, help="writer processes (PostgreSQL)")
    parser.add_argument("--query", default="الرئيس السوري", help="search query to time")
    args = parser.parse_args()
    db = str(args.db or Path(tempfile.mkdtemp()) / "bench.db")
    records = base_records()
    print(f"cpu_count: {os.cpu_count()}  db: {db}  writers: {args.writers}")
    started = time.perf_counter()
    summary = ingest(db, records, args.n, args.writers)
    took = time.perf_counter() - started
    print(
        f"ingest: {summary.stored} stored, {summary.duplicates} duplicates,"
        f" {len(summary.failed)} failed in {took:.1f} s"
        f" = {summary.documents / took:,.0f} docs/s"
    )
    with Store(db, readonly=True) as store:
        size = size_mb(store, db)
        print(f"database size: {size:,.1f} MB ({size * 1e6 / max(1, summary.stored):,.0f} B/doc)")
        timings: tuple[tuple[str, Callable[[], list[dict[str, Any]]]], ...] = (
            (f"search {args.query!r} (limit 20)", lambda: store.search(args.query, limit=20)),
            ("series month by dyad", lambda: store.series("month", by="dyad")),
            ("series day by quad, actor SYR", lambda: store.series("day", by="quad", actor="SYR")),
            ("events source SYR (limit 100)", lambda: store.events(source="SYR", limit=100)),
            (
                "happenings actor SYR (dedup, limit 100)",
                lambda: store.events(dedup=True, actor="SYR", limit=100),
            ),
        )
        for label, fn in timings:
            started = time.perf_counter()
            result = fn()
            print(f"{label}: {len(result)} rows in {1000 * (time.perf_counter() - started):.1f} ms")


if __name__ == "__main__":
    main()
