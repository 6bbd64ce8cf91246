"""Bounds on what one input may make the readers do, each refused by name when crossed.

A hostile or damaged input must never crash a run, hang it or eat the machine:
JSON Lines lines are read with a size bound and parsed with bounded nesting and
number length, text gets no lone surrogates, and a document's text, its lines
and its HTML nesting stay within limits the pipeline reads in seconds.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

import numpy as np

from hadath.errors import InputError

# JSON Lines documents are flat objects; thousands of levels are an attack or a bug.
MAX_JSON_DEPTH = 64
# Python refuses to convert integers over 4,300 digits; no field of ours needs 100.
MAX_NUMBER_DIGITS = 100
# A news text's paragraph runs to a few thousand characters; a line of 100,000
# is a dump of something else, and the pipeline's cost grows with it.
MAX_LINE_CHARS = 100_000
# A very long article is 50,000 characters; this is ten of them (read in about ten seconds).
MAX_TEXT_CHARS = 500_000
# Browsers stop nesting at 512 levels; past this a page is refused, not parsed for minutes.
MAX_HTML_DEPTH = 1_000

_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Elements that never hold others, or that HTML closes by itself when the next one opens.
_NO_NESTING = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"),
    }
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,20})\b[^<>]{0,4096}?(/?)>")


def scrub(s: str) -> tuple[str, int]:
    """``s`` with each lone surrogate (a ``"\\ud800"`` escape, a non-UTF-8 file name) as U+FFFD.

    One code point stays one code point, so offsets into the text still hold.
    Returns the text and how many were replaced.
    """
    if s.isascii():
        return s, 0
    return _SURROGATE.subn("\ufffd", s)


def read_line(fh: IO[bytes], limit: int) -> tuple[bytes, int]:
    """The next line (empty when over ``limit``) and its full length; never holds more."""
    parts: list[bytes] = []
    size = 0
    while True:
        piece = fh.readline(min(limit + 1, 1 << 20))
        if not piece:
            break
        size += len(piece)
        if size <= limit:
            parts.append(piece)
        elif parts:
            parts = []  # too long: count the rest of it, keep none of it
        if piece.endswith(b"\n"):
            break
    return b"".join(parts), size


def _depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings ignored)."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return 0  # cannot be deeper than the limit: skip the scan
    bare = _JSON_STRING.sub(b'""', raw) if b'"' in raw else raw
    codes = np.frombuffer(bare, dtype=np.uint8)
    steps = (
        (codes == ord("[")).astype(np.int32)
        + (codes == ord("{"))
        - (codes == ord("]"))
        - (codes == ord("}"))
    )
    return int(steps.cumsum().max(initial=0))


class _NumberTooLong(ValueError):
    pass


def _int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(len(s.lstrip("-")))
    return int(s)


def _float(s: str) -> float:
    if len(s) > MAX_NUMBER_DIGITS * 4:
        raise _NumberTooLong(len(s))
    return float(s)


def parse_json_line(raw: bytes, where: str) -> Any:
    """One JSON Lines line, parsed within the limits or refused with what is wrong."""
    depth = _depth(raw)
    if depth > MAX_JSON_DEPTH:
        raise InputError(
            where, f"JSON nested {depth} levels deep, over the limit of {MAX_JSON_DEPTH}"
        )
    try:
        return json.loads(raw, parse_int=_int, parse_float=_float)
    except _NumberTooLong as exc:
        raise InputError(
            where,
            f"a JSON number of {exc.args[0]} digits, over the limit of {MAX_NUMBER_DIGITS}",
        ) from None
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1]
        raise InputError(
            where, f"broken JSON Lines line: not UTF-8 (byte {exc.start}: {bad!r})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(where, f"broken JSON Lines line: {exc}") from None


def check_text(text: str, where: str) -> None:
    """Refuse a text whose length or longest line is past what one document may be."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            where,
            f"the text is {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
            "for one document (split it, or give it as JSON Lines, one document a line)",
        )
    if len(text) <= MAX_LINE_CHARS:
        return
    start = 0
    n = 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            raise InputError(
                where,
                f"line {n} is {end - start:,} characters long, over the limit of "
                f"{MAX_LINE_CHARS:,} for one line of text",
            )
        start = end + 1
        n += 1


def html_depth(html: str) -> int:
    """How deep the elements of a page nest, counted from its tags (an upper bound)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _NO_NESTING or m.group(3):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def check_html(html: str, where: str) -> None:
    """Refuse a page too large or nested too deep to parse in seconds."""
    if len(html) > MAX_TEXT_CHARS * 10:
        raise InputError(
            where,
            f"the page is {len(html):,} characters, over the limit of {MAX_TEXT_CHARS * 10:,}",
        )
    depth = html_depth(html)
    if depth > MAX_HTML_DEPTH:
        raise InputError(
            where,
            f"HTML elements nested {depth:,} levels deep, over the limit of {MAX_HTML_DEPTH:,}",
        )
