"""The cameo_class scorer on a tiny TSV written for the test."""

from __future__ import annotations

from pathlib import Path

from hadath.context import default_context
from hadath.eval.cameo_class import TSV, eval_cameo_class, load_quad, predict, read_tsv, score


def _write(shared: Path, lines: list[str]) -> Path:
    path = shared / TSV
    path.parent.mkdir(parents=True)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_cameo_class_reads_tsv_and_skips_bad_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, ["A sentence.\t4", "no label here", "Another one.\t9", "Third.\t0"])
    assert read_tsv(path) == [("A sentence.", 4), ("Third.", 0)]


def test_cameo_class_score_counts_macro_f1() -> None:
    fig = score([(4, 4), (4, 0), (0, 0), (1, 3)])
    assert fig["sentences"] == 4
    assert fig["per_class"]["4"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "tp": 1,
        "fp": 0,
        "gold": 2,
    }
    assert fig["per_class"]["0"]["precision"] == 0.5
    assert fig["confusion"]["1"]["3"] == 1
    # classes 2 has no gold and no prediction: F1 0 counts in the macro average
    assert fig["macro_f1"] == round((0.6667 + 0.6667 + 0 + 0 + 0) / 5, 4)


def test_cameo_class_predict_takes_most_confident_non_negated() -> None:
    quad = load_quad()
    record = {
        "events": [
            {"type": "ASSAULT", "status": "negated", "confidence": 0.9},
            {"type": "AGREE", "status": "occurred", "confidence": 0.5},
            {"type": "ACCUSE", "status": "occurred", "confidence": 0.4},
        ]
    }
    assert predict(record, quad) == 1
    assert predict({"events": []}, quad) == 0


def test_cameo_class_end_to_end(tmp_path: Path) -> None:
    _write(
        tmp_path,
        [
            "Gunmen killed five soldiers in an attack on a checkpoint near Kandahar on Monday.\t4",
            "The weather in the capital was mild on Sunday.\t0",
        ],
    )
    fig = eval_cameo_class(tmp_path, default_context(), split=False)
    assert fig["all"]["sentences"] == 2
    assert fig["all"]["confusion"]["4"]["4"] == 1
    assert fig["all"]["confusion"]["0"]["0"] == 1
