"""Opening the database: pragmas, numbered migrations, and SQLite errors as StoreError.

Each migration runs in its own ``BEGIN IMMEDIATE`` transaction together with
the ``PRAGMA user_version`` bump, so a crash leaves the schema at a numbered
version, never half-way between two.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hadath.errors import InputError, StoreError
from hadath.store.normalize import fold

_CHILD = "doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL"

# One row per happening (hadath.store.happenings); a later document that places it more
# precisely (a city rather than a country) updates its place.
UPSERT_HAPPENING = """INSERT INTO happenings
    (id, type, status, day, parties, place_name, place_name_ar, place_country, lat, lon,
     place_rank) VALUES (?,?,?,?,?,?,?,?,?,?,?)
    ON CONFLICT(id) DO UPDATE SET place_name = excluded.place_name,
        place_name_ar = excluded.place_name_ar, place_country = excluded.place_country,
        lat = excluded.lat, lon = excluded.lon, place_rank = excluded.place_rank
    WHERE excluded.place_rank > happenings.place_rank"""


def happening_row(h: Any) -> tuple[Any, ...]:
    """The ``happenings`` row of a :class:`hadath.store.happenings.Happening`."""
    place = h.place or {}
    return (
        h.id, h.type, h.status, h.day, " ".join(h.parties) or None, place.get("name"),
        place.get("name_ar"), place.get("country"), place.get("lat"), place.get("lon"),
        h.place_rank,
    )  # fmt: skip


def backfill_happenings(conn: Any, mark: str = "?") -> None:
    """Give the events of a store made before happenings their happening (migration 2 of both
    backends; ``mark`` is the driver's parameter placeholder: ``?`` for sqlite3, ``%s`` for
    psycopg)."""
    from hadath.store.happenings import assign

    update = f"UPDATE events SET happening = {mark} WHERE doc = {mark} AND idx = {mark}"
    upsert = UPSERT_HAPPENING.replace("?", mark)
    rows = conn.execute("SELECT rowid, record FROM documents ORDER BY rowid").fetchall()
    for rowid, record in rows:
        try:
            found = assign(json.loads(record))
        except (ValueError, TypeError, AttributeError):
            continue  # a record the store could flatten but not group: its events stay single
        for idx, h in enumerate(found):
            conn.execute(update, (h.id, rowid, idx))
            conn.execute(upsert, happening_row(h))


# The facet table: per document, one row per happening and distinct set of the values the
# analyst's aggregates count and filter by (an event without a happening has a row of its own),
# with its first event (idx) and its mentions' highest confidence. It answers the totals,
# facets, map places, timeline and page order of the events page without reading the wide
# events table (hadath.store.facets); a happening counts once however many rows it has.
FACET_VALUES = (
    "type", "status", "day", "quad", "goldstein", "source_country", "source_org",
    "source_sector", "target_country", "target_org", "target_sector", "place_name",
    "place_name_ar", "place_country", "lat", "lon",
)  # fmt: skip
FACET_COLUMNS = ("doc", "idx", "happening", *FACET_VALUES, "outlet", "confidence")


def facet_backfill(folded: tuple[str, ...] = ()) -> str:
    """Migration 3's fill of ``happening_facets`` from the stored events (and, on PostgreSQL,
    the ``folded`` copies of place names the events table keeps)."""
    values = [f"e.{c}" for c in FACET_VALUES]
    copies = [f"e.{c}" for c in folded]
    return f"""INSERT INTO happening_facets ({", ".join(FACET_COLUMNS + folded)})
        SELECT e.doc, MIN(e.idx), e.happening, {", ".join(values)},
               d.outlet, MAX(e.confidence){"".join(f", {c}" for c in copies)}
        FROM events e JOIN documents d ON d.rowid = e.doc
        GROUP BY e.doc, e.happening, CASE WHEN e.happening IS NULL THEN e.idx END,
                 {", ".join(values + copies)}, d.outlet"""


# the filters and orders of the analyst's pages (hadath.store.facets)
FACET_INDEXES = (
    "CREATE INDEX happening_facets_doc ON happening_facets(doc, idx)",
    "CREATE INDEX happening_facets_day ON happening_facets(day, happening)",
    "CREATE INDEX happening_facets_type ON happening_facets(type, day)",
    "CREATE INDEX happening_facets_happening ON happening_facets(happening)",
    "CREATE INDEX happening_facets_source_country ON happening_facets(source_country)",
    "CREATE INDEX happening_facets_target_country ON happening_facets(target_country)",
    "CREATE INDEX happening_facets_source_org ON happening_facets(source_org)",
    "CREATE INDEX happening_facets_target_org ON happening_facets(target_org)",
    "CREATE INDEX happening_facets_place_country ON happening_facets(place_country)",
    "CREATE INDEX happening_facets_outlet ON happening_facets(outlet)",
)

# Migration 4: indexes that hold each facet's columns and the happening, so that a facet of
# the whole store reads its index alone (no table row per entry), replacing the one-column
# indexes they start with; and the count of the store's changes (hadath.store.cache).
COVERING_INDEXES = (
    "DROP INDEX happening_facets_source_country",
    "DROP INDEX happening_facets_target_country",
    "DROP INDEX happening_facets_outlet",
    "CREATE INDEX happening_facets_type_happening ON happening_facets(type, happening)",
    "CREATE INDEX happening_facets_status ON happening_facets(status, happening)",
    "CREATE INDEX happening_facets_source ON happening_facets(source_country, source_org,"
    " happening)",
    "CREATE INDEX happening_facets_target ON happening_facets(target_country, target_org,"
    " happening)",
    "CREATE INDEX happening_facets_source_sector ON happening_facets(source_sector, happening,"
    " doc, idx)",
    "CREATE INDEX happening_facets_target_sector ON happening_facets(target_sector, happening,"
    " doc, idx)",
    "CREATE INDEX happening_facets_place ON happening_facets(place_name, place_name_ar, happening)",
    "CREATE INDEX happening_facets_outlet ON happening_facets(outlet, happening)",
    "CREATE INDEX happening_facets_map ON happening_facets(lat, lon, place_name, place_name_ar,"
    " place_country, quad, happening)",
)
# one row: how many writes have stored something (bumped in each write's transaction)
CHANGES = "SELECT n FROM store_changes WHERE id = 1"
BUMP_CHANGES = "UPDATE store_changes SET n = n + 1 WHERE id = 1"

Step = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    # 1: documents and their parts
    (
        """CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            text_hash TEXT NOT NULL UNIQUE,
            title TEXT, language TEXT, published TEXT, outlet TEXT,
            path TEXT, url TEXT, format TEXT,
            n_events INTEGER NOT NULL DEFAULT 0,
            record TEXT NOT NULL,
            added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))""",
        "CREATE INDEX documents_published ON documents(published)",
        "CREATE INDEX documents_outlet ON documents(outlet)",
        f"CREATE TABLE segments ({_CHILD}, kind TEXT, lang TEXT, start INTEGER, end INTEGER)",
        f"""CREATE TABLE actors ({_CHILD}, name TEXT, name_ar TEXT, kind TEXT,
            country TEXT, sector TEXT, org TEXT, role TEXT, kb TEXT, mentions INTEGER)""",
        "CREATE INDEX actors_country ON actors(country, sector)",
        "CREATE INDEX actors_org ON actors(org)",
        "CREATE INDEX actors_kb ON actors(kb)",
        f"""CREATE TABLE events ({_CHILD},
            type TEXT, mode TEXT, cameo TEXT, cameo_used TEXT, quad INTEGER, goldstein REAL,
            source_actor INTEGER, source_country TEXT, source_org TEXT, source_sector TEXT,
            source_start INTEGER, source_end INTEGER,
            target_actor INTEGER, target_country TEXT, target_org TEXT, target_sector TEXT,
            target_start INTEGER, target_end INTEGER,
            status TEXT, date TEXT, date_from TEXT, day TEXT,
            place_name TEXT, place_name_ar TEXT, place_country TEXT, lat REAL, lon REAL,
            sentence INTEGER, sentence_start INTEGER, sentence_end INTEGER, sentence_text TEXT,
            trigger_start INTEGER, trigger_end INTEGER, rule TEXT, confidence REAL)""",
        "CREATE INDEX events_doc ON events(doc)",
        "CREATE INDEX events_day ON events(day)",
        "CREATE INDEX events_type ON events(type, day)",
        "CREATE INDEX events_source_country ON events(source_country, day)",
        "CREATE INDEX events_target_country ON events(target_country, day)",
        "CREATE INDEX events_source_org ON events(source_org)",
        "CREATE INDEX events_target_org ON events(target_org)",
        "CREATE INDEX events_place_country ON events(place_country)",
        f"""CREATE TABLE quotes ({_CHILD}, speaker_actor INTEGER, speaker_country TEXT,
            speaker_org TEXT, speaker_sector TEXT, speaker_code TEXT, kind TEXT,
            start INTEGER, end INTEGER, text TEXT, cue_start INTEGER, cue_end INTEGER,
            sentence INTEGER)""",
        "CREATE INDEX quotes_doc ON quotes(doc)",
        "CREATE INDEX quotes_speaker ON quotes(speaker_code)",
        f"""CREATE TABLE claims ({_CHILD}, start INTEGER, end INTEGER, value REAL,
            value_max REAL, unit TEXT, qualifier TEXT, speaker INTEGER, text TEXT,
            sentence INTEGER)""",
        "CREATE INDEX claims_doc ON claims(doc)",
        # Folded copies of title, text and quotes; rowid = documents.rowid.
        """CREATE VIRTUAL TABLE search USING fts5(
            title, body, quotes, tokenize = 'unicode61 remove_diacritics 2')""",
    ),
    # 2: happenings, each event mention pointing at one
    (
        "ALTER TABLE events ADD COLUMN happening TEXT",
        "CREATE INDEX events_happening ON events(happening)",
        """CREATE TABLE happenings (
            id TEXT PRIMARY KEY, type TEXT, status TEXT, day TEXT, parties TEXT,
            place_name TEXT, place_name_ar TEXT, place_country TEXT, lat REAL, lon REAL,
            place_rank INTEGER NOT NULL DEFAULT 0)""",
        backfill_happenings,
    ),
    # 3: the facet table, filled from the stored events
    (
        f"""CREATE TABLE happening_facets (
            {_CHILD}, happening TEXT, type TEXT, status TEXT, day TEXT, quad INTEGER,
            goldstein REAL, source_country TEXT, source_org TEXT, source_sector TEXT,
            target_country TEXT, target_org TEXT, target_sector TEXT, place_name TEXT,
            place_name_ar TEXT, place_country TEXT, lat REAL, lon REAL, outlet TEXT,
            confidence REAL)""",
        facet_backfill(),
        *FACET_INDEXES,
    ),
    # 4: covering indexes for the facets, and the count of changes
    (
        *COVERING_INDEXES,
        "CREATE TABLE store_changes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)",
        "INSERT INTO store_changes VALUES (1, 0)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """Translate an SQLite error into a StoreError a user can act on."""
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        problem = "database is locked by another process; try again when it has finished"
    elif name.startswith("SQLITE_READONLY") or "readonly" in text:
        problem = "database is read-only (check the file and folder permissions)"
    elif name.startswith("SQLITE_FULL") or "full" in text:
        problem = "disk or database is full; free some space and re-run (nothing was lost)"
    elif name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text:
        problem = "not a hadath database, or the file is damaged"
    elif name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        problem = "cannot open the database file (missing folder or no permission)"
    else:
        problem = f"database error: {text}"
    return StoreError(path, problem)


@contextmanager
def translated(path: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc
    except UnicodeEncodeError:
        # SQLite takes UTF-8: a lone surrogate (bytes of a command-line argument that are
        # not UTF-8) cannot reach it. That is the caller's input, not the store's fault.
        raise InputError(
            path, "a query or value holds text that is not valid UTF-8 (a lone surrogate)"
        ) from None


def _sql_fold(text: object) -> str | None:
    return fold(text) if isinstance(text, str) else None


def connect(path: str | Path, *, readonly: bool, timeout: float) -> sqlite3.Connection:
    """Open (and when writable, create or migrate) the store at ``path``."""
    where = str(path)
    if readonly and not Path(path).exists():
        raise StoreError(where, "no such database")
    with translated(where):
        if readonly:
            conn, version = _open_readonly(Path(path), timeout)
        else:
            conn = sqlite3.connect(where, timeout=timeout, isolation_level=None)
        try:
            conn.create_function("hadath_fold", 1, _sql_fold, deterministic=True)
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(where, f"made by a newer hadath (schema {version})")
            if readonly:
                if version < SCHEMA_VERSION:
                    raise StoreError(where, "schema is out of date; open it once for writing")
            else:
                if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                    raise StoreError(where, "cannot switch the database to WAL mode")
                # WAL + NORMAL keeps every committed batch across a killed process.
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn, version)
        except BaseException:
            conn.close()
            raise
    return conn


def _open_readonly(path: Path, timeout: float) -> tuple[sqlite3.Connection, int]:
    """A read-only connection and the schema version, even where nothing can be written.

    A WAL store read with ``mode=ro`` still needs its ``-shm`` file, which SQLite
    cannot create on a read-only mount, in a folder it may not write, or on a
    full disk. Then the store is opened ``immutable`` (no locks, no shared
    memory), which is right when nobody can be writing it either: the one case
    refused is a write-ahead log still holding changes, which immutable would
    not see.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout, isolation_level=None)
    try:
        return conn, conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        if not name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR")):
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            str(path),
            "cannot be read here: it is read-only and its write-ahead log "
            f"({wal.name}) holds changes not yet in the file; open it once where it can be "
            "written (any hadath command that writes, or sqlite3 'PRAGMA wal_checkpoint')",
        )
    conn = sqlite3.connect(
        uri + "?mode=ro&immutable=1", uri=True, timeout=timeout, isolation_level=None
    )
    try:
        return conn, conn.execute("PRAGMA user_version").fetchone()[0]
    except BaseException:
        conn.close()
        raise


# ANALYZE reads this many rows of each index at most: statistics good enough for the planner
# in well under a second, however large the store
ANALYSIS_LIMIT = 2000


def analyze(conn: sqlite3.Connection) -> None:
    """Refresh the planner's statistics (after migrations and large ingests): without them,
    or with those of a nearly empty store, SQLite may scan a table an index would narrow."""
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT:d}")
    conn.execute("ANALYZE")


def migrate(conn: sqlite3.Connection, version: int) -> None:
    if version < SCHEMA_VERSION:
        _migrate(conn, version)
        analyze(conn)


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for number, statements in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another writer may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in statements:
                if callable(statement):
                    statement(conn)
                else:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
