"""The facet table: the analyst's aggregates read from it agree with the events, on both
backends, and a store made before it gets the same rows when it is opened."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_records import RECORDS
from test_happenings import ALEPPO, IDLIB, talks_record

from hadath.store import Store, queries
from hadath.store import facets as agg
from hadath.store.schema import FACET_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
NEWS = Path(os.environ.get("HADATH_SHARED", ROOT.parent / "shared")) / "corpus"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    """The pipeline's records of the bundled samples and of 40 Arabic news articles (when the
    shared folder is here), talks reported twice, and the hand-made records."""
    import hadath
    from hadath.context import default_context

    ctx = default_context()
    inputs: list[str | Path] = sorted((ROOT / "hadath" / "samples").glob("*_*.*"))
    found = [r.record for r in hadath.read_many(inputs, ctx=ctx) if r.record is not None]
    news = NEWS / "arabic_news_sample.jsonl"
    if news.is_file():
        with news.open(encoding="utf-8") as fh:
            for line in itertools.islice(fh, 40):
                doc = json.loads(line)
                record = hadath.read(doc["text"], ctx=ctx)
                found.append(dict(record, id=doc["id"], outlet=doc.get("source") or "wire"))
    talks = [talks_record("talks"), talks_record("again"), talks_record("later", "2016-04-02")]
    talks[1]["outlet"] = "Other Wire"
    return [*found, *talks, *(dict(r) for r in RECORDS)]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stored(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[dict[str, Any]],
) -> Iterator[Store]:
    """The records in an SQLite file, then in a PostgreSQL database, in batches of 7."""
    target = str(tmp_path_factory.mktemp("facets") / "f.db")
    if request.param == "postgresql":
        target = request.getfixturevalue("new_pg")()
    with Store(target) as store:
        summary = store.add(records, batch_size=7)
        assert (summary.stored, summary.failed) == (len(records), ())
        yield store


def _outlet(store: Store) -> str:
    row = store._db.execute(
        "SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY COUNT(*) DESC, outlet LIMIT 1"
    ).fetchone()
    return str(row[0])


def _filters(store: Store) -> list[dict[str, Any]]:
    return [
        {},
        {"actor": "SYR"},
        {"source": "USA"},
        {"target": "rus"},
        {"sector": "GOV"},
        {"source_sector": "MIL"},
        {"target_sector": "GOV"},
        {"type": "CONSULT"},
        {"type": ["ASSAULT", "COERCE"]},
        {"status": "occurred"},
        {"since": "2016"},
        {"until": "2016-03"},
        {"since": "2016-03-24", "until": "2016-03-24"},
        {"place": "SYR"},
        {"place": "Moscow"},
        {"place": ALEPPO["name_ar"]},
        {"min_confidence": 0.6},
        {"dyad": "USA,RUS"},
        {"outlet": _outlet(store)},
        {"outlet": "Other Wire"},
        {"actor": "SYR", "since": "2016", "min_confidence": 0.5},
        {"type": "CONSULT", "place": "RUS", "status": "occurred"},
    ]


def _answers(store: Store, flt: queries.EventFilter, facet_table: bool) -> dict[str, Any]:
    db = store._db
    pages = {}
    for sort in ("date", "confidence", "type"):
        page = agg.happening_page(db, flt, sort=sort, limit=7, offset=2, facet_table=facet_table)
        pages[sort] = [(r["happening"], r["mentions"], r["confidence"]) for r in page]
    return {
        "total": agg.count_events(db, flt, facet_table=facet_table),
        "facets": agg.facet_counts(db, flt, top=1000, facet_table=facet_table),
        "places": [p.as_dict() for p in agg.places(db, flt, facet_table=facet_table)],
        "pages": pages,
        "series": [
            queries.series(db, period, by, flt, facet_table=facet_table)
            for period, by in (("month", "quad"), ("day", "dyad"), ("week", "type"))
        ],
    }


def test_facet_table_answers_as_the_events_do(stored: Store) -> None:
    counted = 0
    for filters in _filters(stored):
        flt = queries.EventFilter(**filters)
        fast, slow = _answers(stored, flt, True), _answers(stored, flt, False)
        for key in fast:
            assert fast[key] == slow[key], (filters, key)
        counted += fast["total"] > 0
    everything = _answers(stored, queries.EventFilter(), True)
    assert everything["total"] > 20 and everything["places"] and everything["series"][0]
    assert all(everything["facets"][name] for name in ("type", "source", "outlet", "place"))
    assert counted >= len(_filters(stored)) - 4  # most filters find something to count


def test_facet_table_counts_a_happening_once_across_reports(stored: Store) -> None:
    """The talks reported by two outlets (and in both directions) are one happening."""
    talks = stored.facets(type="CONSULT", since="2016-03-24", until="2016-03-24")
    assert dict(talks["status"]) == {"occurred": 1, "planned": 1}
    assert dict(talks["outlet"]) == {"Other Wire": 2, "Test Wire": 2}
    assert dict(talks["source"]) == {"RUS": 1, "USA": 2}  # the arrival is USA's alone
    assert stored.count_events(type="CONSULT", since="2016-03-24", until="2016-03-24") == 2


def _facet_rows(store: Store) -> list[tuple[Any, ...]]:
    columns = ", ".join(f"f.{c}" for c in FACET_COLUMNS[1:])  # its document by id
    sql = f"SELECT d.id, {columns} FROM happening_facets f JOIN documents d ON d.rowid = f.doc"
    return sorted(store._db.execute(sql).fetchall(), key=repr)


def _back_to_schema_2(target: str) -> None:
    """The store as migration 2 left it: no facet table."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as pg:
            pg.execute(
                "DROP TABLE store_changes; DROP TABLE happening_facets;"
                " DELETE FROM hadath_schema WHERE version >= 3"
            )
        return
    conn = sqlite3.connect(target)
    conn.executescript("DROP TABLE store_changes; DROP TABLE happening_facets;"
                       " PRAGMA user_version = 2;")  # fmt: skip
    conn.close()


def test_old_store_gets_the_facet_table_when_opened(
    target: str, records: list[dict[str, Any]]
) -> None:
    split = [dict(talks_record("split")), *records[:12]]
    split[0]["events"][0]["place"] = ALEPPO
    split[0]["events"][2]["place"] = IDLIB
    with Store(target) as store:
        assert not store.add(split, batch_size=5).failed
        written = _facet_rows(store)
        before = {
            "documents": store.count(),
            "events": len(store.events(limit=None)),
            "happenings": [r["happening"] for r in store.events(limit=None, dedup=True)],
            "facets": agg.facet_counts(store._db, queries.EventFilter(), facet_table=False),
        }
    assert len(written) < before["events"]  # repeated mentions share a row
    _back_to_schema_2(target)
    with Store(target) as store:
        assert _facet_rows(store) == written  # the migration fills what ingest writes
        assert store.count() == before["documents"]
        assert len(store.events(limit=None)) == before["events"]
        assert [r["happening"] for r in store.events(limit=None, dedup=True)] == before[
            "happenings"
        ]
        assert store.facets() == before["facets"]
        assert store.count_events() == len(before["happenings"])


def test_rows_event_row_is_the_events_table_in_order(db_path: Path) -> None:
    """SQLite inserts an events row by position: its named columns are the table's, in order,
    and a stored event's values come back under those names."""
    from hadath.store.rows import EVENT_ROW

    record = talks_record("named")
    with Store(db_path) as store:
        store.add([record])
        columns = [row[1] for row in store._db.execute("PRAGMA table_info(events)")]
        assert columns == ["doc", *EVENT_ROW]
        stored = store.events(limit=None)
    first = record["events"][0]
    assert (stored[0]["type"], stored[0]["status"]) == (first["type"], first["status"])
    assert stored[0]["source_country"] == first["source"]["country"]


def _aggregates(store: Store, **filters: Any) -> dict[str, Any]:
    return {
        "total": store.count_events(**filters),
        "facets": store.facets(top=1000, **filters),
        "places": [p.as_dict() for p in store.places(**filters)],
        "series": store.series("month", "quad", **filters),
        "page": [r["happening"] for r in store.happening_page(limit=50, **filters)],
    }


def test_cache_a_write_by_another_process_shows_new_totals(
    target: str, records: list[dict[str, Any]]
) -> None:
    """A reader keeping its answers sees what another process stores, at its next question."""
    import subprocess
    import sys

    from hadath.store.cache import AnswerCache

    first, later = records[:30], records[30:]
    with Store(target) as store:
        store.add(first)
    cache = AnswerCache()
    with Store(target, readonly=True, cache=cache) as reader:
        before = _aggregates(reader)
        assert _aggregates(reader) == before and cache.hits >= 10  # answered from the cache
        changes = reader.changes()
        # another process stores the rest
        code = "import json, sys\nfrom hadath.store import Store\n"
        code += "with Store(sys.argv[1]) as s: print(s.add(json.load(sys.stdin)).stored)"
        out = subprocess.run(
            [sys.executable, "-c", code, target], input=json.dumps(later), text=True,
            capture_output=True, check=True,
        )  # fmt: skip
        assert int(out.stdout) == len(later)
        assert reader.changes() == changes + 1
        after = _aggregates(reader)
    with Store(target, readonly=True) as fresh:  # no cache: what the store holds now
        assert after == _aggregates(fresh)
    assert after["total"] > before["total"]
    assert dict(after["facets"]["type"]) != dict(before["facets"]["type"])


def test_cache_a_write_of_nothing_new_keeps_the_answers(
    target: str, records: list[dict[str, Any]]
) -> None:
    from hadath.store.cache import AnswerCache

    with Store(target, cache=AnswerCache()) as store:
        store.add(records[:10])
        total, changes = store.count_events(), store.changes()
        assert store.add(records[:10]).duplicates == 10  # stores nothing: no change
        assert store.changes() == changes and store.count_events() == total
        store.add(records[10:20])
        assert store.changes() == changes + 1
        with Store(target) as other:  # no cache
            assert store.count_events() == other.count_events() > total


def _back_to_schema_3(target: str) -> None:
    """The store as migration 3 left it: one-column facet indexes, no count of changes."""
    undo = [
        *(f"DROP INDEX happening_facets_{name}" for name in (
            "type_happening", "status", "source", "target", "source_sector", "target_sector",
            "place", "outlet", "map")),
        "CREATE INDEX happening_facets_source_country ON happening_facets(source_country)",
        "CREATE INDEX happening_facets_target_country ON happening_facets(target_country)",
        "CREATE INDEX happening_facets_outlet ON happening_facets(outlet)",
        "DROP TABLE store_changes",
    ]  # fmt: skip
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as pg:
            pg.execute("; ".join([*undo, "DELETE FROM hadath_schema WHERE version = 4"]))
        return
    conn = sqlite3.connect(target)
    conn.executescript("; ".join([*undo, "DROP TABLE IF EXISTS sqlite_stat1",
                                  "PRAGMA user_version = 3"]))  # fmt: skip
    conn.close()


def test_old_store_answers_the_same_after_migration_4(
    target: str, records: list[dict[str, Any]]
) -> None:
    """A store made before the covering indexes and the count of changes gives the same
    totals, facets, places, timeline and pages once opened, and counts its changes."""
    filters: list[dict[str, Any]] = [{}, {"actor": "SYR", "since": "2016"}, {"type": "CONSULT"},
                                     {"dyad": "USA,RUS"}, {"outlet": "Other Wire"}]  # fmt: skip
    with Store(target) as store:
        store.add(records, batch_size=50)
        before = [_aggregates(store, **f) for f in filters]
    assert before[0]["total"] > 20 and before[0]["places"] and before[2]["total"]
    _back_to_schema_3(target)
    with Store(target) as store:
        assert [_aggregates(store, **f) for f in filters] == before
        assert store.changes() == 0
        store.add([talks_record("after")])
        assert store.changes() == 1
