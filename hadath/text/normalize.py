"""The normalised view of a text, for matching, with a way back to the original.

Arabic is written with optional harakat, tatweel and several spellings of the
same letter; lexicons cannot list every variant, so matching happens on a
folded copy. Folding only deletes characters or replaces one character by
one character, so a position in the folded text maps back to exactly one
position in the original.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass

# Harakat, Quranic marks, superscript alef, tatweel, and invisible format
# characters (bidi marks, zero-width joiners) that break word matching.
_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u06e1"]
    + [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\ufeff",
    ]
)
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
    "ھ": "ه",
    "\u2019": "'",
    "\u2018": "'",
    "٪": "%",
    "،": ",",
    "؛": ";",
    "؟": "?",
    # hashtags join words with "_" ("#الولايات_المتحدة", "#Donald_Trump"): read them as words
    "_": " ",
}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Persian digits

_TABLE: dict[int, str | None] = {ord(c): None for c in _DELETE}
_DELETE_RE = re.compile("[" + "".join(_DELETE) + "]")
_TABLE.update({ord(k): v for k, v in _FOLD.items()})


# The same table as (old, new) pairs. No new character is an old one, so replacing them
# one pair at a time gives what one ``str.translate`` gives. On a long text that takes a
# fraction of the time: translate looks every character up in a dict, replace scans for
# one character in C. On a short one the calls cost more than the lookups.
_PAIRS = tuple((chr(k), v or "") for k, v in _TABLE.items())
_SHORT = 64


def fold(text: str) -> str:
    """Fold Arabic spelling variants and Latin case; may delete characters."""
    if text.isascii():
        return text.lower().replace("_", " ") if "_" in text else text.lower()
    if len(text) < _SHORT:
        return text.translate(_TABLE).lower()
    for old, new in _PAIRS:
        text = text.replace(old, new)
    return text.lower()


# The characters str.lower() does not map on their own and one to one: "İ" becomes two
# characters and "Σ" becomes "σ" or "ς" after looking at its neighbours.
_CONTEXT_CASE = ("\u0130", "\u03a3")


def folds_alone(text: str) -> bool:
    """Whether ``fold`` maps each character of ``text`` to one character (or none) on its own.

    Then the folded slice of a longer text around it is exactly ``fold(text)``.
    """
    return not any(c in text for c in _CONTEXT_CASE)


def fold_form(text: str) -> str:
    """Fold a lexicon form the same way as the text it is matched against."""
    return " ".join(fold(text).split())


@dataclass(frozen=True, slots=True)
class NormText:
    """A folded copy of ``original`` and, when characters were deleted, where each kept one was."""

    original: str
    norm: str
    # kept[i] = position in ``original`` of ``norm[i]``; empty when nothing was deleted
    kept: tuple[int, ...]

    def to_original(self, i: int) -> int:
        """Map a position of ``norm`` (a start, or an exclusive end) to ``original``."""
        if not self.kept:
            return i
        if i >= len(self.kept):
            return len(self.original)
        return self.kept[i]

    def to_norm(self, i: int) -> int:
        """The position of ``norm`` where what was folded from ``original[i:]`` begins."""
        if not self.kept:
            return i
        return bisect_left(self.kept, i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``norm`` to the span of ``original`` it was folded from."""
        s = self.to_original(start)
        if end <= start:
            return s, s
        return s, self.to_original(end - 1) + 1


@functools.lru_cache(maxsize=64)
def normalize(text: str) -> NormText:
    """Fold ``text`` for matching, keeping what is needed to map spans back.

    Cached: several stages fold the same document, and ``NormText`` is frozen.
    """
    norm = fold(text)
    if len(norm) == len(text) and (text.isascii() or _DELETE_RE.search(text) is None):
        return NormText(text, norm, ())
    kept: list[int] = []
    prev = 0
    for m in _DELETE_RE.finditer(text):
        kept.extend(range(prev, m.start()))
        prev = m.end()
    kept.extend(range(prev, len(text)))
    if len(norm) == len(kept):
        return NormText(text, norm, tuple(kept))
    # lower() lengthened a letter somewhere ('İ'): fold one character at a time
    chars: list[str] = []
    kept = []
    for i, c in enumerate(text):
        f = c.translate(_TABLE)
        if f:
            # lower() may lengthen a few non-Arabic letters ('İ'); keep one-to-one
            chars.append(f.lower()[:1])
            kept.append(i)
    return NormText(text, "".join(chars), tuple(kept))
