"""One pass of an Aho-Corasick automaton over a normalised text, at word boundaries.

Arabic glues conjunctions, prepositions and the article to the word that
follows (والروسي، بموسكو، للأمم) and object pronouns to the verb (استقبله).
A lexicon lists each form once; a match is kept when what precedes it inside
its word is a run of proclitics and what follows it is an allowed enclitic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from hadath.text.normalize import fold_form

T = TypeVar("T")

# Word characters: Arabic letters (harakat already folded away), Latin letters, digits.
WORD_RE = re.compile(r"[\w\u0600-\u06FF\u0750-\u077F]+", re.UNICODE)
_WORD_END = re.compile(r"[\w\u0600-\u06FF\u0750-\u077F]", re.UNICODE)

# Proclitic runs that may stand before a word inside the same written token.
# Conjunction (و ف), future (س), prepositions (ب ل ك), article (ال) and their
# common combinations. "لل" is ل + the article with its alef dropped.
_PROCLITICS_NOUN = frozenset(
    {
        "",
        "و",
        "ف",
        "ب",
        "ل",
        "ك",
        "ال",
        "وال",
        "فال",
        "بال",
        "كال",
        "لل",
        "ولل",
        "فلل",
        "وب",
        "فب",
        "ول",
        "فل",
        "وك",
        "فك",
        "وبال",
        "فبال",
        "وكال",
    }
)
_PROCLITICS_VERB = frozenset({"", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل"})
PROCLITICS = _PROCLITICS_NOUN | _PROCLITICS_VERB
# Object and possessive pronouns that may follow a word.
ENCLITICS = frozenset({"", "ه", "ها", "هما", "هم", "هن", "ك", "كم", "كما", "نا", "ني", "ي"})


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A match in normalised coordinates: the form itself, without clitics."""

    start: int
    end: int
    value: T
    prefix: str  # the proclitics before it inside its word
    suffix: str  # the enclitics after it inside its word


class Matcher(Generic[T]):
    """Match many forms at once; each form maps to one or more values.

    ``clitics`` says whether Arabic proclitics/enclitics may wrap a form;
    without it a form must be a whole word (or words).
    """

    def __init__(self, entries: Iterable[tuple[str, T]], *, enclitics: bool = False) -> None:
        self._auto: ahocorasick.Automaton = ahocorasick.Automaton()
        table: dict[str, list[T]] = {}
        for form, value in entries:
            key = fold_form(form)
            if not key:
                continue
            table.setdefault(key, []).append(value)
            # "للأمم": ل + الأمم with the article's alef dropped
            if key.startswith("ال") and len(key) > 3:
                table.setdefault("\x00" + key[1:], []).append(value)
            # "التقاه": a verb's final ى becomes ا before an object pronoun
            if enclitics and form.rstrip().endswith("ى") and " " not in key:
                table.setdefault("\x01" + key[:-1] + "ا", []).append(value)
        for key, values in table.items():
            word = key.lstrip("\x00\x01")
            self._auto.add_word(word, (key, tuple(values)))
        self._empty = not table
        if table:
            self._auto.make_automaton()
        self._enclitics = enclitics

    def find(self, norm: str, bounds: WordBounds) -> Iterator[Hit[T]]:
        """Every match in ``norm`` that sits at word boundaries, left to right."""
        if self._empty:
            return
        for last, (key, values) in self._auto.iter(norm):
            word = key.lstrip("\x00\x01")
            end = last + 1
            start = end - len(word)
            ws = bounds.word_start(start)
            # a form ending in a dot ("U.S.", "U.N.") ends where its dot does; it must not
            # run on into a word ("U.S." inside "U.S.A.")
            we = bounds.word_end(end - 1) if _WORD_END.match(word[-1]) else end
            if ws is None or we is None:
                continue
            if we == end and end < len(norm) and _WORD_END.match(norm[end]):
                continue
            prefix = norm[ws:start]
            suffix = norm[end:we]
            if key.startswith("\x00"):
                # only after the preposition ل, which swallowed the article's alef
                if prefix not in {"ل", "ول", "فل"}:
                    continue
            elif prefix not in PROCLITICS:
                continue
            if key.startswith("\x01"):
                # a final alef maqsura written as alef before a pronoun: التقاه
                if not suffix or suffix not in ENCLITICS:
                    continue
            elif suffix and not (self._enclitics and suffix in ENCLITICS):
                continue
            if prefix and not _is_arabic(norm[start]):
                continue
            for v in values:
                yield Hit(start, end, v, prefix, suffix)


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff"


class WordBounds:
    """Where each word of a normalised text starts and ends."""

    __slots__ = ("_ends", "_spans", "_starts")

    def __init__(self, norm: str) -> None:
        self._spans = [m.span() for m in WORD_RE.finditer(norm)]
        self._starts = [s for s, _ in self._spans]
        self._ends = [e for _, e in self._spans]

    def _word(self, i: int) -> int | None:
        k = bisect_right(self._starts, i) - 1
        if k < 0 or i >= self._ends[k]:
            return None
        return k

    def word_start(self, i: int) -> int | None:
        k = self._word(i)
        return None if k is None else self._starts[k]

    def word_end(self, i: int) -> int | None:
        k = self._word(i)
        return None if k is None else self._ends[k]

    def words(self) -> list[tuple[int, int]]:
        """The (start, end) of every word; shared, do not modify."""
        return self._spans

    def index(self, i: int) -> int | None:
        """The number of the word holding position ``i``."""
        return self._word(i)

    def next_word(self, i: int) -> int:
        """The number of the first word starting at or after ``i``."""
        return bisect_left(self._starts, i)
