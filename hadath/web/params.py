"""Query parameters shared by the API and the pages: parsed and checked once, here.

A bad value raises :class:`BadRequest`; the app turns it into a 400 (JSON
under ``/api``, an HTML page elsewhere), never a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query

from hadath import model

PLOVER_TYPES = model.PLOVER_TYPES
STATUSES = model.STATUSES
SECTORS = model.SECTORS
PERIODS = ("day", "week", "month", "year")
GROUPS = ("dyad", "quad", "type")
MAX_PAGE = 500
MAX_OFFSET = 10_000_000
MAX_TEXT = 200  # characters of a free-text filter

CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_]{1,31}$"  # USA, UN, ARAB_LEAGUE
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(DATE_PATTERN)
_CODE = re.compile(CODE_PATTERN)


class BadRequest(Exception):
    """A parameter a user can fix; becomes a 400 with this message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_date(name: str, value: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real year, month or day."""
    if not value:
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise BadRequest(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise BadRequest(f"{name}: no such date {value!r}") from None
    return value


def check_code(name: str, value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not _CODE.match(value):
        raise BadRequest(f"{name} must be a country code (USA) or an org code (UN), not {value!r}")
    return value.upper()


def check_choices(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """A comma-separated list of known values (case-insensitive), or None."""
    if not value:
        return None
    known = {c.lower(): c for c in choices}
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in items if v.lower() not in known]
    if unknown or not items:
        raise BadRequest(f"{name} must be among {', '.join(choices)}; got {value!r}")
    return ",".join(known[v.lower()] for v in items)


def check_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} is longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise BadRequest(f"{name} holds a NUL character")
    return value.strip()


def check_page(limit: int, offset: int, max_page: int = MAX_PAGE) -> tuple[int, int]:
    if not 1 <= limit <= max_page:
        raise BadRequest(f"limit must be between 1 and {max_page}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadRequest(f"offset must be between 0 and {MAX_OFFSET}")
    return limit, offset


Code = Annotated[
    str | None,
    Query(max_length=32, pattern=CODE_PATTERN, description="country (USA) or org code (UN)"),
]
Date = Annotated[
    str | None, Query(max_length=10, pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")
]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The filters of ``hadath events``, checked."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    sector: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    text: str | None = None
    doc: str | None = None

    @classmethod
    def checked(cls, **raw: str | None) -> EventQuery:
        return cls(
            source=check_code("source", raw.get("source")),
            target=check_code("target", raw.get("target")),
            actor=check_code("actor", raw.get("actor")),
            sector=check_choices("sector", raw.get("sector"), SECTORS),
            type=check_choices("type", raw.get("type"), PLOVER_TYPES),
            status=check_choices("status", raw.get("status"), STATUSES),
            since=check_date("since", raw.get("since")),
            until=check_date("until", raw.get("until")),
            place=check_text("place", raw.get("place")),
            text=check_text("text", raw.get("text")),
            doc=check_text("doc", raw.get("doc")),
        )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events`` and ``Store.series``."""
        out: dict[str, Any] = {}
        for key in self.__slots__:
            value = getattr(self, key)
            if value:
                out[key] = value.split(",") if key in ("type", "status") else value
        return out

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (for links and the CSV download)."""
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k)}


def event_query(
    source: Code = None,
    target: Code = None,
    actor: Annotated[
        str | None,
        Query(max_length=32, pattern=CODE_PATTERN, description="code as source or target"),
    ] = None,
    sector: Annotated[
        str | None, Query(max_length=100, description=f"as source or target: {', '.join(SECTORS)}")
    ] = None,
    type: Annotated[  # the filter is called type everywhere else
        str | None,
        Query(max_length=300, description="PLOVER type(s), comma-separated, e.g. CONSULT,AGREE"),
    ] = None,
    status: Annotated[
        str | None, Query(max_length=100, description=f"comma-separated: {', '.join(STATUSES)}")
    ] = None,
    since: Date = None,
    until: Date = None,
    place: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="place country code or name")
    ] = None,
    text: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="words in the event's sentence")
    ] = None,
    doc: Annotated[str | None, Query(max_length=100, description="one document's id")] = None,
) -> EventQuery:
    """FastAPI dependency: the event filters of a request."""
    return EventQuery.checked(
        source=source, target=target, actor=actor, sector=sector, type=type, status=status,
        since=since, until=until, place=place, text=text, doc=doc,
    )  # fmt: skip
