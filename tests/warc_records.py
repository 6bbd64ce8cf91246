"""WARC records written by hand, as crawlers write them, for the batch tests and the fuzz harness.

warcio's writer (tests/batch/conftest.py) makes well-formed files; these build the bytes
directly, so a test can state a length that lies or run a gzip member on past its record.
"""

from __future__ import annotations

import zlib


def response(n: int, html: bytes, *, url: str | None = None) -> bytes:
    """An uncompressed WARC response record (HTTP 200, text/html) holding ``html``."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(html)}\r\n\r\n".encode()
        + html
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
        f"WARC-Target-URI: {url or f'http://news.test/{n}'}\r\n"
        "WARC-Date: 2016-05-02T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def gzip_member(data: bytes, *, zeros: int = 0, level: int = 9) -> bytes:
    """One gzip member of ``data`` followed, inside the member, by ``zeros`` NUL bytes."""
    z = zlib.compressobj(level, zlib.DEFLATED, 31)
    out = z.compress(data)
    for _ in range(zeros >> 20):
        out += z.compress(bytes(1 << 20))
    return out + z.flush()


def gzipped_warc(pages: list[bytes]) -> bytes:
    """A gzipped WARC of ``pages``, one member a record."""
    return b"".join(gzip_member(response(n, html), level=6) for n, html in enumerate(pages))
