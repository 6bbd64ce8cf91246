from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from hadath.store import Store
from hadath.store.export import CAMEO_COLUMNS


def test_export_jsonl_documents_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    assert store.export("jsonl", out) == 4
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[0] == store.get("ar-meeting")
    assert store.export("jsonl", out, actor="SYR") == 2  # documents holding a matching event


def test_export_csv_events_parse(store: Store) -> None:
    buf = io.StringIO()
    assert store.export("csv", buf, type="CONSULT") == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["doc_id"] for r in rows] == ["ar-meeting", "en-talks"]
    assert rows[0]["sentence_text"].startswith("التقى") and rows[0]["trigger_start"] == "0"


@pytest.mark.parametrize("what", ["events", "quotes", "actors", "claims"])
def test_export_parquet_reads_back(store: Store, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.parquet"
    n = store.export("parquet", out, what=what)
    table = pq.read_table(out)
    assert table.num_rows == n > 0
    assert "doc_id" in table.column_names


def test_export_cameo_tsv(store: Store) -> None:
    buf = io.StringIO()
    assert store.export("cameo", buf) == 4  # one line per happening: the meeting once
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert list(rows[0]) == list(CAMEO_COLUMNS)
    first = rows[0]
    assert (first["Date"], first["SourceActorFull"], first["TargetActorFull"]) == (
        "20160321", "SYRMIL", "SYRREB"
    )  # fmt: skip
    assert (first["EventCode"], first["QuadClass"], first["GoldsteinScore"]) == ("180", "4", "-9.0")
    assert first["DocumentID"] == "en-shelling" and "\t" not in first["Sentence"]
    meeting = next(r for r in rows if r["SourceActorFull"] == "USAGOV")
    assert meeting["Mentions"] == "2" and meeting["LocationName"] == "Moscow"


def test_export_dedup_csv_has_evidence(store: Store) -> None:
    buf = io.StringIO()
    assert store.export("csv", buf, dedup=True, type="CONSULT") == 1
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert row["mentions"] == "2" and len(json.loads(row["evidence"])) == 2


def test_export_rejects_bad_combinations(store: Store) -> None:
    with pytest.raises(ValueError, match="events only"):
        store.export("cameo", io.StringIO(), what="quotes")
    with pytest.raises(ValueError, match="not available"):
        store.export("csv", io.StringIO(), what="actors", source="USA")
    with pytest.raises(ValueError, match="format"):
        store.export("xml", io.StringIO())
