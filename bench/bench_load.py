"""Bounded load test (not a test): ``hadath serve`` under N clients while an ingest writes.

Builds a store of ``--docs`` (3,000) documents (the founding page, the corpus articles read by
the pipeline and copies of them moved to other months, as ``bench_web.py`` does; ``--db PATH``
keeps it for the next run), starts ``hadath serve`` on 127.0.0.1 over it, and for
``--seconds`` (60) runs ``--clients`` (20) clients, each sending one request after another
(the events page, the search page, facets, and the JSON API: events, search, a document),
while ``hadath ingest`` writes new documents (the corpus articles again, each with a line of
its own) into the same store, one part of ``--ingest-batch`` (200) after another. Loopback
only; nothing is written into the project.

Reports, per kind of request, how many were answered and their median, p95 and longest
time; the errors (any answer but 200, a timeout, a refused connection), the tracebacks the
server logged, and how many documents the ingest stored meanwhile.

    .venv/bin/python bench/bench_load.py [--docs 3000] [--clients 20] [--seconds 60] [--db FILE]

Exit status 0 when no request failed and the ingest ended well, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from bench_web import CORPUS, FILTERS, SEED, build_store, free_port
from latency import print_latencies, wait_until_answering

from hadath.store import Store

SEARCHES = ("سوريا", "كيري", '"الأمم المتحدة"', "لافروف", "مفاوضات*")


def requests_of(doc_ids: list[str]) -> dict[str, list[str]]:
    """Per kind of request, the addresses the clients draw from."""
    return {
        "events page": [f"/events?{f}" for f in FILTERS],
        "search page": [f"/?q={q}" for q in SEARCHES],
        "facets": [f"/api/facets?{f}" for f in FILTERS],
        "api events": [f"/api/events?limit=50&{f}" for f in FILTERS],
        "api search": [f"/api/search?q={q}" for q in SEARCHES],
        "api document": [f"/api/documents/{i}" for i in doc_ids],
    }


def serve(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``hadath serve`` on 127.0.0.1:``port``, its log in ``log``, once it answers."""
    cmd = [sys.executable, "-m", "hadath.cli", "serve", "--db", str(db), "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen([*cmd, "--log-level", "warning"], stderr=out, stdout=out)
    if wait_until_answering(proc, port, seconds=60, poll=0.2, timeout=2):
        return proc
    if proc.poll() is not None:
        raise SystemExit(f"hadath serve exited with {proc.returncode}: {log.read_text()}")
    proc.kill()
    raise SystemExit("hadath serve did not answer within 60 s")


def corpus_texts() -> list[str]:
    out = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                article = json.loads(line)
                out.append(f"{article.get('title') or ''}\n\n{article['text']}")
    return out


class Ingest(threading.Thread):
    """``hadath ingest`` run on one new part after another until ``stop`` is set; the part
    running then is interrupted (SIGINT, as Ctrl-C) and left to end cleanly."""

    def __init__(self, db: Path, folder: Path, texts: list[str], batch: int) -> None:
        super().__init__(daemon=True)
        self.db, self.folder, self.texts, self.batch = db, folder, texts, batch
        self.stop = threading.Event()
        self.parts = 0
        self.failures: list[str] = []

    def run(self) -> None:
        k = 0
        while not self.stop.is_set():
            part = self.folder / f"load-{self.parts:04d}.jsonl"
            with part.open("w", encoding="utf-8") as fh:
                for _ in range(self.batch):
                    text = self.texts[k % len(self.texts)] + f"\nload {k}"
                    fh.write(json.dumps({"id": f"load-{k}", "text": text}, ensure_ascii=False))
                    fh.write("\n")
                    k += 1
            cmd = [sys.executable, "-m", "hadath.cli", "ingest", str(part), "--db", str(self.db)]
            proc = subprocess.Popen([*cmd, "--batch", "20", "-q"], stderr=subprocess.PIPE)
            while proc.poll() is None and not self.stop.wait(0.2):
                pass
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
            try:
                _, err = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
                self.failures.append(f"{part.name}: did not stop within 60 s of SIGINT")
                return
            interrupted = self.stop.is_set() and proc.returncode == 130
            if proc.returncode != 0 and not interrupted:
                self.failures.append(f"{part.name}: exit {proc.returncode}: {err.decode()[-300:]}")
            self.parts += 1


def load(
    base: str, paths: dict[str, list[str]], clients: int, seconds: float, seed: int
) -> tuple[dict[str, list[float]], Counter[str], float]:
    """Each client sends one request after another, of a kind drawn at random, until time is
    up."""
    kinds = list(paths)
    lock = threading.Lock()
    times: dict[str, list[float]] = {name: [] for name in paths}
    errors: Counter[str] = Counter()
    stop_at = time.monotonic() + seconds

    def client(k: int) -> None:
        draw = random.Random(seed + k)
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < stop_at:
                name = draw.choice(kinds)  # each kind as often, whatever its addresses
                path = draw.choice(paths[name])
                started = time.perf_counter()
                try:
                    status = str(http.get(path).status_code)
                except httpx.HTTPError as e:
                    status = type(e).__name__
                took = time.perf_counter() - started
                with lock:
                    times[name].append(took)
                    if status != "200":
                        errors[f"{name}: {status}"] += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return times, errors, time.perf_counter() - started


def report(times: dict[str, list[float]], errors: Counter[str], wall: float, clients: int) -> None:
    done = sum(len(v) for v in times.values())
    print(f"cpu_count={os.cpu_count()} clients={clients} requests={done} in {wall:.1f} s:"
          f" {done / wall:.1f} requests/s, {sum(errors.values())} errors")  # fmt: skip
    print_latencies(times, 13)
    for what, n in errors.most_common(10):
        print(f"  error: {what} x{n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000, help="documents to store (3000)")
    parser.add_argument("--db", type=Path, help="keep the store here (reused if it exists)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load runs (60)")
    parser.add_argument("--ingest-batch", type=int, default=200, help="documents per ingest (200)")
    parser.add_argument("--seed", type=int, default=19, help="the clients' random seed (19)")
    args = parser.parse_args()
    if not (SEED.is_file() and CORPUS.is_file()):
        raise SystemExit(f"the founding page or the corpus is absent ({SEED}); set HADATH_SHARED")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.db"
        if db.exists():
            print(f"store: {db}, reused")
        else:
            started = time.perf_counter()
            build_store(db, args.docs)
            print(f"built the store in {time.perf_counter() - started:.1f} s")
        with Store(db, readonly=True) as store:
            before = store.count()
            doc_ids = [str(d["id"]) for d in store.documents(limit=50)]
        log = Path(tmp) / "serve.log"
        port = free_port()
        proc = serve(db, port, log)
        ingest = Ingest(db, Path(tmp), corpus_texts(), args.ingest_batch)
        try:
            ingest.start()
            times, errors, wall = load(
                f"http://127.0.0.1:{port}", requests_of(doc_ids), args.clients, args.seconds,
                args.seed,
            )  # fmt: skip
        finally:
            ingest.stop.set()
            ingest.join(timeout=120)
            proc.terminate()
            proc.wait(timeout=30)
        with Store(db, readonly=True) as store:
            after = store.count()
        report(times, errors, wall, args.clients)
        logged = log.read_text(encoding="utf-8", errors="replace")
        tracebacks = logged.count("Traceback")
        print(f"ingest: {after - before:,} documents stored in {ingest.parts} parts"
              f" ({before:,} -> {after:,}), {len(ingest.failures)} failed")  # fmt: skip
        for failure in ingest.failures:
            print(f"  ingest failed: {failure}")
        print(f"server: {tracebacks} tracebacks logged")
        if tracebacks:
            print(logged[-2000:])
    if errors or ingest.failures or tracebacks:
        sys.exit(1)


if __name__ == "__main__":
    main()
