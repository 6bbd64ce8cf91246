"""Where the found share of actors is lost: the annotated actor mentions hadath codes with no
country-or-org (or another one), by class, on the TRAIN and DEV splits only.

The mentions are those ``hadath eval --only annotations`` counts for ``actors.found``: event
parties and speakers with a span and a code other than '?', each span once. A mention is found
when a system actor mention overlaps it with the same country-or-org; the others fall in one
class each:

- ``wrong code``: an actor covers it with another country-or-org;
- ``title without nationality``: an uncoded person actor with a role covers it («الرئيس»);
- ``generic actor without setting``: an uncoded group or body with a role covers it
  («الشرطة», «المتظاهرون») and the story has no home country;
- ``other uncoded``: an uncoded actor of another kind covers it;
- ``pronoun``: no actor; the words are one pronoun;
- ``unknown name``: no actor; the name tagger reads a person in the words, or (English) they
  are capitalised;
- ``group``: no actor; a plural noun («مغردون», "protesters");
- ``place as party``: no actor; the tagger reads a place («واشنطن» after في);
- ``other``: none of these (a statement, a report, a building, a common noun).

The test split is never read (``hadath/train/split.py``). Only counts and, with ``--ids``,
document references are printed: no text of the documents.

    .venv/bin/python tools/actor_misses.py [--annotations annotations] [--ids 5]
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from hadath.api import process
from hadath.context import Context
from hadath.learn.ner import tag
from hadath.model import to_record
from hadath.readers import from_text
from hadath.text.normalize import fold_form
from hadath.train.annotations import load_all
from hadath.train.docs import load
from hadath.train.split import split_of

SPLITS = ("train", "dev")  # never test
_PRONOUNS = frozenset(
    fold_form(w)
    for w in [
        "هو",
        "هي",
        "هم",
        "هما",
        "هن",
        "نحن",
        "أنا",
        "إنه",
        "أنه",
        "إنها",
        "أنها",
        "إنهم",
        "أنهم",
        "he",
        "she",
        "they",
        "we",
        "it",
        "i",
        "you",
    ]
)
_TOKEN = re.compile(r"[\u0621-\u064a]+|[A-Za-z]+|[^\s\w]")
_WINDOW = 40  # characters read each side of a mention by the tagger


def _code(actor: dict[str, Any]) -> str | None:
    return actor.get("country") or actor.get("org")


def _tags(text: str, start: int, end: int) -> list[str]:
    """The name tagger's tags of the words inside ``text[start:end]``, read in context."""
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    toks = [(m.start() + lo, m.end() + lo, fold_form(m.group()) or m.group())
            for m in _TOKEN.finditer(text[lo:hi])]  # fmt: skip
    tags = tag([t for _, _, t in toks]) or ["O"] * len(toks)
    return [t for (s, e, _), t in zip(toks, tags, strict=True) if s >= start and e <= end]


def classify(record: dict[str, Any], span: tuple[int, int], code: str) -> str | None:
    """The class of a gold mention (None when found)."""
    text = record["text"]
    cover = [a for a in record["actors"] for m in a["mentions"]
             if m["start"] < span[1] and span[0] < m["end"]]  # fmt: skip
    if code in {_code(a) for a in cover}:
        return None
    if any(_code(a) for a in cover):
        return "wrong code"
    if cover:
        a = cover[0]
        if a["kind"] == "person" and a.get("role"):
            return "title without nationality"
        if a["kind"] in {"group", "organisation"} and a.get("role") and not record.get("country"):
            return "generic actor without setting"
        return "other uncoded"
    words = text[span[0] : span[1]]
    folded = fold_form(words).split()
    if len(folded) == 1 and folded[0].lower() in _PRONOUNS:
        return "pronoun"
    tags = _tags(text, *span)
    english = not any("\u0600" <= ch <= "\u06ff" for ch in words)
    if any(t.endswith("PERS") for t in tags) or (english and words[:1].isupper()):
        return "unknown name"
    last = folded[-1] if folded else ""
    if last.endswith(("ون", "ين", "ات")) or (english and last.endswith("s")):
        return "group"
    if any(t.endswith("LOC") for t in tags):
        return "place as party"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--annotations", type=Path, default=Path("annotations"))
    shared = Path(os.environ.get("HADATH_SHARED", "../shared"))
    ap.add_argument("--shared", type=Path, default=shared)
    ap.add_argument("--ids", type=int, default=0, help="list up to N document ids per class")
    args = ap.parse_args()
    ctx = Context()
    first: dict[str, Any] = {}
    for ann in sorted(load_all(args.annotations, args.shared), key=lambda a: (a.doc, a.annotator)):
        first.setdefault(ann.doc, ann)
    counts: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    ids: dict[str, list[str]] = defaultdict(list)
    for ref, ann in sorted(first.items()):
        part = split_of(ref)
        if part not in SPLITS:
            continue  # the test split is not read
        src = load(args.shared, ref)
        bare = from_text(src.text, path=ref, id=ref, fmt="jsonl", published=src.published)
        record = to_record(process(bare, ctx))
        gold: dict[tuple[int, int], str] = {}
        parts = [x for e in ann.events for x in (e.source, e.target)]
        for p in parts + [q.speaker for q in ann.quotes]:
            if p is not None and p.span is not None and p.country_or_org != "?":
                gold.setdefault(p.span, p.country_or_org)
        for span, code in sorted(gold.items()):
            cls = classify(record, span, code)
            counts[part]["mentions"] += 1
            counts[part][cls or "found"] += 1
            if cls and ref not in ids[cls]:
                ids[cls].append(ref)
    for part in SPLITS:
        c = counts[part]
        n = c["mentions"] or 1
        print(f"{part}: {c['mentions']} mentions, found {c['found']} ({c['found'] / n:.3f})")
        for cls, k in c.most_common():
            if cls not in {"mentions", "found"}:
                print(f"  {k:6d}  {k / n:.3f}  {cls}")
    if args.ids:
        for cls, refs in sorted(ids.items()):
            print(f"{cls}: {' '.join(refs[: args.ids])}")


if __name__ == "__main__":
    main()
