"""The README's first command: its table is a fair first look at what hadath finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hadath.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_cli_readme_demo_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "hadath events --db demo.db --dedup --format table" in readme
    db = str(tmp_path / "demo.db")
    assert main(["ingest", str(ROOT / "hadath" / "samples"), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["events", "--db", db, "--dedup", "--format", "table"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == [
        "day", "parties", "type", "status", "mentions", "confidence", "words", "title"
    ]  # fmt: skip
    assert len(rows) >= 5 and len(set(rows)) == len(rows)  # no line twice
    dated = [bool(re.match(r"\d{4}(-\d\d){0,2} ", r)) for r in rows]
    assert dated[0] and dated == sorted(dated, reverse=True)  # dated events first
    assert not re.search(r"\b[0-9a-f]{40}\b", "\n".join(rows))  # no bare document ids
    words_at, title_at = header.index("words"), header.index("title")
    for row in rows:
        assert ": " in row[words_at:title_at]  # the trigger, then its sentence
        assert row[title_at:].strip()  # every document of the samples has a title
    assert any("<->" in r for r in rows)  # a mutual act is one line
