"""Aggregates for the analyst's pages: totals, facet counts, places on a map, known actors.

Plain functions over an open store connection (a :class:`~hadath.store.dialect.Db`,
SQLite or PostgreSQL), like :mod:`hadath.store.queries`, taking the same
:class:`~hadath.store.queries.EventFilter`. They count happenings
(``dedup=True``, what the pages show by default) or event mentions, in SQL
both backends run as it is (``COALESCE``, ``COUNT(DISTINCT ...)``, ``UNION``,
no bare column beside an aggregate), the few differences spelled by the
:class:`~hadath.store.dialect.Dialect` (folding, rounding), and give the same
counts on both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from hadath.store.dialect import Db
from hadath.store.queries import EventFilter, iter_dedup_events

# What a facet counts: columns of ``events e`` (``d`` is its document). A facet of two columns
# names a party by its country, else its org code; sector is either side's.
FACETS: dict[str, tuple[str, ...]] = {
    "type": ("e.type",),
    "status": ("e.status",),
    "source": ("e.source_country", "e.source_org"),
    "target": ("e.target_country", "e.target_org"),
    "sector": ("e.source_sector", "e.target_sector"),
    "place": ("e.place_name", "e.place_name_ar"),
    "outlet": ("d.outlet",),
}


def _count(dedup: bool) -> str:
    """Happenings (an event without one counts alone), or mentions, among a group's rows.

    No key is built per row (``doc || ':' || idx``): then SQLite counts from an
    index that holds the grouped column and ``happening``, without reading a row.
    """
    return "COUNT(DISTINCT e.happening) + COUNT(*) - COUNT(e.happening)" if dedup else "COUNT(*)"


def _from(where: str, *columns: str) -> str:
    """``events e``, joined to its document only when the filter or a column needs it."""
    if any("d." in part for part in (where, *columns)):
        return "events e JOIN documents d ON d.rowid = e.doc"
    return "events e"


@dataclass(frozen=True, slots=True)
class _Source:
    """Where an aggregate reads: the facet table when it can answer, else the events."""

    facet_table: bool
    where: str
    args: list[Any]

    def columns(self, columns: Iterable[str]) -> tuple[str, ...]:
        """``columns`` of ``events e`` / ``documents d`` as this source names them."""
        if not self.facet_table:
            return tuple(columns)
        return tuple(c.replace("d.outlet", "e.outlet") for c in columns)

    def table(self, *columns: str) -> str:
        return "happening_facets e" if self.facet_table else _from(self.where, *columns)


def _source(db: Db, flt: EventFilter, dedup: bool, facet_table: bool = True) -> _Source:
    """The facet table (``hadath.store.schema``) counts happenings for every filter but the
    sentence's words and the document's id: a happening has a row there for each set of
    values its mentions of a document give, with their highest confidence, so that it
    matches a filter when one of its mentions does. Mentions are counted from the events, and
    so is everything when ``facet_table`` is false (what the facet table must agree with)."""
    if facet_table and dedup and flt.facet_table:
        where, args = flt.where(db.dialect, outlet="e.outlet")
        return _Source(True, where, args)
    where, args = flt.where(db.dialect)
    return _Source(False, where, args)


def count_events(db: Db, flt: EventFilter, *, dedup: bool = True, facet_table: bool = True) -> int:
    """How many happenings (or mentions) match ``flt``: the total of every page of the table."""
    src = _source(db, flt, dedup, facet_table)
    sql = f"SELECT {_count(dedup)} FROM {src.table()} WHERE {src.where}"
    return int(db.execute(sql, src.args).fetchone()[0])


def _either_side(
    db: Db, src: _Source, columns: tuple[str, ...], dedup: bool
) -> list[tuple[str, int]]:
    """Counts of a value either side may hold: a happening with it on both sides counts once."""
    # UNION (not ALL) keeps one row per value and happening (or per value and mention)
    key = (
        "e.happening, CASE WHEN e.happening IS NULL THEN e.doc END,"
        " CASE WHEN e.happening IS NULL THEN e.idx END"
        if dedup
        else "e.doc, e.idx"
    )
    parts = [
        f"SELECT {c} AS value, {key} FROM {src.table(c)} WHERE {src.where} AND {c} IS NOT NULL"
        for c in src.columns(columns)
    ]
    sql = f"SELECT value, COUNT(*) FROM ({' UNION '.join(parts)}) AS f GROUP BY value"
    return [(str(v), int(n)) for v, n in db.execute(sql, src.args * len(columns))]


def facet_counts(
    db: Db,
    flt: EventFilter,
    *,
    dedup: bool = True,
    names: Iterable[str] = FACETS,
    top: int = 12,
    facet_table: bool = True,
) -> dict[str, list[tuple[str, int]]]:
    """Per facet, its ``top`` values among the events matching ``flt`` and their counts.

    Most frequent first, then by value. A happening counts once under each
    value it has: a happening between a government and rebels counts under
    both sectors. A click on a value (the filter of the same name) finds as
    many rows as its count.
    """
    src = _source(db, flt, dedup, facet_table)
    out: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        columns = src.columns(FACETS[name])
        if name == "sector":
            counts = _either_side(db, src, FACETS[name], dedup)
        else:
            # grouped by the columns themselves (an index holds them), merged here
            cols = ", ".join(columns)
            known = " OR ".join(f"{c} IS NOT NULL" for c in columns)
            sql = (
                f"SELECT {cols}, {_count(dedup)} FROM {src.table(cols)}"
                f" WHERE {src.where} AND ({known}) GROUP BY {cols}"
            )
            merged: dict[str, int] = {}
            for *values, n in db.execute(sql, src.args):
                value = str(next(v for v in values if v is not None))
                merged[value] = merged.get(value, 0) + int(n)
            counts = list(merged.items())
        counts = [(v, n) for v, n in counts if v != ""]
        out[name] = sorted(counts, key=lambda item: (-item[1], item[0]))[:top]
    return out


# the happening's place in an order, from its mentions (one type, status and day per happening)
_GROUPED_ORDERS = {
    "date": "MIN(e.day) IS NULL, MIN(e.day), e.happening",
    "confidence": "MAX(e.confidence) IS NULL, MAX(e.confidence) DESC, MIN(e.day) IS NULL,"
    " MIN(e.day), e.happening",
    "type": "MIN(e.type), MIN(e.day) IS NULL, MIN(e.day), e.happening",
}


def _page_ids(
    db: Db, flt: EventFilter, sort: str, limit: int, offset: int, facet_table: bool
) -> list[str]:
    """The ids of one page of happenings matching ``flt``, in the page's order."""
    src = _source(db, flt, True, facet_table)
    source, where, args = src.table(), src.where, src.args
    if sort == "date":
        # streamed in day order (the events_day index): the first page reads a few hundred
        # mentions, not every one, and stops once it has the page's happenings
        seen: dict[str, None] = {}
        for dated in (
            "e.day IS NOT NULL ORDER BY e.day, e.happening",
            "e.day IS NULL ORDER BY e.happening",
        ):
            sql = (
                f"SELECT e.happening FROM {source}"
                f" WHERE {where} AND e.happening IS NOT NULL AND {dated}"
            )
            for (hid,) in db.execute(sql, args):
                seen[hid] = None
                if len(seen) >= offset + limit:
                    return list(seen)[offset:]
        return list(seen)[offset:]
    if sort not in _GROUPED_ORDERS:
        raise ValueError(f"sort must be one of {', '.join(_GROUPED_ORDERS)}")
    sql = (
        f"SELECT e.happening FROM {source} WHERE {where} AND e.happening IS NOT NULL"
        f" GROUP BY e.happening ORDER BY {_GROUPED_ORDERS[sort]} LIMIT ? OFFSET ?"
    )
    return [hid for (hid,) in db.execute(sql, [*args, limit, offset])]


def happening_page(
    db: Db,
    flt: EventFilter,
    *,
    sort: str = "date",
    limit: int = 100,
    offset: int = 0,
    facet_table: bool = True,
) -> list[dict[str, Any]]:
    """One page of happenings matching ``flt``, as ``iter_dedup_events`` rows.

    The same rows as ``iter_dedup_events(db, flt, limit, offset, sort)``, found
    in two steps: the page's happening ids first, then their rows. The one query
    groups (and decodes the evidence of) every matching happening before it
    can cut a page (35 s for the first page of a 100,000-document store). Ties are
    broken by happening id. By dyad, the one query still.
    """
    if sort not in ("date", *_GROUPED_ORDERS):  # dyad: the source and target shown come
        # from each happening's most confident mention, which only the one query picks
        return list(iter_dedup_events(db, flt, limit, offset, sort))
    ids = _page_ids(db, flt, sort, limit, offset, facet_table)
    if not ids:
        return []
    rank = {hid: i for i, hid in enumerate(ids)}
    rows = iter_dedup_events(db, replace(flt, happenings=ids))
    return sorted(rows, key=lambda row: rank.get(row["happening"], len(rank)))


@dataclass(slots=True)
class Place:
    """One point of the map: a place and its happenings (or mentions) per quad class."""

    name: str
    name_ar: str
    country: str
    lat: float
    lon: float
    quads: dict[int, int] = field(default_factory=dict)  # quad class (0: none) -> count

    @property
    def total(self) -> int:
        return sum(self.quads.values())

    @property
    def quad(self) -> int:
        """The most frequent quad class (the lower on a tie), 0 when none is known."""
        known = {q: n for q, n in self.quads.items() if q}
        return min(known, key=lambda q: (-known[q], q)) if known else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "name_ar": self.name_ar, "country": self.country,
            "lat": self.lat, "lon": self.lon, "total": self.total, "quad": self.quad,
            "quads": {str(q): n for q, n in sorted(self.quads.items())},
        }  # fmt: skip


def places(
    db: Db, flt: EventFilter, *, dedup: bool = True, limit: int = 500, facet_table: bool = True
) -> list[Place]:
    """The places of the events matching ``flt`` that have coordinates, most events first.

    One point per place name and position (rounded to 0.01 degree, about
    1 km), as each mention names it: a country drawn at its capital and the
    capital itself are two points. A point counts what the filter
    ``place=NAME`` finds, so that a click on it lists its count of rows; a
    happening reported at a city by one outlet and at its country by another
    is counted at both.
    """
    src = _source(db, flt, dedup, facet_table)
    rnd = db.dialect.round
    columns = (
        f"{rnd('e.lat', 2)}, {rnd('e.lon', 2)}, e.place_name, e.place_name_ar, e.place_country"
    )
    sql = f"""
        SELECT {columns}, COALESCE(e.quad, 0), {_count(dedup)}
        FROM {src.table()}
        WHERE {src.where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
              AND COALESCE(e.place_name, e.place_name_ar) IS NOT NULL
        GROUP BY {columns}, COALESCE(e.quad, 0)"""
    found: dict[tuple[Any, ...], Place] = {}
    for plat, plon, pname, pname_ar, pcountry, quad, n in db.execute(sql, src.args):
        key = (plat, plon, pname, pname_ar, pcountry)
        place = found.get(key)
        if place is None:
            place = found[key] = Place(
                pname or "", pname_ar or "", pcountry or "", float(plat), float(plon)
            )
        place.quads[int(quad)] = place.quads.get(int(quad), 0) + int(n)
    ranked = sorted(found.values(), key=lambda p: (-p.total, p.name, p.name_ar, p.lat, p.lon))
    return ranked[:limit]


def actor_list(db: Db, *, names: int = 3) -> list[dict[str, Any]]:
    """Every actor code in events or actors: its happenings, mentions and commonest names.

    Each row: ``code``, ``happenings`` and ``events`` (as source or target,
    each counted once), ``mentions`` (actors of documents coded so), and
    ``names`` / ``names_ar``, the ``names`` commonest of each. Most happenings first.
    """
    table: dict[str, dict[str, Any]] = {}

    def row(code: str) -> dict[str, Any]:
        return table.setdefault(
            code,
            {"code": code, "happenings": 0, "events": 0, "mentions": 0, "names": [],
             "names_ar": []},
        )  # fmt: skip

    columns = (
        "COALESCE(e.source_country, e.source_org)",
        "COALESCE(e.target_country, e.target_org)",
    )
    for key, dedup in (("happenings", True), ("events", False)):
        for code, n in _either_side(db, _source(db, EventFilter(), dedup), columns, dedup):
            row(code)[key] = n
    named = """
        SELECT COALESCE(a.country, a.org) AS code, a.name, a.name_ar, COUNT(*) AS n
        FROM actors a WHERE COALESCE(a.country, a.org) IS NOT NULL
        GROUP BY COALESCE(a.country, a.org), a.name, a.name_ar
        ORDER BY n DESC, a.name NULLS FIRST, a.name_ar NULLS FIRST"""
    for code, name, name_ar, n in db.execute(named):
        entry = row(str(code))
        entry["mentions"] += int(n)
        for key, value in (("names", name), ("names_ar", name_ar)):
            if value and value not in entry[key] and len(entry[key]) < names:
                entry[key].append(value)
    return sorted(table.values(), key=lambda r: (-r["happenings"], -r["mentions"], r["code"]))


def actor_known(db: Db, code: str) -> bool:
    """Whether any event or actor of the store carries ``code`` (a country or org code)."""
    code = code.upper()
    in_events = db.execute(
        "SELECT 1 FROM events e WHERE e.source_country = ? OR e.source_org = ?"
        " OR e.target_country = ? OR e.target_org = ? LIMIT 1",
        [code] * 4,
    ).fetchone()
    if in_events:
        return True
    in_actors = db.execute(
        "SELECT 1 FROM actors a WHERE a.country = ? OR a.org = ? LIMIT 1", [code] * 2
    ).fetchone()
    return in_actors is not None


__all__ = [
    "FACETS", "Place", "actor_known", "actor_list", "count_events", "facet_counts",
    "happening_page", "places",
]  # fmt: skip
