"""The fuzz harness, briefly and reproducibly, and every crash it ever found, replayed."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, TARGETS, Tally, fuzz, run_one

# Derandomized and small: the same inputs every run, a few seconds in all.
BRIEF = {"text-file": 15, "html-file": 15, "jsonl-file": 15, "text": 15, "warc": 8, "store": 8}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzz_brief_run_finds_no_crash(target: str) -> None:
    tally = Tally()
    fuzz(target, BRIEF[target], 0, tally, keep=False)
    assert tally.runs[target] >= BRIEF[target] // 2  # hypothesis may stop early on duplicates
    assert tally.crashes == []


@pytest.mark.parametrize(
    "case", sorted(CASES.glob("*.bin")) if CASES.is_dir() else [], ids=lambda p: p.stem
)
def test_fuzz_every_crash_found_stays_fixed(case: Path) -> None:
    target = case.name.split(".")[0]
    tally = Tally()
    run_one(target, case.read_bytes(), tally, keep=False)
    assert tally.crashes == []
