"""`hadath eval`: score hadath against the gold of ../shared (GOLD.md rules)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hadath.cli import HELP
from hadath.errors import EXIT_GATE, EXIT_OK, EXIT_USAGE, InputError

NO_SHARED = (
    "hadath eval: no shared folder found ($HADATH_SHARED is not set and there is no ../shared);"
    " give the folder holding gold/ with --shared DIR"
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help=HELP["eval"],
        description="Score hadath on the article gold (gold/dev.jsonl), the Arabic sentence "
        "gold (gold/arabic_gsr_dev.jsonl) of the shared folder and the project's span "
        "annotations (per split: train, dev, test), by the rules of GOLD.md, and print the "
        "figures per type and language, with the annotations' misses by error class. The "
        "shared folder is --shared DIR, else $HADATH_SHARED, else ../shared when there is one; "
        "without any of them eval stops and asks for --shared (exit 2).",
    )
    p.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="the shared folder (default: $HADATH_SHARED, else ../shared if it exists)",
    )
    p.add_argument(
        "--only",
        choices=["articles", "sentences", "cameo", "annotations"],
        default=None,
        help="score one gold kind",
    )
    p.add_argument(
        "--annotations",
        type=Path,
        default=Path("annotations"),
        help="folder of span annotations to score per split (default: ./annotations; "
        "skipped when absent)",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--floors",
        type=Path,
        default=None,
        help="fail (exit 5) when a figure is below the floors in this JSON file",
    )
    p.add_argument("--errors", action="store_true", help="list missed and spurious items")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from hadath.eval import check_floors, find_shared, run_eval
    except ImportError as exc:  # the eval extra (scipy) is missing
        raise InputError(
            "hadath eval", f"needs the eval extra: pip install 'hadath[eval]' ({exc})"
        ) from None
    shared = args.shared or find_shared()
    if shared is None:
        print(NO_SHARED, file=sys.stderr)
        return EXIT_USAGE
    if not shared.is_dir():
        where = "--shared" if args.shared else "$HADATH_SHARED"
        raise InputError(str(shared), f"shared folder not found (from {where})")
    report = run_eval(shared, only=args.only, errors=args.errors, annotations=args.annotations)
    if args.json:
        print(json.dumps(report.figures, indent=2, ensure_ascii=False))
    else:
        print(report.render())
    if args.floors:
        floors = json.loads(args.floors.read_text(encoding="utf-8"))
        below = check_floors(report.figures, floors)
        for line in below:
            print(f"hadath: below floor: {line}", file=sys.stderr)
        if below:
            return EXIT_GATE
    return EXIT_OK
