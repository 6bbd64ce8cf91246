"""The name tagger's figures (not a timing): PERS, LOC and ORG precision, recall and F1 on
ANERcorp's test file (CAMeL Lab's split, ``corpus/ner/anercorp/ANERCorp_CamelLab_test.txt``),
of the shipped tagger and, on the same tokens, of the actor lexicon and gazetteer alone. The
same figures ``hadath train --ner`` prints after refitting; this reads the shipped weights
(or ``--model FILE``) and fits nothing.

    .venv/bin/python bench/ner_report.py [--model hadath/data/models/names.crfsuite] [--json]
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import os
from pathlib import Path

from hadath.learn import ner

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=None, help="a CRF file (default: the shipped)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    with importlib.resources.as_file(
        importlib.resources.files("hadath") / "data" / "models" / ner.MODEL_FILE
    ) as shipped:
        figs = ner.evaluate(SHARED, args.model or shipped)
    if args.json:
        print(json.dumps(figs, indent=2))
        return
    print(f"{figs['test_file']}: {figs['sentences']} sentences, {figs['tokens']} tokens")
    print(f"{'class':6} {'gold':>5}  {'tagger P/R/F1':>20}  {'lexicon alone P/R/F1':>22}")
    for c in ner.CLASSES:
        t, lx = figs["tagger"][c], figs["lexicon"][c]
        print(
            f"{c:6} {t['gold']:5d}  {t['precision']:6.3f}{t['recall']:7.3f}{t['f1']:7.3f}"
            f"  {lx['precision']:8.3f}{lx['recall']:7.3f}{lx['f1']:7.3f}"
        )


if __name__ == "__main__":
    main()
