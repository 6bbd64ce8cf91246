"""The `hadath` command: parse arguments, call the library, print, map errors to exit codes.

Exit codes: 0 ok; 1 unexpected error (a bug: please report it); 2 bad usage;
3 an input could not be read (the other inputs were processed); 4 the store
could not be opened or written; 5 an evaluation figure fell below its floor;
6 ``hadath serve`` could not listen on its address.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Collection, Sequence
from typing import Any, NoReturn

from hadath import __version__, compiled
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

# Each module of hadath.cli and the commands it adds, in `hadath --help` order, with the line
# that help shows for each (the module's `register` takes its help from here). A command's
# module is imported only when that command runs: `hadath read` does not pay for the store, the
# batch runner or the web server, and `hadath --help` for none of them.
COMMANDS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("read", (("read", "read news pages and print their records (JSON Lines)"),)),
    (
        "store",
        (
            ("ingest", "read documents into a store"),
            ("search", "full-text search of titles, texts and quotes"),
            ("events", "list, de-duplicate or count stored events"),
            ("export", "write stored data as JSON Lines, CSV, Parquet, PLOVER or CAMEO"),
        ),
    ),
    ("batch", (("batch", "read many inputs in parallel into a folder of partitions"),)),
    ("serve", (("serve", "serve the web pages and the HTTP API over a store"),)),
    ("eval", (("eval", "score against the gold annotations (GOLD.md)"),)),
    (
        "train",
        (("train", "fit the learned scorers (eventness, source, target, speaker, keys, quotes)"),),
    ),
)
HELP = {name: line for _, commands in COMMANDS for name, line in commands}


class _Version(argparse.Action):
    """``--version``: asks whether the build is compiled only when given (that imports a stage)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        build = "compiled with mypyc" if compiled() else "pure Python"
        print(f"hadath {__version__} ({build})")
        parser.exit()


def command_of(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: its first word that is not an option (``hadath`` itself
    takes no option with a value)."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The ``hadath`` parser with ``commands`` set up in full (default: every one).

    The others are listed with their help line only, which is all ``hadath --help`` shows and
    all argparse needs to refuse a wrong name; their modules are not imported.
    """
    parser = argparse.ArgumentParser(
        prog="hadath",
        description="Event data from Arabic and English news: actors, PLOVER events and quotes, "
        "each tied to the words it came from.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module, names in COMMANDS:
        if commands is None or any(name in commands for name, _ in names):
            importlib.import_module(f"hadath.cli.{module}").register(sub)
        else:
            for name, line in names:
                sub.add_parser(name, help=line)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = command_of(argv)
    parser = build_parser({command} if command else ())
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
