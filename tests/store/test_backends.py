"""SQLite and PostgreSQL side by side: the same ingest gives the same documents, events,
happenings, quotes, actors, series, exports and search hits; and what only the PostgreSQL
backend has to get right."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_records import RECORDS

from hadath.errors import EXIT_STORE, StoreError
from hadath.store import Store, pg
from hadath.store.normalize import fold

ROOT = Path(__file__).resolve().parents[2]
SHARED_NEWS = Path(os.environ.get("HADATH_SHARED") or ROOT.parent / "shared") / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    """The pipeline's records of the bundled samples and, when the shared folder is here, of
    60 Arabic news articles from it; then our hand-made records."""
    import hadath
    from hadath.context import default_context

    ctx = default_context()
    inputs: list[str | Path] = sorted((ROOT / "hadath" / "samples").glob("*_*.*"))
    news = SHARED_NEWS / "arabic_news_sample.jsonl"
    records = [r.record for r in hadath.read_many(inputs, ctx=ctx) if r.record is not None]
    if news.is_file():
        with news.open(encoding="utf-8") as fh:
            lines = list(itertools.islice(fh, 60))
        for line in lines:
            doc = json.loads(line)
            record = hadath.read(doc["text"], ctx=ctx)
            records.append(dict(record, id=doc["id"], title=doc.get("title")))
    return [*records, *(dict(r) for r in RECORDS)]


@pytest.fixture
def both(
    corpus: list[dict[str, Any]], tmp_path: Path, pg_url: str
) -> Iterator[tuple[Store, Store]]:
    with Store(tmp_path / "s.db") as lite, Store(pg_url) as post:
        for store in (lite, post):
            summary = store.add(corpus, batch_size=7)
            assert (summary.stored, summary.failed) == (len(corpus), ())
        yield lite, post


def _without_added(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "added"} for row in rows]


def test_backends_same_documents_events_quotes_actors(both: tuple[Store, Store]) -> None:
    lite, post = both
    assert post.count() == lite.count()
    docs = lite.documents(limit=1000)
    assert _without_added(post.documents(limit=1000)) == _without_added(docs)
    for doc in docs:
        assert post.get(doc["id"]) == lite.get(doc["id"])
    events = lite.events(limit=None)
    assert len(events) > 10
    assert post.events(limit=None) == events
    happenings = lite.events(limit=None, dedup=True)
    assert len(happenings) < len(events)  # mutual acts and repeated mentions are grouped
    assert post.events(limit=None, dedup=True) == happenings
    for dedup in (False, True):
        assert post.events(limit=None, dedup=dedup, sort="confidence") == lite.events(
            limit=None, dedup=dedup, sort="confidence"
        )
    table = "SELECT * FROM happenings ORDER BY id"
    assert list(map(tuple, post._db.execute(table))) == list(lite._db.execute(table))
    assert post.quotes(limit=None) == lite.quotes(limit=None)
    assert post.actors(limit=None) == lite.actors(limit=None)
    for period, by in itertools.product(("day", "week", "month", "year"), ("dyad", "quad", "type")):
        assert post.series(period, by) == lite.series(period, by), (period, by)


def test_backends_same_filtered_rows(both: tuple[Store, Store]) -> None:
    lite, post = both
    events = lite.events(limit=None)
    # every filter, with values taken from the stored events themselves
    sample = events[len(events) // 2]
    places = [e["place_name_ar"] or e["place_name"] for e in events if e["place_name"]]
    words = sample["sentence_text"].split()[1]
    filters: list[dict[str, Any]] = [
        {"source": sample["source_country"] or sample["source_org"] or "USA"},
        {"actor": "SYR"},
        {"sector": "GOV", "status": "occurred"},
        {"type": sample["type"], "since": "2014-01", "until": "2016-03-31"},
        {"text": words},
        {"text": "الامم"},
        {"doc": sample["doc_id"]},
        {"dyad": "USA,RUS"},
        {"min_confidence": 0.5},
    ] + [{"place": p} for p in places[:3]]
    for flt in filters:
        assert post.events(limit=None, **flt) == lite.events(limit=None, **flt), flt
        assert post.events(limit=5, offset=1, dedup=True, **flt) == lite.events(
            limit=5, offset=1, dedup=True, **flt
        ), flt
        assert post.series("month", "dyad", **flt) == lite.series("month", "dyad", **flt), flt
    for name in ("الأمم", "US", "سوري"):
        assert post.actors(limit=None, name=name) == lite.actors(limit=None, name=name)
    quote = next(q for q in lite.quotes(limit=None) if q["text"])
    word = quote["text"].split()[0]
    assert post.quotes(limit=None, text=word) == lite.quotes(limit=None, text=word)


def test_backends_same_exports(both: tuple[Store, Store]) -> None:
    lite, post = both
    formats = (
        ("jsonl", None, False),
        ("csv", "events", False),
        ("csv", "events", True),
        ("cameo", None, False),
        ("plover", None, False),
        ("csv", "quotes", False),
    )
    for fmt, what, dedup in formats:
        outs = []
        for store in (lite, post):
            buf = io.StringIO()
            store.export(fmt, buf, what=what, **({"dedup": True} if dedup else {}))
            outs.append(buf.getvalue())
        assert outs[0] == outs[1], (fmt, what, dedup)
        assert outs[0].count("\n") > 5


def _queries(records: list[dict[str, Any]]) -> list[str]:
    """Words and phrases from the stored texts, Arabic spelled with hamza and harakat variants."""
    out = ["الأمم", "الامم", "لافروف", "Moscow", "talks useful", "وزير*", "mosc*"]
    for record in records[::4]:
        found = re.findall(r"\w{4,}", record["text"])
        if len(found) > 3:
            out += [found[0], found[3], f'"{found[1]} {found[2]}"', found[2][:3] + "*"]
    return out


def test_backends_same_search_hits(both: tuple[Store, Store], corpus: list[dict[str, Any]]) -> None:
    lite, post = both
    for query in _queries(corpus):
        hits = lite.search(query, limit=1000)
        assert {h["id"] for h in post.search(query, limit=1000)} == {h["id"] for h in hits}, query
    # the same words are highlighted on both, whatever snippet each backend picks
    for store in both:
        hits = store.search("الامم", limit=1000)
        assert hits
        for hit in hits:
            marked = [fold(hit["snippet"][s:e]) for s, e in hit["highlights"]]
            assert marked and all(m == "الامم" for m in marked), (hit["id"], marked)


# ---- PostgreSQL only ----------------------------------------------------------------------


def test_backends_postgres_schema_matches_sqlite(pg_url: str, tmp_path: Path) -> None:
    Store(tmp_path / "s.db").close()
    lite = sqlite3.connect(tmp_path / "s.db")
    with Store(pg_url) as post:
        tables = ("documents", "segments", "actors", "events", "quotes", "claims", "happenings")
        for table in (*tables, "happening_facets", "store_changes"):
            sqlite_cols = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
            pg_cols = [
                r[0]
                for r in post._db.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                )
            ]
            # the same columns in the same order, and the folded copies of pg._FOLDED
            folded = [f"{c}_folded" for c in pg._FOLDED.get(table, ())]
            assert [c for c in pg_cols if c not in folded] == sqlite_cols, table
            assert sorted(c for c in pg_cols if c.endswith("_folded")) == sorted(folded), table
        versions = post._db.execute("SELECT version FROM hadath_schema ORDER BY version")
        assert [v for (v,) in versions] == list(range(1, pg.SCHEMA_VERSION + 1)) == [1, 2, 3, 4]
        index = post._db.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_vector'"
        ).fetchone()[0]
        assert "gin" in index.lower()


def test_backends_postgres_four_writers_migrate_once_and_store_once(
    pg_url: str, corpus: list[dict[str, Any]]
) -> None:
    """Four writers open a new database at once and store overlapping halves of the corpus."""
    half = len(corpus) // 2
    parts = [corpus[:half], corpus[half // 2 :], corpus[:], corpus[half:]]
    summaries: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(parts))

    def write(records: list[dict[str, Any]]) -> None:
        try:
            start.wait()
            with Store(pg_url) as store:
                summaries.append(store.add(records, batch_size=5))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p,)) for p in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sum(s.stored for s in summaries) == len(corpus)
    assert sum(s.duplicates for s in summaries) == sum(map(len, parts)) - len(corpus)
    with Store(pg_url, readonly=True) as store:
        assert store.count() == len(corpus)
        # each migration ran once
        versions = store._db.execute("SELECT version FROM hadath_schema ORDER BY version")
        assert [v for (v,) in versions] == [1, 2, 3, 4]
        n_events = sum(len(r.get("events") or []) for r in corpus)
        assert len(store.events(limit=None)) == n_events
        assert store.integrity() == "ok"


def test_backends_postgres_errors_name_the_store(pg_url: str) -> None:
    with pytest.raises(StoreError, match="no hadath store") as err:
        Store(pg_url, readonly=True)
    assert err.value.exit_code == EXIT_STORE
    bad = re.sub(r"/[^/?]*(\?|$)", r"/no_such_database_here\1", pg_url, count=1)
    bad = bad.replace("postgresql://hadath@", "postgresql://hadath:secret@")
    with pytest.raises(StoreError, match="cannot use the PostgreSQL server") as err:
        Store(bad)
    assert "secret" not in str(err.value) and "no_such_database_here" in str(err.value)
    assert pg.display(bad).startswith("postgresql://hadath:***@")


def test_backends_postgres_bad_values_fail_one_document(pg_url: str) -> None:
    nul = dict(RECORDS[0], id="nul", text="A text with a \x00 in it.")
    # more distinct words than a tsvector holds (1 MB): PostgreSQL refuses this one document
    vocabulary = " ".join(f"w{i:x}q{i * 7919 % 100_003:x}" for i in range(120_000))
    huge = {"id": "huge", "text": vocabulary}
    odd = {"id": "x", "text": "y", "title": {"a": 1}}
    with Store(pg_url) as store:
        summary = store.add([nul, dict(RECORDS[1]), huge, odd, dict(RECORDS[2])], batch_size=10)
        assert summary.stored == 2
        assert sorted(f.input for f in summary.failed) == ["huge", "nul", "x"]
        assert store.count() == 2 and store.get(RECORDS[1]["id"]) == RECORDS[1]
        assert store.integrity() == "ok"
