"""Web load test (not a test): latency of the document view, the events page, facets and map data.

Starts ``hadath serve``'s app with uvicorn in a subprocess on a free loopback
port, over a store of ``--docs`` (100,000) documents: the founding page, the
601 articles of ``$HADATH_SHARED/corpus/arabic_news_sample.jsonl`` read by the
pipeline, and copies of them moved to other months (see ``copies``). Then it
sends a bounded number of requests (``--requests``, 130) from ``--threads``
(2) threads, each kind of request over the selections of ``FILTERS`` in turn,
and stops after ``--seconds`` (600) whatever happens. Loopback only. Building
the store takes about 7 minutes; ``--db PATH`` keeps it for the next run.

    .venv/bin/python bench/bench_web.py --db /tmp/web100k.db
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from latency import print_latencies, wait_until_answering

from hadath.store import Store

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[1] / "../shared"))
SEED = SHARED / "seed" / "000_98d78d77fcb958ba.txt"
CORPUS = SHARED / "corpus" / "arabic_news_sample.jsonl"


def _shifted(value: object, year: int, month: int) -> object:
    """A date string moved to ``year``-``month`` (same day, at most the 28th)."""
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return value
    out = f"{year:04d}"
    if len(value) >= 7:
        out += f"-{month:02d}"
    if len(value) >= 10:
        out += f"-{min(int(value[8:10] or 1), 28):02d}"
    return out + value[10:]


def copies(records: list[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    """``total`` records: the read ones, then copies moved to other months and years.

    Copy ``k`` gets its own id and text (a line appended, so every offset
    stays true) and its dates moved to one of 180 months (2008 to 2022), so
    that its events make happenings of their own rather than mentions of the
    original's: the store then holds about as many happenings as a real one of
    that size.
    """
    for k in range(total):
        base = records[k % len(records)]
        if k < len(records):
            yield base
            continue
        year, month = 2008 + (k // 12) % 15, 1 + k % 12
        record = copy.deepcopy(base)
        record["id"] = f"{base['id']}~{k}"
        record["text"] = base["text"] + f"\ncopy {k}"
        record["published"] = _shifted(base.get("published") or "2016-01-01", year, month)
        for event in record.get("events") or []:
            event["date"] = _shifted(event.get("date"), year, month)
        yield record


def build_store(path: Path, docs: int) -> str:
    """Store ``docs`` documents (the founding page, the corpus, copies); return the page's id."""
    from hadath import read, read_many

    seed = read(SEED)
    records = [seed]
    if CORPUS.is_file():
        records += [r.record for r in read_many([CORPUS]) if r.record is not None]
    with Store(path) as store:
        store.add(copies(records, docs), batch_size=1000)
        events = store._conn.execute("SELECT COUNT(*), COUNT(DISTINCT happening) FROM events")
        n_events, n_happenings = events.fetchone()
        print(f"store: {store.count():,} documents, {n_events:,} events, {n_happenings:,}"
              " happenings")  # fmt: skip
    return str(seed["id"])


# the analyst's requests, each over these selections in turn: the whole store, one actor
# since a year, a common type, a dyad
FILTERS = ("", "actor=SYR&since=2016", "type=CONSULT", "dyad=USA,RUS")


def requests_of(seed_id: str) -> dict[str, list[str]]:
    """Per kind of request, the addresses the load cycles through."""
    return {
        "document view": [f"/doc/{seed_id}"],
        "events page": [f"/events?{f}" for f in FILTERS],
        "facets": [f"/api/facets?{f}" for f in FILTERS],
        "map data": [f"/api/places?{f}" for f in FILTERS],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import sys, uvicorn\n"
        "from hadath.web.app import create_app\n"
        "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]),"
        " log_level='warning')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)])
    if wait_until_answering(proc, port, seconds=30, poll=0.1, timeout=1):
        return proc
    proc.kill()
    raise SystemExit("the server did not start within 30 s")


def load(base: str, paths: dict[str, list[str]], total: int, threads: int, seconds: float) -> None:
    every = [(name, path) for name, group in paths.items() for path in group]
    plan = list(itertools.islice(itertools.cycle(every), total))[::-1]
    lock = threading.Lock()
    times: dict[str, list[float]] = {name: [] for name in paths}
    per_path: dict[str, list[float]] = {}
    errors: list[str] = []
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=300) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if not plan:
                        return
                    name, path = plan.pop()
                started = time.perf_counter()
                r = client.get(path)
                took = time.perf_counter() - started
                with lock:
                    times[name].append(took)
                    per_path.setdefault(path, []).append(took)
                    if r.status_code != 200:
                        errors.append(f"{name}: {r.status_code}")

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started
    done = sum(len(v) for v in times.values())
    print(f"cpu_count={os.cpu_count()} threads={threads} requests={done} in {wall:.2f} s:"
          f" {done / wall:.1f} requests/s overall, {len(errors)} errors")  # fmt: skip
    print_latencies(times, 14)
    print("  median per request:")
    for path, values in per_path.items():
        print(f"    {statistics.median(values) * 1000:8.1f} ms  n={len(values):3d}  {path[:70]}")
    if errors:
        print("  errors:", errors[:5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents to store (100000)")
    parser.add_argument("--db", type=Path, help="keep the store here (reused if it exists)")
    parser.add_argument("--requests", type=int, default=130, help="requests to send (130)")
    parser.add_argument("--threads", type=int, default=2, help="concurrent clients (2)")
    parser.add_argument("--seconds", type=float, default=600.0, help="time limit (600 s)")
    args = parser.parse_args()
    if not SEED.is_file():
        raise SystemExit(f"the founding page is absent ({SEED}); set HADATH_SHARED")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if db.exists():
            from hadath import read

            seed_id = str(read(SEED)["id"])
            with Store(db, readonly=True) as store:
                print(f"store: {db} ({store.count():,} documents), reused")
        else:
            started = time.perf_counter()
            seed_id = build_store(db, args.docs)
            print(f"built the store in {time.perf_counter() - started:.1f} s")
        port = free_port()
        proc = serve(db, port)
        try:
            load(f"http://127.0.0.1:{port}", requests_of(seed_id), args.requests, args.threads,
                 args.seconds)  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
