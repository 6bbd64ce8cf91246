from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from store_records import AR_MEETING, make_record

from hadath.store import Store


def test_ingest_stores_documents_and_parts(db_path: Path, records: list[dict[str, Any]]) -> None:
    with Store(db_path) as store:
        summary = store.add(records)
        assert (summary.stored, summary.duplicates, summary.failed) == (4, 0, ())
        assert store.count() == 4
        assert store.get("ar-meeting") == AR_MEETING
        assert store.get("missing") is None
    conn = sqlite3.connect(db_path)
    counts = {
        t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("documents", "segments", "actors", "events", "quotes", "claims")
    }
    assert counts == {
        "documents": 4, "segments": 4, "actors": 8, "events": 5, "quotes": 2, "claims": 1
    }  # fmt: skip
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_ingest_reingest_stores_nothing_new(store: Store, records: list[dict[str, Any]]) -> None:
    again = store.add(records)
    assert (again.stored, again.duplicates) == (0, 4)
    # same text under another id is the same document
    renamed = dict(records[0], id="another-id")
    # same id with other text too
    retexted = dict(records[1], text=records[1]["text"] + " More.")
    summary = store.add([renamed, retexted])
    assert (summary.stored, summary.duplicates) == (0, 2)
    assert store.count() == 4


def test_ingest_whitespace_changes_are_duplicates(
    store: Store, records: list[dict[str, Any]]
) -> None:
    spaced = dict(records[2], id="x", text=records[2]["text"].replace(" ", "  ") + "\n")
    assert store.add([spaced]).duplicates == 1


def test_ingest_failures_reported_others_kept(db_path: Path, records: list[dict[str, Any]]) -> None:
    bad: list[Any] = [
        {"id": "no-text"},
        {"id": "bad-events", "text": "x", "events": "oops"},
        {"id": "bad-value", "text": "y", "title": {"not": "a string"}},
        "not a record",
    ]
    with Store(db_path) as store:
        summary = store.add([records[0], *bad, records[1]], batch_size=2)
        assert summary.stored == 2
        assert [f.input for f in summary.failed] == [
            "no-text",
            "bad-events",
            "bad-value",
            "record 5",
        ]
        assert all(f.reason for f in summary.failed)
        assert store.count() == 2
        assert store.integrity() == "ok"


def test_ingest_summary_as_dict_is_json(store: Store) -> None:
    summary = store.add([{"id": "z"}])
    data = json.loads(json.dumps(summary.as_dict()))
    assert data["failed"] == [{"input": "z", "reason": "bad record: record has no 'text'"}]


def test_ingest_progress_called(db_path: Path, records: list[dict[str, Any]]) -> None:
    seen: list[int] = []
    with Store(db_path) as store:
        store.add(records, progress=lambda n, _t: seen.append(n))
    assert seen == [1, 2, 3, 4]


def test_ingest_record_without_id_gets_text_hash(db_path: Path) -> None:
    record = make_record("", "Officials met in Cairo. Nothing else happened.")
    with Store(db_path) as store:
        assert store.add([record]).stored == 1
        (doc,) = store.documents()
        assert len(doc["id"]) == 40 and doc["id"] == doc["text_hash"]


def test_ingest_documents_pagination(store: Store) -> None:
    first = store.documents(limit=3)
    rest = store.documents(limit=3, offset=3)
    assert [d["id"] for d in first + rest] == ["ar-meeting", "en-talks", "en-shelling", "ar-aid"]
    assert first[0]["n_events"] == 1 and first[0]["language"] == "ar"


def test_ingest_files_through_pipeline(db_path: Path, tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("hadath.api", reason="the pipeline is not importable yet")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    lines = [
        {"id": "j1", "text": "The foreign minister met his counterpart in Cairo on Monday."},
        {"id": "j2", "text": "التقى وزير الخارجية نظيره في القاهرة يوم الاثنين."},
    ]
    (folder / "a.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8"
    )
    (folder / "sub" / "b.txt").write_text("Protesters gathered in the square.\n", encoding="utf-8")
    (folder / "sub" / "empty.txt").write_text("", encoding="utf-8")
    with Store(db_path) as store:
        summary = store.ingest([folder])
        assert summary.stored == 3
        assert [f.input for f in summary.failed] == [str(folder / "sub" / "empty.txt")]
        assert store.ingest([folder]).duplicates == 3
