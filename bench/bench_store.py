"""Store benchmark (not a test): ingest N documents, then time a search and a dyad series.

The 601 articles of ``$HADATH_SHARED/corpus/arabic_news_sample.jsonl`` are read
through the pipeline once; their records are then repeated with new ids and a
marker in the text (so none is a duplicate) until N documents are stored.

    .venv/bin/python bench/bench_store.py --n 20000 --db /tmp/bench.db
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hadath import read_many
from hadath.store import Store

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents to ingest")
    parser.add_argument("--db", help="database file (default: a temporary file)")
    parser.add_argument("--query", default="الرئيس السوري", help="search query to time")
    args = parser.parse_args()
    db = Path(args.db or Path(tempfile.mkdtemp()) / "bench.db")
    records = base_records()
    print(f"cpu_count: {os.cpu_count()}  db: {db}")
    with Store(db) as store:
        started = time.perf_counter()
        summary = store.add(repeated(records, args.n))
        took = time.perf_counter() - started
        print(
            f"ingest: {summary.stored} stored, {summary.duplicates} duplicates,"
            f" {len(summary.failed)} failed in {took:.1f} s"
            f" = {summary.documents / took:,.0f} docs/s"
        )
        size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
        print(f"database size: {size / 1e6:,.1f} MB ({size / max(1, summary.stored):,.0f} B/doc)")
        timings: tuple[tuple[str, Callable[[], list[dict[str, Any]]]], ...] = (
            (f"search {args.query!r} (limit 20)", lambda: store.search(args.query, limit=20)),
            ("series month by dyad", lambda: store.series("month", by="dyad")),
            ("series day by quad, actor SYR", lambda: store.series("day", by="quad", actor="SYR")),
            ("events source SYR (limit 100)", lambda: store.events(source="SYR", limit=100)),
        )
        for label, fn in timings:
            started = time.perf_counter()
            result = fn()
            print(f"{label}: {len(result)} rows in {1000 * (time.perf_counter() - started):.1f} ms")


if __name__ == "__main__":
    main()
