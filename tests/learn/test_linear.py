"""The linear model: probabilities, explanations, the weights file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hadath.learn.linear import LinearModel, load_model


def _model() -> LinearModel:
    return LinearModel("m", {"a": 2.0, "b": -1.0, "c": 0.5}, -0.5, 0.6, {"data": 1})


def test_linear_prob_is_the_logistic_of_the_weights_present() -> None:
    m = _model()
    assert m.prob(["a", "zzz"]) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert m.prob([]) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert m.prob(["b"] * 1000) == pytest.approx(0.0, abs=1e-12)  # no overflow


def test_linear_explain_orders_by_weight() -> None:
    assert _model().explain(["c", "b", "a", "x"], k=2) == [("a", 2.0), ("b", -1.0)]


def test_linear_weights_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(_model().to_json()), encoding="utf-8")
    back = load_model("m", tmp_path)
    assert back is not None and back.weights == _model().weights
    assert back.threshold == 0.6 and back.card == {"data": 1}
    assert load_model("absent", tmp_path) is None


def test_linear_weights_file_refuses_another_format(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a hadath-linear-1 weights file"):
        load_model("m", tmp_path)
