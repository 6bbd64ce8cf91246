"""`hadath read PATH...`: one SCHEMA record per input document, as JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from hadath.api import read_many
from hadath.cli import HELP
from hadath.context import Context
from hadath.errors import EXIT_INPUT, EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser(
        "read",
        help=HELP["read"],
        description="Read text, HTML or JSON Lines inputs (folders are walked) and print one "
        "record per document, in input order, as JSON Lines (see SCHEMA.md). "
        "`-` reads standard input. Inputs that cannot be read are reported on stderr, "
        "the others are still printed; the exit code is then 3.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    p.add_argument("--pretty", action="store_true", help="indented JSON for humans")
    p.add_argument(
        "--explain",
        action="store_true",
        help="add to each learned event and speaker the features that weighed most (`why`)",
    )
    p.add_argument(
        "--learned",
        action="store_true",
        help="let the shipped learned models decide among the rule candidates, even with "
        "HADATH_LEARNED=0 (the default is on)",
    )
    p.add_argument(
        "--rules-only",
        action="store_true",
        help="the lexicon rules alone, without the learned models (also HADATH_LEARNED=0)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    failed = 0
    out = sys.stdout
    learned = False if args.rules_only else (True if args.learned else None)
    ctx = Context(learned=learned, explain=args.explain)
    for result in read_many(args.paths, ctx=ctx):
        if result.error is not None:
            failed += 1
            print(f"hadath: {result.error}", file=sys.stderr)
            continue
        if result.warning:
            print(f"hadath: {result.input}: warning: {result.warning}", file=sys.stderr)
        if args.pretty:
            out.write(json.dumps(result.record, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(json.dumps(result.record, ensure_ascii=False) + "\n")
        out.flush()
    return EXIT_INPUT if failed else EXIT_OK
