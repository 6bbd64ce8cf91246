"""The gazetteer: places with coordinates and their English and Arabic names.

Three files under ``hadath/data/places`` (formats in ``hadath/data/places/README.md``):
``gazetteer.tsv`` (generated from GeoNames by ``tools/seed_places.py``), ``curated.tsv``
(hand-written; a row whose id is also in the gazetteer replaces that entry and adds its
names) and ``stopforms.tsv`` (forms never matched as places: common words).

A form is ``strong`` (matched anywhere) when its entry is strong and no entry of the same
rank shares it; otherwise the matcher needs a locative cue ("في", "near"). A form shared
with a higher-ranked place (a country, a capital, a strong city) is left to that place.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from hadath.lexicon.actors import LANGS, Row, data_dir_default, known_iso3, read_tsv
from hadath.text.normalize import fold_form

PLACE_COLUMNS = ("id", "iso3", "kind", "lat", "lon", "en", "ar", "strong")
STOP_COLUMNS = ("lang", "form", "why")
# country; capital (national capital); city (town or city); admin (province, governorate,
# region); area (territory, district, valley, strip); site (base, camp, crossing, building).
PLACE_KINDS = frozenset({"country", "capital", "city", "admin", "area", "site"})


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: str
    iso3: str | None
    kind: str
    lat: float
    lon: float
    name_en: str
    name_ar: str | None


@dataclass(frozen=True, slots=True)
class PlaceForm:
    form: str
    lang: str
    ref: str  # a PlaceEntry id
    strong: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: Mapping[str, PlaceEntry]
    forms: tuple[PlaceForm, ...]


@dataclass(frozen=True, slots=True)
class _Parsed:
    entry: PlaceEntry
    en: tuple[str, ...]
    ar: tuple[str, ...]
    strong: bool


def _coord(row: Row, key: str, limit: float, problems: list[str]) -> float | None:
    try:
        value = float(row.cells[key])
    except ValueError:
        problems.append(f"{row.where}: bad {key} {row.cells[key]!r}")
        return None
    if not math.isfinite(value) or abs(value) > limit:
        problems.append(f"{row.where}: {key} {value} out of range")
        return None
    return value


def _entries(path: Path, problems: list[str]) -> dict[str, _Parsed]:
    out: dict[str, _Parsed] = {}
    where_of: dict[str, str] = {}
    for row in read_tsv(path, PLACE_COLUMNS, problems):
        c = row.cells
        ok = True
        if not c["id"] or c["id"] != c["id"].strip():
            problems.append(f"{row.where}: empty id")
            ok = False
        elif c["id"] in out:
            problems.append(f"{row.where}: duplicate id {c['id']!r} (first at {where_of[c['id']]})")
            ok = False
        if c["iso3"] and not known_iso3(c["iso3"]):
            problems.append(f"{row.where}: unknown ISO3 code {c['iso3']!r}")
            ok = False
        if c["kind"] not in PLACE_KINDS:
            problems.append(f"{row.where}: unknown kind {c['kind']!r}")
            ok = False
        if c["strong"] not in ("", "1"):
            problems.append(f"{row.where}: strong must be 1 or blank, not {c['strong']!r}")
            ok = False
        lat = _coord(row, "lat", 90.0, problems)
        lon = _coord(row, "lon", 180.0, problems)
        en = tuple(c["en"].split("|")) if c["en"] else ()
        ar = tuple(c["ar"].split("|")) if c["ar"] else ()
        if not en:
            problems.append(f"{row.where}: a place needs an English name")
            ok = False
        seen: set[str] = set()
        for form in en + ar:
            key = fold_form(form)
            if not form or form != form.strip() or "  " in form:
                problems.append(f"{row.where}: empty form or stray spaces in {form!r}")
                ok = False
            elif key in seen:
                problems.append(f"{row.where}: duplicate form {form!r}")
                ok = False
            seen.add(key)
        if not ok or lat is None or lon is None:
            continue
        entry = PlaceEntry(
            c["id"], c["iso3"] or None, c["kind"], lat, lon, en[0], ar[0] if ar else None
        )
        out[c["id"]] = _Parsed(entry, en, ar, c["strong"] == "1")
        where_of[c["id"]] = row.where
    return out


def _stopforms(path: Path, problems: list[str]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for row in read_tsv(path, STOP_COLUMNS, problems):
        c = row.cells
        if c["lang"] not in LANGS:
            problems.append(f"{row.where}: unknown lang {c['lang']!r}")
            continue
        if not c["form"]:
            problems.append(f"{row.where}: empty form")
            continue
        key = (c["lang"], fold_form(c["form"]))
        if key in out:
            problems.append(f"{row.where}: duplicate stop form {c['form']!r}")
        out.add(key)
    return out


def _merge(base: _Parsed, over: _Parsed) -> _Parsed:
    """A curated row replaces a gazetteer entry's facts and puts its names first."""
    en = over.en + tuple(f for f in base.en if fold_form(f) not in {fold_form(x) for x in over.en})
    ar = over.ar + tuple(f for f in base.ar if fold_form(f) not in {fold_form(x) for x in over.ar})
    return _Parsed(over.entry, en, ar, over.strong)


def _rank(p: _Parsed) -> int:
    """Who keeps a name several places share: a strong country, a strong capital, another
    strong place, then everything else (a tie among the best makes the name weak)."""
    if not p.strong:
        return 3
    return {"country": 0, "capital": 1}.get(p.entry.kind, 2)


def _parse(data_dir: Path | None) -> tuple[Gazetteer, list[str]]:
    d = (data_dir or data_dir_default()) / "places"
    problems: list[str] = []
    entries = _entries(d / "gazetteer.tsv", problems)
    for pid, parsed in _entries(d / "curated.tsv", problems).items():
        entries[pid] = _merge(entries[pid], parsed) if pid in entries else parsed
    stop = _stopforms(d / "stopforms.tsv", problems)

    owners: dict[tuple[str, str], list[str]] = {}
    for pid, p in entries.items():
        for lang, group in (("en", p.en), ("ar", p.ar)):
            for form in group:
                owners.setdefault((lang, fold_form(form)), []).append(pid)
    forms: list[PlaceForm] = []
    for pid, p in entries.items():
        for lang, group in (("en", p.en), ("ar", p.ar)):
            for form in group:
                key = (lang, fold_form(form))
                if key in stop:
                    continue
                best = min(_rank(entries[o]) for o in owners[key])
                if _rank(p) > best:
                    continue  # Moscow, Idaho does not get "Moscow"
                alone = sum(1 for o in owners[key] if _rank(entries[o]) == best) == 1
                forms.append(PlaceForm(form, lang, pid, p.strong and alone))
    gaz = Gazetteer(MappingProxyType({k: v.entry for k, v in entries.items()}), tuple(forms))
    return gaz, problems


def validate_place_files(data_dir: Path | None = None) -> list[str]:
    """Every problem in the place files, as "file:line: message" (empty when all is well).

    ``data_dir`` is the directory holding ``places/`` (default: the package data).
    """
    return _parse(data_dir)[1]


@functools.cache
def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer; raises ValueError listing the problems if the files do not validate.

    The package's own (``data_dir`` None) comes prebuilt when ``hadath/data/compact`` is
    current (``hadath.lexicon.compact``).
    """
    if data_dir is None:
        from hadath.lexicon import compact

        prebuilt = compact.gazetteer()
        if prebuilt is not None:
            return prebuilt
    gaz, problems = _parse(data_dir)
    if problems:
        raise ValueError("gazetteer does not validate:\n" + "\n".join(problems))
    return gaz
