"""A gzip member that expands without end is skipped unread, never decompressed whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("warcio")

from warc_records import gzip_member, response

from hadath.batch import run_batch, warc

SENTENCE = "The foreign minister met the envoy in Paris on Monday, the ministry said."


def _record(n: int, words: int = 10) -> bytes:
    """A WARC response record (uncompressed) holding an HTML page of ``words`` sentences."""
    html = f"<html><body><h1>Talks {n}</h1><p>{' '.join([SENTENCE] * words)}</p></body></html>"
    return response(n, html.encode())


def test_warc_limits_a_member_expanding_past_the_limit_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HADATH_MAX_BYTES", "100000")
    path = tmp_path / "bomb.warc.gz"
    # the middle record states its length truthfully, then its member runs on for 64 MB
    bomb = gzip_member(_record(2), zeros=64 << 20)
    path.write_bytes(gzip_member(_record(1)) + bomb + gzip_member(_record(3)))
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
    path.write_bytes(gzip_member(b"".join(_record(n, words=1000) for n in range(1, 31))))
    with path.open("rb") as fh:
        items = list(warc.scan(fh, path.stat().st_size))  # it once raised OSError here
    broken = [i for i in items if isinstance(i, warc.Broken)]
    assert len(broken) == 1 and "non-chunked gzip" in broken[0].reason
    assert not any("expands past" in i.reason for i in broken)


@pytest.mark.parametrize(
    ("name", "stray", "member"),
    [
        # the fuzz find: a gzip header's first 8 bytes repeated, each copy a member's magic
        ("crawl.warc.gz", gzip_member(b"")[:8], gzip_member),
        ("crawl.warc", b"WARC/", lambda record: record),
    ],
)
def test_warc_limits_a_run_of_stray_record_starts_is_tried_once(
    tmp_path: Path, name: str, stray: bytes, member: Callable[[bytes], bytes]
) -> None:
    # Each stray copy was handed to warcio as a record start, and each failed read cost
    # a pass to the next line break: 20,000 copies took over 300 s. A record start is now
    # one that inflates to (or reads) a WARC line: the run is one broken stretch.
    path = tmp_path / name
    path.write_bytes(stray * 20_000 + member(_record(1)) + member(_record(2)))
    with path.open("rb") as fh:
        items = list(warc.scan(fh, path.stat().st_size))
    broken = [i for i in items if isinstance(i, warc.Broken)]
    assert [type(i) for i in items] == [warc.Broken, warc.Page, warc.Page]
    assert broken[0].offset == 0 and "broken WARC record" in broken[0].reason
    assert len(broken[0].reason) < 200
    summary = run_batch([path], tmp_path / "out")
    assert summary.records == 2 and len(summary.failed) == 1
