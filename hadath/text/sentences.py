"""Sentence boundaries for Arabic and English news text.

News sentences end at . ! ? ؟ and at line ends. Arabic writers also chain
clauses with commas, which stay inside a sentence. A full stop inside a
number (3.5), an abbreviation (U.S., Mr., د.) or a closing quote mark keeps
the sentence open.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?؟]+[\"'»”’)\]]*(?=\s|$)|\n")
# Words after which a full stop does not end a sentence.
_ABBREV = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "rev", "st",
        "u.s", "u.n", "u.k", "e.u", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "co", "jr", "sr", "d", "a", "p",
    }
)  # fmt: skip
_LAST_WORD = re.compile(r"([\w.]+)$")
# Quote marks that may hold several sentences: a sentence does not end inside them.
_OPEN = {"«": "»", "“": "”", "„": "“"}
_MARK = re.compile("[" + "".join(_OPEN) + "".join(_OPEN.values()) + "]")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as absolute spans, white space trimmed."""
    spans: list[tuple[int, int]] = []
    s = start
    depth = 0
    close = ""
    i = start
    chunk = text[start:end]
    for m in _END.finditer(chunk):
        e = start + m.end()
        # track «...» so a quoted full stop does not end the reporting sentence
        for q in _MARK.finditer(text, i, e):
            c = q.group()
            if depth == 0 and c in _OPEN:
                depth, close = 1, _OPEN[c]
            elif depth and c == close:
                depth = 0
        i = e
        if m.group() != "\n":
            # an odd count of straight quotes since the sentence began: still inside one
            if depth or text.count('"', s, start + m.start()) % 2:
                continue
            if m.group().startswith(".") and _abbreviation_before(text, s, start + m.start()):
                continue
        else:
            depth = 0
        _add(text, s, e, spans)
        s = e
    _add(text, s, end, spans)
    return spans


def _abbreviation_before(text: str, s: int, e: int) -> bool:
    """Whether the word ending at ``e`` (the sentence began at ``s``) is an abbreviation."""
    # the last word is the run of word characters and dots ending at e: look at the tail
    # first, and further back only when the run may go on before it
    lo = max(s, e - 32)
    w = _LAST_WORD.search(text, lo, e)
    if w is not None and w.start() == lo and lo > s:
        w = _LAST_WORD.search(text, s, e)
    return w is not None and w.group(1).lower().rstrip(".") in _ABBREV


def _add(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
