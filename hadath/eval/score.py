"""The scoring rules of GOLD.md, as pure functions over keys and texts.

Per document, system items are matched one-to-one to gold items by the
assignment that maximises 2 points per match to required gold and 1 per
match to optional gold. True positives are matches to required gold; false
positives are system items matched to nothing; matches to optional gold
count neither way; recall is over required gold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

S = TypeVar("S")
G = TypeVar("G")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    required: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.required += other.required

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "gold": self.required,
        }


@dataclass(frozen=True)
class Gold(Generic[G]):
    item: G
    optional: bool


@dataclass
class Match(Generic[S, G]):
    counts: Counts
    pairs: list[tuple[int, int]]  # (system index, gold index)
    unmatched_system: list[int]
    missed_gold: list[int]  # required gold left unmatched


def assign(
    system: Sequence[S], gold: Sequence[Gold[G]], fits: Callable[[S, G], bool]
) -> Match[S, G]:
    """The optimal one-to-one matching of GOLD.md and its counts."""
    required = sum(1 for g in gold if not g.optional)
    if not system or not gold:
        return Match(Counts(0, len(system), required), [], list(range(len(system))),
                     [j for j, g in enumerate(gold) if not g.optional])  # fmt: skip
    w = np.zeros((len(system), len(gold)))
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if fits(s, g.item):
                w[i, j] = 1.0 if g.optional else 2.0
    rows, cols = linear_sum_assignment(w, maximize=True)
    pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if w[i, j] > 0]
    matched_s = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    tp = sum(1 for _, j in pairs if not gold[j].optional)
    fp = len(system) - len(matched_s)
    missed = [j for j, g in enumerate(gold) if not g.optional and j not in matched_g]
    return Match(
        Counts(tp, fp, required),
        pairs,
        [i for i in range(len(system)) if i not in matched_s],
        missed,
    )


def part_fits(gold: str | None, system: str | None) -> bool:
    """A gold part: '?' matches anything, None only None, else equality."""
    if gold == "?":
        return True
    return gold == system


def fold_ws(text: str) -> str:
    return " ".join(text.split())


def lcs_len(a: str, b: str) -> int:
    """Length of the longest common substring."""
    if not a or not b:
        return 0
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return int(m.size)


def quote_fits(system_text: str, gold_text: str) -> bool:
    g = fold_ws(gold_text)
    return lcs_len(fold_ws(system_text), g) * 2 >= len(g)
