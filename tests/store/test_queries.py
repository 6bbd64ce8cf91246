from __future__ import annotations

from hadath.store import Store


def _keys(rows: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(r["doc_id"], r["event"]) for r in rows]


def test_queries_events_filters(store: Store) -> None:
    assert len(store.events()) == 5
    usa_rus = store.events(source="USA", target="rus")
    assert _keys(usa_rus) == [("ar-meeting", 0), ("en-talks", 0)]
    assert _keys(store.events(actor="SYR")) == [("en-shelling", 0), ("ar-aid", 0), ("ar-aid", 1)]
    assert _keys(store.events(actor="UN")) == [("ar-aid", 0)]
    assert _keys(store.events(sector="MIL")) == [("en-shelling", 0)]
    assert _keys(store.events(target_sector="REB")) == [("en-shelling", 0)]
    assert _keys(store.events(type="assault")) == [("en-shelling", 0)]
    assert len(store.events(type=["AID", "REQUEST"])) == 2
    assert _keys(store.events(since="2016-04", until="2016-04")) == [("ar-aid", 0), ("ar-aid", 1)]
    assert len(store.events(until="2016-03-24")) == 3
    assert _keys(store.events(place="موسكو")) == [("ar-meeting", 0)]
    assert _keys(store.events(place="rus")) == [("ar-meeting", 0)]
    assert _keys(store.events(text="بوقف القصف")) == [("ar-aid", 1)]
    assert store.events(status="negated") == []


def test_queries_event_rows_are_flat_with_evidence(store: Store) -> None:
    (row,) = store.events(doc="ar-meeting")
    assert row["cameo"] == row["cameo_used"] == "043"
    assert row["quad"] == 1 and row["goldstein"] == 2.8
    assert row["sentence_text"].startswith("التقى وزير")
    text = store.get("ar-meeting")["text"]  # type: ignore[index]
    assert text[row["trigger_start"] : row["trigger_end"]] == "التقى"
    assert text[row["source_start"] : row["source_end"]] == "وزير الخارجية الأمريكي"


def test_queries_default_cameo_per_plover_type(store: Store) -> None:
    (row,) = store.events(doc="en-shelling")
    assert (row["cameo"], row["cameo_used"], row["quad"], row["goldstein"]) == (
        None,
        "180",
        4,
        -9.0,
    )


def test_queries_pagination(store: Store) -> None:
    every = _keys(store.events())
    assert _keys(store.events(limit=2)) + _keys(store.events(limit=10, offset=2)) == every


def test_queries_series_dyad_by_day(store: Store) -> None:
    rows = store.series("day", by="dyad")
    assert rows[0] == {
        "period": "2016-03-21", "source": "SYR", "target": "SYR", "events": 1,
        "goldstein": -9.0, "goldstein_mean": -9.0,
    }  # fmt: skip
    # the Arabic and the English report of the same meeting are one happening, counted once
    usa = [r for r in rows if r["source"] == "USA"]
    assert usa == [
        {"period": "2016-03-24", "source": "USA", "target": "RUS", "events": 1,
         "goldstein": 2.8, "goldstein_mean": 2.8},
    ]  # fmt: skip


def test_queries_series_quad_by_month_and_week(store: Store) -> None:
    rows = store.series("month", by="quad")
    got = {(r["period"], r["quad_name"]): r["events"] for r in rows}
    assert got == {
        ("2016-03", "verbal cooperation"): 1,  # one meeting, reported twice
        ("2016-03", "material conflict"): 1,
        ("2016-04", "material cooperation"): 1,
        ("2016-04", "verbal conflict"): 1,
    }
    weeks = {r["period"] for r in store.series("week", by="dyad")}
    assert weeks == {"2016-03-21", "2016-03-28"}  # Mondays; 2016-04-03 is a Sunday


def test_queries_dedup_keeps_mentions_as_evidence(store: Store) -> None:
    rows = store.events(dedup=True, type="CONSULT")
    assert len(rows) == 1
    (event,) = rows
    assert (event["day"], event["source"], event["target"], event["mentions"]) == (
        "2016-03-24", "USA", "RUS", 2
    )  # fmt: skip
    assert {e["doc_id"] for e in event["evidence"]} == {"ar-meeting", "en-talks"}
    assert all(e["sentence"] for e in event["evidence"])
    assert len(store.events(dedup=True)) == 4


def test_queries_quotes_and_actors(store: Store) -> None:
    quotes = store.quotes(speaker="USA")
    assert [q["text"] for q in quotes] == ["المحادثات كانت مثمرة جدا", "the talks were useful"]
    assert quotes[0]["speaker_code"] == "USAGOV"
    assert [q["doc_id"] for q in store.quotes(text="مثمرة")] == ["ar-meeting"]
    assert [a["name"] for a in store.actors(org="UN")] == ["الأمم المتحدة"]
    assert len(store.actors(country="SYR")) == 3
    assert [a["doc_id"] for a in store.actors(name="الامم")] == ["ar-aid"]
