"""Filter values checked once, the same way for the command line, the HTTP API and the pages.

A bad value raises :class:`BadValue` naming the filter and the problem; the
CLI prints it as ``hadath: --since: PROBLEM`` (exit 2), the web app answers
400 with ``since PROBLEM``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any

from hadath import model

PLOVER_TYPES = model.PLOVER_TYPES
STATUSES = model.STATUSES
SECTORS = model.SECTORS
SORTS = ("date", "confidence", "type", "dyad")
MAX_TEXT = 200  # characters of a free-text filter
MAX_COUNT = 1_000_000_000  # --limit and --offset: beyond this SQLite overflows long before
MIN_CONFIDENCE_ENV = "HADATH_MIN_CONFIDENCE"

CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_]{1,31}$"  # USA, UN, ARAB_LEAGUE
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(DATE_PATTERN)
_CODE = re.compile(CODE_PATTERN)


class BadValue(ValueError):
    """A filter value a user can fix: ``name`` is the filter, ``problem`` what is wrong."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        self.message = f"{name} {problem}"
        super().__init__(self.message)

    @property
    def option(self) -> str:
        """The filter as a command-line option: ``--min-confidence``."""
        return "--" + self.name.replace("_", "-")


def check_date(name: str, value: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real year, month or day."""
    if not value:
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise BadValue(name, f"must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise BadValue(name, f"names no real date: {value!r}") from None
    return value


def check_code(name: str, value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not _CODE.match(value):
        raise BadValue(name, f"must be a country code (USA) or an org code (UN), not {value!r}")
    return value.upper()


def check_choices(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """A comma-separated list of known values (case-insensitive), or None."""
    if not value:
        return None
    known = {c.lower(): c for c in choices}
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in items if v.lower() not in known]
    if unknown or not items:
        raise BadValue(name, f"must be among {', '.join(choices)}; got {value!r}")
    return ",".join(known[v.lower()] for v in items)


def check_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise BadValue(name, f"is longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise BadValue(name, "holds a NUL character")
    return value.strip()


def check_dyad(name: str, value: str | None) -> str | None:
    """Two codes ``A,B`` (a pair of parties, in either direction), or None."""
    if not value:
        return None
    parts = [v.strip() for v in value.split(",")]
    if len(parts) != 2 or not all(_CODE.match(v) for v in parts):
        raise BadValue(name, f"must be two codes A,B (USA,RUS), not {value!r}")
    return ",".join(v.upper() for v in parts)


def check_count(name: str, value: int, low: int, high: int = MAX_COUNT) -> int:
    """A whole number between ``low`` and ``high`` (a limit, an offset, a batch size)."""
    if not low <= value <= high:
        raise BadValue(name, f"must be between {low} and {high}, not {value}")
    return value


def check_fraction(name: str, value: str | float | None) -> float | None:
    """A number from 0 to 1 (a confidence), or None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadValue(name, f"must be a number from 0 to 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:  # also refuses nan
        raise BadValue(name, f"must be a number from 0 to 1, not {value!r}")
    return number


def default_min_confidence() -> float | None:
    """The confidence below which events are hidden by default: $HADATH_MIN_CONFIDENCE, or none."""
    try:
        return check_fraction(MIN_CONFIDENCE_ENV, os.environ.get(MIN_CONFIDENCE_ENV))
    except BadValue as exc:
        raise BadValue(MIN_CONFIDENCE_ENV, exc.problem) from None


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Checked event filters, as ``Store.events``, ``Store.series`` and exports take them."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    sector: str | None = None
    source_sector: str | None = None
    target_sector: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    text: str | None = None
    doc: str | None = None
    min_confidence: float | None = None
    dyad: str | None = None
    outlet: str | None = None

    @classmethod
    def checked(cls, **raw: Any) -> EventQuery:
        """Check every raw value (as typed or sent); raises BadValue on the first bad one."""
        unknown = set(raw) - set(cls.__slots__)
        if unknown:
            raise ValueError(f"unknown event filters: {', '.join(sorted(unknown))}")
        return cls(
            source=check_code("source", raw.get("source")),
            target=check_code("target", raw.get("target")),
            actor=check_code("actor", raw.get("actor")),
            sector=check_choices("sector", raw.get("sector"), SECTORS),
            source_sector=check_choices("source_sector", raw.get("source_sector"), SECTORS),
            target_sector=check_choices("target_sector", raw.get("target_sector"), SECTORS),
            type=check_choices("type", raw.get("type"), PLOVER_TYPES),
            status=check_choices("status", raw.get("status"), STATUSES),
            since=check_date("since", raw.get("since")),
            until=check_date("until", raw.get("until")),
            place=check_text("place", raw.get("place")),
            text=check_text("text", raw.get("text")),
            doc=check_text("doc", raw.get("doc")),
            min_confidence=check_fraction("min_confidence", raw.get("min_confidence")),
            dyad=check_dyad("dyad", raw.get("dyad")),
            outlet=check_text("outlet", raw.get("outlet")),
        )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events``, ``Store.series`` and ``Store.export``."""
        out: dict[str, Any] = {}
        for key in self.__slots__:
            value = getattr(self, key)
            if value is not None and value != "":
                out[key] = value.split(",") if key in ("type", "status") else value
        return out

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (for links and the CSV download)."""
        return {
            k: str(getattr(self, k)) for k in self.__slots__ if getattr(self, k) not in (None, "")
        }
