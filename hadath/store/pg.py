"""The PostgreSQL backend: connecting, numbered migrations, writing a batch, errors.

A store URL (``postgresql://user@host/db``) opens this backend, the same
tables as the SQLite file with PostgreSQL types. Three differences:

- Text columns use the ``"C"`` collation, so that comparisons and ORDER BY
  follow code points as in SQLite.
- The columns the queries match Arabic-aware (an event's sentence and place,
  a quote's text, an actor's names) have a ``COLUMN_folded`` copy written
  with the same :func:`hadath.text.normalize.fold` SQLite calls at query time.
- Search is a ``tsvector`` column under a GIN index, built with the
  ``hadath`` text-search configuration (``simple`` after ``unaccent``, as
  FTS5's ``remove_diacritics``) from the same folded words as the FTS5 table.

Migrations are SQLite's, numbered alike (2 adds the happenings), and run one
per transaction under an advisory lock, recorded in ``hadath_schema``:
concurrent writers opening a new database migrate it once. A store already at
the current version is opened without any DDL, so a role that may only read
and write rows can use a store its owner made. Needs psycopg 3 (``pip install
'hadath[postgres]'``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from hadath.errors import StoreError
from hadath.store.normalize import fold
from hadath.store.rows import EVENT_ROW, DocumentRows
from hadath.store.schema import (
    BUMP_CHANGES,
    COVERING_INDEXES,
    FACET_COLUMNS,
    FACET_INDEXES,
    UPSERT_HAPPENING,
    backfill_happenings,
    facet_backfill,
)

SCHEMES = ("postgresql://", "postgres://")
_LOCK = 0x68616461  # "hada": the advisory lock id under which migrations run

_T = 'TEXT COLLATE "C"'
_I = "BIGINT"
_R = "DOUBLE PRECISION"
_CHILD = f"doc {_I} NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx {_I} NOT NULL"
_KEY = "PRIMARY KEY (doc, idx)"


def _backfill_happenings(conn: Any) -> None:
    """SQLite's migration 2 on psycopg's placeholders."""
    backfill_happenings(conn, "%s")


Step = str | Callable[[Any], None]
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    # 1: documents and their parts, as SQLite's migration 1, and the search index
    (
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE TEXT SEARCH CONFIGURATION hadath (COPY = pg_catalog.simple)",
        "ALTER TEXT SEARCH CONFIGURATION hadath ALTER MAPPING FOR asciiword, word, numword,"
        " asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"
        " WITH unaccent, simple",
        f"""CREATE TABLE documents (
            rowid {_I} GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id {_T} NOT NULL UNIQUE,
            text_hash {_T} NOT NULL UNIQUE,
            title {_T}, language {_T}, published {_T}, outlet {_T},
            path {_T}, url {_T}, format {_T},
            n_events {_I} NOT NULL DEFAULT 0,
            record TEXT NOT NULL,
            added {_T} NOT NULL
                DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))""",
        "CREATE INDEX documents_published ON documents(published)",
        "CREATE INDEX documents_outlet ON documents(outlet)",
        f"""CREATE TABLE segments ({_CHILD}, kind {_T}, lang {_T}, start {_I}, "end" {_I},
            {_KEY})""",
        f"""CREATE TABLE actors ({_CHILD}, name {_T}, name_ar {_T}, kind {_T},
            country {_T}, sector {_T}, org {_T}, role {_T}, kb {_T}, mentions {_I},
            name_folded {_T}, name_ar_folded {_T}, {_KEY})""",
        "CREATE INDEX actors_country ON actors(country, sector)",
        "CREATE INDEX actors_org ON actors(org)",
        "CREATE INDEX actors_kb ON actors(kb)",
        f"""CREATE TABLE events ({_CHILD},
            type {_T}, mode {_T}, cameo {_T}, cameo_used {_T}, quad {_I}, goldstein {_R},
            source_actor {_I}, source_country {_T}, source_org {_T}, source_sector {_T},
            source_start {_I}, source_end {_I},
            target_actor {_I}, target_country {_T}, target_org {_T}, target_sector {_T},
            target_start {_I}, target_end {_I},
            status {_T}, date {_T}, date_from {_T}, day {_T},
            place_name {_T}, place_name_ar {_T}, place_country {_T}, lat {_R}, lon {_R},
            sentence {_I}, sentence_start {_I}, sentence_end {_I}, sentence_text {_T},
            trigger_start {_I}, trigger_end {_I}, rule {_T}, confidence {_R},
            sentence_text_folded {_T}, place_name_folded {_T}, place_name_ar_folded {_T},
            {_KEY})""",
        "CREATE INDEX events_day ON events(day)",
        "CREATE INDEX events_type ON events(type, day)",
        "CREATE INDEX events_source_country ON events(source_country, day)",
        "CREATE INDEX events_target_country ON events(target_country, day)",
        "CREATE INDEX events_source_org ON events(source_org)",
        "CREATE INDEX events_target_org ON events(target_org)",
        "CREATE INDEX events_place_country ON events(place_country)",
        f"""CREATE TABLE quotes ({_CHILD}, speaker_actor {_I}, speaker_country {_T},
            speaker_org {_T}, speaker_sector {_T}, speaker_code {_T}, kind {_T},
            start {_I}, "end" {_I}, text {_T}, cue_start {_I}, cue_end {_I},
            sentence {_I}, text_folded {_T}, {_KEY})""",
        "CREATE INDEX quotes_speaker ON quotes(speaker_code)",
        f"""CREATE TABLE claims ({_CHILD}, start {_I}, "end" {_I}, value {_R},
            value_max {_R}, unit {_T}, qualifier {_T}, speaker {_I}, text {_T},
            sentence {_I}, {_KEY})""",
        # Folded copies of title, text and quotes (for snippets) and their weighted words.
        f"""CREATE TABLE search (
            rowid {_I} PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
            title TEXT, body TEXT, quotes TEXT, vector tsvector NOT NULL)""",
        "CREATE INDEX search_vector ON search USING GIN (vector)",
    ),
    # 2: happenings, each event mention pointing at one (SQLite's migration 2)
    (
        f"ALTER TABLE events ADD COLUMN happening {_T}",
        "CREATE INDEX events_happening ON events(happening)",
        f"""CREATE TABLE happenings (
            id {_T} PRIMARY KEY, type {_T}, status {_T}, day {_T}, parties {_T},
            place_name {_T}, place_name_ar {_T}, place_country {_T}, lat {_R}, lon {_R},
            place_rank {_I} NOT NULL DEFAULT 0)""",
        _backfill_happenings,
    ),
    # 3: the facet table, filled from the stored events (SQLite's migration 3)
    (
        f"""CREATE TABLE happening_facets (
            {_CHILD}, happening {_T}, type {_T}, status {_T}, day {_T}, quad {_I},
            goldstein {_R}, source_country {_T}, source_org {_T}, source_sector {_T},
            target_country {_T}, target_org {_T}, target_sector {_T}, place_name {_T},
            place_name_ar {_T}, place_country {_T}, lat {_R}, lon {_R}, outlet {_T},
            confidence {_R}, place_name_folded {_T}, place_name_ar_folded {_T})""",
        facet_backfill(("place_name_folded", "place_name_ar_folded")),
        *FACET_INDEXES,
        "ANALYZE happening_facets",
    ),
    # 4: covering indexes for the facets, and the count of changes (SQLite's migration 4)
    (
        *COVERING_INDEXES,
        f"CREATE TABLE store_changes (id {_I} PRIMARY KEY CHECK (id = 1), n {_I} NOT NULL)",
        "INSERT INTO store_changes VALUES (1, 0)",
        "ANALYZE happening_facets",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# The columns of each part's rows (hadath.store.rows, in SQLite's column order), then
# their folded copies, and where those come from (index in the row).
_PARTS = {
    "segments": 'idx, kind, lang, start, "end"',
    "actors": "idx, name, name_ar, kind, country, sector, org, role, kb, mentions",
    "events": ", ".join(EVENT_ROW),
    "quotes": (
        "idx, speaker_actor, speaker_country, speaker_org, speaker_sector, speaker_code, kind,"
        ' start, "end", text, cue_start, cue_end, sentence'
    ),
    "claims": 'idx, start, "end", value, value_max, unit, qualifier, speaker, text, sentence',
    "happening_facets": ", ".join(FACET_COLUMNS[1:]),
}
_FOLDED = {
    "events": ("sentence_text", "place_name", "place_name_ar"),
    "quotes": ("text",),
    "actors": ("name", "name_ar"),
    "happening_facets": ("place_name", "place_name_ar"),
}
_UPSERT_HAPPENING = UPSERT_HAPPENING.replace("?", "%s")
_INSERT_DOC = (
    "INSERT INTO documents (id, text_hash, title, language, published, outlet, path,"
    " url, format, n_events, record) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
    " ON CONFLICT DO NOTHING RETURNING rowid"
)
_INSERT_SEARCH = (
    "INSERT INTO search (rowid, title, body, quotes, vector) VALUES (%s, %s, %s, %s,"
    " setweight(to_tsvector('hadath', %s), 'A') || setweight(to_tsvector('hadath', %s), 'B')"
    " || setweight(to_tsvector('hadath', %s), 'D'))"
)
_WORD = re.compile(r"\w+")


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def display(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _insert(table: str) -> str:
    names = _PARTS[table] + "".join(f", {c}_folded" for c in _FOLDED.get(table, ()))
    marks = ",".join(["%s"] * (names.count(",") + 2))  # doc and the names
    return f"INSERT INTO {table} (doc, {names}) VALUES ({marks})"


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise ImportError("psycopg") from exc
    return psycopg


def store_error(where: str, exc: Exception) -> StoreError:
    """Translate a psycopg error into a StoreError a user can act on."""
    psycopg = _driver()
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        problem = f"permission denied ({text}); ask the database owner for access"
    elif isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        problem = "database is read-only"
    elif isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.DeadlockDetected):
        problem = "database is locked by another writer; try again when it has finished"
    elif isinstance(exc, psycopg.errors.DiskFull):
        problem = "disk or database is full; free some space and re-run (nothing was lost)"
    elif isinstance(exc, psycopg.OperationalError):
        problem = f"cannot use the PostgreSQL server: {text}"
    else:
        problem = f"database error: {text}"
    return StoreError(where, problem)


@contextmanager
def translated(where: str) -> Iterator[None]:
    psycopg = _driver()
    try:
        yield
    except psycopg.Error as exc:
        raise store_error(where, exc) from exc


def _needed_driver(where: str) -> Any:
    """psycopg, or a StoreError naming the store and the extra to install."""
    try:
        return _driver()
    except ImportError:
        raise StoreError(
            where, "a PostgreSQL store needs psycopg: pip install 'hadath[postgres]'"
        ) from None


def connect(url: str, *, readonly: bool, timeout: float) -> Any:
    """Open (and when writable, create or migrate) the store at ``url``."""
    where = display(url)
    psycopg = _needed_driver(where)
    with translated(where):
        conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, round(timeout)))
        # a read-only store is a read-only session: the server refuses every write
        try:
            version = _version(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(where, f"made by a newer hadath (schema {version})")
            if readonly:
                if version == 0:
                    raise StoreError(where, "no hadath store in this database")
                if version < SCHEMA_VERSION:
                    raise StoreError(where, "schema is out of date; open it once for writing")
                conn.execute("SET default_transaction_read_only = on")
            elif version < SCHEMA_VERSION:
                migrate(conn)
        except BaseException:
            conn.close()
            raise
    return conn


def has_store(url: str, timeout: float = 5.0) -> bool:
    """Whether the database at ``url`` holds a hadath store (of any schema version)."""
    where = display(url)
    psycopg = _needed_driver(where)
    with (
        translated(where),
        psycopg.connect(url, autocommit=True, connect_timeout=max(1, round(timeout))) as conn,
    ):
        return _version(conn) > 0


_WRITTEN = (
    "documents", "search", "segments", "actors", "events", "quotes", "claims",
    "happening_facets",
)  # fmt: skip


def can_write(conn: Any) -> bool:
    """Whether this session's role may store documents (insert every part, update happenings)."""
    row = conn.execute(
        "SELECT bool_and(has_table_privilege(t, 'INSERT'))"
        " AND has_table_privilege('happenings', 'INSERT, UPDATE')"
        " AND has_table_privilege('store_changes', 'UPDATE')"
        " FROM unnest(%s::text[]) AS t",
        [list(_WRITTEN)],
    ).fetchone()
    return bool(row[0])


def _version(conn: Any) -> int:
    exists = conn.execute("SELECT to_regclass('hadath_schema') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM hadath_schema").fetchone()[0])


def migrate(conn: Any) -> None:
    for number, statements in enumerate(MIGRATIONS, start=1):
        with conn.transaction():
            # Under the lock, re-read: another writer may have migrated meanwhile.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
            conn.execute("CREATE TABLE IF NOT EXISTS hadath_schema (version INTEGER NOT NULL)")
            if _version(conn) >= number:
                continue
            for statement in statements:
                if callable(statement):
                    statement(conn)
                else:
                    conn.execute(statement)
            conn.execute("INSERT INTO hadath_schema VALUES (%s)", [number])


def words(folded: str) -> str:
    """The words FTS5's tokenizer sees in ``folded``, space-separated for to_tsvector."""
    return " ".join(_WORD.findall(folded))


_WHERE = {
    table: {name.strip().strip('"'): i for i, name in enumerate(names.split(","))}
    for table, names in _PARTS.items()
}


def _with_folded(table: str, row: Sequence[Any]) -> list[Any]:
    at = [_WHERE[table][c] for c in _FOLDED.get(table, ())]
    return [*row, *(fold(row[i]) if isinstance(row[i], str) else None for i in at)]


def flush(
    conn: Any, batch: list[tuple[str, DocumentRows]]
) -> tuple[int, int, list[tuple[str, str]]]:
    """Store a batch in one transaction, each document under a savepoint.

    Returns (stored, duplicates, failures as (name, reason)); a document
    already stored (same id or same text, by this or a concurrent writer) is
    a duplicate, so a batch written twice stores nothing twice. The
    happenings of the stored documents are written last, in id order, as
    SQLite would in document order: concurrent writers sharing happenings
    then lock them in one order and cannot deadlock.
    """
    psycopg = _driver()
    per_document = (
        psycopg.DataError,
        psycopg.IntegrityError,
        psycopg.errors.ProgramLimitExceeded,  # a text too long for a tsvector
    )
    stored = duplicates = 0
    failed: list[tuple[str, str]] = []
    happenings: list[tuple[Any, ...]] = []
    # one pipeline: statements go out without waiting for each answer
    with conn.pipeline(), conn.transaction():
        for name, rows in batch:
            try:
                # in a pipeline the server's refusal may come only when the savepoint is
                # released: count the document once its block has ended without one
                with conn.transaction():
                    got = conn.execute(_INSERT_DOC, rows.document).fetchone()
                    if got is not None:
                        _insert_parts(conn, got[0], rows)
            except (*per_document, psycopg.ProgrammingError) as exc:
                if isinstance(exc, psycopg.ProgrammingError) and exc.sqlstate is not None:
                    raise  # from the server: a fault of the store, not of this document
                # a value psycopg cannot send (a dict where text belongs) or PostgreSQL refuses
                failed.append((name, f"cannot store: {str(exc).strip().splitlines()[0]}"))
                continue
            if got is None:
                duplicates += 1
            else:
                stored += 1
                happenings += rows.happenings
        if happenings:  # sorted by id only: one id's rows keep their document order
            with conn.cursor() as cur:
                cur.executemany(_UPSERT_HAPPENING, sorted(happenings, key=lambda h: h[0]))
        if stored:  # last: concurrent writers wait on this row only until the other commits
            conn.execute(BUMP_CHANGES)
    return stored, duplicates, failed


def _insert_parts(conn: Any, rowid: int, rows: DocumentRows) -> None:
    title, body, quotes = rows.search
    conn.execute(
        _INSERT_SEARCH, [rowid, title, body, quotes, words(title), words(quotes), words(body)]
    )
    with conn.cursor() as cur:
        for table, part in (
            ("segments", rows.segments), ("actors", rows.actors), ("events", rows.events),
            ("quotes", rows.quotes), ("claims", rows.claims), ("happening_facets", rows.facets),
        ):  # fmt: skip
            if part:
                values = [[rowid, *_with_folded(table, row)] for row in part]
                cur.executemany(_insert(table), values)
