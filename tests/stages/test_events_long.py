"""Long sentences: a chain of thousands of clauses is read whole, and the clause and date of
each trigger are found from marks read once per sentence, the same as reading the sentence
again for every trigger would give.

Every sentence here is written for the test (none is copied from a shared text).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import hadath
from hadath.stages.events import _clause, _clause_scan, _nearest_date
from hadath.text.dates import find_dates

_HEAD = "وقال كيري إن المحادثات ستستأنف غدا"
_LINK = "، وأن المحادثات ستستأنف غدا"


def _chain(links: int) -> str:
    return _HEAD + _LINK * links + "."


def _actors(record: dict[str, Any]) -> set[tuple[str | None, str | None]]:
    return {(a.get("country"), a.get("sector")) for a in record["actors"]}


def test_events_a_chain_of_two_thousand_clauses_is_one_sentence_read_whole() -> None:
    text = _chain(2000)
    record = hadath.read(text)
    one = hadath.read(_chain(0))
    assert record["text"] == text
    assert [(s["start"], s["end"]) for s in record["sentences"]] == [(0, len(text))]
    assert ("USA", "GOV") in _actors(record)
    assert _actors(record) == _actors(one)  # the links name nobody new
    assert len(record["events"]) == len(one["events"])  # nor any party to talks
    assert record["warnings"] == []


# Pieces a clause mark is made of, or may be mistaken in: complementizers with and without
# proclitics, their pronoun forms, English marks in any case, punctuation, asides in brackets.
_PIECES = st.sampled_from(
    [
        *("إن", "أن", "وأن", "فإن", "بأن", "أنه", "أنها", "انهم", "قبل أن", "بعد أن", "بعدما"),
        *("الذي", "لكن", "ولكن", "حيث", "that", "That", "while", "but", "because", "WHO"),
        *(" ", " ", ",", "،", "؛", ":", "«", "»", "(", ")", "(LNA)", "قال", "كيري", "و", "ف", "x"),
    ]
)


@st.composite
def _sentence_and_trigger(draw: st.DrawFn) -> tuple[str, tuple[int, int], tuple[int, int]]:
    text = "".join(draw(st.lists(_PIECES, min_size=1, max_size=60)))
    start = draw(st.integers(0, min(4, len(text))))
    end = draw(st.integers(max(start, len(text) - 4), len(text)))
    ts = draw(st.integers(start, end))
    te = draw(st.integers(ts, min(end, ts + 8)))
    return text, (start, end), (ts, te)


@given(_sentence_and_trigger())
def test_events_clause_from_marks_read_once_is_the_clause_scanned_per_trigger(
    case: tuple[str, tuple[int, int], tuple[int, int]],
) -> None:
    text, sent, trig = case
    assert _clause(text, sent, trig) == _clause_scan(text, sent, trig)


_DATED = st.sampled_from(["أمس", "غدا", "الخميس", "اليوم", "yesterday", "on Monday", "كيري"])


@given(st.lists(_DATED, min_size=1, max_size=30), st.integers(0, 400))
def test_events_date_of_a_trigger_is_the_nearest_the_earlier_on_a_tie(
    words: list[str], pos: int
) -> None:
    text = " ".join(words)
    trig = min(pos, len(text))
    dates = find_dates(text, 0, len(text))
    found = _nearest_date(text, (0, len(text)), trig)
    if not dates:
        assert found is None
        return
    assert found is not None
    best = min(abs(d.start - trig) for d in dates)
    assert abs(found.start - trig) == best
    assert not [d for d in dates if abs(d.start - trig) == best and d.start < found.start]
