"""Places a sentence names: gazetteer forms, found where the sentence puts something in them.

Strong names (countries, capitals, well-known cities) match anywhere; the
many town names that are also ordinary words match only after a locative
preposition ("في", "بـ", "قرب", "in", "near").
"""

from __future__ import annotations

import functools

from hadath.lexicon.places import Gazetteer, PlaceForm, load_gazetteer
from hadath.model import Place
from hadath.text.match import Matcher, WordBounds
from hadath.text.normalize import normalize

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
    """Places named in ``text[start:end]``, each with its offsets in ``text`` (cached)."""
    chunk = text[start:end]
    norm = normalize(chunk)
    bounds = WordBounds(norm.norm)
    out: list[Place] = []
    last_end = -1
    hits = sorted(
        index.matcher.find(norm.norm, bounds), key=lambda h: (h.start, -(h.end - h.start))
    )
    for h in hits:
        if h.start < last_end:
            continue
        f = h.value
        k = bounds.index(h.start)
        prev = ""
        if k:
            ps, pe = bounds.words()[k - 1]
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
                start + s,
                start + e,
            )
        )
    return tuple(out)
