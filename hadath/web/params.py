"""Query parameters shared by the API and the pages, checked by :mod:`hadath.checks`.

A bad value raises :class:`BadRequest` (``hadath.checks.BadValue``, which the
command line reports too); the app turns it into a 400 (JSON under ``/api``,
an HTML page elsewhere), never a 500.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from hadath.checks import (
    CODE_PATTERN,
    DATE_PATTERN,
    MAX_TEXT,
    PLOVER_TYPES,
    SECTORS,
    SORTS,
    STATUSES,
    EventQuery,
    check_choices,
    check_code,
    check_date,
    check_text,
)
from hadath.checks import BadValue as BadRequest

PERIODS = ("day", "week", "month", "year")
GROUPS = ("dyad", "quad", "type")
MAX_PAGE = 500
MAX_OFFSET = 10_000_000
_CODE = CODE_PATTERN.strip("^$")
DYAD_PATTERN = rf"^ *{_CODE} *, *{_CODE} *$"
NO_NUL = r"^[^\x00]*$"  # check_text refuses a NUL; the OpenAPI description says so


def choices_pattern(choices: tuple[str, ...], many: bool = True) -> str:
    """The regex of one of ``choices`` (or, ``many``, a comma-separated list of them),
    in upper or lower case.

    The OpenAPI description declares it and the API enforces it (422), so the two
    agree; ``check_choices`` then only normalises. Empty means no filter.
    """
    one = "|".join(
        dict.fromkeys([*choices, *(c.upper() for c in choices), *(c.lower() for c in choices)])
    )
    more = f"( *, *({one}))*" if many else ""
    return f"^( *({one}){more} *)?$"


def choices_query(choices: tuple[str, ...], what: str, max_length: int, many: bool = True) -> Any:
    """A query parameter taking one of ``choices`` (``many``: a comma-separated list)."""
    listed = ", ".join(choices)
    return Query(
        max_length=max_length,
        pattern=choices_pattern(choices, many),
        description=f"{what}: {'comma-separated, ' if many else 'one of '}{listed}"
        " (upper or lower case)",
    )


# A real day, as ``datetime.date`` takes it (years 1-9999; 29 February of leap years only),
# so that what the OpenAPI description allows is what ``check_date`` accepts.
_YEAR = r"(\d{3}[1-9]|\d{2}[1-9]\d|\d[1-9]\d{2}|[1-9]\d{3})"
_LEAP = r"(\d{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (
    r"((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)"
    r"|02-(0[1-9]|1\d|2[0-8]))"
)
DAY_PATTERN = rf"^({_YEAR}(-(0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP}-02-29)$"


def check_page(limit: int, offset: int, max_page: int = MAX_PAGE) -> tuple[int, int]:
    if not 1 <= limit <= max_page:
        raise BadRequest("limit", f"must be between 1 and {max_page}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadRequest("offset", f"must be between 0 and {MAX_OFFSET}")
    return limit, offset


Code = Annotated[
    str | None,
    Query(max_length=32, pattern=CODE_PATTERN, description="country (USA) or org code (UN)"),
]
Date = Annotated[
    str | None, Query(max_length=10, pattern=DAY_PATTERN, description="YYYY[-MM[-DD]]")
]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def event_query(
    request: Request,
    source: Code = None,
    target: Code = None,
    actor: Annotated[
        str | None,
        Query(max_length=32, pattern=CODE_PATTERN, description="code as source or target"),
    ] = None,
    sector: Annotated[
        str | None, choices_query(SECTORS, "sector as source or target", 8, many=False)
    ] = None,
    type: Annotated[  # the filter is called type everywhere else
        str | None, choices_query(PLOVER_TYPES, "PLOVER type(s)", 300)
    ] = None,
    status: Annotated[str | None, choices_query(STATUSES, "status", 100)] = None,
    since: Date = None,
    until: Date = None,
    place: Annotated[
        str | None,
        Query(pattern=NO_NUL, max_length=MAX_TEXT, description="place country code or name"),
    ] = None,
    text: Annotated[
        str | None,
        Query(pattern=NO_NUL, max_length=MAX_TEXT, description="words in the event's sentence"),
    ] = None,
    doc: Annotated[
        str | None, Query(pattern=NO_NUL, max_length=100, description="one document's id")
    ] = None,
    outlet: Annotated[
        str | None, Query(pattern=NO_NUL, max_length=MAX_TEXT, description="the documents' outlet")
    ] = None,
    dyad: Annotated[
        str | None,
        Query(
            max_length=70,
            pattern=DYAD_PATTERN,
            description="two codes A,B: events from A to B or from B to A",
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        Query(
            ge=0,
            le=1,
            description="events at least this confident (0-1); default: the server's"
            " --min-confidence, or $HADATH_MIN_CONFIDENCE, or none",
        ),
    ] = None,
) -> EventQuery:
    """FastAPI dependency: the event filters of a request."""
    if min_confidence is None:
        min_confidence = request.app.state.hub.min_confidence
    return EventQuery.checked(
        source=source, target=target, actor=actor, sector=sector, type=type, status=status,
        since=since, until=until, place=place, text=text, doc=doc, min_confidence=min_confidence,
        dyad=dyad, outlet=outlet,
    )  # fmt: skip


Sort = Annotated[
    str,
    Query(
        pattern="^(date|confidence|type|dyad)$",
        description="date (oldest first), confidence (most confident first), type or dyad",
    ),
]

__all__ = [
    "CODE_PATTERN", "DATE_PATTERN", "DAY_PATTERN", "DYAD_PATTERN", "GROUPS", "MAX_OFFSET",
    "MAX_PAGE", "MAX_TEXT", "NO_NUL", "PERIODS", "PLOVER_TYPES", "SECTORS", "SORTS", "STATUSES",
    "BadRequest", "Code", "Date", "EventQuery", "Limit", "Offset", "Sort", "Text",
    "check_choices", "check_code", "check_date", "check_page", "check_text", "choices_pattern",
    "choices_query", "event_query",
]  # fmt: skip
