"""The learned decisions over the events stage's rule candidates.

The rules propose: trigger hits, the mentions of the trigger's sentence, the sources and
targets ``_pick_args`` picked, and the filters that would have dropped the trigger (kept as
flags). The models decide: which mentions are the source and the target (``pick_args``) and
whether the trigger reports an event (``Models.eventness``); when shipped, the key and quote
filters decide which of the document's (type, source, target) keys and quotes it reports
(``stages/keys.py``). ``hadath train`` fits them on the span annotations; without their
weights (or with ``Context(learned=False)``) the rules decide alone, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from hadath.learn.features import arg_features
from hadath.learn.linear import LinearModel, load_model
from hadath.model import Document

MODEL_NAMES = ("eventness", "source", "target", "speaker")
KEYS_MODEL = "keys"
QUOTES_MODEL = "quotes"
_BREAK = re.compile(r"[،,;؛:\n]")


class MentionLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def actor(self) -> int: ...
    @property
    def conj(self) -> bool: ...


M = TypeVar("M", bound=MentionLike)


@dataclass(frozen=True, slots=True)
class Models:
    eventness: LinearModel
    source: LinearModel
    target: LinearModel
    speaker: LinearModel
    keys: LinearModel | None = None  # the key filter (stages/keys.py); optional
    quotes: LinearModel | None = None  # the quote filter (stages/keys.py); optional

    @classmethod
    def load(cls, folder: Path | None = None) -> Models | None:
        """The shipped models (or those of ``folder``), or None when any is missing: then the
        rules decide alone."""
        found = [load_model(n, folder) for n in MODEL_NAMES]
        if any(m is None for m in found):
            return None
        ev, src, tgt, sp = found
        assert ev is not None and src is not None and tgt is not None and sp is not None
        return cls(
            ev, src, tgt, sp, load_model(KEYS_MODEL, folder), load_model(QUOTES_MODEL, folder)
        )


@dataclass(frozen=True, slots=True)
class ArgCandidate:
    start: int
    end: int
    actor: int
    features: list[str]
    code: str | None = None  # its country or org, as it would be coded


@dataclass(slots=True)
class Candidate:
    """One trigger as the rules saw it, for training: its features, its mentions' features and
    whether the rules alone would have kept it."""

    doc: str
    trigger: tuple[int, int]
    type: str
    rule: str
    lang: str
    features: list[str]
    args: list[ArgCandidate] = field(default_factory=list)
    rule_kept: bool = False
    status: str = "occurred"


# a dateline or media credit: "أبوظبي - سكاي نيوز عربية", "WASHINGTON (Reuters) -"
_DASH_AFTER = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[-–—]")


def is_dateline(text: str, start: int, end: int) -> bool:
    """The mention opens its line and a dash follows it: a dateline or credit, not an actor."""
    # a line break at most 31 characters back, or none before a start at most 30 in (looked
    # for only that far: a long line would be searched back to its start for each mention)
    opens = start <= 30 or text.rfind("\n", start - 31, start) >= 0
    return opens and bool(_DASH_AFTER.match(text, end))


def _starting_in(mentions: Sequence[M], lo: int, hi: int) -> Sequence[M]:
    a = bisect_left(mentions, lo, key=lambda m: m.start)
    b = bisect_left(mentions, hi, key=lambda m: m.start)
    return mentions[a:b]


def arg_candidates(
    doc: Document,
    mentions: Sequence[M],
    trig: tuple[int, int],
    sent: tuple[int, int],
    sources: Sequence[M],
    targets: Sequence[M],
    etype: str,
    lang: str,
    passive: bool,
) -> list[tuple[M, list[str]]]:
    """The mentions that may be an argument of the trigger (its sentence's, and any the rule
    picked outside it), each with its features."""
    text = doc.text
    inside = [
        m
        for m in _starting_in(mentions, sent[0], sent[1])
        if m.end <= sent[1] and not (m.start < trig[1] and trig[0] < m.end)
    ]
    seen = {(m.start, m.end) for m in inside}
    outside = [m for m in list(sources) + list(targets) if (m.start, m.end) not in seen]
    for m in outside:
        seen.add((m.start, m.end))
    cands = sorted(inside + outside, key=lambda m: m.start)
    before = [m for m in cands if m.end <= trig[0]]
    after = [m for m in cands if m.start >= trig[1]]
    src_keys = {(m.start, m.end) for m in sources}
    tgt_keys = {(m.start, m.end) for m in targets}
    out: list[tuple[M, list[str]]] = []
    for m in cands:
        is_after = m.start >= trig[1]
        side = after if is_after else before
        pos = side.index(m) if m in side else 0
        rank = pos if is_after else len(side) - 1 - pos
        gap = text[trig[1] : m.start] if is_after else text[m.end : trig[0]]
        # a negative actor is a place of the sentence (events.PLACE_ACTOR), coded by its country
        a = doc.actors[m.actor] if m.actor >= 0 else None
        feats = arg_features(
            text=text,
            trigger=trig,
            mention=(m.start, m.end),
            etype=etype,
            lang=lang,
            kind=a.kind if a else "place",
            sector=a.sector if a else "GOV",
            coded=bool(a.country or a.org) if a else True,
            rule_source=(m.start, m.end) in src_keys,
            rule_target=(m.start, m.end) in tgt_keys,
            conj=m.conj,
            in_sentence=sent[0] <= m.start and m.end <= sent[1],
            between=rank,
            rank=rank,
            clause_break=bool(_BREAK.search(gap)),
            passive=passive,
            dateline=is_dateline(text, m.start, m.end),
        )
        out.append((m, feats))
    return out


def pick_args(cands: Sequence[tuple[M, list[str]]], models: Models) -> tuple[list[M], list[M]]:
    """The sources and targets the models choose among the candidates: each mention whose
    probability of the role reaches the model's threshold."""
    sources = [m for m, f in cands if models.source.prob(f) >= models.source.threshold]
    targets = [m for m, f in cands if models.target.prob(f) >= models.target.threshold]
    return sources, targets
