from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from hadath.cli.store import register
from hadath.store import Store


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hadath")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_cli_store_commands_have_help() -> None:
    parser = argparse.ArgumentParser(prog="hadath")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    for name in ("ingest", "search", "events", "export"):
        text = sub.choices[name].format_help()
        assert "--db" in text and len(text) > 300


@pytest.mark.usefixtures("store")
def test_cli_search_events_export(
    target: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run(["search", "الأمريكي", "--db", target]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ar-meeting") and "«الأمريكي»" in out

    # without --db, the store is $HADATH_DB
    monkeypatch.setenv("HADATH_DB", target)
    assert _run(["events", "--source", "USA", "--target", "RUS"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["ar-meeting", "en-talks"]

    assert _run(["events", "--format", "table", "--actor", "SYR"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == [
        "day", "parties", "type", "status", "confidence", "words", "title"
    ] and len(table) == 4  # fmt: skip
    assert "SYR MIL -> SYR REB" in table[1] and "shelled: Syrian army units shelled" in table[1]
    assert "Army shells rebel positions" in table[1]

    assert _run(["events", "--db", target, "--series", "month", "--by", "quad"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4

    out_csv = tmp_path / "e.csv"
    assert _run(["export", "--format", "csv", "-o", str(out_csv)]) == 0
    assert len(list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))) == 5


def test_cli_ingest_reports_summary(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hadath.store import store as store_module

    def fake_ingest(self: Store, _inputs: list[str], **_: object) -> object:
        return self.add([{"id": "a", "text": "one"}, {"id": "b"}])

    monkeypatch.setattr(store_module.Store, "ingest", fake_ingest)
    assert _run(["ingest", str(tmp_path), "--db", str(db_path)]) == 3
    err = capsys.readouterr().err
    assert "1 stored, 0 skipped as duplicates, 1 failed" in err
    assert "failed: b: bad record" in err


@pytest.mark.usefixtures("store")
def test_cli_search_with_too_many_words_is_a_usage_error(
    target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from hadath.cli import main

    query = " ".join(f"w{n}" for n in range(1000))
    assert main(["search", query, "--db", target]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "hadath: query: 1000 different words; a search takes at most 32\n"
