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

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from hadath.errors import InputError
from hadath.model import Document
from hadath.readers import from_html
from hadath.readers.decode import check_size, decode, max_bytes

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/"
_WARC_LINE = re.compile(rb"WARC/\d+\.\d+\r?\n")
_CHUNK = 1 << 20
_PROBE = 4096  # bytes enough to see a record start behind a gzip header
# Room for a record's WARC and HTTP headers beside a payload at the size limit.
_HEADER_SLACK = 1 << 20


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
    """The offset of the next record start after ``start``, or None at the end.

    A candidate counts only if a record starts there: a gzip member whose first bytes
    inflate to ``WARC/``, or a ``WARC/1.0`` line. Handing warcio every stray magic
    number cost a failed read each: 20,000 of them in 160 kB (the same 8 bytes
    repeated) took over 300 s.
    """
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    pos, scanned = start, 0  # file offset of data[0]; data before ``scanned`` is done
    fh.seek(start)
    data = fh.read(_CHUNK)
    end = not data
    while True:
        at = data.find(magic, scanned)
        if at >= 0 and (end or len(data) - at >= _PROBE):
            if _starts_record(data[at : at + _PROBE], gzipped):
                return pos + at
            scanned = at + 1
            continue
        if end:
            return None
        cut = at if at >= 0 else max(scanned, len(data) - len(magic) + 1)
        data, pos, scanned = data[cut:], pos + cut, 0
        more = fh.read(_CHUNK)
        data, end = data + more, not more


def _starts_record(probe: bytes, gzipped: bool) -> bool:
    if not gzipped:
        return _WARC_LINE.match(probe) is not None
    try:
        return zlib.decompressobj(31).decompress(probe, 16).startswith(_WARC_MAGIC)
    except zlib.error:
        return False


def scan(fh: IO[bytes], size: int) -> Iterator[ScanItem]:
    """Every record of an open WARC, in file order; broken stretches are reported and skipped.

    In a gzipped WARC each gzip member is first decompressed once without keeping it,
    to find any that expands past the size limit (a record can state a small length
    and be followed, inside its member, by gigabytes): warcio never sees those, so no
    member costs more than the limit in time or memory.
    """
    fh.seek(0)
    gzipped = fh.read(3) == _GZIP_MAGIC
    cap = max_bytes() + _HEADER_SLACK
    oversized = list(_oversized_members(fh, size, cap)) if gzipped else []
    start = 0
    for bad_start, bad_end in [*oversized, (size, size)]:
        if start < bad_start:
            yield from _scan_range(fh, start, bad_start, gzipped)
        if bad_start < size:
            yield Broken(
                bad_start,
                f"gzip member expands past {cap / 2**20:.0f} MB without a new record, over "
                "the limit for one record; skipped unread",
            )
        start = max(start, bad_end)


def _archive_iterator(fh: Any) -> Any:
    # imported here: warcio (and the fsspec it loads, about 50 ms) only for a WARC input,
    # not in every batch worker or planner
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

    return ArchiveIterator(fh)


def _scan_range(fh: IO[bytes], start: int, size: int, gzipped: bool) -> Iterator[ScanItem]:
    limit = max_bytes()
    window = _Window(fh, size)
    while start < size:
        fh.seek(start)
        it = _archive_iterator(window)
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
            end = max(end, start)  # warcio's offsets can go wrong (negative) on such input
            yield Broken(end, f"broken WARC record: {type(exc).__name__}: {_short(exc)}")
            nxt = _resync(fh, end + 1, gzipped)
            if nxt is None:
                return
            start = nxt
            continue
        if end < size:
            fh.seek(end)
            rest = window.read(64)
            if rest.strip(b"\r\n\x00 "):
                yield Broken(end, "truncated or broken WARC record")
                nxt = _resync(fh, end + 1, gzipped)
                if nxt is None:
                    return
                start = nxt
                continue
        return


class _Window:
    """A file seen only up to ``end``: warcio reading it stops there, as at the file's end."""

    def __init__(self, fh: IO[bytes], end: int) -> None:
        self._fh = fh
        self._end = end

    def read(self, n: int = -1) -> bytes:
        left = max(self._end - self._fh.tell(), 0)
        return self._fh.read(left if n is None or n < 0 else min(n, left))

    def tell(self) -> int:
        return self._fh.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)


def _oversized_members(fh: IO[bytes], size: int, cap: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each gzip member of the file whose output runs on for more than
    ``cap`` bytes without a WARC record starting.

    Streams: holds one compressed chunk and one decompressed piece at a time. A member
    over the cap is not decompressed further: the next one is found by its magic bytes.
    """
    pos = 0  # file offset of the first byte of ``data``
    fh.seek(0)
    data = fh.read(_CHUNK)
    while data:
        member, out, tail = pos, 0, b""
        inflate = zlib.decompressobj(31)
        broken = False
        while True:
            try:
                piece = inflate.decompress(data, _CHUNK)
            except zlib.error:
                broken = True  # damaged: warcio reports it and resyncs on its own
                break
            # a member holding a whole WARC (gzip run over the file) is legitimate:
            # what counts is how far the output runs without a record starting
            at = (tail + piece).rfind(b"\nWARC/")
            out = len(piece) - (at - len(tail)) if at >= 0 else out + len(piece)
            tail = piece[-8:]
            consumed = len(data) - len(inflate.unconsumed_tail) - len(inflate.unused_data)
            if inflate.eof:
                pos += consumed
                data = inflate.unused_data or fh.read(_CHUNK)
                break
            if out > cap:
                pos += consumed
                nxt = _resync(fh, pos, gzipped=True)
                yield member, nxt if nxt is not None else size
                if nxt is None:
                    return
                pos = nxt
                fh.seek(pos)
                data = fh.read(_CHUNK)
                break
            pos += consumed
            data = inflate.unconsumed_tail or fh.read(_CHUNK)
            if not data and not piece:
                return  # the file ends inside this member: warcio reports it
        if broken:
            nxt = _resync(fh, pos + 1, gzipped=True)
            if nxt is None:
                return
            pos = nxt
            fh.seek(pos)
            data = fh.read(_CHUNK)


def _short(exc: Exception) -> str:
    # warcio can quote a whole damaged "line" of megabytes: cut it before cleaning
    text = " ".join(str(exc)[:1000].split())
    # warcio quotes the damaged bytes in its message: keep it readable
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text[:120]


def read_page(fh: IO[bytes], page: Page, path: str | None, where: str) -> Document:
    """The bare document of one HTML response record (payload size-limited)."""
    fh.seek(page.offset)
    try:
        record = next(iter(_archive_iterator(fh)))
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
