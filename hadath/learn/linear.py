"""A logistic model over named binary features, read from a JSON weights file.

Features are strings ("rule=ar.consult.talks", "w-1=وزير", "flag=question"); a decision's
score is the sum of the weights of the features it has, plus the bias. Nothing but the standard
library is needed to score, and every score can say which features weighed most.
"""

from __future__ import annotations

import importlib.resources
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "hadath-linear-1"


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Binary logistic regression: P(yes | features) = sigmoid(bias + sum of weights)."""

    name: str
    weights: dict[str, float]
    bias: float
    threshold: float  # the probability from which the decision is yes
    card: dict[str, Any]

    def score(self, features: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def prob(self, features: Iterable[str]) -> float:
        z = self.score(features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def explain(self, features: Iterable[str], k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` features that moved this decision most, with their weights."""
        w = self.weights
        scored = sorted(
            ((f, w[f]) for f in set(features) if f in w), key=lambda x: (-abs(x[1]), x[0])
        )
        return scored[:k]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "card": self.card,
            "weights": {f: round(v, 5) for f, v in sorted(self.weights.items()) if v},
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any], where: str) -> LinearModel:
        if obj.get("format") != FORMAT:
            raise ValueError(f"{where}: not a {FORMAT} weights file")
        weights = obj.get("weights")
        if not isinstance(weights, dict) or not all(
            isinstance(v, (int, float)) for v in weights.values()
        ):
            raise ValueError(f"{where}: weights must map feature names to numbers")
        return cls(
            str(obj.get("name")),
            {str(k): float(v) for k, v in weights.items()},
            float(obj.get("bias", 0.0)),
            float(obj.get("threshold", 0.5)),
            dict(obj.get("card") or {}),
        )


def load_model(name: str, folder: Path | None = None) -> LinearModel | None:
    """The shipped model ``name`` (``hadath/data/models/NAME.json``), None when not trained."""
    if folder is not None:
        path = folder / f"{name}.json"
        if not path.is_file():
            return None
        raw = path.read_text(encoding="utf-8")
        where = str(path)
    else:
        res = importlib.resources.files("hadath") / "data" / "models" / f"{name}.json"
        if not res.is_file():
            return None
        raw = res.read_text(encoding="utf-8")
        where = f"hadath/data/models/{name}.json"
    return LinearModel.from_json(json.loads(raw), where)


def argmax(probs: Sequence[float]) -> int:
    best = 0
    for i, p in enumerate(probs):
        if p > probs[best]:
            best = i
    return best
