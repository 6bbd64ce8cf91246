"""The evaluation gate: hadath eval on the shared gold must not fall below the recorded floors."""

from __future__ import annotations

import json
from pathlib import Path

from hadath.context import Context
from hadath.eval import check_floors, run_eval
from hadath.eval.score import Counts, Gold, assign, quote_fits

ROOT = Path(__file__).resolve().parents[2]


def test_gate_figures_stay_above_the_floors(shared: Path, ctx: Context) -> None:
    # the default path, the learned models deciding, on the gold and the annotated splits
    assert ctx.learned
    floors = json.loads((ROOT / "eval_floors.json").read_text(encoding="utf-8"))
    report = run_eval(shared, ctx=ctx, annotations=ROOT / "annotations")
    below = check_floors(report.figures, floors)
    assert below == [], "\n" + report.render()


def test_gate_rules_alone_stay_above_their_floors(shared: Path, rules: Context) -> None:
    floors = json.loads((ROOT / "eval_floors_rules.json").read_text(encoding="utf-8"))
    report = run_eval(shared, ctx=rules)
    below = check_floors(report.figures, floors)
    assert below == [], "\n" + report.render()


def test_gate_assignment_counts_optional_gold_neither_way() -> None:
    gold = [Gold("a", False), Gold("b", True), Gold("c", False)]
    m = assign(["a", "b", "x"], gold, lambda s, g: s == g)
    assert (m.counts.tp, m.counts.fp, m.counts.required) == (1, 1, 2)
    assert m.missed_gold == [2]


def test_gate_assignment_is_one_to_one_and_optimal() -> None:
    # system "s1" fits both gold items; "s2" fits only the first: the best pairing uses both
    gold = [Gold("g1", False), Gold("g2", False)]
    fits = {("s1", "g1"), ("s1", "g2"), ("s2", "g1")}
    m = assign(["s1", "s2"], gold, lambda s, g: (s, g) in fits)
    assert m.counts.tp == 2 and m.counts.fp == 0


def test_gate_quote_match_needs_half_the_gold_text() -> None:
    assert quote_fits("قال إن العنف تراجع بنسبة كبيرة", "العنف تراجع بنسبة كبيرة")
    assert not quote_fits("العنف", "العنف تراجع بنسبة كبيرة جدا في سوريا")


def test_gate_counts_f1() -> None:
    c = Counts(tp=3, fp=1, required=6)
    assert round(c.precision, 2) == 0.75 and c.recall == 0.5 and round(c.f1, 3) == 0.6
