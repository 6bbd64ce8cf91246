"""Bytes to text: encodings news files really come in, and clear refusals."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

from hadath.errors import InputError

# Above this a single input is refused rather than read whole into memory.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes() -> int:
    """The size limit for one input, from ``HADATH_MAX_BYTES`` or the default (50 MB)."""
    raw = os.environ.get("HADATH_MAX_BYTES")
    if raw and raw.isdigit():
        return int(raw)
    return DEFAULT_MAX_BYTES


def check_size(where: str, size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise InputError(
            where,
            f"input is {size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit for one "
            "document (split it, or give it as JSON Lines, one document a line)",
        )


def fold_newlines(text: str) -> str:
    """CRLF and lone CR become LF, nothing else changes."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def _wide_without_bom(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when NUL bytes fall in the pattern those encodings give text."""
    head = data[:8192]
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    zeros = [head[i:n:4].count(0) for i in range(4)]
    most = n // 4 * 0.9
    if (zeros[2] > most and zeros[3] > most) or (zeros[0] > most and zeros[1] > most):
        return "UTF-32"
    if zeros[0] + zeros[2] > 2 * most * 0.6 or zeros[1] + zeros[3] > 2 * most * 0.6:
        return "UTF-16"
    return None


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document's text, the encoding it was read in, and what had to be repaired."""

    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decode a document's bytes; return the text (line endings folded) and the encoding.

    See `decode_reported`, which also says what was repaired.
    """
    d = decode_reported(data, where)
    return d.text, d.encoding


def decode_reported(data: bytes, where: str) -> Decoded:
    """Decode a document's bytes, never by a silent guess.

    UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM, and legacy Arabic
    windows-1256 when no byte of the file reads as a UTF-8 character and the
    whole reads as mostly Arabic in that code page. A UTF-8 file with a few bad
    bytes (cut mid-character, a byte lost, a line in another encoding) is read
    as UTF-8 with each bad stretch as U+FFFD, and the warning says so; a file
    where bad bytes are not rare among its UTF-8 characters is refused.
    """
    if not data or not data.strip():
        raise InputError(where, "empty input: no text to read")
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding, where)
            return Decoded(fold_newlines(text), encoding if encoding != "utf-8" else "utf-8-sig")
    wide = _wide_without_bom(data)
    if wide:
        raise InputError(
            where,
            f"looks like {wide} without a byte-order mark (NUL bytes between the letters); "
            "re-encode it as UTF-8",
        )
    if _looks_binary(data):
        raise InputError(
            where,
            "binary data, not text (NUL or control bytes; UTF-16 or UTF-32 text needs its "
            "byte-order mark)",
        )
    try:
        return Decoded(fold_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    return _damaged_utf8(data, where, first)


def _damaged_utf8(data: bytes, where: str, first: UnicodeDecodeError) -> Decoded:
    if first.start >= len(data) - 3 and first.reason == "unexpected end of data":
        # cut short in the middle of its last character: drop that character's bytes
        text = data[: first.start].decode("utf-8")
        return Decoded(
            fold_newlines(text),
            "utf-8",
            f"ends in the middle of a UTF-8 character (cut short?): its last "
            f"{len(data) - first.start} byte(s) were dropped",
        )
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    wide = len(text) - len(text.encode("ascii", "ignore")) - bad  # real non-ASCII characters
    if wide >= 10 * bad:
        return Decoded(
            fold_newlines(text),
            "utf-8",
            f"{bad} invalid UTF-8 byte sequence(s) read as U+FFFD (first at byte {first.start}: "
            f"{data[first.start : first.start + 1]!r})",
        )
    if wide == 0 or wide * 10 <= bad:
        try:
            legacy = data.decode("windows-1256")
        except UnicodeDecodeError:
            legacy = ""
        if legacy and _arabic_share(legacy) > 0.5:
            return Decoded(fold_newlines(legacy), "windows-1256")
    byte = data[first.start : first.start + 1]
    if wide:
        raise InputError(
            where,
            f"mixed encodings: {wide} UTF-8 characters and {bad} invalid UTF-8 byte sequences "
            f"(first at byte {first.start}: {byte!r}); re-encode it as UTF-8",
        )
    raise InputError(
        where,
        f"not valid UTF-8 (byte {first.start}: {byte!r}) "
        "and not Arabic windows-1256; re-encode it as UTF-8",
    )


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(where, f"invalid {encoding} at byte {exc.start}") from None
    if not text.strip():
        raise InputError(where, "empty input: no text to read")
    return text
