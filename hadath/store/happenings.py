"""One happening, however many times it is mentioned: a stable id for each event of a record.

The pipeline writes one event per mention and direction: "Kerry and Lavrov
began talks" is CONSULT USA -> RUS and RUS -> USA, and the same talks
mentioned in four sentences are eight events. A *happening* groups them: the
same PLOVER type and status, the same two parties in either order, the same
day. Its id is a hash of those, so the talks reported by two outlets get the
same id and are counted once across the store.

Within one document:

- a mention with one side coded ("Kerry arrived for talks") joins the one
  happening of its type, status and day between two parties that has that
  party, if there is exactly one; otherwise it is a one-party happening;
- mentions naming two or more different cities (strikes on Aleppo and on Idlib
  the same day) are split by city; a country ("Russia") or no place joins the
  city of its country, else the first city named.

Events with no party coded, or no day, are never merged across documents:
nothing says two such reports describe one happening. Each happening also gets
the most precise place its mentions give (a city over a country, a country of
one of its parties over another), for the store's ``happenings`` table.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.store.normalize import fold

PLACES = Path(__file__).resolve().parents[1] / "data" / "places"


@dataclass(frozen=True, slots=True)
class Happening:
    """The happening of one event: its id and the fields the ``happenings`` table keeps."""

    id: str
    type: str | None
    status: str | None
    day: str | None
    parties: tuple[str, ...]  # the codes of its sides, sorted
    place: Mapping[str, Any] | None
    place_rank: int  # 0 none, 1 another country, 2 a party's country, 3 a city


@functools.cache
def _country_places() -> frozenset[tuple[str, str]]:
    """(ISO3, folded name) of every country-level place of the gazetteer, in both languages."""
    found: set[tuple[str, str]] = set()
    for name in ("gazetteer.tsv", "curated.tsv"):
        path = PLACES / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                cells = line.rstrip("\n").split("\t")
                if len(cells) >= 7 and cells[2] == "country" and cells[1]:
                    for form in (*cells[5].split("|"), *cells[6].split("|")):
                        if form.strip():
                            found.add((cells[1], fold(form.strip())))
    return frozenset(found)


def _code(party: Any) -> str | None:
    if not isinstance(party, dict):
        return None
    code = party.get("country") or party.get("org")
    return str(code).upper() if code else None


def _city(place: Any) -> tuple[str, str] | None:
    """(country, folded name) of a city-level place, or None for a country or no place."""
    if not isinstance(place, dict):
        return None
    country = str(place.get("country") or "")
    names = [fold(str(n)) for n in (place.get("name"), place.get("name_ar")) if n]
    if not names:
        return None
    if any((country, n) in _country_places() for n in names):
        return None
    return (country, names[0])


def _rank(place: Any, parties: tuple[str, ...]) -> int:
    if not isinstance(place, dict) or not (place.get("name") or place.get("name_ar")):
        return 0
    if _city(place) is not None:
        return 3
    return 2 if place.get("country") in parties else 1


def _hash(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def assign(record: dict[str, Any]) -> list[Happening]:
    """The happening of each event of a SCHEMA record, in event order."""
    events = [e if isinstance(e, dict) else {} for e in record.get("events") or []]
    published = record.get("published")
    doc = str(record.get("id") or "")
    keys: list[tuple[Any, ...]] = []
    parties: list[tuple[str, ...]] = []
    for e in events:
        day = e.get("date") or published
        day = str(day)[:10] if day else None
        codes = (_code(e.get("source")), _code(e.get("target")))
        pair = tuple(sorted(c for c in codes if c))
        parties.append(pair)
        local = day is None or not pair  # no day or no party: nothing ties two reports
        keys.append((e.get("type"), e.get("status"), pair, day, doc if local else None))

    # a one-sided mention joins the one two-sided happening that has its party
    for i, (ptype, status, pair, day, _) in enumerate(keys):
        if len(pair) != 1 or day is None:
            continue
        homes = {k for k in keys if k[:2] == (ptype, status) and k[3] == day and len(k[2]) == 2} & {
            k for k in keys if pair[0] in k[2]
        }
        if len(homes) == 1:
            keys[i] = homes.pop()
            parties[i] = keys[i][2]

    # split a group naming several cities, one happening per city
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    out: list[Happening | None] = [None] * len(events)
    for key, members in groups.items():
        cities: list[tuple[str, str]] = []
        for i in members:
            city = _city(events[i].get("place"))
            if city is not None and city not in cities:
                cities.append(city)
        clusters: dict[tuple[str, str] | None, list[int]] = {}
        for i in members:
            city = _city(events[i].get("place")) if len(cities) > 1 else None
            if city is None and len(cities) > 1:
                country = (events[i].get("place") or {}).get("country")
                same = [c for c in cities if c[0] == country]
                city = same[0] if len(same) == 1 else cities[0]
            clusters.setdefault(city, []).append(i)
        for city, where in clusters.items():
            hid = _hash(*key[:2], *key[2], key[3], key[4], *(city or ()))
            best = max(where, key=lambda i: _rank(events[i].get("place"), key[2]))
            rank = _rank(events[best].get("place"), key[2])
            place = events[best].get("place") if rank else None
            happening = Happening(hid, key[0], key[1], key[3], key[2], place, rank)
            for i in where:
                out[i] = happening
    return [h for h in out if h is not None]
