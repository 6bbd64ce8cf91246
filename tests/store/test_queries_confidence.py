"""Confidence: shown by ``hadath events``, filtered on, sorted on, in the store and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_records import make_record

from hadath.cli import main
from hadath.store import Store

TEXT = "Egypt accused Turkey of meddling. Egypt met Turkey in Cairo. Egypt threatened Turkey."


@pytest.fixture
def db(target: str) -> str:
    record = make_record(
        "three",
        TEXT,
        actors=[("Egypt", "EGY", "GOV", None), ("Turkey", "TUR", "GOV", None)],
        events=[
            {"type": "ACCUSE", "source": 0, "target": 1, "trigger": "accused", "confidence": 0.4},
            {"type": "CONSULT", "source": 0, "target": 1, "trigger": "met", "confidence": 0.9},
            {"type": "THREATEN", "source": 0, "target": 1, "trigger": "threatened",
             "confidence": 0.65},
        ],
    )  # fmt: skip
    with Store(target) as store:
        store.add([record])
    return target


def _types(out: str) -> list[str]:
    return [json.loads(line)["type"] for line in out.splitlines()]


def test_store_min_confidence_and_sort(db: str) -> None:
    with Store(db, readonly=True) as store:
        assert [e["type"] for e in store.events(min_confidence=0.6)] == ["CONSULT", "THREATEN"]
        ranked = store.events(sort="confidence")
        assert [e["confidence"] for e in ranked] == [0.9, 0.65, 0.4]
        # one happening each: the same order with --dedup
        happenings = store.events(sort="confidence", dedup=True)
        assert [(h["type"], h["confidence"]) for h in happenings] == [
            ("CONSULT", 0.9), ("THREATEN", 0.65), ("ACCUSE", 0.4)
        ]  # fmt: skip
        with pytest.raises(ValueError, match="sort"):
            store.events(sort="loudness")


def test_cli_events_shows_filters_and_sorts_confidence(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["events", "--db", db, "--format", "table"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    at = header.index("confidence")
    assert [r[at : at + 4] for r in rows] == ["0.40", "0.90", "0.65"]

    assert main(["events", "--db", db, "--sort", "confidence"]) == 0
    assert _types(capsys.readouterr().out) == ["CONSULT", "THREATEN", "ACCUSE"]

    assert main(["events", "--db", db, "--min-confidence", "0.5"]) == 0
    assert _types(capsys.readouterr().out) == ["CONSULT", "THREATEN"]

    # the default a user sets once, and overrides per command
    monkeypatch.setenv("HADATH_MIN_CONFIDENCE", "0.8")
    assert main(["events", "--db", db]) == 0
    assert _types(capsys.readouterr().out) == ["CONSULT"]
    assert main(["events", "--db", db, "--min-confidence", "0"]) == 0
    assert len(_types(capsys.readouterr().out)) == 3
    assert main(["events", "--db", db, "--series", "year", "--by", "type"]) == 0
    assert [json.loads(x)["type"] for x in capsys.readouterr().out.splitlines()] == ["CONSULT"]


def test_cli_export_min_confidence(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "e.jsonl"
    assert (
        main(
            ["export", "--db", db, "--format", "plover", "--min-confidence", "0.6", "-o", str(out)]
        )
        == 0
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    capsys.readouterr()
