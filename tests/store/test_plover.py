"""PLOVER JSON export checked against the tables of the PLOVER manual in $HADATH_SHARED."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from store_records import make_record

from hadath import model
from hadath.store import Store
from hadath.store.plover import EXTRA_FIELDS

TABLES = {
    "record": "PLOVER JSON",
    "entity": "Information object for entities",
    "text": "Information object for text",
    "cite": "Information object for citations",
    "location": "Location object",
}


def manual_tables(shared: Path) -> dict[str, dict[str, bool]]:
    """Field names of each object table of the manual (name -> required?), read from the TeX."""
    tex = (shared / "ref" / "PLOVER" / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    found: dict[str, dict[str, bool]] = {}
    for key, caption in TABLES.items():
        at = tex.index("\\caption{" + caption)
        body = tex[at : tex.index("\\end{tabular}", at)]
        fields: dict[str, bool] = {}
        for line in body.split("\\\\"):
            cells = [c.strip() for c in line.replace("\\hline", "").split("&")]
            name = cells[0].replace("\\_", "_").strip()
            if len(cells) >= 2 and re.fullmatch(r"[a-z_]+", name):
                fields[name] = cells[-1] == "Y"
        assert len(fields) >= 4, f"could not read the manual's {caption!r} table"
        found[key] = fields
    return found


@pytest.fixture(scope="module")
def manual(shared: Path) -> dict[str, dict[str, bool]]:
    return manual_tables(shared)


def _records(store: Store, **filters: Any) -> list[dict[str, Any]]:
    buf = io.StringIO()
    n = store.export("plover", buf, **filters)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(records) == n
    return records


def check_record(rec: dict[str, Any], manual: dict[str, dict[str, bool]]) -> None:
    fields = manual["record"]
    assert not set(rec) - set(fields) - set(EXTRA_FIELDS), set(rec) - set(fields)
    for name, required in fields.items():
        if required:
            assert rec.get(name), f"required field {name} is missing"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["date"])
    assert "enddate" not in rec or re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["enddate"])
    for name in ("event", "mode", "context", "event_text"):
        assert isinstance(rec[name], list), name
    assert set(rec["event"]) <= set(model.PLOVER_TYPES)
    assert rec["quad_code"] in (1, 2, 3, 4)
    for entity in rec["actor"] + rec["recipient"]:
        assert set(entity) <= set(manual["entity"]), entity
    assert set(rec["text_info"]) <= set(manual["text"])
    assert set(rec["cite_info"]) <= set(manual["cite"])
    if rec["event_loc"] is not None:
        assert set(rec["event_loc"]) <= set(manual["location"])


def test_plover_records_follow_the_manual(store: Store, manual: dict[str, dict[str, bool]]) -> None:
    records = _records(store)
    assert len(records) == 4  # the meeting reported twice is one record
    for rec in records:
        check_record(rec, manual)
    (meeting,) = (r for r in records if r["event"] == ["CONSULT"])
    assert meeting["actor"][0] == {
        "code": "USA", "sector": "GOV", "entity_text": "وزير الخارجية الأمريكي"
    }  # fmt: skip
    assert [e["code"] for e in meeting["recipient"]] == ["RUS"]
    assert meeting["event_loc"]["resolved_place"] == "Moscow"
    assert meeting["mentions"] == 2 and meeting["documents"] == 2
    assert {e["doc_id"] for e in meeting["evidence"]} == {"ar-meeting", "en-talks"}
    assert meeting["cite_info"]["publication"] == "Test Wire"
    assert "diplomatic" in meeting["context"]
    assert meeting["event_text"] == ["التقى", "met"]
    shelling = next(r for r in records if r["event"] == ["ASSAULT"])
    assert "military" in shelling["context"]


def test_plover_mutual_act_lists_both_parties_as_actor(
    target: str, manual: dict[str, dict[str, bool]]
) -> None:
    text = "Egypt and Turkey held talks in Cairo on Monday"
    record = make_record(
        "mutual",
        text,
        published="2016-05",  # known to the month: date and enddate span it
        actors=[("Egypt", "EGY", "GOV", None), ("Turkey", "TUR", "GOV", None)],
        events=[
            {"type": "CONSULT", "source": 0, "target": 1, "trigger": "talks"},
            {"type": "CONSULT", "source": 1, "target": 0, "trigger": "talks"},
        ],
    )
    record["events"][0]["mode"] = "multilateral"
    with Store(target) as store:
        store.add([record])
        (rec,) = _records(store)
    check_record(rec, manual)
    assert [e["code"] for e in rec["actor"]] == ["EGY", "TUR"] and rec["recipient"] == []
    assert (rec["date"], rec["enddate"]) == ("2016-05-01", "2016-05-31")
    assert rec["mode"] == ["multilateral"] and rec["mentions"] == 2


def test_plover_founding_page_follows_the_manual(
    seed_record: dict[str, Any], target: str, manual: dict[str, dict[str, bool]]
) -> None:
    with Store(target) as store:
        store.add([seed_record])
        records = _records(store)
    for rec in records:
        check_record(rec, manual)
    talks = [
        r for r in records
        if r["event"] == ["CONSULT"] and r["status"] == "occurred"
        and {e["code"] for e in r["actor"]} == {"USA", "RUS"}
    ]  # fmt: skip
    assert len(talks) == 1 and talks[0]["event_loc"]["resolved_place"] == "Moscow"
    assert talks[0]["cite_info"]["publication"] == seed_record["outlet"]
