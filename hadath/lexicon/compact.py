"""The lexicons prebuilt: parsed and validated once, shipped in the package, loaded in milliseconds.

Parsing the gazetteer, actor and trigger files (and checking every ISO code, form and id in
them) took most of a short ``hadath read``. ``python -m hadath.lexicon.compact`` reads them
with the loaders' own parsers and writes what the loaders return, as plain tuples, to
``hadath/data/compact/{places,actors,events}.pickle``, each with a digest of the files it was
made from. A loader of the package's own data (``load_gazetteer()``, ``load_actor_lexicon()``,
``load_triggers(lang)``, ``load_cues(lang)``) takes the prebuilt form when its digest is that of
the files beside it and its record classes still have the fields it was written with; otherwise
it parses the files as before (an edited lexicon is never read stale, only more slowly until
the command is run again). Nothing is written at run time. The files hold builtin values only
and are read by an unpickler that refuses any class or function.

``automaton.pickle`` holds the automaton of the shared pass (``text.match.SharedPass``) over
the forms of every matcher the Context joins, known by the digest of those words in order and
of the pyahocorasick build that made it; the Context takes it when its words are the ones the
lexicons give now (and builds it otherwise).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import hashlib
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import ahocorasick

from hadath import unpickling
from hadath.lexicon.actors import (
    ActorForm,
    ActorLexicon,
    OrgInfo,
    Person,
    Role,
    Tenure,
    data_dir_default,
)
from hadath.lexicon.places import Gazetteer, PlaceEntry, PlaceForm
from hadath.lexicon.triggers import LANGS as TRIGGER_LANGS
from hadath.lexicon.triggers import Example, Trigger

# Raised when what a file holds (not the lexicons) changes shape: older files are then stale.
FORMAT = 1
# The prebuilt lexicons and the data folder each is made from.
PARTS = ("places", "actors", "events")
# The shared pass's automaton, made from all of them (and the stages' matchers).
AUTOMATON = "automaton"
COMMAND = "python -m hadath.lexicon.compact"
_SOURCE_SUFFIXES = frozenset({".tsv", ".toml", ".txt"})


def compact_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or data_dir_default()) / "compact"


def source_digest(part: str, data_dir: Path | None = None) -> str:
    """The digest of the data files a part is made from (names and bytes, in name order)."""
    folder = (data_dir or data_dir_default()) / part
    h = hashlib.sha256(f"hadath {part} {FORMAT}\n".encode())
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix in _SOURCE_SUFFIXES:
            data = path.read_bytes()
            h.update(f"{path.name}\n{len(data)}\n".encode())
            h.update(data)
    return h.hexdigest()


# -- records as rows ---------------------------------------------------------------------------


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _row(obj: Any, names: Sequence[str]) -> tuple[Any, ...]:
    return tuple(getattr(obj, n) for n in names)


def _classes(part: str) -> dict[str, type]:
    """The record classes a part's rows are made of: their fields are checked at loading."""
    if part == "places":
        return {"PlaceEntry": PlaceEntry, "PlaceForm": PlaceForm}
    if part == "actors":
        return {
            "ActorForm": ActorForm,
            "Person": Person,
            "Tenure": Tenure,
            "OrgInfo": OrgInfo,
            "Role": Role,
        }
    return {"Trigger": Trigger, "Example": Example}


def _day(d: datetime.date | None) -> int | None:
    return None if d is None else d.toordinal()


def _encode_places(gaz: Gazetteer) -> dict[str, Any]:
    entry, form = _names(PlaceEntry), _names(PlaceForm)
    return {
        "entries": [_row(e, entry) for e in gaz.entries.values()],
        "forms": [_row(f, form) for f in gaz.forms],
    }


class _Entries(Mapping[str, PlaceEntry]):
    """The gazetteer's entries by id, each made from its row when first asked for.

    A document asks for the few places it names; making all 34,000 entries at start-up took
    about 0.05 s and 4 MB of a short ``hadath read``.
    """

    __slots__ = ("_made", "_rows")

    def __init__(self, rows: dict[str, tuple[Any, ...]]) -> None:
        self._rows = rows
        self._made: dict[str, PlaceEntry] = {}

    def __getitem__(self, key: str) -> PlaceEntry:
        entry = self._made.get(key)
        if entry is None:
            entry = self._made.setdefault(key, PlaceEntry(*self._rows[key]))
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows


def _decode_places(data: dict[str, Any]) -> Gazetteer:
    width = len(_names(PlaceEntry))
    rows = {row[0]: tuple(row) for row in data["entries"]}
    if any(len(row) != width for row in rows.values()):
        raise ValueError("a gazetteer row of another width")
    forms = tuple(PlaceForm(*row) for row in data["forms"])
    return Gazetteer(_Entries(rows), forms)


def _encode_actors(lex: ActorLexicon) -> dict[str, Any]:
    form, org, role = _names(ActorForm), _names(OrgInfo), _names(Role)
    tenure = _names(Tenure)
    at = {n: i for i, n in enumerate(tenure)}
    people = []
    for p in lex.people.values():
        rows = []
        for t in p.tenures:
            row = list(_row(t, tenure))
            row[at["start"]], row[at["end"]] = _day(t.start), _day(t.end)
            rows.append(tuple(row))
        people.append((p.id, p.name_en, p.name_ar, rows))
    return {
        "forms": [_row(f, form) for f in lex.forms],
        "people": people,
        "country_names": [(k, *v) for k, v in lex.country_names.items()],
        "orgs": [_row(o, org) for o in lex.orgs.values()],
        "roles": [_row(r, role) for r in lex.roles.values()],
    }


def _decode_actors(data: dict[str, Any]) -> ActorLexicon:
    at = {n: i for i, n in enumerate(_names(Tenure))}
    start, end = at["start"], at["end"]
    day = datetime.date.fromordinal

    def tenure(row: Sequence[Any]) -> Tenure:
        cells = list(row)
        cells[start] = None if row[start] is None else day(row[start])
        cells[end] = None if row[end] is None else day(row[end])
        return Tenure(*cells)

    people = {
        pid: Person(pid, en, ar, tuple(tenure(r) for r in rows))
        for pid, en, ar, rows in data["people"]
    }
    return ActorLexicon(
        forms=tuple(ActorForm(*row) for row in data["forms"]),
        people=MappingProxyType(people),
        country_names=MappingProxyType({k: (en, ar) for k, en, ar in data["country_names"]}),
        orgs=MappingProxyType({row[0]: OrgInfo(*row) for row in data["orgs"]}),
        roles=MappingProxyType({row[0]: Role(*row) for row in data["roles"]}),
    )


def _encode_events(
    triggers: dict[str, tuple[Trigger, ...]], cues: dict[str, Any]
) -> dict[str, Any]:
    names, example = _names(Trigger), _names(Example)
    nested = {"examples", "counters"}
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for lang, found in triggers.items():
        rows[lang] = [
            tuple(
                [_row(e, example) for e in getattr(t, n)] if n in nested else getattr(t, n)
                for n in names
            )
            for t in found
        ]
    return {"triggers": rows, "cues": {lang: dict(c) for lang, c in cues.items()}}


def _decode_triggers(data: dict[str, Any], lang: str) -> tuple[Trigger, ...]:
    names = _names(Trigger)
    nested = [i for i, n in enumerate(names) if n in {"examples", "counters"}]
    out = []
    for row in data["triggers"][lang]:
        cells = list(row)
        for i in nested:
            cells[i] = tuple(Example(*e) for e in row[i])
        out.append(Trigger(*cells))
    return tuple(out)


def _decode_cues(data: dict[str, Any], lang: str) -> MappingProxyType[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in data["cues"][lang].items()})


# -- building ----------------------------------------------------------------------------------


def build(part: str, data_dir: Path | None = None) -> dict[str, Any]:
    """A part as it is written: the loaders' results from the files, as rows, and the digest
    of those files (ValueError when they do not validate, as the loaders raise)."""
    from hadath.lexicon import actors, places, triggers

    digest = source_digest(part, data_dir)
    body: dict[str, Any]
    if part == "places":
        gaz, problems = places._parse(data_dir)
        if problems:
            raise ValueError("gazetteer does not validate:\n" + "\n".join(problems))
        body = _encode_places(gaz)
    elif part == "actors":
        lex, problems = actors._parse(data_dir)
        if problems:
            raise ValueError("actor lexicon does not validate:\n" + "\n".join(problems))
        body = _encode_actors(lex)
    elif part == "events":
        base = (data_dir or data_dir_default()) / "events"
        body = _encode_events(
            {lang: triggers.load_triggers(lang, base) for lang in TRIGGER_LANGS},
            {lang: triggers.load_cues(lang, base) for lang in TRIGGER_LANGS},
        )
    else:
        raise ValueError(f"no prebuilt lexicon {part!r}; one of {', '.join(PARTS)}")
    classes = {name: _names(cls) for name, cls in _classes(part).items()}
    return {"format": FORMAT, "part": part, "digest": digest, "classes": classes, "body": body}


def dumps(built: dict[str, Any]) -> bytes:
    return pickle.dumps(built, protocol=5)


def write(parts: Iterable[str] = PARTS, data_dir: Path | None = None) -> list[Path]:
    """Build and write each part; the files that were written."""
    out = compact_dir(data_dir)
    out.mkdir(exist_ok=True)
    written = []
    for part in parts:
        path = out / f"{part}.pickle"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(dumps(build(part, data_dir)))
        tmp.replace(path)
        written.append(path)
    return written


def shared_words() -> list[str]:
    """The words of the Context's shared pass, as the package's lexicons give them now."""
    from hadath.context import Context

    ctx = Context(learned=False)
    _ = ctx.actors, ctx.triggers()  # the pass is made once all three indexes are
    return ctx.places.matcher.shared_words()


def build_automaton() -> dict[str, Any]:
    from hadath.text.match import build_automaton as build
    from hadath.text.match import words_digest

    words = shared_words()
    blob = zlib.compress(pickle.dumps(build(words), protocol=5), 9)
    return {"format": FORMAT, "part": AUTOMATON, "digest": words_digest(words), "blob": blob}


def write_automaton(data_dir: Path | None = None) -> Path:
    path = compact_dir(data_dir) / f"{AUTOMATON}.pickle"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(dumps(build_automaton()))
    tmp.replace(path)
    return path


def _automaton_file() -> dict[str, Any] | None:
    path = compact_dir() / f"{AUTOMATON}.pickle"
    try:
        data = unpickling.builtins_only(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def automaton(digest: str) -> ahocorasick.Automaton | None:
    """The shipped automaton of the shared pass when it is the one of words with ``digest``."""
    data = _automaton_file()
    if data is None or data.get("digest") != digest:
        return None
    try:
        auto = unpickling.automaton(zlib.decompress(data["blob"]))
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, KeyError, zlib.error):
        return None
    if not isinstance(auto, ahocorasick.Automaton) or auto.kind != ahocorasick.AHOCORASICK:
        return None
    return auto


def stale_automaton() -> str | None:
    from hadath.text.match import words_digest

    data = _automaton_file()
    path = compact_dir() / f"{AUTOMATON}.pickle"
    if data is None:
        return f"{path} is missing, unreadable or outdated"
    if data.get("digest") != words_digest(shared_words()):
        return f"{path} is not the automaton of the lexicons' words now"
    return None


def stale(part: str, data_dir: Path | None = None) -> str | None:
    """Why a part's shipped file is not the one its sources make now, or None when it is."""
    found = _read(part, data_dir)
    if found is None:
        return f"{compact_dir(data_dir) / (part + '.pickle')} is missing, unreadable or outdated"
    if found != build(part, data_dir):
        return f"{compact_dir(data_dir) / (part + '.pickle')} differs from what its sources make"
    return None


# -- loading -----------------------------------------------------------------------------------


def _read(part: str, data_dir: Path | None = None) -> dict[str, Any] | None:
    """A part's file when it is current: its format, digest and record fields match."""
    path = compact_dir(data_dir) / f"{part}.pickle"
    try:
        data = unpickling.builtins_only(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("part") != part:
        return None
    try:
        current = {name: _names(cls) for name, cls in _classes(part).items()}
    except TypeError:  # record classes that are no dataclasses: read the files
        return None
    if data.get("classes") != current or data.get("digest") != source_digest(part, data_dir):
        return None
    return data


def _decoded(part: str, decode: Callable[[dict[str, Any]], Any]) -> Any:
    data = _read(part)
    if data is None:
        return None
    try:
        return decode(data["body"])
    except (KeyError, TypeError, ValueError, IndexError):  # a file of another shape
        return None


def gazetteer() -> Gazetteer | None:
    """The package's gazetteer prebuilt, or None when the shipped file is not current."""
    found: Gazetteer | None = _decoded("places", _decode_places)
    return found


def actor_lexicon() -> ActorLexicon | None:
    """The package's actor lexicon prebuilt, or None when the shipped file is not current."""
    found: ActorLexicon | None = _decoded("actors", _decode_actors)
    return found


@functools.cache
def events() -> dict[str, Any] | None:
    """The package's trigger lexicons and cue lists prebuilt (rows), or None."""
    data = _read("events")
    return None if data is None else dict(data["body"])


def triggers(body: dict[str, Any], lang: str) -> tuple[Trigger, ...] | None:
    try:
        return _decode_triggers(body, lang)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def cues(body: dict[str, Any], lang: str) -> MappingProxyType[str, tuple[str, ...]] | None:
    try:
        return _decode_cues(body, lang)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description="Write the prebuilt lexicons (hadath/data/compact/*.pickle) from the data "
        "files, after a lexicon file changed; --check only says whether they are current.",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is not current")
    args = parser.parse_args(argv)
    if args.check:
        reasons = [r for r in (*(stale(p) for p in PARTS), stale_automaton()) if r]
        for r in reasons:
            print(f"stale: {r}; run `{COMMAND}`", file=sys.stderr)
        return 1 if reasons else 0
    for path in [*write(), write_automaton()]:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
