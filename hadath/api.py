"""The Python API: read one document or many, get SCHEMA records back."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.context import Context, default_context
from hadath.errors import HadathError, InputError
from hadath.model import Document, to_record
from hadath.pipeline import run
from hadath.readers import from_string, iter_inputs
from hadath.validate import validate


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One input document: its record, or the error that stopped it (exactly one is set),
    and what the reader had to repair to read it (bad bytes, lone surrogates), if anything."""

    input: str
    record: dict[str, Any] | None
    error: HadathError | None
    warning: str | None = None


def _names_a_file(text: str) -> bool:
    """Whether a one-line string is the path of an existing file rather than text to read.

    A long sentence is no path: the system refuses it ("File name too long"), and that
    refusal means "text", not an error.
    """
    if len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # name too long, or a NUL byte in it
        return False


_PATHLIKE = re.compile(
    r"(?:[.~]?[/\\]|[A-Za-z]:[/\\])\S*"  # ./x, ../x, /x, ~/x, C:\x
    r"|\S+\.(?:txt|text|html?|xhtml|jsonl|ndjson|json|warc|gz|xml|csv|tsv|md)",
    re.IGNORECASE,
)


def _looks_like_a_path(text: str) -> bool:
    """A one-word string shaped like a file name (``typo.txt``, ``./news/a``): not article text."""
    return len(text) < 4096 and _PATHLIKE.fullmatch(text.strip()) is not None


def read_document(source: str | Path, *, ctx: Context | None = None) -> Document:
    """Read a path, or a text or HTML string, through the whole pipeline.

    A string shaped like a file name that names no file (``"typo.txt"``) is an
    InputError, not a one-word article.
    """
    ctx = ctx or default_context()
    one_line = isinstance(source, str) and "\n" not in source
    if one_line and _looks_like_a_path(str(source)) and not _names_a_file(str(source)):
        raise InputError(str(source), "no such file (a text with a line break is read as text)")
    if isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and _names_a_file(source)
    ):
        items = list(iter_inputs([source]))
        if len(items) != 1:
            raise InputError(str(source), f"holds {len(items)} documents; use read_many")
        item = items[0]
        if item.error is not None:
            raise item.error
        assert item.doc is not None
        bare = item.doc
    else:
        bare = from_string(source)
    return process(bare, ctx)


def process(bare: Document, ctx: Context) -> Document:
    """Run the pipeline on a bare document and check every span it produced."""
    doc = run(bare, ctx)
    problems = validate(doc)
    if problems:
        # a bug of ours, not of the input: fail loudly with what is wrong
        raise AssertionError(f"{doc.source.path or doc.id}: invalid record: {problems[:5]}")
    return doc


def read(source: str | Path, *, ctx: Context | None = None) -> dict[str, Any]:
    """The SCHEMA record of a path, or of a text or HTML string."""
    return to_record(read_document(source, ctx=ctx))


def read_many(inputs: Iterable[str | Path], *, ctx: Context | None = None) -> Iterator[ReadResult]:
    """Records of every document of every input, in input order; errors are yielded, not raised."""
    ctx = ctx or default_context()
    for item in iter_inputs(inputs):
        if item.error is not None or item.doc is None:
            yield ReadResult(item.where, None, item.error)
            continue
        try:
            doc = process(item.doc, ctx)
        except HadathError as exc:
            yield ReadResult(item.where, None, exc)
            continue
        yield ReadResult(item.where, to_record(doc), None, item.warning)
