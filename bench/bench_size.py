"""Cost against document size (not a test): CPU time per sentence from 10 kB to 5 MB.

Each document is synthesised at run time from the articles of
``$HADATH_SHARED/corpus/arabic_news_sample.jsonl`` (title, blank line, text, articles in
corpus order, repeated until the size is reached; nothing is written anywhere), read
with ``from_text`` and taken through every stage of ``DEFAULT_STAGES`` in one process.
The reader's 500,000-character bound on one document is lifted here, so that the
pipeline itself is what is timed. For each size: the sentences, the CPU seconds (best
of ``--repeat`` under 1 MB), CPU per sentence and its ratio to the smallest size's (1.0 is linear),
and each stage's share, so a stage whose cost grows faster than the text stands out.

Beside each size, the baseline of the same text read one article at a time (the same pieces,
the last one cut where the document is, each its own document, in the same process): CPU
per sentence, and the ratio of the joined document's to it. That ratio is the growth with
size alone (1.0: a long document costs what its articles cost); the articles' own figure
against the first size's is what the text itself costs more (the first 10 kB are cheaper
sentences than the corpus' average). ``--no-articles`` leaves the baseline out.

    .venv/bin/python bench/bench_size.py [--sizes 10000,100000,1000000,5000000] [--repeat 5]
        [--no-articles]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import hadath
from hadath.context import Context
from hadath.model import Document
from hadath.pipeline import DEFAULT_STAGES
from hadath.readers import from_text, limits
from hadath.validate import validate

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def articles() -> list[str]:
    out = []
    with (SHARED / "corpus" / "arabic_news_sample.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                title = (a.get("title") or "").strip()
                out.append(f"{title}\n\n{a['text']}" if title else a["text"])
    return out


def pieces(texts: list[str], size: int) -> list[str]:
    """The articles of the ``size`` document, in order, the last one cut where it ends."""
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    # "\n\n".join(parts)[:size] cuts the last part (and may leave a separator's first \n)
    kept, at = [], 0
    for part in parts:
        room = size - at
        if room <= 0:
            break
        kept.append(part[:room])
        at += len(part) + 2
    return kept


def document(texts: list[str], size: int) -> str:
    """Corpus articles joined by blank lines until the text has ``size`` characters."""
    return "\n\n".join(pieces(texts, size))[:size]


def one_by_one(parts: list[str], ctx: Context) -> tuple[float, int]:
    """CPU seconds and sentences of the articles read each as a document of its own."""
    secs = 0.0
    sentences = 0
    for i, part in enumerate(parts):
        if not part.strip():
            continue
        spent, _, found = timed(from_text(part, id=f"article-{i}", path="bench"), ctx)
        secs += spent
        sentences += found
    return secs, sentences


def timed(doc: Document, ctx: Context) -> tuple[float, dict[str, float], int]:
    """CPU seconds of the whole pipeline, per stage, and the sentences found."""
    per_stage: dict[str, float] = {}
    started = time.process_time()
    for stage in DEFAULT_STAGES:
        t = time.process_time()
        doc = stage(doc, ctx)
        per_stage[stage.__name__] = time.process_time() - t
    validate(doc)
    return time.process_time() - started, per_stage, len(doc.sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000,5000000", help="characters")
    ap.add_argument("--repeat", type=int, default=5, help="passes under 1 MB (best kept)")
    ap.add_argument("--profile", metavar="FILE", help="a cProfile of the largest size's pass")
    ap.add_argument(
        "--no-articles", action="store_true", help="without the one-article-at-a-time baseline"
    )
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"cpu_count: {os.cpu_count()}  (one process: figures are per core)")
    print("hadath:", hadath.__file__, "(compiled)" if hadath.compiled() else "(pure Python)")
    limits.MAX_TEXT_CHARS = max(sizes) + 1  # the reader's bound, lifted for this bench
    ctx = Context().warm()
    texts = articles()
    # one small document first: what the stages build at first use is not the first size's
    timed(from_text(document(texts, 10_000), id="warm-up", path="bench"), ctx)
    base: float | None = None
    article_base: float | None = None
    for size in sizes:
        bare = from_text(document(texts, size), id=f"size-{size}", path="bench")
        # small documents take milliseconds: the best of several passes (one at 1 MB and up)
        runs = [timed(bare, ctx) for _ in range(args.repeat if size < 1_000_000 else 1)]
        if args.profile and size == max(sizes):
            import cProfile

            cProfile.runctx("timed(bare, ctx)", globals(), locals(), args.profile)
        secs, per_stage, sentences = min(runs, key=lambda r: r[0])
        per = secs / max(sentences, 1)
        base = base or per
        shares = ", ".join(
            f"{name} {100 * t / secs:.0f} %"
            for name, t in sorted(per_stage.items(), key=lambda kv: -kv[1])[:4]
        )
        print(
            f"{size:>9,} chars: {sentences:>6,} sentences in {secs:7.2f} s CPU, "
            f"{1e3 * per:.3f} ms/sentence ({per / base:.2f}x the first size); {shares}"
        )
        if args.no_articles:
            continue
        parts = pieces(texts, size)
        passes = args.repeat if size < 1_000_000 else 1
        a_secs, a_sentences = min(one_by_one(parts, ctx) for _ in range(passes))
        a_per = a_secs / max(a_sentences, 1)
        article_base = article_base or a_per
        print(
            f"{'':>9}  the same {len(parts):,} articles one by one: {a_sentences:,} sentences"
            f" in {a_secs:.2f} s CPU, {1e3 * a_per:.3f} ms/sentence ({a_per / article_base:.2f}x"
            f" the first size's articles); joined / one by one: {per / a_per:.2f}x"
        )


if __name__ == "__main__":
    main()
