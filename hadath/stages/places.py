"""Places a sentence names: gazetteer forms, found where the sentence puts something in them.

Strong names (countries, capitals, well-known cities) match anywhere; the
many town names that are also ordinary words match only after a locative
preposition ("في", "بـ", "قرب", "in", "near").
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from dataclasses import dataclass

from hadath.lexicon.places import Gazetteer, PlaceForm, load_gazetteer
from hadath.model import Place
from hadath.text.match import Hit, Matcher, WordBounds, word_bounds
from hadath.text.normalize import NormText, folds_alone, normalize

_LOCATIVE_WORDS = frozenset({"في", "الى", "من", "قرب", "داخل", "شمال", "جنوب", "شرق", "غرب",
                             "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "بمدينه", "مدينه", "محافظه",
                             "بلده", "ريف", "in", "at", "near", "to", "from", "outside", "inside",
                             "city", "town", "province"})  # fmt: skip
_LOCATIVE_PREFIX = frozenset({"ب", "وب", "فب", "بال", "وبال"})


class PlaceIndex:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher: Matcher[PlaceForm] = Matcher((f.form, f) for f in gazetteer.forms)

    @classmethod
    def build(cls) -> PlaceIndex:
        return cls(load_gazetteer())


@functools.lru_cache(maxsize=1024)
def find_places(text: str, start: int, end: int, index: PlaceIndex) -> tuple[Place, ...]:
    """Places named in ``text[start:end]``, each with its offsets in ``text`` (cached).

    The slice is read as if it were a text of its own: a form must lie inside
    it, and its first word has no word before it.
    """
    doc = _document_hits(text, index)
    norm = doc.norm
    ns, ne = norm.to_norm(start), norm.to_norm(end)
    if doc.bounds.straddles(ns) or doc.bounds.straddles(ne) or not folds_alone(text[start:end]):
        # the slice would not fold or split into words as the document does: read it alone
        return _places(index, normalize(text[start:end]), start, 0)
    first = bisect_left(doc.starts, ns)
    last = bisect_left(doc.starts, ne, first)
    return _choose(index, norm, doc.bounds, [h for h in doc.hits[first:last] if h.end <= ne], 0, ns)


@dataclass(frozen=True, slots=True)
class _DocumentHits:
    """Every gazetteer form of one document, longest first at each position."""

    norm: NormText
    bounds: WordBounds
    hits: list[Hit[PlaceForm]]
    starts: list[int]


@functools.lru_cache(maxsize=8)
def _document_hits(text: str, index: PlaceIndex) -> _DocumentHits:
    """One automaton pass over the whole document, shared by the questions about its slices."""
    norm = normalize(text)
    bounds = word_bounds(norm.norm)
    hits = _sorted_hits(index, norm, bounds)
    return _DocumentHits(norm, bounds, hits, [h.start for h in hits])


def _sorted_hits(index: PlaceIndex, norm: NormText, bounds: WordBounds) -> list[Hit[PlaceForm]]:
    return sorted(
        index.matcher.find(norm.norm, bounds), key=lambda h: (h.start, -(h.end - h.start))
    )


def _places(index: PlaceIndex, norm: NormText, offset: int, lo: int) -> tuple[Place, ...]:
    bounds = WordBounds(norm.norm)
    return _choose(index, norm, bounds, _sorted_hits(index, norm, bounds), offset, lo)


def _choose(
    index: PlaceIndex,
    norm: NormText,
    bounds: WordBounds,
    hits: list[Hit[PlaceForm]],
    offset: int,
    lo: int,
) -> tuple[Place, ...]:
    """Places from sorted hits; words before ``lo`` (normalised) are outside the text read."""
    out: list[Place] = []
    last_end = -1
    for h in hits:
        if h.start < last_end:
            continue
        f = h.value
        k = bounds.index(h.start)
        prev = ""
        if k:
            ps, pe = bounds.words()[k - 1]
            if ps >= lo:
                prev = norm.norm[ps:pe]
        located = h.prefix in _LOCATIVE_PREFIX or prev in _LOCATIVE_WORDS
        if not f.strong and not located:
            continue
        entry = index.gazetteer.entries.get(f.ref)
        if entry is None:
            continue
        last_end = h.end
        s, e = norm.span(h.start, h.end)
        out.append(
            Place(
                entry.name_en,
                entry.name_ar or None,
                entry.iso3 or None,
                entry.lat,
                entry.lon,
                offset + s,
                offset + e,
            )
        )
    return tuple(out)
