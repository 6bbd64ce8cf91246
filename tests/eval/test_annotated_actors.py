"""The actor figures of the annotated splits: agreement on found events, gold actors found."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hadath.eval.annotated import _actor_figures
from hadath.eval.score import Counts
from hadath.train.annotations import Annotation, Part, SpanEvent, SpanQuote


def _actor(country: str | None, org: str | None, *spans: tuple[int, int]) -> dict[str, Any]:
    return {"country": country, "org": org, "sector": "GOV",
            "mentions": [{"start": s, "end": e} for s, e in spans]}  # fmt: skip


def _side(country: str | None, org: str | None = None) -> dict[str, Any]:
    return {"country": country, "org": org, "sector": "GOV"}


def test_annotated_actor_figures_count_agreement_and_found_mentions() -> None:
    # "Iran accused the UN; the minister said ...": two parties, one speaker
    ann = Annotation(
        doc="pool:x", annotator="a0", sha1="", where="x:1",
        events=(SpanEvent("ACCUSE", "occurred", False, (5, 12),
                          Part((0, 4), "IRN/GOV"), Part((17, 19), "UN/IGO")),
                SpanEvent("ASSAULT", "occurred", False, (40, 45), Part((36, 39), "SYR/MIL"), None)),
        quotes=(SpanQuote("indirect", False, (60, 70), (55, 59), Part((21, 33), "IRN/GOV")),
                SpanQuote("indirect", True, (80, 90), (75, 79), Part((71, 74), "?/?"))),
    )  # fmt: skip
    record = {
        "actors": [_actor("IRN", None, (0, 4)), _actor(None, "UN", (17, 19)),
                   _actor("IRQ", None, (21, 33))],
        # the ACCUSE found with the source right and the target wrong; no ASSAULT found
        "events": [{"type": "ACCUSE", "trigger": {"start": 6, "end": 11},
                    "source": _side("IRN"), "target": _side("USA")}],
    }  # fmt: skip
    c: dict[str, Counts] = defaultdict(Counts)
    _actor_figures(record, ann, c)
    assert (c["actors:agreement"].tp, c["actors:agreement"].required) == (1, 2)
    # four coded mentions ('?' is no code): IRN and UN found, the speaker coded IRQ, SYR missed
    assert (c["actors:found"].tp, c["actors:found"].required) == (2, 4)
    assert c["actors:wrong"].tp == 1
