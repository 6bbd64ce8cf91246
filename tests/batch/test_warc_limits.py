"""A gzip member that expands without end is skipped unread, never decompressed whole."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

pytest.importorskip("warcio")

from hadath.batch import run_batch, warc

SENTENCE = "The foreign minister met the envoy in Paris on Monday, the ministry said."


def _record(n: int, words: int = 10) -> bytes:
    """A WARC response record (uncompressed) holding an HTML page of ``words`` sentences."""
    html = (
        f"<html><body><h1>Talks {n}</h1><p>{' '.join([SENTENCE] * words)}</p></body></html>"
    ).encode()
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(html)}\r\n\r\n".encode()
        + html
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
        f"WARC-Target-URI: http://news.test/{n}\r\nWARC-Date: 2016-05-02T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _gzip(data: bytes, zeros: int = 0) -> bytes:
    """One gzip member of ``data`` followed, inside the member, by ``zeros`` NUL bytes."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = z.compress(data)
    for _ in range(zeros >> 20):
        out += z.compress(bytes(1 << 20))
    return out + z.flush()


def test_warc_limits_a_member_expanding_past_the_limit_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HADATH_MAX_BYTES", "100000")
    path = tmp_path / "bomb.warc.gz"
    # the middle record states its length truthfully, then its member runs on for 64 MB
    path.write_bytes(_gzip(_record(1)) + _gzip(_record(2), zeros=64 << 20) + _gzip(_record(3)))
    with path.open("rb") as fh:
        items = list(warc.scan(fh, path.stat().st_size))
    pages = [i for i in items if isinstance(i, warc.Page)]
    broken = [i for i in items if isinstance(i, warc.Broken)]
    assert len(pages) == 2
    assert len(broken) == 1 and "gzip member expands past" in broken[0].reason
    summary = run_batch([path], tmp_path / "out")
    assert summary.records == 2
    assert [f.reason for f in summary.failed] == [broken[0].reason]


def test_warc_limits_one_member_for_the_whole_file_is_reported_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `gzip crawl.warc` makes one member of the whole file, larger than the limit: a record
    # starts in it every few kilobytes, so it is no bomb, but warcio cannot seek in it
    monkeypatch.setenv("HADATH_MAX_BYTES", "100000")
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(_gzip(b"".join(_record(n, words=1000) for n in range(1, 31))))
    with path.open("rb") as fh:
        items = list(warc.scan(fh, path.stat().st_size))  # it once raised OSError here
    broken = [i for i in items if isinstance(i, warc.Broken)]
    assert len(broken) == 1 and "non-chunked gzip" in broken[0].reason
    assert not any("expands past" in i.reason for i in broken)
