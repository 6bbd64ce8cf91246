"""Query parameters shared by the API and the pages, checked by :mod:`hadath.checks`.

A bad value raises :class:`BadRequest` (``hadath.checks.BadValue``, which the
command line reports too); the app turns it into a 400 (JSON under ``/api``,
an HTML page elsewhere), never a 500.
"""

from __future__ import annotations

from typing import Annotated

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
    str | None, Query(max_length=10, pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")
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
    outlet: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="the documents' outlet")
    ] = None,
    dyad: Annotated[
        str | None,
        Query(max_length=70, description="two codes A,B: events from A to B or from B to A"),
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
    "CODE_PATTERN", "DATE_PATTERN", "GROUPS", "MAX_OFFSET", "MAX_PAGE", "MAX_TEXT", "PERIODS",
    "PLOVER_TYPES", "SECTORS", "SORTS", "STATUSES", "BadRequest", "Code", "Date", "EventQuery",
    "Limit", "Offset", "Sort", "Text", "check_choices", "check_code", "check_date", "check_page",
    "check_text", "event_query",
]  # fmt: skip
