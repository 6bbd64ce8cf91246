"""One happening, one row: mutual acts and repeated mentions grouped, every mention kept."""

from __future__ import annotations

import csv
import io
import sqlite3
from typing import Any

import pytest
from store_records import make_record

from hadath.errors import StoreError
from hadath.store import Store
from hadath.store.happenings import assign

MOSCOW = {"name": "Moscow", "name_ar": "موسكو", "country": "RUS", "lat": 55.75, "lon": 37.62}
RUSSIA = {"name": "Russia", "name_ar": "روسيا", "country": "RUS", "lat": 61.5, "lon": 105.3}
SYRIA = {"name": "Syria", "name_ar": "سوريا", "country": "SYR", "lat": 35.0, "lon": 38.0}
ALEPPO = {"name": "Aleppo", "name_ar": "حلب", "country": "SYR", "lat": 36.2, "lon": 37.16}
IDLIB = {"name": "Idlib", "name_ar": "إدلب", "country": "SYR", "lat": 35.93, "lon": 36.63}

TALKS = (
    "Kerry and Lavrov began talks on Syria. The talks in Moscow lasted hours. "
    "Kerry arrived in Russia for discussions. Kerry will meet Putin tonight"
)


def talks_record(doc_id: str = "talks", published: str = "2016-03-24") -> dict[str, Any]:
    a, b = 0, 1
    return make_record(
        doc_id,
        f"{TALKS}. Filed as {doc_id}",  # another text per report: the store keeps each
        published=published,
        actors=[("Kerry", "USA", "GOV", None), ("Lavrov", "RUS", "GOV", None)],
        events=[
            {"type": "CONSULT", "source": a, "target": b, "trigger": "began talks", "place": SYRIA},
            {"type": "CONSULT", "source": b, "target": a, "trigger": "began talks", "place": SYRIA},
            {"type": "CONSULT", "source": a, "target": b, "trigger": "talks in", "place": MOSCOW},
            {"type": "CONSULT", "source": b, "target": a, "trigger": "talks in", "place": MOSCOW},
            {"type": "CONSULT", "source": a, "trigger": "discussions", "place": RUSSIA},
            {"type": "CONSULT", "source": a, "target": b, "trigger": "will meet",
             "status": "planned"},
        ],
    )  # fmt: skip


def test_happenings_group_mutual_and_repeated_mentions() -> None:
    found = assign(talks_record())
    ids = [h.id for h in found]
    assert len(set(ids[:5])) == 1  # both directions, three sentences, the one-sided arrival
    assert ids[5] != ids[0]  # planned talks are another happening
    talks = found[0]
    assert talks.place is not None and talks.place["name"] == "Moscow"  # a city beats countries
    assert talks.parties == ("RUS", "USA") and talks.day == "2016-03-24"
    # stable: the same words read again, under another id, give the same happening
    assert [h.id for h in assign(talks_record("again"))] == ids


def test_happenings_split_by_city_and_keep_undated_apart() -> None:
    text = "Army units shelled rebels in Aleppo. Army units shelled rebels in Idlib"
    actors = [("Army units", "SYR", "MIL", None), ("rebels", "SYR", "REB", None)]
    strikes = make_record(
        "strikes",
        text,
        actors=actors,
        events=[
            {"type": "ASSAULT", "source": 0, "target": 1, "trigger": "shelled", "place": ALEPPO},
            {"type": "ASSAULT", "source": 0, "target": 1, "trigger": "shelled rebels in Idlib",
             "place": IDLIB},
        ],
    )  # fmt: skip
    first, second = assign(strikes)
    assert first.id != second.id
    undated = [make_record(n, text, published=None, actors=actors, events=[
        {"type": "ASSAULT", "source": 0, "target": 1, "trigger": "shelled", "date": None}
    ]) for n in ("u1", "u2")]  # fmt: skip
    assert assign(undated[0])[0].id != assign(undated[1])[0].id


@pytest.fixture
def talks_store(target: str) -> Store:
    store = Store(target)
    store.add([talks_record("talks-a"), talks_record("talks-b")])
    return store


def test_store_counts_happenings_and_keeps_every_mention(talks_store: Store) -> None:
    with talks_store as store:
        assert len(store.events(limit=None)) == 12  # every mention is still stored
        rows = store.events(dedup=True, limit=None)
        assert len(rows) == 2  # the talks, the planned meeting
        talks = next(r for r in rows if r["status"] == "occurred")
        assert (talks["mentions"], talks["documents"], talks["mutual"]) == (10, 2, True)
        assert talks["place_name"] == "Moscow" and talks["parties"] == ["RUS", "USA"]
        assert {m["doc_id"] for m in talks["evidence"]} == {"talks-a", "talks-b"}
        # from either side, the same happening
        for source, target in (("USA", "RUS"), ("RUS", "USA")):
            (row,) = store.events(dedup=True, source=source, target=target, status="occurred")
            assert row["happening"] == talks["happening"] and row["mentions"] == 10
        (row,) = store.events(dedup=True, dyad="RUS,USA", status="occurred")
        assert row["happening"] == talks["happening"]
        series = store.series("day", by="type")
        assert [(r["type"], r["events"]) for r in series] == [("CONSULT", 2)]
        mentions = store.events(limit=None, type="CONSULT", status="occurred")
        assert {m["happening"] for m in mentions} == {talks["happening"]}


def test_dedup_export_has_one_row_per_happening(talks_store: Store) -> None:
    with talks_store as store:
        buf = io.StringIO()
        assert store.export("csv", buf, dedup=True) == 2
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert sorted(r["mentions"] for r in rows) == ["10", "2"]


def _back_to_schema_1(target: str) -> None:
    """The store as migration 1 left it: no happenings, no facet table."""
    undo = "DROP TABLE store_changes; DROP TABLE happening_facets; DROP INDEX events_happening;"
    undo += " ALTER TABLE events DROP COLUMN happening; DROP TABLE happenings;"
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as pg:
            pg.execute(undo + " DELETE FROM hadath_schema WHERE version >= 2")
        return
    conn = sqlite3.connect(target)
    conn.executescript(undo + " PRAGMA user_version = 1;")
    conn.close()


def test_old_store_gets_happenings_when_opened(target: str) -> None:
    with Store(target) as store:
        store.add([talks_record()])
    _back_to_schema_1(target)
    with pytest.raises(StoreError, match="out of date"):
        Store(target, readonly=True)
    with Store(target) as store:
        rows = store.events(dedup=True, limit=None)
        assert sorted(r["mentions"] for r in rows) == [1, 5]
        assert next(r for r in rows if r["mentions"] == 5)["place_name"] == "Moscow"


def test_founding_page_gives_one_talks_happening_in_moscow(
    seed_record: dict[str, Any], target: str
) -> None:
    with Store(target) as store:
        store.add([seed_record])
        talks = store.events(dedup=True, type="CONSULT", status="occurred", dyad="USA,RUS")
        assert len(talks) == 1
        (happening,) = talks
        assert happening["place_name"] == "Moscow" and happening["mutual"]
        assert happening["mentions"] >= 4 and happening["day"] == "2016-03-24"
        # the pipeline's mentions are all there, from both sides
        mentions = store.events(limit=None, type="CONSULT", status="occurred", dyad="USA,RUS")
        assert len(mentions) == happening["mentions"]
        assert {(m["source_country"], m["target_country"]) for m in mentions} == {
            ("USA", "RUS"), ("RUS", "USA")
        }  # fmt: skip
