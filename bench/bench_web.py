"""Web load test (not a test): requests/s and p95 latency of the document view and an events query.

Starts ``hadath serve``'s app with uvicorn in a subprocess on a free loopback
port, over a store of the founding page plus the first ``--docs`` articles of
``$HADATH_SHARED/corpus/arabic_news_sample.jsonl``, then sends a bounded number
of requests (``--requests``, default 300) from ``--threads`` (4) threads, and
stops after ``--seconds`` (30) whatever happens. Loopback only.

    .venv/bin/python bench/bench_web.py --requests 300 --threads 4
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from hadath.store import Store

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[1] / "../shared"))
SEED = SHARED / "seed" / "000_98d78d77fcb958ba.txt"
CORPUS = SHARED / "corpus" / "arabic_news_sample.jsonl"


def build_store(path: Path, docs: int) -> str:
    """Store the founding page and ``docs`` corpus articles; return the founding page's id."""
    from hadath import read, read_many

    seed = read(SEED)
    records = [seed]
    if CORPUS.is_file() and docs:
        lines = CORPUS.read_text(encoding="utf-8").splitlines()[:docs]
        tmp = path.with_suffix(".jsonl")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        records += [r.record for r in read_many([tmp]) if r.record is not None]
    with Store(path) as store:
        store.add(records)
        print(f"store: {store.count()} documents, {len(store.events(limit=None))} events")
    return str(seed["id"])


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
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start within 30 s")


def load(base: str, paths: dict[str, str], total: int, threads: int, seconds: float) -> None:
    plan = list(itertools.islice(itertools.cycle(paths), total))
    lock = threading.Lock()
    times: dict[str, list[float]] = {name: [] for name in paths}
    errors: list[str] = []
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if not plan:
                        return
                    name = plan.pop()
                started = time.perf_counter()
                r = client.get(paths[name])
                took = time.perf_counter() - started
                with lock:
                    times[name].append(took)
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
    for name, values in times.items():
        if not values:
            continue
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"  {name:<14} n={len(values):4d}  median {statistics.median(values) * 1000:6.1f} ms"
              f"  p95 {p95 * 1000:6.1f} ms  ({len(values) / wall:.1f} requests/s)")  # fmt: skip
    if errors:
        print("  errors:", errors[:5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="corpus articles to store (100)")
    parser.add_argument("--requests", type=int, default=300, help="requests to send (300)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit (30 s)")
    args = parser.parse_args()
    if not SEED.is_file():
        raise SystemExit(f"the founding page is absent ({SEED}); set HADATH_SHARED")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        seed_id = build_store(db, args.docs)
        print(f"built the store in {time.perf_counter() - started:.1f} s")
        port = free_port()
        proc = serve(db, port)
        try:
            paths = {
                "document view": f"/doc/{seed_id}",
                "events query": "/api/events?actor=USA&type=CONSULT,AGREE&limit=100",
                "events page": "/events?actor=SYR&since=2016",
            }
            load(f"http://127.0.0.1:{port}", paths, args.requests, args.threads, args.seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
