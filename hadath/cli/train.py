"""`hadath train`: fit the learned scorers on the span annotations and the shared gold."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from hadath.cli import HELP
from hadath.errors import EXIT_OK, InputError

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "models"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "train",
        help=HELP["train"],
        description="Collect the rule candidates of the annotated documents (train and dev "
        "splits; test is never read), of the Arabic sentence gold and of ConfliBERT's English "
        "cameo_class sentences, label them from the annotations, fit one logistic regression "
        "per decision and write the weights with a card. Deterministic; needs scikit-learn "
        "(pip install -e '.[train]').",
    )
    p.add_argument("--shared", type=Path, default=None, help="the shared folder")
    p.add_argument(
        "--annotations",
        type=Path,
        default=Path("annotations"),
        help="folder of stand-off annotation files (default: ./annotations)",
    )
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="where the weights go (default: the package)"
    )
    p.add_argument(
        "--cv",
        action="store_true",
        help="also score the Arabic sentence gold by 5-fold cross-validation",
    )
    p.add_argument(
        "--ner",
        action="store_true",
        help="also refit the name tagger (a CRF on ANERcorp before its test split) and report "
        "its F1 on CAMeL Lab's ANERcorp test file beside the lexicon's alone",
    )
    p.add_argument(
        "--no-tune",
        action="store_true",
        help="keep every threshold at 0.5 instead of choosing it on the dev split (faster)",
    )
    p.add_argument("--date", default=None, help="the date written on the cards (default: today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from hadath.learn import train
    except ImportError as exc:  # pragma: no cover - the train extra is missing
        raise InputError(
            "hadath train", f"needs scikit-learn: pip install -e '.[train]' ({exc})"
        ) from None
    from hadath.eval import shared_dir

    shared = args.shared or shared_dir()
    if not shared.is_dir():
        raise InputError(str(shared), "shared folder not found (set HADATH_SHARED)")
    if not args.annotations.is_dir():
        raise InputError(str(args.annotations), "no such annotations folder")
    report: dict[str, Any] = {}
    if args.ner:
        from hadath.learn import ner

        report["names"] = ner.train(shared, args.out / ner.MODEL_FILE)
    data, sizes = train.collect(shared, args.annotations)
    report["sizes"] = sizes
    with tempfile.TemporaryDirectory() as tmp:
        first = train.train_models(data, sizes, date=args.date)
        thresholds = (
            dict.fromkeys(first, 0.5)
            if args.no_tune
            else train.tune_thresholds(first, shared, args.annotations, Path(tmp) / "tune")
        )
        report["thresholds"] = thresholds
        models = train.train_models(data, sizes, date=args.date, thresholds=thresholds)
        final = Path(tmp) / "final"
        for model in models.values():
            train.write(model, final)
        filters = train.fit_filters(
            shared, args.annotations, final, Path(tmp) / "filters", tune=not args.no_tune,
            date=args.date,
        )  # fmt: skip
        models.update(filters)
        report["thresholds"].update({n: m.threshold for n, m in filters.items()})
        if args.cv:
            report["gsr_cv"] = train.gsr_cross_validation(
                shared, data, sizes, Path(tmp), thresholds, extra=list(filters.values())
            )
    for model in models.values():
        if "gsr_cv" in report:
            model.card["gsr_cv"] = report["gsr_cv"]
        path = train.write(model, args.out)
        report[model.name] = {
            "file": str(path),
            "features": len(model.weights),
            "threshold": model.threshold,
            "train": model.card["train"],
            "dev": model.card["dev"],
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return EXIT_OK
