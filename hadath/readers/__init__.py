"""Readers: inputs of every kind to bare documents (text, blocks, source), in input order.

A reader never runs the pipeline; it only decides what the text is. Errors
are yielded, not raised, so that one bad document (or one bad JSON Lines
line) never stops the others.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from hadath.errors import HadathError, InputError, printable
from hadath.model import Block, Document, Source
from hadath.readers.decode import check_size, decode_reported, fold_newlines, max_bytes
from hadath.readers.html import looks_like_html, read_html
from hadath.readers.limits import check_html, check_text, parse_json_line, read_line, scrub
from hadath.text.normalize import fold

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class Item:
    """One document's worth of input, or the error that stopped it, and what was repaired."""

    where: str
    doc: Document | None
    error: HadathError | None
    warning: str | None = None


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
    """A bare document of a text; lone surrogates become U+FFFD, an overlong text is refused."""
    text = scrub(fold_newlines(text))[0]
    check_text(text, printable(path or id or "<text>"))
    return Document(
        id=_opt(id) or doc_id(text),
        source=Source(path=_name(path), url=_opt(url), format=fmt),
        text=text,
        meta_published=_opt(published),
        outlet=_opt(outlet),
    )


def _opt(s: str | None) -> str | None:
    return None if s is None else scrub(s)[0]


def _name(path: str | None) -> str | None:
    """A file name as it can be printed and stored, whatever its bytes."""
    return None if path is None else printable(path)


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
    """A bare document of an HTML page, refused when too big or nested too deep to read;
    ``outlet`` (given by the input) wins over the page's own."""
    html = scrub(html)[0]
    url = _opt(url)
    check_html(html, where)
    page = read_html(html, where, url=url)
    check_text(page.text, where)
    return Document(
        id=_opt(id) or doc_id(page.text),
        source=Source(path=_name(path), url=url, format=fmt),
        text=page.text,
        title=page.title,
        blocks=page.blocks,
        meta_published=_opt(published) or page.meta_published,
        outlet=_opt(outlet) or page.outlet,
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
        with path.open("rb") as fh:
            # a device or a growing file says size 0: never read past the limit
            return _read_bounded(fh, where)
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None


def _read_bounded(fh: IO[bytes], where: str) -> bytes:
    limit = max_bytes()
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            where,
            f"input is over the {limit / 2**20:.0f} MB limit for one document "
            "(split it, or give it as JSON Lines, one document a line)",
        )
    return data


def _bounded_lines(fh: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    limit = max_bytes()
    while True:
        raw, size = read_line(fh, limit)
        if not size:
            return
        yield raw, size


def jsonl_item(raw: bytes, size: int, here: str, path: str | None) -> Item | None:
    """The document of one JSON Lines line of ``size`` bytes (``raw`` is empty past the size
    limit), the error that stopped it, or None for a blank line."""
    if size <= max_bytes() and not raw.strip():
        return None
    try:
        check_size(here, size)
        obj = parse_json_line(raw, here)
        doc, replaced = _jsonl_doc(obj, here, path)
    except HadathError as exc:
        return Item(here, None, exc)
    if not replaced:
        return Item(here, doc, None)
    return _warned(Item(here, doc, None), f"{replaced} lone surrogate escape(s) read as U+FFFD")


def _jsonl_lines(
    lines: Iterable[tuple[bytes, int]], where: str, path: str | None
) -> Iterator[Item]:
    for n, (raw, size) in enumerate(lines, start=1):
        item = jsonl_item(raw, size, f"{where}:{n}", path)
        if item is not None:
            yield item


def _surrogates(obj: dict[str, Any]) -> int:
    return sum(scrub(v)[1] for k in _JSONL_KEYS if isinstance(v := obj.get(k), str))


_JSONL_KEYS = ("id", "title", "text", "html", "url", "date", "published")


def _jsonl_doc(obj: object, where: str, path: str | None) -> tuple[Document, int]:
    if not isinstance(obj, dict):
        raise InputError(where, "a JSON Lines line must be an object with an id and a text or html")
    return _jsonl_fields(obj, where, path), _surrogates(obj)


def _jsonl_fields(obj: dict[str, Any], where: str, path: str | None) -> Document:
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
                yield from _jsonl_lines(_bounded_lines(fh), where, str(path))
        except OSError as exc:
            yield Item(where, None, InputError(where, f"cannot read: {exc.strerror or exc}"))
        return
    try:
        data = _read_bytes(path, where)
        yield _decoded_item(data, where, str(path), html=suffix in HTML_SUFFIXES)
    except HadathError as exc:
        yield Item(where, None, exc)


def _decoded_item(data: bytes, where: str, path: str, *, html: bool = False) -> Item:
    decoded = decode_reported(data, where)
    text = decoded.text
    if html or looks_like_html(text):
        doc = from_html(text, where, path=path)
    else:
        doc = from_text(text, path=path)
    item = Item(printable(where), doc, None)
    return _warned(item, decoded.warning) if decoded.warning else item


def _warned(item: Item, warning: str) -> Item:
    """The item with its warning, also kept in the record's ``warnings``."""
    assert item.doc is not None
    doc = dataclasses.replace(item.doc, warnings=(*item.doc.warnings, warning))
    return Item(item.where, doc, None, warning)


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
            yield from _stdin(sys.stdin.buffer)
            continue
        path = Path(name)
        kind, why = path_kind(path)
        if kind == "dir":
            for p in walk(path):
                yield from _one_file(p, printable(str(p)))
        elif kind == "file":
            yield from _one_file(path, printable(name))
        else:
            shown = _shown(printable(name))
            yield Item(shown, None, InputError(shown, why or "no such file or folder"))


def _stdin(fh: IO[bytes]) -> Iterator[Item]:
    """Standard input: JSON Lines streamed when it starts with ``{``, else one bounded text."""
    where = "<stdin>"
    stream = fh if isinstance(fh, io.BufferedReader) else io.BufferedReader(cast(Any, fh))
    head = stream.peek(4096)[:4096].lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if head.startswith(b"{"):
        yield from _jsonl_lines(_bounded_lines(stream), where, "-")
        return
    try:
        data = _read_bounded(stream, where)
        yield _decoded_item(data, where, "-")
    except HadathError as exc:
        yield Item(where, None, exc)


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
