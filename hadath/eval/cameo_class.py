"""Score English sentences on ConfliBERT's cameo_class set: the penta class of each sentence.

``ref/ConfliBERT/data/cameo_class/train.tsv`` holds one sentence a line, a tab, and a
class: 0 no event or a plain statement, 1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict. hadath's class for a sentence is the quad class
(``hadath/data/cameo/quad.tsv``, after the PLOVER manual) of the PLOVER type of its most
confident event that is not negated; a sentence with no event is 0.

The figures are macro-F1 over the five classes, per-class precision, recall and F1, and
the confusion matrix (rows gold, columns system). ``split`` reports a fixed random 70%
("dev") and the other 30% ("held") apart, so tuning on one half can be checked on the other.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

from hadath.api import process
from hadath.context import Context
from hadath.model import to_record
from hadath.readers import from_text

CLASSES = (0, 1, 2, 3, 4)
CLASS_NAMES = ("none/statement", "verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict")  # fmt: skip
TSV = Path("ref") / "ConfliBERT" / "data" / "cameo_class" / "train.tsv"
SPLIT_SEED = 20240
DEV_SHARE = 0.7


def load_quad() -> dict[str, int]:
    """PLOVER type -> quad class 1..4."""
    text = (files("hadath") / "data" / "cameo" / "quad.tsv").read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].strip().isdigit():
            out[parts[0].strip()] = int(parts[1])
    return out


def read_tsv(path: Path) -> list[tuple[str, int]]:
    """(sentence, class) rows; lines without a class in 0..4 are skipped."""
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            text, _, label = line.rstrip("\r\n").rpartition("\t")
            label = label.strip()
            if text.strip() and label.isdigit() and int(label) in CLASSES:
                rows.append((text.strip(), int(label)))
    return rows


def predict(record: dict[str, Any], quad: dict[str, int]) -> int:
    """The penta class of one record: the quad of its most confident non-negated event."""
    events = [e for e in record["events"] if e["status"] != "negated" and e["type"] in quad]
    if not events:
        return 0
    best = max(events, key=lambda e: e["confidence"])
    return quad[best["type"]]


def score(pairs: Iterable[tuple[int, int]]) -> dict[str, Any]:
    """Macro-F1, per-class P/R/F1 and the confusion matrix of (gold, system) pairs."""
    matrix = [[0] * len(CLASSES) for _ in CLASSES]
    n = 0
    for gold, system in pairs:
        matrix[gold][system] += 1
        n += 1
    per_class: dict[str, dict[str, float | int]] = {}
    f1s = []
    for c in CLASSES:
        tp = matrix[c][c]
        predicted = sum(matrix[g][c] for g in CLASSES)
        gold = sum(matrix[c])
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f1)
        per_class[str(c)] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                             "tp": tp, "fp": predicted - tp, "gold": gold}  # fmt: skip
    correct = sum(matrix[c][c] for c in CLASSES)
    return {
        "sentences": n,
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "accuracy": round(correct / n, 4) if n else 0.0,
        "per_class": per_class,
        "confusion": {str(g): {str(s): matrix[g][s] for s in CLASSES} for g in CLASSES},
    }


def dev_ids(n: int, seed: int = SPLIT_SEED, share: float = DEV_SHARE) -> frozenset[int]:
    """Row numbers of the development share; the rest is held out."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return frozenset(order[: int(share * n)])


def eval_cameo_class(shared: Path, ctx: Context, *, split: bool = True) -> dict[str, Any]:
    """Figures on the whole file (``all``) and, with ``split``, on ``dev`` and ``held`` apart."""
    rows = read_tsv(shared / TSV)
    quad = load_quad()
    pairs: list[tuple[int, int]] = []
    for i, (text, gold) in enumerate(rows):
        bare = from_text(text, path=str(TSV), id=f"cameo_class-{i}", fmt="jsonl")
        record = to_record(process(bare, ctx))
        pairs.append((gold, predict(record, quad)))
    out: dict[str, Any] = {"all": score(pairs)}
    if split:
        dev = dev_ids(len(pairs))
        out["dev"] = score(p for i, p in enumerate(pairs) if i in dev)
        out["held"] = score(p for i, p in enumerate(pairs) if i not in dev)
    return out


__all__ = ["CLASSES", "eval_cameo_class", "load_quad", "predict", "read_tsv", "score"]
