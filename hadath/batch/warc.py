"""WARC files (Common Crawl style, gzip or plain), streamed with warcio.

A scan walks a WARC once, record by record, without reading payloads into
memory, and sorts each record into: an HTML page to read (a ``response``
with status 200 and an HTML content type), a record skipped for a stated
reason (requests, images, redirects...), or a broken record (reported, and
the scan resumes at the next record it can find). Pages are then read back
one at a time by offset, with the size limit applied to each payload.

This module only needs the readers, so it can move to ``hadath.readers``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from hadath.errors import InputError
from hadath.model import Document
from hadath.readers import from_html
from hadath.readers.decode import check_size, decode, max_bytes

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/"
_CHUNK = 1 << 20


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Page:
    """An HTML response record: where it starts and how many (stored) bytes it takes."""

    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class Skipped:
    offset: int
    reason: str


@dataclass(frozen=True, slots=True)
class Broken:
    offset: int
    reason: str


ScanItem = Page | Skipped | Broken


def _header(record: Any, name: str) -> str:
    value = record.rec_headers.get_header(name)
    return str(value) if value is not None else ""


def classify(record: Any) -> str | None:
    """None for an HTML page to read, else the reason the record is skipped."""
    if record.rec_type != "response":
        return f"{record.rec_type} record"
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = str(http.get_statuscode() or "")
    if status != "200":
        return f"status {status or 'missing'}"
    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype not in HTML_TYPES:
        return f"not HTML ({ctype or 'no content type'})"
    return None


def _resync(fh: IO[bytes], start: int, gzipped: bool) -> int | None:
    """The offset of the next record-looking start after ``start``, or None at the end."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    pos = start
    tail = b""
    fh.seek(start)
    while chunk := fh.read(_CHUNK):
        data = tail + chunk
        at = data.find(magic)
        if at >= 0:
            return pos - len(tail) + at
        tail = data[-(len(magic) - 1) :]
        pos += len(chunk)
    return None


def scan(fh: IO[bytes], size: int) -> Iterator[ScanItem]:
    """Every record of an open WARC, in file order; broken stretches are reported and skipped."""
    fh.seek(0)
    gzipped = fh.read(3) == _GZIP_MAGIC
    start = 0
    limit = max_bytes()
    while start < size:
        fh.seek(start)
        it = ArchiveIterator(fh)
        end = start
        try:
            for record in it:
                offset = it.get_record_offset()  # warcio counts from the file start
                declared = record.length or 0
                reason = classify(record)
                it.read_to_end(record)
                end = offset + it.get_record_length()
                if reason is not None:
                    yield Skipped(offset, reason)
                elif declared > limit:
                    yield Broken(
                        offset,
                        f"record is {declared / 2**20:.1f} MB, over the "
                        f"{limit / 2**20:.0f} MB limit for one document",
                    )
                else:
                    yield Page(offset, end - offset)
        except Exception as exc:  # warcio raises many kinds on damaged input
            yield Broken(end, f"broken WARC record: {type(exc).__name__}: {_short(exc)}")
            nxt = _resync(fh, end + 1, gzipped)
            if nxt is None:
                return
            start = nxt
            continue
        if end < size:
            fh.seek(end)
            rest = fh.read(64)
            if rest.strip(b"\r\n\x00 "):
                yield Broken(end, "truncated or broken WARC record")
                nxt = _resync(fh, end + 1, gzipped)
                if nxt is None:
                    return
                start = nxt
                continue
        return


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    # warcio quotes the damaged bytes in its message: keep it readable
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text[:120]


def read_page(fh: IO[bytes], page: Page, path: str | None, where: str) -> Document:
    """The bare document of one HTML response record (payload size-limited)."""
    fh.seek(page.offset)
    try:
        record = next(iter(ArchiveIterator(fh)))
    except Exception as exc:
        raise InputError(where, f"broken WARC record: {_short(exc)}") from None
    url = _header(record, "WARC-Target-URI") or None
    limit = max_bytes()
    body: bytes = record.content_stream().read(limit + 1)
    check_size(where, len(body))
    ctype = record.http_headers.get_header("Content-Type") or ""
    text = _decode(body, ctype, where)
    return from_html(text, where, path=path, fmt="warc", url=url)


def _decode(body: bytes, ctype: str, where: str) -> str:
    charset = ""
    for param in ctype.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return body.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label is common: let the sniffing decoder try
    text, _ = decode(body, where)
    return text
