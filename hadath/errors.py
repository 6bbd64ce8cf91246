"""Errors a user can act on, each naming the input and the problem.

The CLI maps these to one line on stderr and a documented exit code; no
traceback reaches the user for them.
"""

from __future__ import annotations

# Exit codes, documented in the README and in `hadath --help`.
EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3  # at least one input could not be read; the others were processed
EXIT_STORE = 4  # the store could not be opened or written
EXIT_GATE = 5  # an evaluation figure fell below its floor
EXIT_LISTEN = 6  # the server could not listen on its address (port in use, not allowed)


def printable(s: str) -> str:
    """``s`` safe to print and to store as UTF-8 whatever its origin.

    A file name that is not UTF-8 reaches Python with its bad bytes as lone
    surrogates (``\udcff``), and a JSON ``"\ud800"`` escape gives one too: both
    fail on output. Such bytes are shown escaped (``\xff``), other lone
    surrogates as ``\ud800``.
    """
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = s.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return s.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return s


class HadathError(Exception):
    """Base of the errors hadath reports to users."""

    exit_code = EXIT_UNEXPECTED

    def __init__(self, where: str, problem: str) -> None:
        where, problem = printable(where), printable(problem)
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class InputError(HadathError):
    """An input that cannot be read: empty, binary, too large, undecodable, malformed."""

    exit_code = EXIT_INPUT


class StoreError(HadathError):
    """The store is locked, read-only, full or damaged."""

    exit_code = EXIT_STORE


class UsageError(HadathError):
    """A bad option value (``--since garbage``): ``where`` is the option."""

    exit_code = EXIT_USAGE


class ListenError(HadathError):
    """``hadath serve`` cannot listen on its address: the port is taken or not allowed."""

    exit_code = EXIT_LISTEN
