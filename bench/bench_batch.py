"""`hadath batch` on the corpus (not a test): 1 worker against 2, and peak memory per worker.

The baseline is one worker in this process; the same run with 2 local worker
processes follows (start-up and context loading included), into fresh output
folders. Peak memory is each worker's maximum RSS, as reported by the worker.

    .venv/bin/python bench/bench_batch.py [--partition-size 25] [--copies 1]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import hadath
from hadath.batch import run_batch

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
MEMORY_TARGET_MB = 300


def corpus(copies: int, tmp: Path) -> Path:
    source = SHARED / "corpus" / "arabic_news_sample.jsonl"
    if copies == 1:
        return source
    # a bigger input in a temporary folder, each copy with new ids (never in the project)
    path = tmp / "corpus.jsonl"
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        lines = [json.loads(line) for line in src if line.strip()]
        for c in range(copies):
            for a in lines:
                out.write(json.dumps({**a, "id": f"{a['id']}-{c}"}, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--partition-size", type=int, default=25)
    ap.add_argument("--copies", type=int, default=1, help="corpus repeated N times")
    args = ap.parse_args()
    print(f"cpu_count: {os.cpu_count()}")
    print("hadath:", hadath.__file__, "(compiled)" if hadath.compiled() else "(pure Python)")
    with tempfile.TemporaryDirectory() as tmp:
        source = corpus(args.copies, Path(tmp))
        runs = {}
        for workers in (1, 2):
            s = run_batch(
                [source],
                Path(tmp) / f"out{workers}",
                partition_size=args.partition_size,
                workers=workers,
            )
            runs[workers] = s
            peaks = {}
            for p in s.parts:
                peaks[p.pid] = max(peaks.get(p.pid, 0.0), p.peak_rss_mb)
            peak = max(peaks.values())
            verdict = "met" if peak < MEMORY_TARGET_MB else "NOT met"
            print(
                f"{workers} worker(s): {s.documents} documents, {s.records} records, "
                f"{s.partitions} partitions in {s.seconds:.1f} s ({s.rate:.1f} documents/s); "
                f"peak RSS per worker: {', '.join(f'{v:.0f} MB' for v in peaks.values())} "
                f"(target < {MEMORY_TARGET_MB} MB: {verdict})"
            )
        one, two = runs[1].seconds, runs[2].seconds
        print(f"speed-up 2 workers / 1 worker: {one / two:.2f}x (time ratio {two / one:.2f})")


if __name__ == "__main__":
    main()
