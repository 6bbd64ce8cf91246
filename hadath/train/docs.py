"""The documents the training annotations point at, read from the shared folder by reference.

A reference names a corpus and an id; the document is built the way GOLD.md builds it, so the
annotations' code-point offsets point into the same text the pipeline reads:

- ``pool:ID``: ``corpus/pool_ant2018.jsonl``, the record's title, a blank line, its text.
- ``sample:ID``: ``corpus/arabic_news_sample.jsonl``, likewise.
- ``ngec:N``: row N (from 0) of NGEC's synthetic stories (``ref/NGEC-2025``), its text.
- ``plover:ID``: the PLOVER gold-standard record ID (``ref/PLOVER``), its text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hadath.readers.decode import fold_newlines

CORPORA = {
    "pool": "corpus/pool_ant2018.jsonl",
    "sample": "corpus/arabic_news_sample.jsonl",
}
NGEC_ZIP = "ref/NGEC-2025/setup/train_classifiers/gpt_synthetic_events_2023-10-19_19.csv.zip"
PLOVER_GSR = "ref/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt"


@dataclass(frozen=True, slots=True)
class SourceDoc:
    ref: str
    text: str
    language: str
    published: str | None
    outlet: str | None


def _jsonl(shared: Path, rel: str) -> dict[str, SourceDoc]:
    corpus = rel.split("/")[-1]
    kind = next(k for k, v in CORPORA.items() if v == rel)
    out: dict[str, SourceDoc] = {}
    with (shared / rel).open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            ref = f"{kind}:{rec['id']}"
            date = rec.get("date")
            out[ref] = SourceDoc(
                ref,
                fold_newlines(f"{rec['title']}\n\n{rec['text']}"),
                "ar",
                str(date)[:10] if date else None,
                rec.get("source") or corpus,
            )
    return out


def _ngec(shared: Path) -> dict[str, SourceDoc]:
    with zipfile.ZipFile(shared / NGEC_ZIP) as z, z.open(z.namelist()[0]) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, "utf-8")))
    return {
        f"ngec:{i}": SourceDoc(
            f"ngec:{i}", fold_newlines(r["text"]), "en", None, r.get("source") or None
        )
        for i, r in enumerate(rows)
    }


def _plover(shared: Path) -> dict[str, SourceDoc]:
    raw = (shared / PLOVER_GSR).read_text(encoding="utf-8")
    # the file is a JSON list with a few trailing commas and comments the JSON parser refuses
    raw = re.sub(r",(\s*[\]}])", r"\1", raw)
    out: dict[str, SourceDoc] = {}
    for rec in json.loads(raw):
        if rec.get("text") and rec.get("id"):
            ref = f"plover:{rec['id']}"
            out[ref] = SourceDoc(ref, fold_newlines(rec["text"]), "en", rec.get("date"), None)
    return out


@lru_cache(maxsize=8)
def _corpus(shared: Path, kind: str) -> dict[str, SourceDoc]:
    if kind in CORPORA:
        return _jsonl(shared, CORPORA[kind])
    if kind == "ngec":
        return _ngec(shared)
    if kind == "plover":
        return _plover(shared)
    raise KeyError(f"unknown corpus {kind!r} (known: pool, sample, ngec, plover)")


def load(shared: Path, ref: str) -> SourceDoc:
    """The document a reference names; KeyError when there is none."""
    kind, sep, _ = ref.partition(":")
    if not sep:
        raise KeyError(f"{ref!r}: a reference is CORPUS:ID")
    docs = _corpus(shared.resolve(), kind)
    if ref not in docs:
        raise KeyError(f"{ref!r}: no such document")
    return docs[ref]


def all_refs(shared: Path, kind: str) -> list[str]:
    return list(_corpus(shared.resolve(), kind))
