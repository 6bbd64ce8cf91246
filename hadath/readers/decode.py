"""Bytes to text: encodings news files really come in, and clear refusals."""

from __future__ import annotations

import codecs
import os

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
            f"input is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for one document "
            "(split it, or give it as JSON Lines, one document a line)",
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


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decode a document's bytes; return the text (line endings folded) and the encoding.

    UTF-8 with or without BOM, UTF-16 with BOM, and legacy Arabic windows-1256
    when the bytes are not UTF-8 but read as mostly Arabic in that code page.
    """
    if not data or not data.strip():
        raise InputError(where, "empty input: no text to read")
    if data.startswith(codecs.BOM_UTF8):
        return fold_newlines(_strict(data[3:], "utf-8", where)), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return fold_newlines(_strict(data, "utf-16", where)), "utf-16"
    if _looks_binary(data):
        raise InputError(where, "binary data, not text (NUL or control bytes)")
    try:
        return fold_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        legacy = data.decode("windows-1256")
    except UnicodeDecodeError:
        legacy = ""
    if legacy and _arabic_share(legacy) > 0.5:
        return fold_newlines(legacy), "windows-1256"
    bad = data[utf8_error.start : utf8_error.start + 1]
    raise InputError(
        where,
        f"not valid UTF-8 (byte {utf8_error.start}: {bad!r}) "
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
