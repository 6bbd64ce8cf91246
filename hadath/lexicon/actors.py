"""The actor lexicon: countries, organisations, people and role words, from TSV data.

Five files under ``hadath/data/actors`` (formats in ``hadath/data/actors/README.md``):
``countries.tsv``, ``orgs.tsv``, ``people.tsv`` + ``tenures.tsv`` and ``roles.tsv``.
``validate_actor_files`` checks them and names ``file:line`` for each problem;
``load_actor_lexicon`` refuses to load files that do not validate.

English forms are matched case-insensitively, except forms with no lower-case
letter ("US", "UN", "IS", "U.S."): see ``is_case_sensitive``.
"""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from hadath.model import SECTORS as MODEL_SECTORS
from hadath.text.normalize import fold_form

SECTORS = frozenset(MODEL_SECTORS)
LANGS = frozenset({"ar", "en"})
# Codes in use that ISO 3166-1 does not (yet) list.
EXTRA_ISO3 = frozenset({"XKX", "PSE"})
COUNTRY_KINDS = {"name": "country", "adj": "adj", "capital": "capital", "seat": "seat"}
ROLE_KINDS = frozenset({"person", "body", "group"})

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_ORG_CODE = re.compile(r"[A-Z][A-Z0-9_]*\Z")

COUNTRIES_COLUMNS = ("iso3", "lang", "kind", "form", "sector", "risky")
ORGS_COLUMNS = ("id", "country", "org", "sector", "lang", "form", "risky")
PEOPLE_COLUMNS = ("id", "en", "ar", "risky")
TENURES_COLUMNS = ("id", "country", "org", "sector", "role_en", "role_ar", "start", "end")
ROLES_COLUMNS = ("id", "lang", "form", "sector", "kind", "role", "org")
# Trailing columns a row may leave off (then blank): most roles belong to no international body.
ROLES_OPTIONAL = 1


@dataclass(frozen=True, slots=True)
class ActorForm:
    """One surface form and what it refers to."""

    form: str  # as written in the file
    lang: str  # "ar" | "en"
    kind: str  # "country" | "adj" | "capital" | "seat" | "org" | "person" | "role"
    ref: str  # "country:SYR", "org:un", "person:john-kerry", "role:foreign-minister"
    country: str | None
    org: str | None
    sector: str | None
    risky: bool  # needs context to match (a common word or first name as well)
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Tenure:
    country: str | None
    org: str | None
    sector: str | None
    role_en: str | None
    role_ar: str | None
    start: datetime.date | None
    end: datetime.date | None  # None: still in office (or open-ended)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name_en: str
    name_ar: str
    tenures: tuple[Tenure, ...]  # in file order; the primary office of a period first

    def at(self, day: datetime.date | None) -> Tenure | None:
        """The tenure in force on ``day``, else the default (undated) row.

        With ``day`` None, the most recent dated tenure. When several tenures
        are in force (a prime minister who is also defence minister), the one
        listed first in tenures.tsv wins.
        """
        dated = [t for t in self.tenures if t.dated]
        default = next((t for t in self.tenures if not t.dated), None)
        if day is None:
            if not dated:
                return default
            latest = max(t.start or datetime.date.min for t in dated)
            return next(t for t in dated if (t.start or datetime.date.min) == latest)
        return next((t for t in dated if t.covers(day)), default)

    def nationality(self, day: datetime.date | None) -> str | None:
        """The country of the dated tenure nearest to ``day``: a person out of office is
        still of that country (a candidate before taking office, a former minister).
        """
        national = [t for t in self.tenures if t.dated and t.country]
        if not national:
            return None
        if day is None:
            return national[-1].country

        def distance(t: Tenure) -> int:
            if t.covers(day):
                return 0
            if t.start is not None and day < t.start:
                return (t.start - day).days
            return (day - (t.end or day)).days

        return min(national, key=distance).country


@dataclass(frozen=True, slots=True)
class OrgInfo:
    id: str
    country: str | None
    org: str | None
    sector: str
    name_en: str | None
    name_ar: str | None


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    sector: str | None  # None: taken from the body or country the role belongs to
    kind: str  # person | body | group
    role: str  # English label, e.g. "Foreign Minister"
    org: str | None = None  # the international body the title belongs to ("UN envoy": UN)


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    forms: tuple[ActorForm, ...]
    people: Mapping[str, Person]
    country_names: Mapping[str, tuple[str, str]]  # iso3 -> (English name, Arabic name)
    orgs: Mapping[str, OrgInfo]
    roles: Mapping[str, Role]


def is_case_sensitive(lang: str, form: str) -> bool:
    """English acronyms with no lower-case letter ("US", "IS", "U.S.") keep their case."""
    return lang == "en" and any(c.isupper() for c in form) and not any(c.islower() for c in form)


def data_dir_default() -> Path:
    return Path(str(importlib.resources.files("hadath") / "data"))


# --- TSV reading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    where: str  # "file:line"
    cells: dict[str, str]


def read_tsv(
    path: Path, columns: tuple[str, ...], problems: list[str], optional: int = 0
) -> Iterator[Row]:
    """Rows of a TSV with the given header; comment (#) and blank lines skipped.

    The last ``optional`` columns may be left off a row (they read as blank).
    A row with the wrong number of cells is reported and skipped.
    """
    name = path.name
    if not path.is_file():
        problems.append(f"{name}:0: file missing")
        return
    header_seen = False
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = f"{name}:{n}"
            if not header_seen:
                header_seen = True
                if tuple(cells) != columns:
                    header = "\t".join(columns)
                    problems.append(f"{where}: header must be {header!r}")
                    return
                continue
            if not len(columns) - optional <= len(cells) <= len(columns):
                expected = str(len(columns))
                if optional:
                    expected = f"{len(columns) - optional} to {expected}"
                problems.append(f"{where}: {len(cells)} columns, expected {expected}")
                continue
            cells += [""] * (len(columns) - len(cells))
            yield Row(where, dict(zip(columns, cells, strict=True)))
    if not header_seen:
        problems.append(f"{name}:0: no header row")


def known_iso3(code: str) -> bool:
    import pycountry  # only the validation needs it: the prebuilt lexicons load without it

    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def _check_form(row: Row, problems: list[str], form_key: str = "form") -> bool:
    form = row.cells[form_key]
    if not form or form != form.strip() or "  " in form:
        problems.append(f"{row.where}: empty form or stray spaces in {form!r}")
        return False
    return True


def _check_common(row: Row, problems: list[str]) -> bool:
    ok = True
    c = row.cells
    if "lang" in c and c["lang"] not in LANGS:
        problems.append(f"{row.where}: unknown lang {c['lang']!r}")
        ok = False
    if c.get("country") and not known_iso3(c["country"]):
        problems.append(f"{row.where}: unknown ISO3 code {c['country']!r}")
        ok = False
    if c.get("iso3") is not None and not known_iso3(c["iso3"]):
        problems.append(f"{row.where}: unknown ISO3 code {c['iso3']!r}")
        ok = False
    if c.get("sector") and c["sector"] not in SECTORS:
        problems.append(f"{row.where}: unknown sector {c['sector']!r}")
        ok = False
    if c.get("org") and not _ORG_CODE.match(c["org"]):
        problems.append(f"{row.where}: org code {c['org']!r} must be upper case (A-Z, 0-9, _)")
        ok = False
    if c.get("risky", "") not in ("", "1"):
        problems.append(f"{row.where}: risky must be 1 or blank, not {c['risky']!r}")
        ok = False
    return ok


class _Dups:
    """Reports a (ref, lang, folded form) seen twice in one file."""

    def __init__(self, problems: list[str]) -> None:
        self.seen: dict[tuple[str, str, str], str] = {}
        self.problems = problems

    def check(self, where: str, ref: str, lang: str, form: str) -> bool:
        # A case-sensitive acronym ("NATO") and its case-insensitive spelling ("Nato") differ.
        key = (ref, lang, form if is_case_sensitive(lang, form) else fold_form(form))
        if key in self.seen:
            self.problems.append(
                f"{where}: duplicate form {form!r} for {ref} (first at {self.seen[key]})"
            )
            return False
        self.seen[key] = where
        return True


def _date(row: Row, key: str, problems: list[str]) -> tuple[bool, datetime.date | None]:
    value = row.cells[key]
    if not value:
        return True, None
    try:
        return True, datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{row.where}: bad date {key}={value!r} (want YYYY-MM-DD)")
        return False, None


# --- parsing each file -----------------------------------------------------------------------


def _countries(d: Path, problems: list[str]) -> tuple[list[ActorForm], dict[str, tuple[str, str]]]:
    forms: list[ActorForm] = []
    names: dict[str, dict[str, str]] = {}
    dups = _Dups(problems)
    for row in read_tsv(d / "countries.tsv", COUNTRIES_COLUMNS, problems):
        c = row.cells
        ok = _check_common(row, problems) & _check_form(row, problems)
        if c["kind"] not in COUNTRY_KINDS:
            problems.append(f"{row.where}: unknown kind {c['kind']!r}")
            ok = False
        elif c["kind"] == "seat" and not c["sector"]:
            problems.append(f"{row.where}: a seat needs a sector")
            ok = False
        ref = f"country:{c['iso3']}"
        if not ok or not dups.check(row.where, ref, c["lang"], c["form"]):
            continue
        if c["kind"] == "name":
            names.setdefault(c["iso3"], {}).setdefault(c["lang"], c["form"])
        forms.append(
            ActorForm(
                form=c["form"],
                lang=c["lang"],
                kind=COUNTRY_KINDS[c["kind"]],
                ref=ref,
                country=c["iso3"],
                org=None,
                sector=c["sector"] or None,
                risky=c["risky"] == "1",
                case_sensitive=is_case_sensitive(c["lang"], c["form"]),
            )
        )
    country_names: dict[str, tuple[str, str]] = {}
    for iso3, by_lang in names.items():
        if "en" not in by_lang or "ar" not in by_lang:
            problems.append(f"countries.tsv:0: {iso3} needs an English and an Arabic name")
            continue
        country_names[iso3] = (by_lang["en"], by_lang["ar"])
    return forms, country_names


def _orgs(d: Path, problems: list[str]) -> tuple[list[ActorForm], dict[str, OrgInfo]]:
    forms: list[ActorForm] = []
    info: dict[str, tuple[str, OrgInfo]] = {}
    dups = _Dups(problems)
    for row in read_tsv(d / "orgs.tsv", ORGS_COLUMNS, problems):
        c = row.cells
        ok = _check_common(row, problems) & _check_form(row, problems)
        if not _SLUG.match(c["id"]):
            problems.append(f"{row.where}: bad id {c['id']!r} (lower-case slug)")
            ok = False
        if not c["country"] and not c["org"]:
            problems.append(f"{row.where}: an organisation needs a country or an org code")
            ok = False
        if not c["sector"]:
            problems.append(f"{row.where}: an organisation needs a sector")
            ok = False
        if not ok:
            continue
        country, org, sector = c["country"] or None, c["org"] or None, c["sector"]
        prev = info.get(c["id"])
        if prev is not None:
            where, old = prev
            if (old.country, old.org, old.sector) != (country, org, sector):
                problems.append(
                    f"{row.where}: id {c['id']!r} has other country/org/sector than at {where}"
                )
                continue
        else:
            old = OrgInfo(c["id"], country, org, sector, None, None)
        if c["lang"] == "en" and old.name_en is None:
            old = OrgInfo(old.id, country, org, sector, c["form"], old.name_ar)
        if c["lang"] == "ar" and old.name_ar is None:
            old = OrgInfo(old.id, country, org, sector, old.name_en, c["form"])
        info[c["id"]] = (prev[0] if prev else row.where, old)
        ref = f"org:{c['id']}"
        if not dups.check(row.where, ref, c["lang"], c["form"]):
            continue
        forms.append(
            ActorForm(
                c["form"],
                c["lang"],
                "org",
                ref,
                country,
                org,
                sector,
                c["risky"] == "1",
                is_case_sensitive(c["lang"], c["form"]),
            )
        )
    return forms, {k: v for k, (_, v) in info.items()}


def _people(d: Path, problems: list[str]) -> tuple[list[ActorForm], dict[str, Person]]:
    raw: dict[str, tuple[str, list[str], list[str], frozenset[str]]] = {}
    for row in read_tsv(d / "people.tsv", PEOPLE_COLUMNS, problems):
        c = row.cells
        pid = c["id"]
        if not _SLUG.match(pid):
            problems.append(f"{row.where}: bad id {pid!r} (lower-case slug)")
            continue
        if pid in raw:
            problems.append(f"{row.where}: duplicate person id {pid!r} (first at {raw[pid][0]})")
            continue
        en = c["en"].split("|") if c["en"] else []
        ar = c["ar"].split("|") if c["ar"] else []
        risky = c["risky"].split("|") if c["risky"] else []
        if not en or not ar:
            problems.append(f"{row.where}: a person needs English and Arabic names")
            continue
        dups = _Dups(problems)
        bad = False
        # Risky forms are listed apart and may come before or after the sure ones of their language.
        en += [f for f in risky if f.isascii()]
        ar += [f for f in risky if not f.isascii()]
        for lang, group in (("en", en), ("ar", ar)):
            for form in group:
                if not form or form != form.strip() or "  " in form:
                    problems.append(f"{row.where}: empty form or stray spaces in {form!r}")
                    bad = True
                elif not dups.check(row.where, pid, lang, form):
                    bad = True
        if not bad:
            raw[pid] = (row.where, en, ar, frozenset(risky))

    tenures: dict[str, list[tuple[str, Tenure]]] = {pid: [] for pid in raw}
    for row in read_tsv(d / "tenures.tsv", TENURES_COLUMNS, problems):
        c = row.cells
        ok = _check_common(row, problems)
        if c["id"] not in raw:
            problems.append(f"{row.where}: tenure for unknown person {c['id']!r}")
            ok = False
        for key in ("role_en", "role_ar"):
            if c[key] != c[key].strip() or "  " in c[key]:
                problems.append(f"{row.where}: stray spaces in {key} {c[key]!r}")
                ok = False
        ok_s, start = _date(row, "start", problems)
        ok_e, end = _date(row, "end", problems)
        if start and end and end < start:
            problems.append(f"{row.where}: tenure ends before it starts")
            ok = False
        if not (ok and ok_s and ok_e):
            continue
        t = Tenure(
            c["country"] or None,
            c["org"] or None,
            c["sector"] or None,
            c["role_en"] or None,
            c["role_ar"] or None,
            start,
            end,
        )
        for where, other in tenures[c["id"]]:
            if _overlap(t, other):
                problems.append(f"{row.where}: overlaps the tenure at {where} in the same role")
                ok = False
                break
        if ok:
            tenures[c["id"]].append((row.where, t))

    people: dict[str, Person] = {}
    forms: list[ActorForm] = []
    for pid, (_, en, ar, risky_forms) in raw.items():
        person = Person(pid, en[0], ar[0], tuple(t for _, t in tenures[pid]))
        people[pid] = person
        default = next((t for t in person.tenures if not t.dated), None) or person.at(None)
        for lang, group in (("en", en), ("ar", ar)):
            for form in group:
                forms.append(
                    ActorForm(
                        form,
                        lang,
                        "person",
                        f"person:{pid}",
                        default.country if default else None,
                        default.org if default else None,
                        default.sector if default else None,
                        form in risky_forms,
                        is_case_sensitive(lang, form),
                    )
                )
    return forms, people


def _overlap(a: Tenure, b: Tenure) -> bool:
    """Same office (country, org, role) held twice at once; two undated rows also clash."""
    if (a.country, a.org, a.role_en) != (b.country, b.org, b.role_en) and a.dated and b.dated:
        return False
    if a.dated != b.dated:
        return False
    lo = datetime.date.min
    hi = datetime.date.max
    return (a.start or lo) <= (b.end or hi) and (b.start or lo) <= (a.end or hi)


def _roles(
    d: Path, problems: list[str], org_codes: frozenset[str]
) -> tuple[list[ActorForm], dict[str, Role]]:
    forms: list[ActorForm] = []
    roles: dict[str, tuple[str, Role]] = {}
    dups = _Dups(problems)
    for row in read_tsv(d / "roles.tsv", ROLES_COLUMNS, problems, ROLES_OPTIONAL):
        c = row.cells
        ok = _check_common(row, problems) & _check_form(row, problems)
        if c["org"] and c["org"] not in org_codes:
            problems.append(f"{row.where}: unknown org code {c['org']!r} (not in orgs.tsv)")
            ok = False
        if not _SLUG.match(c["id"]):
            problems.append(f"{row.where}: bad id {c['id']!r} (lower-case slug)")
            ok = False
        if c["kind"] not in ROLE_KINDS:
            problems.append(f"{row.where}: unknown kind {c['kind']!r}")
            ok = False
        if not c["role"]:
            problems.append(f"{row.where}: empty role label")
            ok = False
        if not ok:
            continue
        role = Role(c["id"], c["sector"] or None, c["kind"], c["role"], c["org"] or None)
        if c["id"] in roles and roles[c["id"]][1] != role:
            where = roles[c["id"]][0]
            problems.append(
                f"{row.where}: id {c['id']!r} has other sector/kind/role/org than at {where}"
            )
            continue
        roles.setdefault(c["id"], (row.where, role))
        ref = f"role:{c['id']}"
        if not dups.check(row.where, ref, c["lang"], c["form"]):
            continue
        forms.append(
            ActorForm(
                c["form"],
                c["lang"],
                "role",
                ref,
                None,
                role.org,
                role.sector,
                False,
                is_case_sensitive(c["lang"], c["form"]),
            )
        )
    return forms, {k: v for k, (_, v) in roles.items()}


def _parse(data_dir: Path | None) -> tuple[ActorLexicon, list[str]]:
    d = (data_dir or data_dir_default()) / "actors"
    problems: list[str] = []
    country_forms, country_names = _countries(d, problems)
    org_forms, orgs = _orgs(d, problems)
    people_forms, people = _people(d, problems)
    org_codes = frozenset(o.org for o in orgs.values() if o.org)
    role_forms, roles = _roles(d, problems, org_codes)
    lex = ActorLexicon(
        forms=tuple(country_forms + org_forms + people_forms + role_forms),
        people=MappingProxyType(people),
        country_names=MappingProxyType(country_names),
        orgs=MappingProxyType(orgs),
        roles=MappingProxyType(roles),
    )
    return lex, problems


def validate_actor_files(data_dir: Path | None = None) -> list[str]:
    """Every problem in the actor files, as "file:line: message" (empty when all is well).

    ``data_dir`` is the directory holding ``actors/`` (default: the package data).
    """
    return _parse(data_dir)[1]


@functools.cache
def load_actor_lexicon(data_dir: Path | None = None) -> ActorLexicon:
    """The actor lexicon; raises ValueError listing the problems if the files do not validate.

    The package's own (``data_dir`` None) comes prebuilt when ``hadath/data/compact`` is
    current (``hadath.lexicon.compact``).
    """
    if data_dir is None:
        from hadath.lexicon import compact

        prebuilt = compact.actor_lexicon()
        if prebuilt is not None:
            return prebuilt
    lex, problems = _parse(data_dir)
    if problems:
        raise ValueError("actor lexicon does not validate:\n" + "\n".join(problems))
    return lex
