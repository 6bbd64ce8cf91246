"""The Store: SCHEMA records, their events, quotes, actors and claims, in SQLite or PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from hadath.errors import HadathError, StoreError
from hadath.store import export as _export
from hadath.store import facets as _facets
from hadath.store import pg, queries
from hadath.store.cache import AnswerCache, key_of
from hadath.store.cameo import CameoTables
from hadath.store.dialect import POSTGRES, SQLITE, Db
from hadath.store.rows import DocumentRows, flatten
from hadath.store.schema import (
    BUMP_CHANGES,
    CHANGES,
    UPSERT_HAPPENING,
    analyze,
    connect,
    translated,
)

DEFAULT_DB = "hadath.db"


def default_db() -> str:
    """The store the commands use without ``--db``: ``$HADATH_DB``, else ``hadath.db``."""
    return os.environ.get("HADATH_DB") or DEFAULT_DB


Progress = Callable[[int, float], None]
T = TypeVar("T")

# an ingest storing at least this many documents refreshes the planner's statistics after it
LARGE_INGEST = 1000

_INSERT_DOC = (
    "INSERT OR IGNORE INTO documents (id, text_hash, title, language, published, outlet, path,"
    " url, format, n_events, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)
# Errors that concern one document's values, not the database: skip the document.
_DOCUMENT_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError)


class TimeLimit(Exception):
    """A query stopped by ``Store.time_limit`` before it finished."""


_QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by its timeout


@dataclass(frozen=True, slots=True)
class _Deadline(Db):
    """A PostgreSQL Db whose every query may run only until ``deadline`` (time.monotonic())."""

    deadline: float = 0.0
    stopped: str = ""

    def execute(self, sql: str, args: Any = ()) -> Any:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeLimit(self.stopped)
        self.conn.execute(f"SET statement_timeout = {max(1, int(left * 1000))}")
        return Db.execute(self, sql, args)


@dataclass(frozen=True, slots=True)
class Failure:
    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    failed: tuple[Failure, ...] = ()
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.stored + self.duplicates + len(self.failed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failed": [{"input": f.input, "reason": f.reason} for f in self.failed],
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class _Tally:
    stored: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)


# An item to store: (input name, record or None, failure reason or None).
Item = tuple[str, dict[str, Any] | None, str | None]


class Store:
    """A hadath event store: an SQLite file, or a PostgreSQL database given by URL.

    ``Store("news.db")`` opens (or creates) an SQLite file: one writer at a
    time (``BEGIN IMMEDIATE``), any number of readers (WAL).
    ``Store("postgresql://user@host/db")`` opens a PostgreSQL database (needs
    the ``postgres`` extra): any number of writers and readers. Both hold the
    same tables, answer the same queries with the same rows, and write
    documents in batches, each its own transaction: a killed ingest keeps
    every committed batch and a re-run skips what is stored.

    ``cache`` keeps the answers of the aggregates (``count_events``, ``facets``,
    ``places``, ``series``) and the pages of ``happening_page`` until the store
    changes, whichever process writes it (:mod:`hadath.store.cache`); stores of
    one path may share one, as the web server's threads do.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        readonly: bool = False,
        timeout: float = 5.0,
        cache: AnswerCache | None = None,
    ) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.postgres = pg.is_url(self.path)
        # what messages name: a PostgreSQL URL without its password
        self.name = pg.display(self.path) if self.postgres else self.path
        if self.postgres:
            self._db = Db(pg.connect(self.path, readonly=readonly, timeout=timeout), POSTGRES)
        else:
            self._db = Db(connect(path, readonly=readonly, timeout=timeout), SQLITE)
        self._conn = self._db.conn
        self._tables = CameoTables.load()
        self.cache = cache

    def _guard(self) -> AbstractContextManager[None]:
        """Database errors of this backend, as StoreError naming the store."""
        return pg.translated(self.name) if self.postgres else translated(self.path)

    def close(self) -> None:
        self._conn.close()

    def can_write(self) -> bool:
        """Whether documents can be stored here: not opened read-only and, on PostgreSQL,
        the role may insert the rows (a role granted only SELECT may not)."""
        if self.readonly:
            return False
        if not self.postgres:
            return True
        with self._guard():
            return pg.can_write(self._conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------

    def add(
        self,
        records: Iterable[dict[str, Any]],
        *,
        progress: Progress | None = None,
        batch_size: int = 200,
    ) -> IngestSummary:
        """Store SCHEMA records; duplicates (same id or same text) are counted, not stored."""

        def items() -> Iterator[Item]:
            for n, record in enumerate(records, start=1):
                name = record.get("id") if isinstance(record, dict) else None
                yield (str(name or f"record {n}"), record, None)

        return self._write(items(), progress, batch_size)

    def add_all(self, records: Iterable[dict[str, Any]]) -> IngestSummary:
        """Store ``records`` in one transaction: a writer killed meanwhile stores none of them,
        and storing them again (or concurrently, on PostgreSQL) stores nothing twice."""
        started = time.monotonic()
        tally = _Tally()
        batch: list[tuple[str, DocumentRows]] = []
        if self.readonly:
            raise StoreError(self.name, "store was opened read-only")
        for n, record in enumerate(records, start=1):
            name = str((record.get("id") if isinstance(record, dict) else None) or f"record {n}")
            try:
                batch.append((name, flatten(record, self._tables)))
            except (ValueError, TypeError, AttributeError) as exc:
                tally.failed.append(Failure(name, f"bad record: {exc}"))
        if batch:
            self._flush(batch, tally)
        self._after_ingest(tally.stored)
        return IngestSummary(
            tally.stored, tally.duplicates, tuple(tally.failed), time.monotonic() - started
        )

    def ingest(
        self,
        inputs: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        batch_size: int = 200,
        ctx: Any = None,
    ) -> IngestSummary:
        """Read files and folders through the pipeline and store every record."""
        from hadath.api import read_many  # the pipeline loads only when ingesting files

        def items() -> Iterator[Item]:
            for result in read_many(inputs, ctx=ctx):
                if result.error is not None:
                    yield (result.input, None, result.error.problem)
                else:
                    yield (result.input, result.record, None)

        return self._write(items(), progress, batch_size)

    def _write(self, items: Iterable[Item], progress: Progress | None, size: int) -> IngestSummary:
        if self.readonly:
            raise StoreError(self.name, "store was opened read-only")
        tally = _Tally()
        batch: list[tuple[str, DocumentRows]] = []
        started = time.monotonic()
        flushed_at = started
        for seen, (name, record, error) in enumerate(items, start=1):
            if error is not None or record is None:
                tally.failed.append(Failure(name, error or "no record"))
            else:
                try:
                    batch.append((name, flatten(record, self._tables)))
                except (ValueError, TypeError, AttributeError) as exc:
                    tally.failed.append(Failure(name, f"bad record: {exc}"))
            now = time.monotonic()
            # Flush on size, or after 2 s so a slow pipeline still commits often.
            if len(batch) >= size or (batch and now - flushed_at > 2.0):
                self._flush(batch, tally)
                batch = []
                flushed_at = now
            if progress is not None:
                progress(seen, now - started)
        if batch:
            self._flush(batch, tally)
        self._after_ingest(tally.stored)
        return IngestSummary(
            tally.stored, tally.duplicates, tuple(tally.failed), time.monotonic() - started
        )

    def _after_ingest(self, stored: int) -> None:
        """After a large ingest, the planner's statistics (those of a smaller store would have
        it scan tables an index narrows). Nothing stored depends on them: a store busy with
        another writer keeps its old ones until the next large ingest."""
        if stored < LARGE_INGEST:
            return
        try:
            with self._guard():
                if self.postgres:
                    self._conn.execute("ANALYZE")
                else:
                    analyze(self._conn)
        except StoreError:
            pass

    def _flush(self, batch: list[tuple[str, DocumentRows]], tally: _Tally) -> None:
        if self.postgres:
            with self._guard():
                stored, duplicates, failures = pg.flush(self._conn, batch)
            tally.stored += stored
            tally.duplicates += duplicates
            tally.failed.extend(Failure(name, reason) for name, reason in failures)
            return
        conn = self._conn
        stored = duplicates = 0
        failed: list[Failure] = []
        with self._guard():
            conn.execute("BEGIN IMMEDIATE")
            try:
                for name, rows in batch:
                    conn.execute("SAVEPOINT doc")
                    try:
                        cur = conn.execute(_INSERT_DOC, rows.document)
                        if cur.rowcount == 0:
                            duplicates += 1
                        else:
                            self._insert_parts(cur.lastrowid, rows)
                            stored += 1
                        conn.execute("RELEASE doc")
                    except _DOCUMENT_ERRORS as exc:
                        conn.execute("ROLLBACK TO doc")
                        conn.execute("RELEASE doc")
                        failed.append(Failure(name, f"cannot store: {exc}"))
                if stored:  # readers' cached counts are now out of date (hadath.store.cache)
                    conn.execute(BUMP_CHANGES)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        tally.stored += stored
        tally.duplicates += duplicates
        tally.failed.extend(failed)

    def _insert_parts(self, rowid: int | None, rows: DocumentRows) -> None:
        conn = self._conn
        conn.execute(
            "INSERT INTO search (rowid, title, body, quotes) VALUES (?,?,?,?)",
            (rowid, *rows.search),
        )
        for table, part in (
            ("segments", rows.segments), ("actors", rows.actors), ("events", rows.events),
            ("quotes", rows.quotes), ("claims", rows.claims), ("happening_facets", rows.facets),
        ):  # fmt: skip
            if part:
                marks = ",".join("?" * (len(part[0]) + 1))
                conn.executemany(
                    f"INSERT INTO {table} VALUES ({marks})", [(rowid, *row) for row in part]
                )
        conn.executemany(UPSERT_HAPPENING, rows.happenings)

    # ---- reading ---------------------------------------------------------

    def count(self) -> int:
        with self._guard():
            return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The SCHEMA record stored under ``doc_id``, or None."""
        with self._guard():
            row = self._db.execute("SELECT record FROM documents WHERE id = ?", [doc_id]).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def documents(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        with self._guard():
            return queries.documents(self._db, limit, offset)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        with self._guard():
            return queries.search(self._db, query, limit, offset)

    def events(
        self,
        *,
        limit: int | None = 100,
        offset: int = 0,
        dedup: bool = False,
        sort: str = "date",
        **filters: Any,
    ) -> list[dict[str, Any]]:
        return list(self.iter_events(limit=limit, offset=offset, dedup=dedup, sort=sort, **filters))

    def iter_events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        dedup: bool = False,
        sort: str = "date",
        **filters: Any,
    ) -> Iterator[dict[str, Any]]:
        """Event mentions (or, with ``dedup``, happenings) by date or by confidence."""
        flt = queries.EventFilter(**filters)
        fn = queries.iter_dedup_events if dedup else queries.iter_events
        with self._guard():
            yield from fn(self._db, flt, limit, offset, sort)

    def series(
        self, period: str = "month", by: str = "dyad", **filters: Any
    ) -> list[dict[str, Any]]:
        flt = queries.EventFilter(**filters)

        def compute() -> list[dict[str, Any]]:
            with self._guard():
                return queries.series(self._db, period, by, flt)

        return self._cached(("series", period, by, filters), compute)

    def changes(self) -> int:
        """How many writes have stored something here (by any process): the key of the cache."""
        with self._guard():
            return int(self._db.execute(CHANGES).fetchone()[0])

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, or the answer the cache kept for ``key`` at the current count of
        changes (read first: an answer is never older than the count it is kept under)."""
        if self.cache is None:
            return compute()
        try:
            hashable = key_of(key)
        except TypeError:  # a filter value of an odd kind: answered, not kept
            return compute()
        return self.cache.get(self.changes(), hashable, compute)

    def happening_page(
        self, *, limit: int = 100, offset: int = 0, sort: str = "date", **filters: Any
    ) -> list[dict[str, Any]]:
        """``events(dedup=True)``'s page, found faster (the page's happenings first)."""
        flt = queries.EventFilter(**filters)

        def compute() -> list[dict[str, Any]]:
            with self._guard():
                return _facets.happening_page(self._db, flt, sort=sort, limit=limit, offset=offset)

        return self._cached(("page", sort, limit, offset, filters), compute)

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Stop any query of this block that runs past ``seconds``: it raises TimeLimit.

        For the pages' aggregates, which may be left out rather than keep a
        reader waiting; nothing is written, so a stopped query loses nothing.
        SQLite checks the time from a progress handler; PostgreSQL is given,
        before each query of the block, the time left as its statement_timeout
        (reset at the end of the block).
        """
        deadline = time.monotonic() + seconds
        stopped = f"stopped after {seconds:g} s"
        if self.postgres:
            db = self._db
            self._db = _Deadline(db.conn, db.dialect, deadline, stopped)
            try:
                yield
            except StoreError as exc:
                if getattr(exc.__cause__, "sqlstate", None) == _QUERY_CANCELED:
                    raise TimeLimit(stopped) from None
                raise
            finally:
                self._db = db
                with self._guard():
                    self._conn.execute("RESET statement_timeout")
            return
        self._conn.set_progress_handler(lambda: time.monotonic() > deadline, 5000)
        try:
            yield
        except (StoreError, sqlite3.OperationalError) as exc:
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            if isinstance(cause, sqlite3.OperationalError) and "interrupt" in str(cause):
                raise TimeLimit(stopped) from None
            raise
        finally:
            self._conn.set_progress_handler(None, 0)

    def count_events(self, *, dedup: bool = True, **filters: Any) -> int:
        """How many happenings (or, without ``dedup``, mentions) match the filters."""
        flt = queries.EventFilter(**filters)

        def compute() -> int:
            with self._guard():
                return _facets.count_events(self._db, flt, dedup=dedup)

        return self._cached(("count", dedup, filters), compute)

    def facets(
        self,
        *,
        dedup: bool = True,
        top: int = 12,
        names: Iterable[str] = _facets.FACETS,
        **filters: Any,
    ) -> dict[str, list[tuple[str, int]]]:
        """Per facet (type, status, source, target, sector, place, outlet): values and counts."""
        flt = queries.EventFilter(**filters)
        out: dict[str, list[tuple[str, int]]] = {}
        for name in names:  # each kept alone: the events page asks for them one by one

            def compute(name: str = name) -> list[tuple[str, int]]:
                with self._guard():
                    found = _facets.facet_counts(self._db, flt, dedup=dedup, top=top, names=[name])
                return found[name]

            out[name] = self._cached(("facet", name, dedup, top, filters), compute)
        return out

    def places(
        self, *, dedup: bool = True, limit: int = 500, **filters: Any
    ) -> list[_facets.Place]:
        """The places of the matching events that have coordinates, with counts per quad class."""
        flt = queries.EventFilter(**filters)

        def compute() -> list[_facets.Place]:
            with self._guard():
                return _facets.places(self._db, flt, dedup=dedup, limit=limit)

        return self._cached(("places", dedup, limit, filters), compute)

    def actor_list(self) -> list[dict[str, Any]]:
        """Every actor code with its happenings, events, mentions and commonest names."""
        with self._guard():
            return _facets.actor_list(self._db)

    def actor_known(self, code: str) -> bool:
        with self._guard():
            return _facets.actor_known(self._db, code)

    def quotes(
        self, *, limit: int | None = 100, offset: int = 0, **filters: Any
    ) -> list[dict[str, Any]]:
        with self._guard():
            return list(queries.iter_quotes(self._db, limit=limit, offset=offset, **filters))

    def actors(
        self, *, limit: int | None = 100, offset: int = 0, **filters: Any
    ) -> list[dict[str, Any]]:
        with self._guard():
            return list(queries.iter_actors(self._db, limit=limit, offset=offset, **filters))

    def export(
        self, fmt: str, out: str | Path | IO[Any], *, what: str | None = None, **filters: Any
    ) -> int:
        """Stream a filtered selection to ``out`` (a path or an open file); returns rows written."""
        with self._guard():
            return _export.export(self._db, fmt, out, what=what, **filters)

    def integrity(self) -> str:
        """SQLite's integrity check ("ok"); on PostgreSQL, "ok" when every document has its
        search row (the server checks its own files)."""
        with self._guard():
            if self.postgres:
                missing = self._db.execute(
                    "SELECT COUNT(*) FROM documents d LEFT JOIN search s ON s.rowid = d.rowid"
                    " WHERE s.rowid IS NULL"
                ).fetchone()[0]
                return "ok" if missing == 0 else f"{missing} documents without a search row"
            return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])


__all__ = [
    "DEFAULT_DB", "Failure", "HadathError", "IngestSummary", "Store", "TimeLimit", "default_db",
]  # fmt: skip
