"""Read-only queries over a store connection, shared by the CLI, the HTTP API and web pages.

Every function takes an open store connection (a :class:`~hadath.store.dialect.Db`, SQLite or
PostgreSQL) and plain filter values, builds parameterised SQL only, and returns (or yields)
plain dicts; the same query gives the same rows on both backends.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from hadath.errors import UsageError
from hadath.store.cameo import QUAD_NAMES
from hadath.store.dialect import SQLITE, Db, Dialect
from hadath.store.normalize import fold, fold_with_map
from hadath.store.rows import quoted_text

_LAST = "\U0010ffff"  # appended to --until so "2016-03" includes every day of March

EVENT_COLUMNS = (
    "d.id AS doc_id, e.idx AS event, e.type, e.mode, e.cameo, e.cameo_used, e.quad, e.goldstein,"
    " e.source_actor, e.source_country, e.source_org, e.source_sector,"
    " e.source_start, e.source_end,"
    " e.target_actor, e.target_country, e.target_org, e.target_sector,"
    " e.target_start, e.target_end,"
    " e.status, e.date, e.date_from, e.day, e.place_name, e.place_name_ar, e.place_country,"
    " e.lat, e.lon, e.sentence, e.sentence_start, e.sentence_end, e.sentence_text,"
    " e.trigger_start, e.trigger_end, e.rule, e.confidence, e.happening, d.title"
)
QUOTE_COLUMNS = (
    "d.id AS doc_id, q.idx AS quote, q.speaker_actor, q.speaker_country, q.speaker_org,"
    " q.speaker_sector, q.speaker_code, q.kind, q.start, q.end, q.text, q.cue_start, q.cue_end,"
    " q.sentence, d.published"
)
ACTOR_COLUMNS = (
    "d.id AS doc_id, a.idx AS actor, a.name, a.name_ar, a.kind, a.country, a.sector, a.org,"
    " a.role, a.kb, a.mentions"
)
CLAIM_COLUMNS = (
    "d.id AS doc_id, c.idx AS claim, c.start, c.end, c.value, c.value_max, c.unit,"
    " c.qualifier, c.speaker, c.text, c.sentence"
)
DOCUMENT_COLUMNS = (
    "d.id, d.title, d.language, d.published, d.outlet, d.path, d.url, d.format,"
    " d.n_events, d.text_hash, d.added"
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Event filters; codes match a country (ISO alpha-3) or an org code (UN, ISIL...)."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None  # as source or target
    sector: str | None = None  # as source or target
    source_sector: str | None = None
    target_sector: str | None = None
    type: str | Sequence[str] | None = None
    status: str | Sequence[str] | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None  # place country code or name (English or Arabic)
    text: str | None = None  # words in the event's sentence (Arabic-folded)
    doc: str | None = None
    min_confidence: float | None = None  # events at least this confident (0-1)
    dyad: str | Sequence[str] | None = None  # "A,B": from A to B or from B to A
    outlet: str | None = None  # the document's outlet, as stored
    happenings: Sequence[str] | None = None  # these happenings' mentions only

    @property
    def facet_table(self) -> bool:
        """Whether the facet table (``happening_facets``) holds every value this filter needs:
        all but the sentence's words and the document's id."""
        return not self.text and not self.doc

    def where(self, dialect: Dialect = SQLITE, outlet: str = "d.outlet") -> tuple[str, list[Any]]:
        """SQL condition over ``events e`` (joined to ``documents d``) and its parameters.

        The same condition holds over ``happening_facets e`` (for a filter whose
        ``facet_table`` is true), given its own ``outlet`` column, ``e.outlet``.
        """
        sql: list[str] = ["TRUE"]
        args: list[Any] = []

        def party(side: str, code: str) -> None:
            sql.append(f"(e.{side}_country = ? OR e.{side}_org = ?)")
            args.extend([code.upper(), code.upper()])

        def one_of(column: str, values: str | Sequence[str]) -> None:
            items = [values] if isinstance(values, str) else list(values)
            items = [v.strip() for item in items for v in item.split(",") if v.strip()]
            sql.append(f"{column} IN ({','.join('?' * len(items))})")
            args.extend(items)

        if self.source:
            party("source", self.source)
        if self.target:
            party("target", self.target)
        if self.actor:
            code = self.actor.upper()
            sql.append(
                "(e.source_country = ? OR e.source_org = ? OR e.target_country = ?"
                " OR e.target_org = ?)"
            )
            args.extend([code] * 4)
        if self.sector:
            sql.append("(e.source_sector = ? OR e.target_sector = ?)")
            args.extend([self.sector.upper()] * 2)
        if self.source_sector:
            sql.append("e.source_sector = ?")
            args.append(self.source_sector.upper())
        if self.target_sector:
            sql.append("e.target_sector = ?")
            args.append(self.target_sector.upper())
        if self.type:
            one_of("e.type", [self.type.upper()] if isinstance(self.type, str) else self.type)
        if self.status:
            one_of("e.status", self.status)
        if self.since:
            sql.append("e.day >= ?")
            args.append(self.since)
        if self.until:
            sql.append("e.day <= ?")
            args.append(self.until + _LAST)
        if self.place:
            sql.append(
                f"(e.place_country = ? OR {dialect.fold('e.place_name')} = ?"
                f" OR {dialect.fold('e.place_name_ar')} = ?)"
            )
            args.extend([self.place.upper(), fold(self.place), fold(self.place)])
        if self.text:
            sql.append(dialect.contains(dialect.fold("e.sentence_text")))
            args.append(fold(self.text))
        if self.doc:
            sql.append("d.id = ?")
            args.append(self.doc)
        if self.dyad:
            items = self.dyad.split(",") if isinstance(self.dyad, str) else list(self.dyad)
            codes = [c.strip().upper() for c in items if c.strip()]
            if len(codes) != 2:
                raise ValueError("dyad must name two codes, A,B")
            a, b = codes
            sql.append(
                "(((e.source_country = ? OR e.source_org = ?) AND (e.target_country = ?"
                " OR e.target_org = ?)) OR ((e.source_country = ? OR e.source_org = ?)"
                " AND (e.target_country = ? OR e.target_org = ?)))"
            )
            args.extend([a, a, b, b, b, b, a, a])
        if self.outlet:
            sql.append(f"{outlet} = ?")
            args.append(self.outlet)
        if self.happenings is not None:
            ids = list(self.happenings) or [""]
            sql.append(f"e.happening IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        if self.min_confidence is not None:
            sql.append("e.confidence >= ?")
            args.append(float(self.min_confidence))
        return " AND ".join(sql), args


def _dicts(cursor: Any) -> Iterator[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None:
        return "", []
    return " LIMIT ? OFFSET ?", [max(0, int(limit)), max(0, int(offset))]


# dated events first: an undated event sorts after every date
ORDERS = {
    "date": "e.day IS NULL, e.day, e.doc, e.idx",
    "confidence": "e.confidence DESC NULLS LAST, e.day IS NULL, e.day, e.doc, e.idx",
    "type": "e.type NULLS FIRST, e.day IS NULL, e.day, e.doc, e.idx",
    "dyad": "COALESCE(e.source_country, e.source_org) NULLS LAST,"
    " COALESCE(e.target_country, e.target_org) NULLS FIRST, e.day IS NULL, e.day, e.doc, e.idx",
}


# An event's place in store order as one number, doc * _ROW + idx (a document has fewer
# than 2^20 events: the reader refuses texts past 500,000 characters).
_ROW = 1 << 20


def _order(sort: str) -> str:
    if sort not in ORDERS:
        raise ValueError(f"sort must be one of {', '.join(ORDERS)}")
    return ORDERS[sort]


def iter_events(
    db: Db,
    flt: EventFilter,
    limit: int | None = None,
    offset: int = 0,
    sort: str = "date",
) -> Iterator[dict[str, Any]]:
    """Event mentions, oldest first (``sort="date"``) or most confident first."""
    where, args = flt.where(db.dialect)
    page, pargs = _page(limit, offset)
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.rowid = e.doc"
        f" WHERE {where} ORDER BY {_order(sort)}{page}"
    )
    yield from _dicts(db.execute(sql, args + pargs))


def iter_dedup_events(
    db: Db,
    flt: EventFilter,
    limit: int | None = None,
    offset: int = 0,
    sort: str = "date",
) -> Iterator[dict[str, Any]]:
    """One row per happening with a mention matching ``flt``, every mention as evidence.

    A happening (``hadath.store.happenings``) is one type, status, pair of
    parties in either order and day: a mutual act (A -> B and B -> A from the
    same words) and the same act mentioned in several sentences or documents
    are one row. Its columns are those of its most confident mention (the
    first in store order among equals), with the happening's place,
    ``mentions``, ``documents``, ``parties``, ``mutual`` (mentions run both
    ways) and ``evidence`` (each mention's document, event, sentence, trigger,
    source, target and confidence).
    """
    where, args = flt.where(db.dialect)
    page, pargs = _page(limit, offset)
    order = {
        "date": "e.day IS NULL, e.day, d.id, e.idx",
        "confidence": "agg.confidence DESC NULLS LAST, e.day IS NULL, e.day, d.id, e.idx",
        "type": "e.type NULLS FIRST, e.day IS NULL, e.day, d.id, e.idx",
        "dyad": "source NULLS LAST, target NULLS FIRST, e.day IS NULL, e.day, d.id, e.idx",
    }
    if sort not in order:
        raise ValueError(f"sort must be one of {', '.join(order)}")
    # hit: the happenings with a matching mention; agg: their counts; pick: the first (doc,
    # idx) of the most confident mentions, the row the columns come from (SQLite would take
    # them as bare columns beside MAX(), PostgreSQL has none, and a window is twice as slow on
    # SQLite); the evidence is gathered per happening in the select list, for the rows shown.
    sql = f"""
        WITH hit AS (
            SELECT DISTINCT e.happening FROM events e JOIN documents d ON d.rowid = e.doc
            WHERE {where}),
        agg AS (
            SELECT e.happening, MAX(e.confidence) AS confidence, COUNT(*) AS mentions,
                   COUNT(DISTINCT e.doc) AS documents
            FROM events e
            WHERE e.happening IN (SELECT happening FROM hit)
            GROUP BY e.happening),
        pick AS (
            SELECT agg.happening, MIN(e.doc * {_ROW} + e.idx) AS first
            FROM agg JOIN events e ON e.happening = agg.happening
            WHERE e.confidence = agg.confidence OR agg.confidence IS NULL
            GROUP BY agg.happening)
        SELECT e.happening, e.day, e.type, e.status, e.mode,
               COALESCE(e.source_country, e.source_org) AS source,
               COALESCE(e.target_country, e.target_org) AS target,
               e.source_country, e.source_org, e.source_sector,
               e.target_country, e.target_org, e.target_sector,
               e.cameo_used AS cameo, e.cameo_used, e.quad, e.goldstein, e.rule,
               COALESCE(h.place_name, e.place_name) AS place_name,
               COALESCE(h.place_name_ar, e.place_name_ar) AS place_name_ar,
               COALESCE(h.place_country, e.place_country) AS place_country,
               COALESCE(h.lat, e.lat) AS lat, COALESCE(h.lon, e.lon) AS lon,
               h.parties, d.id AS doc_id, d.title, e.idx AS event, e.sentence, e.sentence_text,
               e.sentence_start, e.trigger_start, e.trigger_end, agg.confidence,
               agg.mentions, agg.documents,
               (SELECT {db.dialect.evidence()} FROM events e JOIN documents d ON d.rowid = e.doc
                WHERE e.happening = pick.happening) AS evidence
        FROM pick JOIN agg ON agg.happening = pick.happening
             JOIN events e ON e.doc = pick.first / {_ROW} AND e.idx = pick.first % {_ROW}
             JOIN documents d ON d.rowid = e.doc
             LEFT JOIN happenings h ON h.id = e.happening
        ORDER BY {order[sort]}{page}"""
    import json  # local: only this query decodes JSON

    for row in _dicts(db.execute(sql, args + pargs)):
        if isinstance(row["evidence"], str):  # SQLite gives JSON text, psycopg the value
            row["evidence"] = json.loads(row["evidence"])
        pairs = {(m["source"], m["target"]) for m in row["evidence"]}
        row["mutual"] = any((b, a) in pairs for a, b in pairs if a and b and a != b)
        row["parties"] = (row["parties"] or "").split()
        yield row


def iter_happenings(db: Db, flt: EventFilter) -> Iterator[list[dict[str, Any]]]:
    """Every mention of each happening with a mention matching ``flt``, one list per happening.

    Oldest first (undated first, as SQLite sorts NULL); each mention is an
    ``iter_events`` row plus the happening's place (``h_place_name``,
    ``h_place_name_ar``, ``h_place_country``, ``h_lat``, ``h_lon``). Streamed:
    one happening's mentions in memory at a time.
    """
    where, args = flt.where(db.dialect)
    sql = f"""
        SELECT {EVENT_COLUMNS}, h.place_name AS h_place_name, h.place_name_ar AS h_place_name_ar,
               h.place_country AS h_place_country, h.lat AS h_lat, h.lon AS h_lon
        FROM events e JOIN documents d ON d.rowid = e.doc
             LEFT JOIN happenings h ON h.id = e.happening
        WHERE e.happening IN (
            SELECT e.happening FROM events e JOIN documents d ON d.rowid = e.doc WHERE {where})
        ORDER BY e.day NULLS FIRST, e.happening, e.doc, e.idx"""
    group: list[dict[str, Any]] = []
    for row in _dicts(db.execute(sql, args)):
        if group and row["happening"] != group[0]["happening"]:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


PERIODS = {
    "day": "substr(e.day, 1, 10)",
    "week": "",  # the Monday: Dialect.week
    "month": "substr(e.day, 1, 7)",
    "year": "substr(e.day, 1, 4)",
}
GROUPS = {
    "dyad": (
        "COALESCE(e.source_country, e.source_org) AS source,"
        " COALESCE(e.target_country, e.target_org) AS target",
        "source, target",
    ),
    "quad": ("e.quad AS quad", "quad"),
    "type": ("e.type AS type", "type"),
}
_NULLS_FIRST = {"dyad": "source NULLS FIRST, target NULLS FIRST", "quad": "quad NULLS FIRST"}


def series(
    db: Db, period: str, by: str, flt: EventFilter, facet_table: bool = True
) -> list[dict[str, Any]]:
    """Happenings and their Goldstein totals per period and dyad (or quad class, or type).

    Each happening counts once (``events``), however many mentions it has, under
    its earliest matching mention's direction, type and score. Read from the
    facet table (``happening_facets``) when it can answer: a filter on neither
    the sentence's words, the document nor confidence (its rows keep their
    first mention and the highest confidence, not which mention that is);
    else, or when ``facet_table`` is false, from the events.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    if by not in GROUPS:
        raise ValueError(f"by must be one of {', '.join(GROUPS)}")
    dialect = db.dialect
    table, joined = "events e", "events e JOIN documents d ON d.rowid = e.doc"
    if facet_table and flt.facet_table and flt.min_confidence is None:
        # a row per happening and set of values, its idx the first of its mentions
        table = joined = "happening_facets e"
        where, args = flt.where(dialect, outlet="e.outlet")
    else:
        where, args = flt.where(dialect)
    select, group = GROUPS[by]
    when = dialect.week("e.day") if period == "week" else PERIODS[period]
    # one row per happening first (its earliest matching mention, by (doc, idx)), then the
    # counts; an event without a happening counts alone
    sql = f"""
        SELECT {when} AS period, {select}, COUNT(*) AS events,
               {dialect.round3("SUM(e.goldstein)")} AS goldstein,
               {dialect.round3("AVG(e.goldstein)")} AS goldstein_mean
        FROM (SELECT MIN(e.doc * {_ROW} + e.idx) AS first
              FROM {joined}
              WHERE e.day IS NOT NULL AND {where}
              GROUP BY COALESCE(e.happening,
                                CAST(e.doc AS TEXT) || ':' || CAST(e.idx AS TEXT))) AS f
        JOIN {table} ON e.doc = f.first / {_ROW} AND e.idx = f.first % {_ROW}
        GROUP BY period, {group}
        ORDER BY period NULLS FIRST, events DESC, {_NULLS_FIRST.get(by, group + " NULLS FIRST")}"""
    rows = list(_dicts(db.execute(sql, args)))
    if by == "quad":
        for row in rows:
            row["quad_name"] = QUAD_NAMES.get(row["quad"])
    return rows


def iter_quotes(
    db: Db,
    *,
    speaker: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    text: str | None = None,
    doc: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    sql, args = ["TRUE"], []
    if speaker:
        sql.append("(q.speaker_country = ? OR q.speaker_org = ?)")
        args += [speaker.upper()] * 2
    if sector:
        sql.append("q.speaker_sector = ?")
        args.append(sector.upper())
    if kind:
        sql.append("q.kind = ?")
        args.append(kind)
    if text:
        sql.append(db.dialect.contains(db.dialect.fold("q.text")))
        args.append(fold(text))
    if doc:
        sql.append("d.id = ?")
        args.append(doc)
    if since:
        sql.append("d.published >= ?")
        args.append(since)
    if until:
        sql.append("d.published <= ?")
        args.append(until + _LAST)
    page, pargs = _page(limit, offset)
    query = (
        f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN documents d ON d.rowid = q.doc"
        f" WHERE {' AND '.join(sql)} ORDER BY q.doc, q.idx{page}"
    )
    yield from _dicts(db.execute(query, args + pargs))


def iter_actors(
    db: Db,
    *,
    country: str | None = None,
    org: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    name: str | None = None,
    doc: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    sql, args = ["TRUE"], []
    for column, value in (("country", country), ("org", org), ("sector", sector)):
        if value:
            sql.append(f"a.{column} = ?")
            args.append(value.upper())
    if kind:
        sql.append("a.kind = ?")
        args.append(kind)
    if name:
        d = db.dialect
        sql.append(f"({d.contains(d.fold('a.name'))} OR {d.contains(d.fold('a.name_ar'))})")
        args += [fold(name)] * 2
    if doc:
        sql.append("d.id = ?")
        args.append(doc)
    page, pargs = _page(limit, offset)
    query = (
        f"SELECT {ACTOR_COLUMNS} FROM actors a JOIN documents d ON d.rowid = a.doc"
        f" WHERE {' AND '.join(sql)} ORDER BY a.doc, a.idx{page}"
    )
    yield from _dicts(db.execute(query, args + pargs))


def iter_claims(
    db: Db, *, doc: str | None = None, limit: int | None = None, offset: int = 0
) -> Iterator[dict[str, Any]]:
    where, args = ("d.id = ?", [doc]) if doc else ("TRUE", [])
    page, pargs = _page(limit, offset)
    query = (
        f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.rowid = c.doc"
        f" WHERE {where} ORDER BY c.doc, c.idx{page}"
    )
    yield from _dicts(db.execute(query, args + pargs))


def documents(db: Db, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    page, pargs = _page(limit, offset)
    cur = db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents d ORDER BY d.rowid{page}", pargs)
    return list(_dicts(cur))


# ---- search -----------------------------------------------------------------

_TERM = re.compile(r'"([^"]*)"|(\w+)(\*?)')
_MARK_IN, _MARK_OUT = "\x02", "\x03"
# Each word costs a pass over its postings and a prefix one over every word it
# begins; 100 one-letter prefixes took 64 s on a store of 2,600 articles.
MAX_TERMS = 32  # different words in one search, phrases counted word by word
MAX_PREFIXES = 8  # of which word* prefixes


def _terms(query: str) -> list[tuple[tuple[str, ...], bool]]:
    """The query's terms, each once and in order: its folded words (one, or a phrase's) and
    whether it is a prefix. More than ``MAX_TERMS`` words or ``MAX_PREFIXES`` prefixes is a
    UsageError naming the query, not a search that holds the store."""
    terms: dict[tuple[tuple[str, ...], bool], None] = {}
    for phrase, word, star in _TERM.findall(fold(query)):
        if word:
            terms.setdefault(((word,), bool(star)))
        elif words := re.findall(r"\w+", phrase):
            terms.setdefault((tuple(words), False))
    n_words = sum(len(words) for words, _ in terms)
    prefixes = sum(star for _, star in terms)
    if n_words > MAX_TERMS:
        raise UsageError("query", f"{n_words} different words; a search takes at most {MAX_TERMS}")
    if prefixes > MAX_PREFIXES:
        raise UsageError(
            "query", f"{prefixes} prefixes (word*); a search takes at most {MAX_PREFIXES}"
        )
    return list(terms)


def fts_query(query: str) -> str:
    """Turn user words into a safe FTS5 query: every term quoted, terms ANDed.

    ``"two words"`` stays a phrase and a trailing ``*`` a prefix; every other
    FTS5 operator or stray quote is treated as plain text. A term given twice
    counts once; more than ``MAX_TERMS`` words or ``MAX_PREFIXES`` prefixes is
    a UsageError naming the query, not a search that holds the store.
    """
    return " AND ".join('"' + " ".join(words) + '"' + ("*" if star else "")
                        for words, star in _terms(query))  # fmt: skip


def _restore(snippet: str, originals: Sequence[str]) -> tuple[str, list[list[int]]]:
    """Map a snippet of folded text back onto the original words and highlight spans."""
    plain, marks, pos = [], [], 0
    for piece in re.split(f"([{_MARK_IN}{_MARK_OUT}])", snippet):
        if piece == _MARK_IN:
            marks.append([pos, pos])
        elif piece == _MARK_OUT and marks:
            marks[-1][1] = pos
        else:
            plain.append(piece)
            pos += len(piece)
    folded_snippet = "".join(plain)
    for original in originals:
        if not original or not folded_snippet:
            continue
        folded = fold(original)
        if len(folded) == len(original):
            where = list(range(len(original)))
        else:
            folded, where = fold_with_map(original)
        at = folded.find(folded_snippet)
        if at < 0:
            continue
        start, end = where[at], where[at + len(folded_snippet) - 1] + 1
        spans = [[where[at + s] - start, where[at + e - 1] + 1 - start] for s, e in marks if e > s]
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(original) else ""
        spans = [[s + len(prefix), e + len(prefix)] for s, e in spans]
        return prefix + original[start:end] + suffix, spans
    return folded_snippet, [m for m in marks if m[1] > m[0]]


# FTS5's snippet() scores every match against every other: its cost grows with the
# square of the matches in one document (8.7 s for 40,000 in a 160 kB text). Longer
# texts get _plain_snippet on either backend, linear: the stretch around the first match.
SNIPPET_MAX_TEXT = 50_000


def _plain_snippet(text: str, query: str) -> tuple[str, list[list[int]]]:
    """The text around the first term of ``query`` found, every term in it marked."""
    terms = [
        r"\s+".join(re.escape(w) for w in words) + (r"\w*" if star else r"\b")
        for words, star in _terms(query)
    ]
    folded, where = fold_with_map(text)
    if not terms or not folded:
        return text[:200], []
    pattern = re.compile(r"\b(?:" + "|".join(terms) + ")")
    found = pattern.search(folded)
    at = found.start() if found else 0
    lo, hi = max(0, at - 60), min(len(folded), at + 140)
    start, end = where[lo], where[hi - 1] + 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    spans = [
        [where[m.start()] - start + len(prefix), where[m.end() - 1] + 1 - start + len(prefix)]
        for m in pattern.finditer(folded, lo, hi)
        if m.end() > m.start()
    ]
    return prefix + text[start:end] + suffix, spans


def search(db: Db, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents matching ``query`` in title, text or quotes, best first.

    SQLite ranks with FTS5's bm25, PostgreSQL with ts_rank over a GIN-indexed
    tsvector; both match the same folded words. Each hit has a ``snippet`` of
    the original text and ``highlights``, the [start, end) spans of matched
    words inside the snippet.
    """
    postgres = db.dialect.postgres
    match = ts_query(query) if postgres else fts_query(query)
    if not match:
        return []
    sql = (_PG_SEARCH if postgres else _SQLITE_SEARCH).format(
        text=db.dialect.record_text("d.record")
    )
    hits = []
    for row in list(_dicts(db.execute(sql, [match, max(0, limit), max(0, offset)]))):
        text = row.pop("text") or ""
        # bm25 is lower-better, ts_rank higher-better: report higher-better
        row["score"] = round(float(row["score"]) * (1 if postgres else -1), 4)
        if postgres:
            folded = [row.pop("f_title") or "", row.pop("f_body") or "", row.pop("f_quotes") or ""]
            if len(text) <= SNIPPET_MAX_TEXT:
                row["snip"] = snippet(folded, query)
        if row.get("snip") is None:  # too long for FTS5's snippet (or ours)
            row.pop("snip", None)
            row["snippet"], row["highlights"] = _plain_snippet(text, query)
            hits.append(row)
            continue
        spans = db.execute(
            'SELECT start, "end" FROM quotes WHERE doc = (SELECT rowid FROM documents WHERE id = ?)'
            " AND text IS NOT NULL",
            [row["id"]],
        ).fetchall()
        row["snippet"], row["highlights"] = _restore(
            row.pop("snip") or "", [row["title"] or "", text, quoted_text(text, spans)]
        )
        hits.append(row)
    return hits


_SQLITE_SEARCH = f"""
    SELECT d.id, d.title, d.language, d.published, d.outlet, d.url,
           bm25(search, 4.0, 1.0, 2.0) AS score,
           CASE WHEN length({{text}}) <= {SNIPPET_MAX_TEXT}
                THEN snippet(search, -1, '{_MARK_IN}', '{_MARK_OUT}', '', 24) END AS snip,
           {{text}} AS text
    FROM search JOIN documents d ON d.rowid = search.rowid
    WHERE search MATCH ? ORDER BY score, d.rowid LIMIT ? OFFSET ?"""
# Title (weight A), quotes (B) and text (D) weighed 4:2:1 as in SQLite's bm25 call; the
# texts are read for the page of hits only, after ranking.
_PG_SEARCH = """
    SELECT d.id, d.title, d.language, d.published, d.outlet, d.url, hit.score,
           s.title AS f_title, s.body AS f_body, s.quotes AS f_quotes, {text} AS text
    FROM (SELECT s.rowid, ts_rank('{{0.25, 0, 0.5, 1}}', s.vector, q.q, 1) AS score
          FROM search s, (SELECT to_tsquery('hadath', ?) AS q) q
          WHERE s.vector @@ q.q ORDER BY score DESC, s.rowid LIMIT ? OFFSET ?) hit
    JOIN documents d ON d.rowid = hit.rowid JOIN search s ON s.rowid = hit.rowid
    ORDER BY hit.score DESC, hit.rowid"""
_WORDS = re.compile(r"\w+")


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def ts_query(query: str) -> str:
    """The same terms as :func:`fts_query` (and the same limits), as PostgreSQL
    ``to_tsquery`` input."""
    parts = []
    for words, star in _terms(query):
        if len(words) == 1:
            parts.append(_lexeme(words[0]) + (":*" if star else ""))
        else:
            parts.append("(" + " <-> ".join(_lexeme(w) for w in words) + ")")
    return " & ".join(parts)


def _plain(word: str) -> str:
    """``word`` without Latin accents, as unaccent and FTS5's remove_diacritics match it."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def snippet(columns: Sequence[str], query: str, size: int = 24) -> str:
    """FTS5's snippet() for PostgreSQL: the ``size`` words of the column (folded title, text,
    quotes) with most matches of ``query``, matched words between the highlight marks."""
    terms: list[tuple[str, bool]] = []
    for phrase, word, star in _TERM.findall(fold(query)):
        if word:
            terms.append((_plain(word), bool(star)))
        else:
            terms += [(_plain(w), False) for w in _WORDS.findall(phrase)]

    def hit(word: str) -> bool:
        word = _plain(word)
        return any(word == t or (prefix and word.startswith(t)) for t, prefix in terms)

    best: tuple[str, list[re.Match[str]], list[int]] = ("", [], [])
    for text in columns:
        tokens = list(_WORDS.finditer(text))
        hits = [i for i, m in enumerate(tokens) if hit(m.group())]
        if len(hits) > len(best[2]) or not best[1]:
            best = (text, tokens, hits)
    text, tokens, hits = best
    if not tokens:
        return ""
    # the window opening 3 words before a hit that holds most hits (the first such);
    # hits are in order, so each window's count is two bisections, not a pass over them
    start, most = 0, -1
    for h in hits:
        first = max(0, min(h - 3, len(tokens) - size))
        count = bisect_left(hits, first + size) - bisect_left(hits, first)
        if count > most:
            start, most = first, count
    end = min(len(tokens), start + size)
    marked = set(hits[bisect_left(hits, start) : bisect_left(hits, end)])
    out, at = [], 0 if start == 0 else tokens[start].start()
    for i in range(start, end):
        if i in marked:
            m = tokens[i]
            out += [text[at : m.start()], _MARK_IN, m.group(), _MARK_OUT]
            at = m.end()
    out.append(text[at : len(text) if end == len(tokens) else tokens[end - 1].end()])
    return "".join(out)
