"""Server-rendered pages: search, document view, events table, actor and dyad charts.

Templates autoescape everything; article text reaches them either as plain
strings (escaped by Jinja) or as Markup built by :mod:`hadath.web.render`,
which escapes each piece before wrapping it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from hadath.errors import UsageError
from hadath.store import Store, TimeLimit
from hadath.web import charts, maps, render
from hadath.web.hub import Hub
from hadath.web.params import (
    MAX_PAGE,
    PERIODS,
    PLOVER_TYPES,
    SORTS,
    STATUSES,
    BadRequest,
    EventQuery,
    check_code,
    check_page,
)

HERE = Path(__file__).resolve().parent
T = TypeVar("T")
SEGMENT_LABELS = {
    "title": "title", "lede": "lede", "body": "", "caption": "caption", "credit": "credit",
    "source": "source", "related": "related story", "furniture": "page furniture",
    "other": "not in a segment",
}  # fmt: skip


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its file name
    )
    env.filters["clean"] = render.clean
    env.filters["plain"] = render.plain
    env.globals["dir_of"] = render.text_dir
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False)


def _hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _int(name: str, value: str | None, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise BadRequest(name, "must be a whole number") from None


def _party(row: dict[str, Any], side: str) -> str:
    code = row.get(f"{side}_country") or row.get(f"{side}_org") or ""
    return " ".join(p for p in (code, row.get(f"{side}_sector") or "") if p)


# ---- search -----------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", offset: str | None = None) -> HTMLResponse:
    hub = _hub(request)
    q = q.strip()[:500]
    hits: list[dict[str, Any]] = []
    error = None
    try:
        start = check_page(20, _int("offset", offset, 0))[1]
    except BadRequest as exc:
        start, error = 0, exc.message
    if q and not error:
        try:
            hits = hub.store().search(q, limit=20, offset=start)
        except UsageError as exc:  # too many words for one search: said on the page
            error = exc.problem
        for hit in hits:
            hit["snippet_html"] = render.marked(hit["snippet"], hit["highlights"])
    recent = [] if q else hub.store().documents(limit=20)
    return page(
        request, "search.html", 400 if error else 200,
        q=q, hits=hits, recent=recent, offset=start, error=error,
        next_url="/?" + urlencode({"q": q, "offset": start + 20}) if len(hits) == 20 else None,
    )  # fmt: skip


# ---- the document view --------------------------------------------------------


def _sentence_text(record: dict[str, Any], index: object) -> str:
    sentences = record.get("sentences") or []
    if isinstance(index, int) and 0 <= index < len(sentences):
        s = sentences[index]
        return str(record["text"][s["start"] : s["end"]])
    return ""


def _event_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    text = record.get("text") or ""
    items = []
    for i, e in enumerate(record.get("events") or []):
        trigger = e.get("trigger") or {}
        place = e.get("place") or {}
        items.append(
            {
                "index": i,
                "type": e.get("type") or "",
                "status": e.get("status") or "",
                "source": render.label_of(e.get("source")),
                "source_name": render.actor_name(record, (e.get("source") or {}).get("actor")),
                "target": render.label_of(e.get("target")),
                "target_name": render.actor_name(record, (e.get("target") or {}).get("actor")),
                "date": e.get("date") or "",
                "place": place.get("name") or place.get("name_ar") or "",
                "sentence": e.get("sentence") if isinstance(e.get("sentence"), int) else "",
                "trigger": text[trigger.get("start", 0) : trigger.get("end", 0)],
                "evidence": _sentence_text(record, e.get("sentence")),
                "rule": e.get("rule") or "",
                "confidence": e.get("confidence"),
            }
        )
    return items


def _quote_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    text = record.get("text") or ""
    return [
        {
            "index": i,
            "speaker": render.speaker_name(record, q),
            "code": render.label_of(q.get("speaker")),
            "kind": q.get("kind") or "",
            "text": text[q["start"] : q["end"]],
            "sentence": q.get("sentence") if isinstance(q.get("sentence"), int) else "",
        }
        for i, q in enumerate(record.get("quotes") or [])
    ]


def _actor_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "index": i,
            "name": a.get("name") or "",
            "name_ar": a.get("name_ar") or "",
            "code": render.label_of(a),
            "link": render.code_of(a),
            "kind": a.get("kind") or "",
            "role": a.get("role") or "",
            "mentions": len(a.get("mentions") or []),
            "palette": render.palette(render.code_of(a)),
        }
        for i, a in enumerate(record.get("actors") or [])
    ]


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    record = _hub(request).store().get(doc_id[:200])
    if record is None:
        raise HTTPException(404, "no such document")
    language = str(record.get("language") or "")
    return page(
        request, "doc.html",
        record=record, language=language, blocks=render.blocks(record),
        labels=SEGMENT_LABELS, events=_event_items(record), quotes=_quote_items(record),
        actors=_actor_items(record),
    )  # fmt: skip


# ---- events -------------------------------------------------------------------

FILTER_FIELDS = (
    "since", "until", "actor", "source", "target", "type", "status", "place", "text",
    "min_confidence", "dyad", "sector", "outlet", "doc",
)  # fmt: skip
# facet -> the filter a click on one of its values sets
FACET_FILTERS = {
    "type": "type", "status": "status", "source": "source", "target": "target",
    "sector": "sector", "place": "place", "outlet": "outlet",
}  # fmt: skip
FACET_LABELS = {
    "type": "Type", "status": "Status", "source": "Source", "target": "Target",
    "sector": "Sector", "place": "Place", "outlet": "Outlet",
}  # fmt: skip
SORT_LABELS = {"date": "date", "confidence": "confidence", "type": "type", "dyad": "dyad"}


def _one_of(request: Request, name: str, allowed: Collection[str], default: str) -> str:
    """The query parameter ``name``, one of ``allowed`` (``default`` when it is not given)."""
    value = request.query_params.get(name) or default
    if value not in allowed:
        raise BadRequest(name, f"must be one of {', '.join(allowed)}")
    return value


def _dedup(request: Request) -> bool:
    """One row per happening unless ``dedup=0`` (or false) asks for every mention."""
    return request.query_params.get("dedup") not in ("0", "false", "no")


AGGREGATE_SECONDS = 0.3  # the events page's total, map and timeline: each at most this long
FACET_SECONDS = 0.6  # its facets, together


def _within(hub: Hub, seconds: float, compute: Callable[[Store], T]) -> T | None:
    """``compute(store)``, or None when it takes more than ``seconds``: then it is finished
    in the background, so that the next view of the page finds it in the cache."""
    store = hub.store()
    if seconds > 0:
        try:
            with store.time_limit(seconds):
                return compute(store)
        except TimeLimit:
            pass
    hub.later(compute)
    return None


def _pages(total: int, limit: int, offset: int, link: Any) -> list[tuple[str, str | None]]:
    """Pager entries (label, address or None for the current page): first, nearby, last."""
    count = max(1, -(-total // limit))
    here = offset // limit
    shown = sorted({0, count - 1, *range(max(0, here - 2), min(count, here + 3))})
    out: list[tuple[str, str | None]] = []
    for i, n in enumerate(shown):
        if i and n - shown[i - 1] > 1:
            out.append(("…", None))
        out.append((str(n + 1), None if n == here else link(n * limit)))
    return out


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    raw = {k: request.query_params.get(k) or None for k in FILTER_FIELDS}
    hub = _hub(request)
    rows: list[dict[str, Any]] = []
    facets: dict[str, list[tuple[str, int]] | None] = {}
    places: list[Any] | None = []
    data: list[charts.Period] | None = []
    error: str | None = None
    total: int | None = 0
    limit, offset, sort, period = 100, 0, "date", "month"
    dedup = _dedup(request)
    query: dict[str, str] = {}
    try:
        limit, offset = check_page(
            _int("limit", request.query_params.get("limit"), 100),
            _int("offset", request.query_params.get("offset"), 0),
        )
        sort = _one_of(request, "sort", SORTS, "date")
        period = _one_of(request, "period", PERIODS, "month")
        given = {k: v for k, v in raw.items() if v is not None}
        flt = EventQuery.checked(**{"min_confidence": hub.min_confidence, **given})
        store, filters = hub.store(), flt.filters()
        if dedup:
            rows = store.happening_page(limit=limit, offset=offset, sort=sort, **filters)
        else:
            rows = store.events(limit=limit, offset=offset, sort=sort, **filters)
        # the aggregates, each within its time: on a large store a broad selection's
        # facets may be left out (and say so) rather than keep the reader waiting
        total = _within(hub, AGGREGATE_SECONDS, lambda s: s.count_events(dedup=dedup, **filters))
        ends = time.monotonic() + FACET_SECONDS
        for name in FACET_FILTERS:

            def one(s: Store, name: str = name) -> list[tuple[str, int]]:
                return s.facets(dedup=dedup, names=[name], **filters)[name]

            facets[name] = _within(hub, ends - time.monotonic(), one)
        places = _within(hub, AGGREGATE_SECONDS, lambda s: s.places(dedup=dedup, **filters))
        series = _within(hub, AGGREGATE_SECONDS, lambda s: s.series(period, "quad", **filters))
        data = None if series is None else charts.filled(charts.periods(series), period)
        query = flt.query()
    except BadRequest as exc:
        error = exc.message
    for row in rows:
        row["source"], row["target"] = _party(row, "source"), _party(row, "target")
    # what every link of the page keeps: the filters, the sort, rows per happening or not
    keep = (
        query
        | ({"sort": sort} if sort != "date" else {})
        | ({} if dedup else {"dedup": "0"})
        | ({"period": period} if period != "month" else {})
    )

    def link(at: int = 0, change: dict[str, str | None] | None = None) -> str:
        params = {k: v for k, v in {**keep, **(change or {})}.items() if v is not None}
        if at:
            params["offset"] = str(at)
        if limit != 100:
            params["limit"] = str(limit)
        return "/events?" + urlencode(params)

    facet_links = {
        name: [
            (
                value,
                n,
                link(change={FACET_FILTERS[name]: value}),
                query.get(FACET_FILTERS[name]) == value,
            )
            for value, n in values
        ]
        if values is not None
        else None
        for name, values in facets.items()
    }
    active = [
        (FACET_LABELS.get(k, k), v, link(change={k: None})) for k, v in query.items()
        if k in FACET_FILTERS.values() or k in ("actor", "dyad", "since", "until", "text", "doc")
    ]  # fmt: skip
    csv_query = (
        query | ({"sort": sort} if sort != "date" else {}) | ({"dedup": "1"} if dedup else {})
    )
    noun = "happening" if dedup else "event"
    return page(
        request, "events.html", 400 if error else 200,
        rows=rows, raw={k: v or "" for k, v in raw.items()}, error=error, types=PLOVER_TYPES,
        statuses=STATUSES, sorts=SORT_LABELS, sort=sort, default_confidence=hub.min_confidence,
        dedup=dedup, total=total, noun=noun, offset=offset, limit=limit, max_page=MAX_PAGE,
        csv_url="/api/events.csv?" + urlencode(csv_query),
        prev_url=link(max(0, offset - limit)) if offset else None,
        next_url=link(offset + limit)
        if (offset + limit < total if total is not None else len(rows) == limit)
        else None,
        pages=_pages(total, limit, offset, link) if total is not None else [],
        sort_links={s: link(change={"sort": None if s == "date" else s}) for s in SORT_LABELS},
        facets=facet_links, facet_labels=FACET_LABELS, active=active,
        map=None
        if places is None
        else maps.place_map(
            places,
            lambda p: link(change={"place": p.name or p.name_ar}),
            f"places of the {noun}s shown",
        ),
        legend=maps.legend(), places=places, period=period, periods=PERIODS, data=data,
        chart=None if data is None else charts.chart(data, f"{period}: cooperation and conflict"),
        seconds=AGGREGATE_SECONDS, facet_seconds=FACET_SECONDS,
    )  # fmt: skip


# ---- actors and dyads ---------------------------------------------------------


def _code(name: str, value: str) -> str:
    code = check_code(name, value)
    if code is None:
        raise BadRequest(name, "is missing")
    return code


def _known(request: Request, code: str) -> None:
    if not _hub(request).store().actor_known(code):
        raise HTTPException(404, f"no event or actor in this store has the code {code}")


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    rows = _hub(request).store().actor_list()
    return page(request, "actors.html", rows=rows)


@router.get("/actor/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str) -> HTMLResponse:
    code, period = _code("actor", code), _one_of(request, "period", PERIODS, "month")
    _known(request, code)
    store = _hub(request).store()
    data = charts.filled(charts.periods(store.series(period, "quad", actor=code)), period)
    partners: Counter[tuple[str, str]] = Counter()
    for row in store.series("year", "dyad", actor=code):
        if row["source"] and row["target"]:
            partners[(row["source"], row["target"])] += int(row["events"])
    names: Counter[str] = Counter()
    for a in store.actors(limit=2000, country=code) + store.actors(limit=2000, org=code):
        for name in {a["name"], a["name_ar"]} - {None, ""}:  # English and Arabic
            names[name] += 1
    rows = store.events(limit=100, actor=code, dedup=True)
    for row in rows:
        row["source"], row["target"] = _party(row, "source"), _party(row, "target")
    return page(
        request, "series.html",
        heading=code, subtitle="happenings where it is source or target, each counted once",
        period=period,
        periods=PERIODS, chart=charts.chart(data, f"{code}: cooperation and conflict"),
        data=data, partners=partners.most_common(20), names=names.most_common(20), rows=rows,
        code=code, dyad=None,
    )  # fmt: skip


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str) -> HTMLResponse:
    a, b = _code("first actor", a), _code("second actor", b)
    period = _one_of(request, "period", PERIODS, "month")
    _known(request, a)
    _known(request, b)
    store = _hub(request).store()
    # a mutual act (A -> B and B -> A) is one happening: counted and listed once
    data = charts.filled(charts.periods(store.series(period, "quad", dyad=(a, b))), period)
    rows = store.events(limit=100, dedup=True, dyad=(a, b))
    for row in rows:
        row["source"], row["target"] = _party(row, "source"), _party(row, "target")
    return page(
        request, "series.html",
        heading=f"{a} ↔ {b}",
        subtitle=f"happenings from {a} to {b} and from {b} to {a}, each counted once",
        period=period, periods=PERIODS,
        chart=charts.chart(data, f"{a} and {b}: cooperation and conflict"), data=data,
        partners=[], names=[], rows=rows, code=None, dyad=(a, b),
    )  # fmt: skip


# ---- the API's own docs page ---------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    operations = [
        {"path": path, "method": method.upper(), **op}
        for path, methods in spec.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return page(
        request, "docs.html", spec=spec, operations=operations,
        schemas=spec.get("components", {}).get("schemas", {}),
    )  # fmt: skip
