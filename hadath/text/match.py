"""One pass of an Aho-Corasick automaton over a normalised text, at word boundaries.

Arabic glues conjunctions, prepositions and the article to the word that
follows (والروسي، بموسكو، للأمم) and object pronouns to the verb (استقبله).
A lexicon lists each form once; a match is kept when what precedes it inside
its word is a run of proclitics and what follows it is an allowed enclitic.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

import ahocorasick
import numpy as np

from hadath.text.normalize import fold_form

T = TypeVar("T")

# Word characters: Arabic letters (harakat already folded away), Latin letters, digits.
# A character that may end a word: a form ending otherwise ("U.S.") ends where it does.
_WORD_END = re.compile(r"[\w\u0600-\u06FF\u0750-\u077F]", re.UNICODE)
WORD_RE = re.compile(r"[\w\u0600-\u06FF\u0750-\u077F]+", re.UNICODE)

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
_LAM = frozenset({"ل", "ول", "فل"})
# Lexicon forms added in a second spelling (see ``Matcher``): which rule admits their matches.
_ARTICLE_DROPPED = 1
_ALEF_MAQSURA = 2


def _admits(variant: int, prefix: str, suffix: str, enclitics: bool) -> bool:
    """Whether the clitics around a match fit the rule of the key it matched."""
    if variant == _ARTICLE_DROPPED:
        # only after the preposition ل, which swallowed the article's alef
        if prefix not in _LAM:
            return False
    elif prefix and prefix not in PROCLITICS:
        return False
    if variant == _ALEF_MAQSURA:
        # a stem spelt otherwise before a pronoun: التقاه، لقائه، زيارته
        return bool(suffix) and suffix in ENCLITICS
    return not suffix or (enclitics and suffix in ENCLITICS)


class Hit(NamedTuple, Generic[T]):
    """A match in normalised coordinates: the form itself, without clitics.

    A named tuple rather than a frozen dataclass: documents yield tens of
    thousands, and a frozen dataclass is several times slower to build.
    """

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
            # "لقائه": a final hamza sits on ya before a pronoun; "زيارته": ta marbuta is ta
            if enclitics and form.rstrip().endswith("اء") and " " not in key:
                table.setdefault("\x01" + key[:-1] + "ي", []).append(value)
            if enclitics and form.rstrip().endswith("ة") and " " not in key:
                table.setdefault("\x01" + key[:-1] + "ت", []).append(value)
        # the automaton keeps a number per word; these lists say what it stands for. One word
        # may come from several keys: "أدانت" (a verb) and "إدانة" before a pronoun
        # ("إدانته" -> "ادانت" + "ه") are both "ادانت", each admitted by its own rule.
        sizes: list[int] = []
        self._choices: list[tuple[tuple[int, tuple[T, ...]], ...]] = []
        dotted: list[bool] = []
        self._numbers: dict[str, int] = {}
        grouped: dict[str, list[tuple[int, tuple[T, ...]]]] = {}
        for key, values in table.items():
            word = key.lstrip("\x00\x01")
            variant = (
                _ARTICLE_DROPPED if key[0] == "\x00" else _ALEF_MAQSURA if key[0] == "\x01" else 0
            )
            grouped.setdefault(word, []).append((variant, tuple(values)))
        for word, choices in grouped.items():
            dotted.append(not _WORD_END.match(word[-1]))
            self._numbers[word] = len(sizes)
            sizes.append(len(word))
            self._choices.append(tuple(choices))
        self._sizes = np.array(sizes, dtype=np.intp)
        # forms ending in a dot or another non-word character ("U.S.", "U.N.")
        self._dotted = np.array(dotted, dtype=bool)
        self._empty = not table
        # built at first use: a matcher that reads a shared pass never needs its own
        self._auto: ahocorasick.Automaton | None = None
        self._enclitics = enclitics
        # set by ``SharedPass``: the pass over several matchers' forms this one reads
        self._shared: tuple[SharedPass, Any] | None = None
        # the longest text that may stand between a match and its word's ends
        self._max_prefix = max(map(len, PROCLITICS | _LAM))
        self._max_suffix = max(map(len, ENCLITICS)) if enclitics else 0

    def find(self, norm: str, bounds: WordBounds) -> Iterator[Hit[T]]:
        """Every match in ``norm`` that sits at word boundaries, left to right."""
        if self._empty or not bounds.words():
            return
        # Most of the automaton's matches are short forms inside longer words. Numpy
        # drops those whose first or last character is outside a word, or whose word
        # holds more than clitics around them; the rules below judge the rest.
        lasts, ids = self._raw_hits(norm)
        starts_np, ends_np = bounds.arrays()
        begins = lasts + 1 - self._sizes[ids]
        k = np.searchsorted(starts_np, begins, side="right") - 1
        k2 = np.searchsorted(starts_np, lasts, side="right") - 1
        ws_np = starts_np[np.maximum(k, 0)]
        dotted = self._dotted[ids]
        # a form ending in a dot ends where its dot does ("U.S."), not at a word's end
        we_np = np.where(dotted, lasts + 1, ends_np[np.maximum(k2, 0)])
        ok = (k >= 0) & (begins < ends_np[np.maximum(k, 0)]) & (lasts < we_np)
        ok &= (begins - ws_np <= self._max_prefix) & (we_np - lasts - 1 <= self._max_suffix)
        keep = np.flatnonzero(ok)
        enclitics = self._enclitics
        for start, last, ws, we, i, dot in zip(
            begins[keep].tolist(),
            lasts[keep].tolist(),
            ws_np[keep].tolist(),
            we_np[keep].tolist(),
            ids[keep].tolist(),
            dotted[keep].tolist(),
            strict=True,
        ):
            end = last + 1
            if dot and end < len(norm) and _WORD_END.match(norm[end]):
                continue  # "U.S." inside "U.S.A."
            prefix = norm[ws:start] if ws < start else ""
            suffix = norm[end:we] if end < we else ""
            if prefix and not _is_arabic(norm[start]):
                continue
            choices = self._choices[i]
            if len(choices) == 1:
                variant, values = choices[0]
                if _admits(variant, prefix, suffix, enclitics):
                    for v in values:
                        yield Hit(start, end, v, prefix, suffix)
                continue
            given: list[T] = []  # a value two keys admit is one hit
            for variant, values in choices:
                if _admits(variant, prefix, suffix, enclitics):
                    given.extend(v for v in values if not any(v is g for g in given))
            for v in given:
                yield Hit(start, end, v, prefix, suffix)

    def words(self) -> list[tuple[str, int]]:
        """The matcher's words and the number each stands for."""
        return list(self._numbers.items())

    def shared_words(self) -> list[str]:
        """The words of the shared pass this matcher reads (empty when it reads none)."""
        return list(self._shared[0].words) if self._shared is not None else []

    def _raw_hits(self, norm: str) -> tuple[Any, Any]:
        """(last character, number) of every occurrence of a form in ``norm``, by end,
        longest first at one end: the automaton's order."""
        if self._shared is not None:
            shared, numbers = self._shared
            lasts, found = shared.hits(norm)
            ids = numbers[found]
            mine = ids >= 0
            return lasts[mine], ids[mine]
        auto = self._auto
        if auto is None:
            # built whole before it is kept: another thread may be matching
            auto = ahocorasick.Automaton()
            for word, number in self._numbers.items():
                auto.add_word(word, number)
            auto.make_automaton()
            self._auto = auto
        flat = np.fromiter(chain.from_iterable(auto.iter(norm)), dtype=np.intp)
        return flat[0::2], flat[1::2]


class SharedPass:
    """One automaton over the forms of several matchers: each text is walked once for all.

    Every matcher reads the occurrences of its own forms from the shared pass, in
    the order its own automaton gives them (by end, longest first at one end), so
    ``Matcher.find`` returns what it returns alone. The last few texts' occurrences
    are kept: the stages of one document ask about the same normalised text in turn.
    """

    _KEEP = 4

    def __init__(
        self,
        matchers: Iterable[Matcher[Any]],
        prebuilt: Callable[[str], ahocorasick.Automaton | None] | None = None,
    ) -> None:
        # prebuilt: the automaton of the words with this digest (``words_digest``), if one
        # was made beforehand (``hadath.lexicon.compact``), else None: built here
        matchers = list(matchers)
        number: dict[str, int] = {}
        for m in matchers:
            for word, _ in m.words():
                if word not in number:
                    number[word] = len(number)
        self.words = list(number)
        auto = prebuilt(words_digest(self.words)) if prebuilt is not None and number else None
        if auto is None:
            auto = build_automaton(self.words)
        self._auto: ahocorasick.Automaton = auto
        self._empty = not number
        self._recent: dict[str, tuple[Any, Any]] = {}
        for m in matchers:
            # the shared number of each word -> the matcher's own (-1: not its word)
            own = np.full(len(number), -1, dtype=np.intp)
            items = m.words()  # each word once: the order of the assignments is no matter
            if items:
                at = np.fromiter((number[w] for w, _ in items), dtype=np.intp, count=len(items))
                own[at] = np.fromiter((i for _, i in items), dtype=np.intp, count=len(items))
            m._shared = (self, own)

    def hits(self, norm: str) -> tuple[Any, Any]:
        """(last character, shared number) of every occurrence of a word in ``norm``."""
        found = self._recent.get(norm)
        if found is None:
            flat = np.fromiter(
                chain.from_iterable(self._auto.iter(norm) if not self._empty else ()),
                dtype=np.intp,
            )
            found = flat[0::2], flat[1::2]
            if len(self._recent) >= self._KEEP:
                self._recent = {}  # replaced, not cleared: another thread may be reading it
            self._recent[norm] = found
        return found


def build_automaton(words: Sequence[str]) -> ahocorasick.Automaton:
    """The automaton numbering each of ``words`` by its place in the list."""
    auto = ahocorasick.Automaton()
    for i, word in enumerate(words):
        auto.add_word(word, i)
    if words:
        auto.make_automaton()
    return auto


def words_digest(words: Sequence[str]) -> str:
    """What a prebuilt automaton of ``words`` is known by: the words in order, and this
    pyahocorasick's build (its nodes are stored as the library lays them out in memory)."""
    lib = Path(ahocorasick.__file__ or "ahocorasick")
    size = lib.stat().st_size if lib.is_file() else 0
    h = hashlib.sha256(f"{lib.name} {size} {sys.byteorder} {sys.maxsize}\n".encode())
    h.update(f"{len(words)}\n".encode())
    h.update("\n".join(words).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff"


class WordBounds:
    """Where each word of a normalised text starts and ends."""

    __slots__ = ("_arrays", "_ends", "_spans", "_starts")

    def __init__(self, norm: str) -> None:
        # the runs of WORD_RE's characters, found with a table of them rather than the
        # regex: a page has thousands of words and a match object each was slow
        codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if codes.size and int(codes.max()) >= _TABLE_SIZE:
            spans = [m.span() for m in WORD_RE.finditer(norm)]  # beyond the table
            starts = np.array([s for s, _ in spans], dtype=np.intp)
            ends = np.array([e for _, e in spans], dtype=np.intp)
        else:
            edges = np.diff(_word_chars()[codes].view(np.int8), prepend=0, append=0)
            starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        self._arrays = (starts, ends)
        self._starts: list[int] = starts.tolist()
        self._ends: list[int] = ends.tolist()
        self._spans = list(zip(self._starts, self._ends, strict=True))

    def arrays(self) -> tuple[Any, Any]:
        """Word starts and ends as numpy arrays."""
        return self._arrays

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

    def straddles(self, i: int) -> bool:
        """Whether one word holds both ``i - 1`` and ``i``: a cut at ``i`` would split it."""
        k = bisect_right(self._starts, i - 1) - 1
        return k >= 0 and i < self._ends[k]

    def next_word(self, i: int) -> int:
        """The number of the first word starting at or after ``i``."""
        return bisect_left(self._starts, i)


# The basic multilingual plane: news text beyond it (emoji, rare scripts) takes the regex.
_TABLE_SIZE = 0x10000


@functools.cache
def _word_chars() -> Any:
    """For each code point of the table, whether WORD_RE matches it (built once per process)."""
    table = np.zeros(_TABLE_SIZE, dtype=bool)
    for m in WORD_RE.finditer("".join(map(chr, range(_TABLE_SIZE)))):
        table[m.start() : m.end()] = True
    return table


@functools.lru_cache(maxsize=64)
def word_bounds(norm: str) -> WordBounds:
    """The ``WordBounds`` of a normalised text, cached: every stage reads the same document's."""
    return WordBounds(norm)
