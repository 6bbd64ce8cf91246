"""The JSON API: thin translations between HTTP and ``hadath.store``.

Handlers return the store's dicts as they are (``JSONResponse``); the
response models document them in OpenAPI.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse

from hadath.errors import InputError
from hadath.web.hub import Hub, get_hub
from hadath.web.models import (
    ActorList,
    DocumentList,
    ErrorMessage,
    EventList,
    Facets,
    Places,
    QuoteList,
    ReadRequest,
    Record,
    SearchResults,
    Series,
    Stored,
)
from hadath.web.params import (
    CODE_PATTERN,
    MAX_TEXT,
    SECTORS,
    Date,
    EventQuery,
    Limit,
    Offset,
    Sort,
    check_choices,
    check_date,
    choices_query,
    event_query,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorMessage, "description": "a parameter is wrong"},
    422: {"model": ErrorMessage, "description": "a parameter is missing or malformed"},
}
CSV_PAGE = 1000

router = APIRouter(prefix="/api", responses=ERRORS)
HubDep = Annotated[Hub, Depends(get_hub)]
Filters = Annotated[EventQuery, Depends(event_query)]
DocId = Annotated[str, Path(max_length=200, description="document id")]


def _json(payload: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(payload, status_code=status_code)


@router.get("/documents", response_model=DocumentList, summary="List stored documents")
def list_documents(hub: HubDep, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    store = hub.store()
    items = store.documents(limit=limit, offset=offset)
    return _json({"total": store.count(), "limit": limit, "offset": offset, "items": items})


@router.get(
    "/documents/{doc_id:path}",
    response_model=Record,
    summary="One document's SCHEMA record",
    responses={404: {"model": ErrorMessage, "description": "no such document"}},
)
def get_document(hub: HubDep, doc_id: DocId) -> JSONResponse:
    record = hub.store().get(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return _json(record)


@router.get("/search", response_model=SearchResults, summary="Full-text search")
def search(
    hub: HubDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description='words (ANDed), "a phrase", or word* as a prefix; Arabic is matched'
            " with or without harakat, tatweel and hamza forms; at most 32 different words,"
            " 8 of them prefixes (else 400)",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> JSONResponse:
    hits = hub.store().search(q, limit=limit, offset=offset)
    return _json({"query": q, "limit": limit, "offset": offset, "items": hits})


@router.get("/events", response_model=EventList, summary="Events matching the filters")
def events(
    hub: HubDep,
    filters: Filters,
    dedup: Annotated[
        bool, Query(description="one row per happening (type, status, pair of parties, day)")
    ] = False,
    limit: Limit = 100,
    offset: Offset = 0,
    sort: Sort = "date",
) -> JSONResponse:
    rows = hub.store().events(
        limit=limit, offset=offset, dedup=dedup, sort=sort, **filters.filters()
    )
    return _json({"dedup": dedup, "limit": limit, "offset": offset, "sort": sort, "items": rows})


def csv_chunks(hub: Hub, filters: EventQuery, dedup: bool, sort: str = "date") -> Iterator[str]:
    """The selection as CSV, a page at a time.

    Each page is its own query on whichever thread asks for it, because a
    streaming response may resume on another thread than the one it began on.
    """
    offset, writer, buffer = 0, None, io.StringIO()
    while True:
        rows = hub.store().events(
            limit=CSV_PAGE, offset=offset, dedup=dedup, sort=sort, **filters.filters()
        )
        for row in rows:
            if dedup:
                row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
                row["parties"] = " ".join(row["parties"])
            if writer is None:
                writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\r\n")
                writer.writeheader()
            writer.writerow(row)
        if buffer.tell():
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if len(rows) < CSV_PAGE:
            return
        offset += CSV_PAGE


@router.get(
    "/events.csv",
    summary="Events matching the filters, as CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "one row per event"}},
)
def events_csv(
    hub: HubDep,
    filters: Filters,
    dedup: Annotated[
        bool, Query(description="one row per happening (type, status, pair of parties, day)")
    ] = False,
    sort: Sort = "date",
) -> StreamingResponse:
    return StreamingResponse(
        csv_chunks(hub, filters, dedup, sort),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="hadath-events.csv"'},
    )


@router.get("/actors", response_model=ActorList, summary="Actors found in documents")
def actors(
    hub: HubDep,
    country: Annotated[str | None, Query(max_length=32, pattern=CODE_PATTERN)] = None,
    org: Annotated[str | None, Query(max_length=32, pattern=CODE_PATTERN)] = None,
    sector: Annotated[str | None, choices_query(SECTORS, "sector", 8, many=False)] = None,
    kind: Literal["person", "organisation", "country", "group"] | None = None,
    name: Annotated[str | None, Query(max_length=MAX_TEXT, description="in name")] = None,
    doc: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> JSONResponse:
    sector = check_choices("sector", sector, SECTORS)
    rows = hub.store().actors(
        limit=limit, offset=offset, country=country, org=org, sector=sector, kind=kind,
        name=name, doc=doc,
    )  # fmt: skip
    return _json({"limit": limit, "offset": offset, "items": rows})


@router.get("/quotes", response_model=QuoteList, summary="Quotes and who said them")
def quotes(
    hub: HubDep,
    speaker: Annotated[str | None, Query(max_length=32, pattern=CODE_PATTERN)] = None,
    sector: Annotated[str | None, choices_query(SECTORS, "sector", 8, many=False)] = None,
    kind: Literal["direct", "indirect"] | None = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT, description="words quoted")] = None,
    doc: Annotated[str | None, Query(max_length=200)] = None,
    since: Date = None,
    until: Date = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> JSONResponse:
    rows = hub.store().quotes(
        limit=limit, offset=offset, speaker=speaker, kind=kind, text=text, doc=doc,
        sector=check_choices("sector", sector, SECTORS), since=check_date("since", since),
        until=check_date("until", until),
    )  # fmt: skip
    return _json({"limit": limit, "offset": offset, "items": rows})


@router.get("/series", response_model=Series, summary="Event counts per period")
def series(
    hub: HubDep,
    filters: Filters,
    period: Literal["day", "week", "month", "year"] = "month",
    by: Annotated[
        Literal["dyad", "quad", "type"],
        Query(description="dyad (source, target), PLOVER quad class, or event type"),
    ] = "dyad",
) -> JSONResponse:
    rows = hub.store().series(period, by, **filters.filters())
    return _json({"period": period, "by": by, "items": rows})


Dedup = Annotated[
    bool, Query(description="count happenings (the default) or, false, event mentions")
]


@router.get("/facets", response_model=Facets, summary="Facet counts of the events matching")
def facets(hub: HubDep, filters: Filters, dedup: Dedup = True) -> JSONResponse:
    store = hub.store()
    counts = store.facets(dedup=dedup, **filters.filters())
    return _json(
        {
            "dedup": dedup,
            "total": store.count_events(dedup=dedup, **filters.filters()),
            "facets": {
                name: [{"value": v, "count": n} for v, n in values]
                for name, values in counts.items()
            },
        }
    )


@router.get("/places", response_model=Places, summary="Places of the events matching, for a map")
def places(hub: HubDep, filters: Filters, dedup: Dedup = True) -> JSONResponse:
    found = hub.store().places(dedup=dedup, **filters.filters())
    return _json({"dedup": dedup, "items": [p.as_dict() for p in found]})


def read_record(hub: Hub, body: ReadRequest) -> dict[str, Any]:
    """The record of a posted text or page, through the pipeline (never a file path)."""
    from hadath.api import process
    from hadath.model import to_record
    from hadath.readers import from_html, from_text

    where = "<request>"
    if body.html is not None:
        if not body.html.strip():
            raise InputError(where, "empty input: no HTML to read")
        bare = from_html(body.html, where, url=body.url)
    else:
        if not (body.text or "").strip():
            raise InputError(where, "empty input: no text to read")
        bare = from_text(body.text or "")
    return to_record(process(bare, hub.context()))


READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorMessage,
        "description": "nothing to read: a page with no article text, or input hadath refuses",
    },
    413: {"model": ErrorMessage, "description": "body larger than 2 MB"},
}


@router.post(
    "/read",
    response_model=Record,
    summary="Read a text or page without storing it",
    responses=READ_ERRORS,
)
def read(hub: HubDep, body: ReadRequest) -> JSONResponse:
    return _json(read_record(hub, body))


def require_token(
    hub: HubDep,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
) -> None:
    if hub.token is None:
        raise HTTPException(403, "storing documents is off: start the server with a token")
    if not hub.token_ok(authorization):
        raise HTTPException(
            401, "a valid 'Authorization: Bearer TOKEN' header is needed",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


@router.post(
    "/documents",
    response_model=Stored,
    status_code=201,
    summary="Read a text or page and store it (needs the server's token)",
    dependencies=[Depends(require_token)],
    responses={
        200: {"model": Stored, "description": "already stored"},
        401: {"model": ErrorMessage, "description": "missing or wrong token"},
        403: {"model": ErrorMessage, "description": "storing is off (no token configured)"},
        **READ_ERRORS,
    },
)
def add_document(hub: HubDep, body: ReadRequest) -> JSONResponse:
    record = read_record(hub, body)
    summary = hub.add([record])
    if summary.failed:
        raise HTTPException(400, f"cannot store: {summary.failed[0].reason}")
    payload = {"id": record["id"], "stored": bool(summary.stored), "events": len(record["events"])}
    return _json(payload, 201 if summary.stored else 200)
