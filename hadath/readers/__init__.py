"""Readers: inputs of every kind to bare documents (text, blocks, source), in input order.

A reader never runs the pipeline; it only decides what the text is. Errors
are yielded, not raised, so that one bad document (or one bad JSON Lines
line) never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.errors import HadathError, InputError
from hadath.model import Block, Document, Source
from hadath.readers.decode import check_size, decode, fold_newlines
from hadath.readers.html import looks_like_html, read_html
from hadath.text.normalize import fold

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class Item:
    """One document's worth of input, or the error that stopped it."""

    where: str
    doc: Document | None
    error: HadathError | None


def doc_id(text: str) -> str:
    """sha1 of the folded, white-space-collapsed text: the same article read twice has one id."""
    return hashlib.sha1(" ".join(fold(text).split()).encode("utf-8")).hexdigest()


def from_text(
    text: str,
    *,
    path: str | None = None,
    id: str | None = None,
    fmt: str = "text",
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Document:
    text = fold_newlines(text)
    return Document(
        id=id or doc_id(text),
        source=Source(path=path, url=url, format=fmt),
        text=text,
        meta_published=published,
        outlet=outlet,
    )


def from_html(
    html: str,
    where: str,
    *,
    path: str | None = None,
    id: str | None = None,
    fmt: str = "html",
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Document:
    """A bare document of a page; ``outlet`` (given by the input) wins over the page's own."""
    page = read_html(html, where, url=url)
    return Document(
        id=id or doc_id(page.text),
        source=Source(path=path, url=url, format=fmt),
        text=page.text,
        title=page.title,
        blocks=page.blocks,
        meta_published=published or page.meta_published,
        outlet=outlet or page.outlet,
    )


def from_string(s: str, *, path: str | None = None, where: str = "<string>") -> Document:
    """A text or HTML string (sniffed) to a bare document."""
    if looks_like_html(s):
        return from_html(s, where, path=path)
    if not s.strip():
        raise InputError(where, "empty input: no text to read")
    return from_text(s, path=path)


def _read_bytes(path: Path, where: str) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    check_size(where, size)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None


def _jsonl_lines(lines: Iterable[bytes], where: str, path: str | None) -> Iterator[Item]:
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        here = f"{where}:{n}"
        try:
            check_size(here, len(raw))
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Item(here, None, InputError(here, f"broken JSON Lines line: {exc}"))
            continue
        except HadathError as exc:
            yield Item(here, None, exc)
            continue
        try:
            yield Item(here, _jsonl_doc(obj, here, path), None)
        except HadathError as exc:
            yield Item(here, None, exc)


def _jsonl_doc(obj: object, where: str, path: str | None) -> Document:
    if not isinstance(obj, dict):
        raise InputError(where, "a JSON Lines line must be an object with an id and a text or html")
    rid = obj.get("id")
    rid = None if rid is None else str(rid)
    published = obj.get("published") or obj.get("date")
    published = str(published)[:10] if published else None
    url = obj.get("url")
    url = str(url) if url else None
    outlet = _outlet(obj)
    if isinstance(obj.get("html"), str):
        return from_html(
            obj["html"], where, path=path, id=rid, fmt="jsonl", url=url, published=published,
            outlet=outlet,
        )  # fmt: skip
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, 'the line has no "text" or "html" string')
    title = obj.get("title")
    if isinstance(title, str) and title.strip() and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return from_text(
        text, path=path, id=rid, fmt="jsonl", url=url, published=published, outlet=outlet
    )


def _outlet(obj: dict[str, Any]) -> str | None:
    """The publication a JSON Lines line names: ``"outlet"``, or ``"source"`` when a name.

    ``"source": "Al Arabiya"`` is how news datasets name the outlet; a ``"source"``
    object (a SCHEMA record's own) is not an outlet and is left alone.
    """
    for key in ("outlet", "source", "publication"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip() and len(value) <= 200:
            return " ".join(value.split())
    return None


def _one_file(path: Path, where: str) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as fh:
                # streamed line by line: a big JSON Lines file is never read whole
                yield from _jsonl_lines(fh, where, str(path))
        except OSError as exc:
            yield Item(where, None, InputError(where, f"cannot read: {exc.strerror or exc}"))
        return
    try:
        data = _read_bytes(path, where)
        text, _ = decode(data, where)
        if suffix in HTML_SUFFIXES or looks_like_html(text):
            doc = from_html(text, where, path=str(path))
        else:
            doc = from_text(text, path=str(path))
        yield Item(where, doc, None)
    except HadathError as exc:
        yield Item(where, None, exc)


def walk(path: Path) -> Iterator[Path]:
    """Files under a folder, recursively, in a stable order, skipping hidden ones."""
    for p in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in p.relative_to(path).parts)
        if p.is_file() and not hidden and p.suffix.lower() in KNOWN_SUFFIXES:
            yield p


def iter_inputs(inputs: Iterable[str | Path]) -> Iterator[Item]:
    """Every document of every input, in input order; folders are walked."""
    for raw in inputs:
        name = str(raw)
        if name == "-":
            data = sys.stdin.buffer.read()
            try:
                text, _ = decode(data, "<stdin>")
            except HadathError as exc:
                yield Item("<stdin>", None, exc)
                continue
            first = text.lstrip()[:1]
            if first == "{":
                yield from _jsonl_lines(text.encode("utf-8").splitlines(), "<stdin>", "-")
                continue
            try:
                yield Item("<stdin>", from_string(text, path="-", where="<stdin>"), None)
            except HadathError as exc:
                yield Item("<stdin>", None, exc)
            continue
        path = Path(name)
        kind, why = path_kind(path)
        if kind == "dir":
            for p in walk(path):
                yield from _one_file(p, str(p))
        elif kind == "file":
            yield from _one_file(path, name)
        else:
            yield Item(name, None, InputError(_shown(name), why or "no such file or folder"))


def path_kind(path: Path) -> tuple[str, str | None]:
    """ "dir", "file" or "none" for a path, and the system's reason when it cannot be looked
    up at all (a name too long, a NUL byte): such a name is reported, not raised."""
    try:
        if path.is_dir():
            return "dir", None
        return ("file" if path.exists() else "none"), None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return "none", f"cannot be looked up as a file: {reason.lower()}"


def _shown(name: str, limit: int = 80) -> str:
    """A name short enough for an error message."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


__all__ = [
    "Block",
    "Item",
    "doc_id",
    "from_html",
    "from_string",
    "from_text",
    "iter_inputs",
    "path_kind",
]
