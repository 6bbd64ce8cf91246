"""Pipeline throughput on plain text (not a test): sentences/s and documents/s per core.

Reads the 601 articles of ``$HADATH_SHARED/corpus/arabic_news_sample.jsonl``
(title, blank line, text) and the founding page ``seed/000_98d78d77fcb958ba.txt``
through every stage in one process (one core), then times each stage of
``DEFAULT_STAGES`` so the slow one is visible. The baseline, run in the same
process, is the reader alone (``from_text``: newline folding and the id hash).

The learned pipeline (the shipped models decide among the rule candidates) is also timed
against the rules alone (``Context(learned=False)``), in alternating passes, by CPU time:
the medians of both and their ratio, and the peak memory of the process.

    .venv/bin/python bench/bench_read.py [--repeat 1] [--limit N] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import hadath
from hadath.api import process
from hadath.context import Context
from hadath.model import Document, to_record
from hadath.pipeline import DEFAULT_STAGES
from hadath.readers import from_text

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TARGET_SENTENCES = 2000  # Arabic sentences per second per core


def corpus_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """(id, title + blank line + text) of each corpus article."""
    out = []
    with (SHARED / "corpus" / "arabic_news_sample.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                title = (a.get("title") or "").strip()
                out.append((str(a["id"]), f"{title}\n\n{a['text']}" if title else a["text"]))
    return out[:limit] if limit else out


def bare_docs(texts: list[tuple[str, str]]) -> list[Document]:
    return [from_text(t, id=i, path="corpus") for i, t in texts]


def timed_pipeline(docs: list[Document], ctx: Context) -> tuple[float, int]:
    sentences = 0
    started = time.perf_counter()
    for bare in docs:
        record = to_record(process(bare, ctx))
        sentences += len(record["sentences"])
    return time.perf_counter() - started, sentences


def cpu_pass(docs: list[Document], ctx: Context) -> tuple[float, int]:
    sentences = 0
    started = time.process_time()
    for bare in docs:
        sentences += len(process(bare, ctx).sentences)
    return time.process_time() - started, sentences


def learned_vs_rules(docs: list[Document], ctx: Context, rounds: int) -> None:
    """CPU time of the learned pipeline against the rules alone, alternating passes."""
    import resource
    import statistics

    rules = Context(learned=False).warm()
    learned_t: list[float] = []
    rules_t: list[float] = []
    sentences = 0
    for i in range(rounds):
        order = [(ctx, learned_t), (rules, rules_t)]
        for c, out in order if i % 2 == 0 else order[::-1]:
            secs, sentences = cpu_pass(docs, c)
            out.append(secs)
    lm, rm = statistics.median(learned_t), statistics.median(rules_t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"learned vs rules alone, CPU time, median of {rounds}: learned {lm:.2f} s "
        f"({sentences / lm:,.0f} sentences/s), rules {rm:.2f} s ({sentences / rm:,.0f} "
        f"sentences/s), learned / rules = {lm / rm:.2f}x; peak RSS {peak:.0f} MB"
    )


def stage_times(docs: list[Document], ctx: Context) -> dict[str, float]:
    times = {stage.__name__: 0.0 for stage in DEFAULT_STAGES}
    times["validate + to_record"] = 0.0
    from hadath.validate import validate

    for doc in docs:
        for stage in DEFAULT_STAGES:
            t = time.perf_counter()
            doc = stage(doc, ctx)
            times[stage.__name__] += time.perf_counter() - t
        t = time.perf_counter()
        validate(doc)
        to_record(doc)
        times["validate + to_record"] += time.perf_counter() - t
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="passes over the corpus (best kept)")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--profile", metavar="FILE", help="also write a cProfile of one pass")
    args = ap.parse_args()

    print(f"cpu_count: {os.cpu_count()}  (one process: figures are per core)")
    print("hadath:", hadath.__file__, "(compiled)" if hadath.compiled() else "(pure Python)")
    t = time.perf_counter()
    ctx = Context().warm()
    print(f"context warm-up: {time.perf_counter() - t:.2f} s")

    texts = corpus_texts(args.limit)
    t = time.perf_counter()
    docs = bare_docs(texts)
    baseline = time.perf_counter() - t
    print(f"baseline (from_text only): {len(docs)} docs in {baseline:.3f} s")

    best, sentences = min(timed_pipeline(docs, ctx) for _ in range(args.repeat))
    print(
        f"corpus: {len(docs)} documents, {sentences} sentences in {best:.2f} s: "
        f"{sentences / best:,.0f} sentences/s/core, {len(docs) / best:,.1f} documents/s/core "
        f"(target {TARGET_SENTENCES:,} sentences/s: "
        f"{'met' if sentences / best >= TARGET_SENTENCES else 'NOT met'}); "
        f"pipeline / baseline = {best / baseline:,.0f}x"
    )

    if ctx.models() is not None:
        learned_vs_rules(docs, ctx, max(3, args.repeat))
    else:
        print("no learned models shipped: the rules decide alone")

    seed = SHARED / "seed" / "000_98d78d77fcb958ba.txt"
    if seed.is_file():
        sdoc = from_text(seed.read_text(encoding="utf-8"), path=str(seed))
        took, s = min(timed_pipeline([sdoc], ctx) for _ in range(3))
        print(f"seed page: {s} sentences in {took * 1000:.0f} ms: {s / took:,.0f} sentences/s")

    times = stage_times(docs, ctx)
    total = sum(times.values())
    print(f"per stage over the corpus (total {total:.2f} s):")
    for name, secs in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22s} {secs:7.2f} s  {100 * secs / total:5.1f} %")

    if args.profile:
        import cProfile

        cProfile.runctx("timed_pipeline(docs, ctx)", globals(), locals(), args.profile)
        print(f"profile written to {args.profile} (python -m pstats {args.profile})")


if __name__ == "__main__":
    main()
