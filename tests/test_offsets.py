"""Every offset of every record slices the text it claims, over the whole corpus."""

from __future__ import annotations

import json
from pathlib import Path

import hadath
from hadath.context import Context
from hadath.model import to_record
from hadath.readers import from_text
from hadath.validate import validate


def test_offsets_every_span_and_index_is_valid_over_the_corpus(shared: Path, ctx: Context) -> None:
    path = shared / "corpus" / "arabic_news_sample.jsonl"
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert len(rows) > 500
    for row in rows:
        bare = from_text(
            f"{row['title']}\n\n{row['text']}", id=row["id"], published=row.get("date")
        )
        doc = hadath.process(bare, ctx)
        assert validate(doc) == [], row["id"]
        rec = to_record(doc)
        text = rec["text"]
        for q in rec["quotes"]:
            assert text[q["start"] : q["end"]].strip()
        for e in rec["events"]:
            assert text[e["trigger"]["start"] : e["trigger"]["end"]].strip()


def test_offsets_html_pages_of_the_corpus(shared: Path) -> None:
    pages = sorted((shared / "corpus" / "html").rglob("*.html"))
    assert len(pages) == 3
    for page in pages:
        doc = hadath.read_document(page)
        assert validate(doc) == []
        assert doc.title
        assert doc.language == "ar"
