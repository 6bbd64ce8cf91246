"""The `hadath` command: parse arguments, call the library, print, map errors to exit codes.

Exit codes: 0 ok; 1 unexpected error (a bug: please report it); 2 bad usage;
3 an input could not be read (the other inputs were processed); 4 the store
could not be opened or written; 5 an evaluation figure fell below its floor;
6 ``hadath serve`` could not listen on its address.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hadath import __version__, compiled
from hadath.cli import batch as batch_cmd
from hadath.cli import eval as eval_cmd
from hadath.cli import read as read_cmd
from hadath.cli import serve as serve_cmd
from hadath.cli import store as store_cmd
from hadath.cli import train as train_cmd
from hadath.errors import EXIT_UNEXPECTED, HadathError

EPILOG = """exit codes:
  0  success
  1  unexpected error (a bug in hadath)
  2  bad usage (unknown option, missing argument)
  3  an input could not be read; the others were processed
  4  the store could not be opened or written
  5  an evaluation figure fell below its floor
  6  hadath serve could not listen (port in use or not allowed)

Run `hadath COMMAND --help` for the options of a command."""

COMMANDS = (read_cmd, store_cmd, batch_cmd, serve_cmd, eval_cmd, train_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hadath",
        description="Event data from Arabic and English news: actors, PLOVER events and quotes, "
        "each tied to the words it came from.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"hadath {__version__} ({'compiled with mypyc' if compiled() else 'pure Python'})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.func(args)
    except HadathError as exc:
        print(f"hadath: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("hadath: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so plainly, without a traceback wall
        print(f"hadath: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if "HADATH_DEBUG" in __import__("os").environ:
            raise
        return EXIT_UNEXPECTED
    return code


if __name__ == "__main__":
    sys.exit(main())
